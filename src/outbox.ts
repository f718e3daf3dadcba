/**
 * The outbox: every response waits here, keyed by its id, until an endpoint confirmed it.
 * IndexedDB (database "csat-survey-outbox") makes it survive reloads and closed tabs; a
 * copy in memory keeps sending possible when IndexedDB is missing, broken or hangs.
 * Only the highest revision of a response is kept.
 */
import { clear, createStore, entries, promisifyRequest, type UseStore } from 'idb-keyval';
import type { SurveyResponse } from './wire.js';

export interface OutboxEntry {
  endpoint: string;
  headers?: Record<string, string>;
  response: SurveyResponse;
}

export const OUTBOX_DB = 'csat-survey-outbox';
const OPEN_TIMEOUT_MS = 3000;

const memory = new Map<string, OutboxEntry>();
let store: UseStore | undefined;
let warned = false;

function idb(): UseStore {
  return (store ??= createStore(OUTBOX_DB, 'responses'));
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('IndexedDB did not answer in time')), OPEN_TIMEOUT_MS);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function storageFailed(error: unknown): void {
  if (warned) return;
  warned = true;
  console.warn(
    '<csat-survey>: IndexedDB is not available here, so answers are kept in memory only. ' +
      'They are still sent right away, but one that cannot be delivered before this page closes will be lost.',
    error,
  );
}

/** Runs one read-write step on a stored entry and waits until it is committed. */
function change(id: string, step: (old: OutboxEntry | undefined, s: IDBObjectStore) => void): Promise<void> {
  return withTimeout(
    idb()('readwrite', (s) => {
      const read = s.get(id);
      read.onsuccess = () => step(read.result as OutboxEntry | undefined, s);
      return promisifyRequest(s.transaction);
    }),
  ).then(() => undefined);
}

const newer = (a: OutboxEntry | undefined, b: OutboxEntry) => !a || a.response.revision <= b.response.revision;

/** Stores a response durably. Resolves once it is committed (or kept in memory if storage failed). */
export async function putEntry(entry: OutboxEntry): Promise<void> {
  const { id } = entry.response;
  if (newer(memory.get(id), entry)) memory.set(id, entry);
  try {
    await change(id, (old, s) => {
      if (newer(old, entry)) s.put(entry, id);
    });
  } catch (error) {
    storageFailed(error);
  }
}

/** Forgets a response once its endpoint confirmed this revision (or a later one). */
export async function removeDelivered(id: string, revision: number): Promise<void> {
  const kept = memory.get(id);
  if (kept && kept.response.revision <= revision) memory.delete(id);
  try {
    await change(id, (old, s) => {
      if (old && old.response.revision <= revision) s.delete(id);
    });
  } catch (error) {
    storageFailed(error);
  }
}

/** Everything waiting to be delivered, the highest revision of each response. */
export async function pendingEntries(): Promise<OutboxEntry[]> {
  const all = new Map(memory);
  try {
    for (const [id, entry] of await withTimeout(entries<string, OutboxEntry>(idb()))) {
      if (newer(all.get(id), entry)) all.set(id, entry);
    }
  } catch (error) {
    storageFailed(error);
  }
  return [...all.values()];
}

/** Drops every buffered response, in memory and in IndexedDB. */
export async function clearOutbox(): Promise<void> {
  memory.clear();
  try {
    await withTimeout(clear(idb()));
  } catch (error) {
    storageFailed(error);
  }
}
