/** What the IndexedDB stores (outbox, displays, dead letters) need beyond idb-keyval's store. */
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

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

/** Makes one request on the store, and resolves with its result once the transaction committed. */
export function request<R extends IDBRequest>(
  store: UseStore,
  mode: IDBTransactionMode,
  make: (s: IDBObjectStore) => R,
): Promise<R['result']> {
  return store(mode, (s) => {
    const made = make(s);
    return promisifyRequest(s.transaction).then(() => made.result);
  });
}

/** Every [key, value] pair of the store, in key order. */
export async function readAll(store: UseStore): Promise<Array<[IDBValidKey, unknown]>> {
  const [keys, values] = await store('readonly', (s) => {
    const both = [s.getAllKeys(), s.getAll()] as const;
    return promisifyRequest(s.transaction).then(() => both);
  });
  return keys.result.map((key, i) => [key, values.result[i]]);
}
