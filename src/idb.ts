/**
 * The little of IndexedDB the stores (outbox, displays, dead letters, the visitor's state) use: one object store
 * per database, opened on first use, and a request that resolves once its transaction committed.
 */

/**
 * An object store, as idb-keyval makes one: runs `callback` in a new transaction of `mode` and resolves with what
 * it returns. A test may give one of idb-keyval's own.
 */
export type UseStore = <T>(
  mode: IDBTransactionMode,
  callback: (store: IDBObjectStore) => T | PromiseLike<T>,
) => Promise<T>;

/** Rejects when `promise` has not settled within `ms`: IndexedDB can hang instead of failing. */
export class Timeout extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout('IndexedDB did not answer in time')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Resolves with a request's result once it succeeded (a transaction: once it committed); rejects with its error. */
function settled<T>(request: IDBRequest<T> | IDBTransaction): Promise<T> {
  return new Promise((resolve, reject) => {
    const r = request as IDBRequest<T> & IDBTransaction;
    r.oncomplete = r.onsuccess = () => resolve(r.result);
    r.onabort = r.onerror = () => reject(r.error);
  });
}

/**
 * The store `storeName` of database `dbName` (made when the database is new). The connection is let go when
 * the browser closes it, or when another tab (or the developer tools) deletes or upgrades the database, instead
 * of blocking them; the next use opens a new one.
 */
export function closableStore(dbName: string, storeName: string): UseStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = () => {
    const opening = indexedDB.open(dbName);
    opening.onupgradeneeded = () => opening.result.createObjectStore(storeName);
    const opened = (db = settled(opening));
    const forget = () => {
      if (db === opened) db = undefined;
    };
    opened.then((connection) => {
      connection.onclose = forget;
      connection.onversionchange = () => {
        connection.close();
        forget();
      };
    }, forget);
    return opened;
  };
  return (mode, callback) =>
    (db ?? open()).then((connection) => callback(connection.transaction(storeName, mode).objectStore(storeName)));
}

/** Runs `body` in one transaction and resolves with what it returns once the transaction committed. */
export function transaction<T>(store: UseStore, mode: IDBTransactionMode, body: (s: IDBObjectStore) => T): Promise<T> {
  return store(mode, (s) => {
    const result = body(s);
    return settled(s.transaction).then(() => result);
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

/** Every [key, value] pair of the store, in key order. */
export async function readAll(store: UseStore): Promise<Array<[IDBValidKey, unknown]>> {
  const [keys, values] = await transaction(store, 'readonly', (s) => [s.getAllKeys(), s.getAll()] as const);
  return keys.result.map((key, i) => [key, values.result[i]]);
}
