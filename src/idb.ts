/**
 * The little the stores (outbox, displays, dead letters, the visitor's state) need beyond idb-keyval: a store that
 * lets go of its connection when asked to, a timeout, and requests that resolve once their transaction committed.
 */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

export type { UseStore };

/** Rejects when `promise` has not settled within `ms`: IndexedDB can hang instead of failing. */
export class Timeout extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout('IndexedDB did not answer in time')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/**
 * An idb-keyval store that lets go of its connection when another tab (or the developer tools)
 * deletes or upgrades the database, and opens a new one on next use, instead of blocking them.
 */
export function closableStore(dbName: string, storeName: string): UseStore {
  let current: UseStore | undefined;
  return (mode, callback) => {
    const use = (current ??= createStore(dbName, storeName));
    return use(mode, (s) => {
      const db = s.transaction.db;
      db.onversionchange ??= () => {
        db.close();
        if (current === use) current = undefined;
      };
      return callback(s);
    });
  };
}

/** Runs `body` in one transaction and resolves with what it returns once the transaction committed. */
export function transaction<T>(store: UseStore, mode: IDBTransactionMode, body: (s: IDBObjectStore) => T): Promise<T> {
  return store(mode, (s) => {
    const result = body(s);
    return promisifyRequest(s.transaction).then(() => result);
  });
}

/** Makes one request on the store, and resolves with its result once the transaction committed. */
export async function request<R extends IDBRequest>(
  store: UseStore,
  mode: IDBTransactionMode,
  make: (s: IDBObjectStore) => R,
): Promise<R['result']> {
  return (await transaction(store, mode, make)).result;
}

/** Every [key, value] pair of the store, in key order; `take`: and empties the store, in the same transaction. */
export async function readAll(store: UseStore, take = false): Promise<Array<[IDBValidKey, unknown]>> {
  const [keys, values] = await transaction(store, take ? 'readwrite' : 'readonly', (s) => {
    const read = [s.getAllKeys(), s.getAll()] as const;
    if (take) s.clear();
    return read;
  });
  return keys.result.map((key, i) => [key, values.result[i]]);
}
