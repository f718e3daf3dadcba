/**
 * The outbox: every response waits here, keyed by its id, until its endpoint confirmed it.
 * IndexedDB (database "csat-survey-outbox") makes it survive reloads, closed tabs and restarts.
 * When IndexedDB is missing, throws, hangs (3 s), loses its connection or is full, responses
 * are kept in memory instead and still sent; the console says so once.
 * Only the highest revision of a response is kept, and at most 500 responses. Where the storage mode keeps no
 * answers (`setStoring(false)`), or a survey's own mode says so (`putEntry(…, true)`), they live in memory only.
 */
import type { SurveyResponse } from './wire.js';
import { entryProblem, responseProblem } from './stored-response.js';
import type { RetryState } from './backoff.js';
import { Timeout, closableStore, readAll, transaction, withTimeout, type UseStore } from './idb.js';

export interface OutboxEntry extends RetryState {
  endpoint: string;
  headers?: Record<string, string>;
  response: SurveyResponse;
  /** Set by a tab that is sending the entry, where Web Locks are missing. */
  claim?: { owner: string; until: number };
}

export type NewEntry = Pick<OutboxEntry, 'endpoint' | 'headers' | 'response'>;

/** A stored record that is not a valid entry: moved aside, never sent. */
export interface CorruptRecord {
  key: IDBValidKey;
  value: unknown;
  problem: string;
}

/** "stored": in IndexedDB. "memory": kept in this page only. "unbuffered": the outbox is full. */
export type PutResult = 'stored' | 'memory' | 'unbuffered';

export const OUTBOX_DB = 'csat-survey-outbox';
export const MAX_BUFFERED = 500;

/** An outbox in the store `makeStore` opens (by default IndexedDB "csat-survey-outbox"), with its own memory. */
export function createOutbox(makeStore: () => UseStore = () => closableStore(OUTBOX_DB, 'responses')) {
  /** Entries IndexedDB could not take, sent from memory. */
  const volatile = new Map<string, OutboxEntry>();
  /** Everything this page knows to be pending: what the page-hide send can use without waiting. */
  const known = new Map<string, OutboxEntry>();
  /** Which put came last, so a read that raced with a put does not forget it. */
  const putOrder = new Map<string, number>();
  let puts = 0;
  let store: UseStore | undefined;
  let broken = false;
  let writeFailed = false;
  let warned = false;
  /** False while the storage mode keeps no answers: IndexedDB is neither read nor written. */
  let storing = true;
  /** Responses whose survey keeps them in memory whatever the page's mode. */
  const pinned = new Set<string>();

  const newer = (a: OutboxEntry | undefined, b: OutboxEntry) => !a || a.response.revision <= b.response.revision;

  function remember(map: Map<string, OutboxEntry>, entry: OutboxEntry): void {
    if (newer(map.get(entry.response.id), entry)) map.set(entry.response.id, entry);
  }

  function storageFailed(error: unknown): void {
    if (warned) return;
    warned = true;
    console.warn(
      '<csat-survey>: IndexedDB is not usable here: answers are kept in memory and sent, but one not delivered before the page closes is lost.',
      error,
    );
  }

  /**
   * Runs `body` in one transaction and resolves with its result once the transaction committed.
   * A failed connection is reopened once; a second failure, or a hang, leaves IndexedDB alone for
   * the rest of this page. A full disk fails only the write that hit it.
   */
  async function transact<T>(mode: IDBTransactionMode, body: (s: IDBObjectStore) => T): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (broken || !storing) throw new Error('IndexedDB is not available');
      try {
        return await withTimeout(transaction((store ??= makeStore()), mode, body));
      } catch (error) {
        storageFailed(error);
        store = undefined;
        if ((error as DOMException | undefined)?.name === 'QuotaExceededError') throw error;
        if (attempt > 0 || error instanceof Timeout) broken = true;
        if (broken) throw error;
      }
    }
  }

  /** A write inside a request callback: one that throws (a full disk can) aborts the transaction, never the page. */
  function write(s: IDBObjectStore, step: () => unknown): boolean {
    try {
      step();
      return true;
    } catch {
      try {
        s.transaction.abort();
      } catch {
        // Already aborted.
      }
      return false;
    }
  }

  /** Checks a record read back from IndexedDB; old records without retry state get a fresh one. */
  function validEntry(key: IDBValidKey, value: unknown): OutboxEntry | string {
    if (typeof value !== 'object' || value === null) return 'not an object';
    const v = value as Partial<OutboxEntry>;
    const problem = responseProblem(v.response) ?? entryProblem(v, v.response as SurveyResponse, key);
    if (problem) return problem;
    const response = v.response as SurveyResponse;
    return {
      ...(v as OutboxEntry),
      storedAt: v.storedAt ?? Date.parse(response.answeredAt),
      attempts: v.attempts ?? 0,
    };
  }

  /** Applies `change` to the stored entries with these ids, in one transaction (and to the memory copies). */
  async function update(ids: string[], change: (entry: OutboxEntry) => OutboxEntry | undefined): Promise<void> {
    for (const map of [volatile, known]) {
      for (const id of ids) {
        const entry = map.get(id);
        if (!entry) continue;
        const next = change(entry);
        if (next) map.set(id, next);
        else map.delete(id);
      }
    }
    try {
      await transact('readwrite', (s) => {
        for (const id of ids) {
          const read = s.get(id);
          read.onsuccess = () => {
            const old = validEntry(id, read.result);
            if (typeof old === 'string') return;
            const next = change(old);
            write(s, () => (next ? s.put(next, id) : s.delete(id)));
          };
        }
      });
    } catch {
      // Kept where it is; the memory copy is already changed.
    }
  }

  return {
    /**
     * Stores a response durably, keeping the retry state of an earlier revision. Resolves once it is
     * committed, or kept in memory when IndexedDB failed or already holds 500 responses. `now`: the delivery's clock.
     */
    async putEntry(fresh: NewEntry, now: number, memoryOnly = false): Promise<PutResult> {
      const { id } = fresh.response;
      const before = known.get(id) ?? volatile.get(id);
      const entry: OutboxEntry = { storedAt: now, attempts: 0, ...before, ...fresh };
      delete entry.claim;
      remember(known, entry);
      putOrder.set(id, ++puts);
      if (memoryOnly) pinned.add(id);
      if (memoryOnly || !storing) {
        const full = volatile.size >= MAX_BUFFERED && !volatile.has(id);
        remember(volatile, entry);
        return full ? 'unbuffered' : 'memory';
      }
      try {
        const result = await transact('readwrite', (s) => {
          const outcome = { full: false };
          const count = s.count();
          const read = s.get(id);
          read.onsuccess = () => {
            const stored = validEntry(id, read.result);
            const old = typeof stored === 'string' ? undefined : stored;
            if (!old && count.result >= MAX_BUFFERED) {
              outcome.full = true;
              return;
            }
            const next = old ? { ...entry, storedAt: old.storedAt, attempts: old.attempts } : entry;
            if (old?.notBefore !== undefined) next.notBefore = old.notBefore;
            if (newer(old, next)) write(s, () => s.put(next, id));
          };
          return outcome;
        });
        if (!result.full) return 'stored';
        remember(volatile, entry);
        return 'unbuffered';
      } catch {
        // Kept in memory either way, to be sent now; past 500 it counts as not buffered.
        const full = volatile.size >= MAX_BUFFERED && !volatile.has(id);
        writeFailed = true;
        remember(volatile, entry);
        return full ? 'unbuffered' : 'memory';
      }
    },

    /** Forgets responses once their endpoint confirmed this revision (or a later one). */
    removeDelivered(responses: SurveyResponse[]): Promise<void> {
      const revisions = new Map(responses.map((r) => [r.id, r.revision]));
      return update([...revisions.keys()], (e) =>
        e.response.revision <= (revisions.get(e.response.id) as number) ? undefined : e,
      );
    },

    /** Records a failed attempt (or any other retry-state change) on these responses. */
    updateRetry(ids: string[], next: (entry: OutboxEntry) => RetryState): Promise<void> {
      return update(ids, (e) => {
        const changed: OutboxEntry = { ...e, ...next(e) };
        delete changed.claim;
        return changed;
      });
    },

    /**
     * Claims entries for `owner` until `until`, where Web Locks are missing: an entry another tab
     * claimed and whose lease has not run out is left to it. Resolves with the ids now claimed.
     */
    async claim(ids: string[], owner: string, until: number, now: number): Promise<Set<string>> {
      const claimed = new Set(ids.filter((id) => volatile.has(id)));
      try {
        await transact('readwrite', (s) => {
          for (const id of ids) {
            const read = s.get(id);
            read.onsuccess = () => {
              const old = read.result as OutboxEntry | undefined;
              if (!old || typeof old !== 'object') return;
              const lease = old.claim;
              if (lease && lease.owner !== owner && lease.until > now && lease.until - now < 10 * 60_000) return;
              if (write(s, () => s.put({ ...old, claim: { owner, until } }, id))) claimed.add(id);
            };
          }
        });
      } catch {
        // Storage failed: only what is in memory can be claimed.
      }
      return claimed;
    },

    /** Everything waiting to be delivered, and the stored records that are not valid entries. */
    async readOutbox(): Promise<{ entries: OutboxEntry[]; corrupt: CorruptRecord[] }> {
      const all = new Map(volatile);
      const corrupt: CorruptRecord[] = [];
      const putsBefore = puts;
      try {
        const [keys, values] = await transact('readonly', (s) => [s.getAllKeys(), s.getAll()] as const);
        for (let i = 0; i < keys.result.length; i++) {
          const key = keys.result[i] as IDBValidKey;
          const value: unknown = values.result[i];
          const entry = validEntry(key, value);
          if (typeof entry === 'string') corrupt.push({ key, value, problem: entry });
          else remember(all, entry);
        }
      } catch {
        // Storage failed: what is in memory is all we have.
      }
      for (const [id, order] of putOrder) {
        const recent = known.get(id);
        if (order > putsBefore && recent) remember(all, recent);
      }
      putOrder.clear();
      known.clear();
      for (const entry of all.values()) known.set(entry.response.id, entry);
      return { entries: [...all.values()], corrupt };
    },

    /** Deletes a record that was moved aside. */
    async removeRecord(key: IDBValidKey): Promise<void> {
      try {
        await transact('readwrite', (s) => s.delete(key));
      } catch {
        // Left in place: it is moved aside again on the next read.
      }
    },

    /** True for a response kept in memory only (storage failed, or the outbox was full): it must go now. */
    inMemoryOnly(id: string): boolean {
      return volatile.has(id);
    },

    /** What this page last knew to be pending, without waiting: for the send at page hide. */
    knownEntries(): OutboxEntry[] {
      return [...known.values()];
    },

    /** "memory" once IndexedDB failed to keep an answer in this page, or while the storage mode keeps none. */
    storageMode(): 'indexeddb' | 'memory' {
      return broken || writeFailed || !storing ? 'memory' : 'indexeddb';
    },

    /**
     * The storage mode keeps answers (`on`) or not. Turned off with `move` (the mode was lowered), what is stored
     * moves to memory, to be sent from there, and the store is emptied, in one transaction; without (the page
     * starts so), the store is not touched. Turned on, what waits in memory is stored (but a pinned survey's).
     */
    async setStoring(on: boolean, move = true): Promise<void> {
      if (!on) {
        storing = false;
        if (!move) return;
        try {
          for (const [key, value] of await withTimeout(readAll((store ??= makeStore()), true))) {
            const entry = validEntry(key, value);
            if (typeof entry === 'string') continue;
            remember(volatile, entry);
            remember(known, entry);
          }
        } catch {
          // Nothing readable: the database is deleted next (delivery.ts).
        }
        return;
      }
      if (storing) return;
      storing = true;
      for (const entry of [...volatile.values()]) {
        const { id } = entry.response;
        if (pinned.has(id)) continue;
        volatile.delete(id);
        if ((await this.putEntry(entry, entry.storedAt)) !== 'stored') remember(volatile, entry);
      }
    },

    /** Drops every buffered response, in memory and in IndexedDB. */
    async clearOutbox(): Promise<void> {
      volatile.clear();
      known.clear();
      try {
        await transact('readwrite', (s) => s.clear());
      } catch {
        // Nothing stored to clear.
      }
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutbox>;

let page: OutboxStore | undefined;

/** The page's own, made on first use. */
export const pageOutbox = (): OutboxStore => (page ??= createOutbox());
