/**
 * The page's privacy settings (SPEC §6), one set per page, kept on the hook so that the loader, both chunks and
 * the npm entries read the same ones: the storage mode and the never-nag limits of popover surveys.
 *   - `full`: the outbox, the displays, the dead letters, the visitor's state and the cooldown marks are stored;
 *   - `answers`: only the outbox of answers the visitor gave (and its count for the loader); the rest lives in
 *     memory for the page view;
 *   - `none`: nothing is read from or written to any storage; answers are sent from memory.
 * Global Privacy Control lowers the default to `answers`; a mode the page set stands.
 */
import { hook } from './loader/hook.js';

export type StorageMode = 'full' | 'answers' | 'none';

/** From the most kept to the least. */
export const STORAGE_MODES: readonly StorageMode[] = ['full', 'answers', 'none'];

export interface PageSettings {
  /** Set by the page (`configure`, `data-storage`); unset: the default. */
  storage?: StorageMode;
  /** After a popover is answered or dismissed, no popover shows for this many days (default 3). */
  cooldownDays?: number;
  /** At most this many popovers in one visit (default 1). */
  popoversPerVisit?: number;
}

export const pageSettings = (): PageSettings => (hook().settings ??= {});

/** The page's mode now: as set, else `answers` where the browser sends Global Privacy Control, else `full`. */
export const pageStorage = (): StorageMode =>
  pageSettings().storage ??
  ((navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true ? 'answers' : 'full');

/** A survey's mode: its own `storage` lowers the page's, never raises it (consent is the page's). */
export const surveyStorage = (own?: StorageMode): StorageMode => {
  const page = pageStorage();
  return own && STORAGE_MODES.indexOf(own) > STORAGE_MODES.indexOf(page) ? own : page;
};

/** Whether `mode` keeps the answers' outbox (`answers`), or everything else too (`all`). */
export const keeps = (mode: StorageMode, what: 'answers' | 'all'): boolean =>
  mode === 'full' || (what === 'answers' && mode === 'answers');
