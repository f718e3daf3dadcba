/**
 * Never nag, site-wide: after a visitor answers or dismisses a popover survey, no popover shows for `cooldownDays`
 * (default 3); at most one popover shows per page view (a single-page app's route change is a new one), and
 * `popoversPerVisit` (default 1) per visit. Inline
 * surveys are page content: exempt, unless they opt in with `respect-cooldown` (then they wait out the cooldown,
 * and answering or dismissing one starts it). What this page view knows is kept on the hook (shared by the loader
 * and the renderer); the marks are stored only where the storage mode is `full`.
 */
import { hook, type PageView } from './loader/hook.js';
import { COOLDOWN_KEY, POPOVERS_KEY } from './loader/keys.js';
import { keeps, pageSettings, pageStorage, surveyStorage, type StorageMode } from './storage-mode.js';
import { NAVIGATE } from './triggers.js';

const DAY_MS = 864e5;
type Area = 'localStorage' | 'sessionStorage';

/** This page view's popovers; a single-page app's route change (triggers.ts) starts a new page view. */
let listening = false;
/**
 * The page view's marks: made with the stored ones (where the mode allows reading them), so that a mode lowered
 * later in this page view (which deletes them) still holds them for it.
 */
const view = (): PageView => {
  if (!listening) addEventListener(NAVIGATE, () => (view().shown = undefined));
  listening = true;
  return (hook().view ??= { lastAt: mark('localStorage', COOLDOWN_KEY), visit: mark('sessionStorage', POPOVERS_KEY) });
};

/** A stored mark as a number (0: none, unreadable, or not allowed by the mode). */
function mark(area: Area, key: string): number {
  try {
    return keeps(pageStorage(), 'all') ? Number(window[area].getItem(key)) || 0 : 0;
  } catch {
    return 0;
  }
}

/** Stores a mark (or removes it: undefined) where the mode allows; `own`: a survey's `storage`, which lowers it. */
function store(area: Area, key: string, value: number | undefined, own?: StorageMode): void {
  try {
    if (!keeps(surveyStorage(own), 'all')) return;
    if (value === undefined) window[area].removeItem(key);
    else window[area].setItem(key, String(value));
  } catch {
    // This page view's memory only.
  }
}

/** When a popover was last answered or dismissed, stored or in this page (ms; 0: never). */
const lastAt = () => Math.max(view().lastAt ?? 0, mark('localStorage', COOLDOWN_KEY));
/** Popovers shown in this visit. */
const shownInVisit = () => Math.max(view().visit ?? 0, mark('sessionStorage', POPOVERS_KEY));

/** True within `cooldownDays` of the last popover answered or dismissed on this site. */
export function inCooldown(now = Date.now()): boolean {
  const at = lastAt();
  return at > 0 && at <= now && now - at < (pageSettings().cooldownDays ?? 3) * DAY_MS;
}

/** True where `owner` may not show as a popover now: another one showed in this page view, or the visit's are used. */
export function popoverLimitReached(owner?: object): boolean {
  const { shown } = view();
  return shown ? shown !== owner : shownInVisit() >= (pageSettings().popoversPerVisit ?? 1);
}

/**
 * A popover (or an inline survey that respects the cooldown) was answered or dismissed: the cooldown starts. `own`:
 * the survey's `storage` (a survey that stores nothing leaves no mark either; the page view still holds it).
 */
export function startCooldown(own?: StorageMode, now = Date.now()): void {
  view().lastAt = now;
  store('localStorage', COOLDOWN_KEY, now, own);
}

/** Shows `owner`'s popover, unless the limits say no: then no other one shows in this page view, and it counts for the visit. */
export function showPopover(owner: object, show: () => void, own?: StorageMode): void {
  if (popoverLimitReached(owner)) return;
  const v = view();
  if (v.shown !== owner) store('sessionStorage', POPOVERS_KEY, (v.visit = shownInVisit() + 1), own);
  v.shown = owner;
  show();
}

/** The mode now allows the marks: what this page view knows is stored (keeping the later of each). */
export function storeCooldown(): void {
  const v = view();
  if (v.lastAt) store('localStorage', COOLDOWN_KEY, lastAt());
  if (v.visit) store('sessionStorage', POPOVERS_KEY, shownInVisit());
}

/** `reset()`: the cooldown and the visit's count are forgotten, stored and in this page view. */
export function forgetCooldown(owner: object): void {
  const v = view();
  v.lastAt = v.visit = undefined;
  if (v.shown === owner) v.shown = undefined;
  store('localStorage', COOLDOWN_KEY, undefined);
  store('sessionStorage', POPOVERS_KEY, undefined);
}
