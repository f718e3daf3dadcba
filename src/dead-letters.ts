/**
 * Dead letters: responses that will never be sent, with the reason, kept for the site owner
 * (database "csat-survey-dead-letters"): a response the endpoint refused for good, one that
 * expired after 30 days of failures, or a stored record that is not a valid response.
 * At most 500 are kept; when storage fails they stay in memory for this page.
 */
import { closableStore, readAll, request, withTimeout, type UseStore } from './idb.js';
import type { SurveyResponse } from './wire.js';

export type DeadLetterCode = 'refused' | 'expired' | 'corrupt-record';

export interface DeadLetter {
  endpoint?: string;
  /** The response, when it was a valid one. */
  response?: SurveyResponse;
  /** What was stored, when it was not a valid response. */
  raw?: unknown;
  reason: { code: DeadLetterCode; status?: number; message: string };
  /** When it was moved here (device clock, ms). */
  at: number;
}

export const DEAD_LETTER_DB = 'csat-survey-dead-letters';
const MAX_DEAD_LETTERS = 500;

/** Dead letters in the store `makeStore` opens (by default IndexedDB "csat-survey-dead-letters"), with their own memory. */
export function createDeadLetters(makeStore: () => UseStore = () => closableStore(DEAD_LETTER_DB, 'responses')) {
  const memory: DeadLetter[] = [];
  let store: UseStore | undefined;
  /** False while the storage mode keeps only answers, or nothing: dead letters stay in memory. */
  let storing = true;

  const idb = () => {
    if (!storing) throw 0;
    return (store ??= makeStore());
  };

  return {
    /** Keeps a dead letter. Resolves true once it is stored durably. */
    async putDeadLetter(letter: DeadLetter): Promise<boolean> {
      const key = letter.response
        ? `${letter.response.id}:${letter.response.revision}`
        : `corrupt:${letter.at}:${Math.random()}`;
      try {
        if ((await withTimeout(request(idb(), 'readonly', (s) => s.count()))) >= MAX_DEAD_LETTERS) return false;
        await withTimeout(request(idb(), 'readwrite', (s) => s.put(letter, key)));
        return true;
      } catch {
        store = undefined;
        if (memory.length < MAX_DEAD_LETTERS) memory.push(letter);
        return false;
      }
    },

    /** Every dead letter, stored and in memory. */
    async deadLetters(): Promise<DeadLetter[]> {
      try {
        return [...(await withTimeout(readAll(idb()))).map(([, letter]) => letter as DeadLetter), ...memory];
      } catch {
        return [...memory];
      }
    },

    /**
     * The storage mode keeps dead letters (`on`) or not. Turned off, IndexedDB is left alone (a lowered mode
     * deletes the database: delivery.ts); turned on, what is in memory is stored.
     */
    async setStoring(on: boolean): Promise<void> {
      const was = storing;
      storing = on;
      if (on && !was) for (const letter of memory.splice(0)) await this.putDeadLetter(letter);
    },

    async clearDeadLetters(): Promise<void> {
      memory.length = 0;
      try {
        await withTimeout(request(idb(), 'readwrite', (s) => s.clear()));
      } catch {
        store = undefined;
      }
    },
  };
}

export type DeadLetterStore = ReturnType<typeof createDeadLetters>;

let page: DeadLetterStore | undefined;

/** The page's own, made on first use. */
export const pageDeadLetters = (): DeadLetterStore => (page ??= createDeadLetters());
