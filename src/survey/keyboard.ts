/**
 * Where the keys of the scale move the focus. Arrows move it the way they point on screen (mirrored in RTL);
 * they never choose: only Space and Enter do.
 */

/** What a key does on the option at `index` of `count`: choose it, move to another option, or nothing. */
export function keyAction(key: string, index: number, count: number, rtl: boolean): 'choose' | number | undefined {
  if (key === 'Enter' || key === ' ') return 'choose';
  const forward = rtl ? -1 : 1;
  const to =
    key === 'ArrowRight'
      ? index + forward
      : key === 'ArrowLeft'
        ? index - forward
        : key === 'ArrowDown'
          ? index + 1
          : key === 'ArrowUp'
            ? index - 1
            : key === 'Home'
              ? 0
              : key === 'End'
                ? count - 1
                : undefined;
  return to === undefined ? undefined : Math.min(Math.max(to, 0), count - 1);
}
