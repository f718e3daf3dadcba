/**
 * When to try again, and when to give up (SPEC §4). Pure functions of the stored entry and the
 * device clock, which is not trusted: a wait that looks longer than any we would ever set means
 * the clock went back, so the entry is due; an answer expires only after 30 days *and* enough
 * failed attempts, so a clock that jumps ahead cannot purge it.
 */
export const BASE_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** The longest a Retry-After may hold us back. */
export const MAX_WAIT_MS = 60 * 60_000;
export const KEEP_MS = 30 * 24 * 60 * 60_000;
export const MIN_ATTEMPTS_TO_EXPIRE = 8;

export interface RetryState {
  /** When the response was first stored, on the device clock (ms). */
  storedAt: number;
  /** Failed attempts to deliver it so far. */
  attempts: number;
  /** Not to be sent by an automatic flush before this time (ms). */
  notBefore?: number;
}

/**
 * Exponential backoff with full jitter: a random wait between 0 and base × 2^(attempts − 1),
 * capped, but never shorter than the server's Retry-After.
 */
export function retryDelay(attempts: number, retryAfterSeconds?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
  const floor = retryAfterSeconds === undefined ? 0 : Math.min(retryAfterSeconds * 1000, MAX_WAIT_MS);
  return Math.max(random() * ceiling, floor);
}

export function isDue(state: RetryState, now: number): boolean {
  const wait = (state.notBefore ?? 0) - now;
  return wait <= 0 || wait > MAX_WAIT_MS;
}

export function isExpired(state: RetryState, now: number): boolean {
  return now - state.storedAt > KEEP_MS && state.attempts >= MIN_ATTEMPTS_TO_EXPIRE;
}

/** The state after one more failed attempt. A storedAt in the future (clock went back) restarts the 30 days. */
export function afterFailure(state: RetryState, delay: number, now: number): RetryState {
  return { storedAt: Math.min(state.storedAt, now), attempts: state.attempts + 1, notBefore: now + delay };
}
