/** Rejects when `promise` has not settled within `ms`: IndexedDB can hang instead of failing. */
export class Timeout extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms = 3000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout('IndexedDB did not answer in time')), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
