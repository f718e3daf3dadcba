/**
 * Displays waiting to be sent: IndexedDB database "csat-survey-displays", store "displays", keyed by
 * the display's id, apart from the answers' outbox so that displays never take an answer's place.
 * Best effort: at most 200 are kept, the oldest dropped first; a record that is not a valid display
 * is dropped; where IndexedDB fails (missing, throwing, hanging, full), they are kept in memory for
 * this page. The caller counts every drop.
 */
import { closableStore, readAll, request, withTimeout, type UseStore } from './idb.js';
import { displayProblem, entryProblem } from './stored-response.js';
import type { RetryState } from './backoff.js';
import type { SurveyDisplay } from './wire.js';

export interface DisplayEntry extends RetryState {
  endpoint: string;
  headers?: Record<string, string>;
  display: SurveyDisplay;
}

export const DISPLAYS_DB = 'csat-survey-displays';
export const MAX_DISPLAYS = 200;

/** Displays in the store `makeStore` opens (by default IndexedDB "csat-survey-displays"), with their own memory. */
export function createDisplays(makeStore: () => UseStore = () => closableStore(DISPLAYS_DB, 'displays')) {
  /** Everything this page knows to be waiting: for the send at page hide, the timer, and where IndexedDB fails. */
  let known = new Map<string, DisplayEntry>();
  let store: UseStore | undefined;
  /** Once IndexedDB failed (or hung) in this page, it is left alone: displays are best effort. */
  let broken = false;
  /** False while the storage mode keeps only answers, or nothing: displays wait in memory. */
  let storing = true;
  /** Displays whose survey keeps them in memory whatever the page's mode. */
  const pinned = new Set<string>();

  /** Runs one call on the store, or rejects (at once when IndexedDB failed before, or is not to be used). */
  async function idb<T>(call: (store: UseStore) => Promise<T>): Promise<T> {
    if (broken || !storing) throw 0;
    try {
      return await withTimeout(call((store ??= makeStore())));
    } catch (error) {
      broken = true;
      throw error;
    }
  }

  /** True for a stored record that is a valid entry under its key. */
  const valid = (key: IDBValidKey, v: Partial<DisplayEntry> | null) =>
    typeof v === 'object' &&
    v !== null &&
    v.storedAt !== undefined &&
    v.attempts !== undefined &&
    !(displayProblem(v.display) ?? entryProblem(v, v.display as SurveyDisplay, key));

  /**
   * Reads what is stored into `known`, deleting records that are not valid entries and the oldest
   * past 200. Resolves with how many were deleted.
   */
  async function load(): Promise<number> {
    let dropped = 0;
    try {
      const stored = new Map<string, DisplayEntry>();
      for (const [key, value] of await idb(readAll)) {
        if (valid(key, value as DisplayEntry)) stored.set(key as string, value as DisplayEntry);
        else {
          dropped++;
          await idb((s) => request(s, 'readwrite', (o) => o.delete(key)));
        }
      }
      // What only this page holds (a survey that keeps its displays in memory) stays known.
      for (const id of pinned) if (known.has(id)) stored.set(id, known.get(id) as DisplayEntry);
      known = stored;
    } catch {
      // IndexedDB failed, now or earlier in this page: what is in memory is all there is.
    }
    const oldest = [...known.values()].sort((a, b) => a.storedAt - b.storedAt);
    for (const entry of oldest.slice(0, Math.max(0, oldest.length - MAX_DISPLAYS))) {
      dropped++;
      await update(entry);
    }
    return dropped;
  }

  /** Replaces an entry with `next`, or removes it (no `next`), in memory and in IndexedDB. */
  async function update(entry: DisplayEntry, next?: DisplayEntry): Promise<void> {
    const { id } = entry.display;
    if (next) known.set(id, next);
    else known.delete(id);
    if (pinned.has(id)) return;
    try {
      await idb((s) => request(s, 'readwrite', (o) => (next ? o.put(next, id) : o.delete(id))));
    } catch {
      // Kept in memory only: at worst sent again (receivers keep a display once by id), or lost with the page.
    }
  }

  return {
    /**
     * Keeps a display (known to this page at once, then stored). Resolves with how many displays were
     * dropped to keep at most 200 (the oldest first), or for not being valid. `now`: the delivery's clock.
     */
    async putDisplay(
      fresh: Pick<DisplayEntry, 'endpoint' | 'headers' | 'display'>,
      now: number,
      memoryOnly = false,
    ): Promise<number> {
      const entry: DisplayEntry = { ...fresh, storedAt: now, attempts: 0 };
      if (memoryOnly) pinned.add(entry.display.id);
      await update(entry, entry);
      return load();
    },

    /** Everything waiting, and how many were dropped (not valid, or past 200). */
    async readDisplays(): Promise<{ entries: DisplayEntry[]; bad: number }> {
      const bad = await load();
      return { entries: [...known.values()], bad };
    },

    /** Replaces (`change` returns the entry) or removes (undefined) these entries. */
    async updateDisplays(list: DisplayEntry[], change: (entry: DisplayEntry) => DisplayEntry | undefined) {
      for (const entry of list) await update(entry, change(entry));
    },

    /** What this page last knew to be waiting, without waiting. */
    knownDisplays(): DisplayEntry[] {
      return [...known.values()];
    },

    /**
     * The storage mode keeps displays (`on`) or not. Turned off, IndexedDB is left alone (a lowered mode deletes
     * the database: delivery.ts); turned on, what waits in memory is stored (but a pinned survey's).
     */
    async setStoring(on: boolean): Promise<void> {
      const was = storing;
      storing = on;
      if (on && !was) for (const entry of [...known.values()]) await update(entry, entry);
    },

    /** Drops every waiting display, in memory and in IndexedDB. */
    async clearDisplays(): Promise<void> {
      known.clear();
      try {
        await idb((s) => request(s, 'readwrite', (o) => o.clear()));
      } catch {
        // Nothing stored to clear.
      }
    },
  };
}

export type DisplayStore = ReturnType<typeof createDisplays>;

let page: DisplayStore | undefined;

/** The page's own, made on first use. */
export const pageDisplays = (): DisplayStore => (page ??= createDisplays());
