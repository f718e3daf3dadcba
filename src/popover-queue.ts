/** At most one popover survey visible at a time: the others wait their turn, in order. */
type Turn = { owner: object; show: () => void };

let current: object | undefined;
const waiting: Turn[] = [];

/** Calls `show` now if no other popover is visible, else when the ones before it have left. */
export function takeTurn(owner: object, show: () => void): void {
  if (current === owner) return show();
  if (!current) {
    current = owner;
    return show();
  }
  if (!waiting.some((t) => t.owner === owner)) waiting.push({ owner, show });
}

/** The popover left (closed, finished, hidden or removed): the next one may show. */
export function leaveTurn(owner: object): void {
  const index = waiting.findIndex((t) => t.owner === owner);
  if (index >= 0) waiting.splice(index, 1);
  if (current !== owner) return;
  current = undefined;
  const next = waiting.shift();
  if (next) takeTurn(next.owner, next.show);
}
