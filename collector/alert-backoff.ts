/**
 * When a failed alert is tried again: exponential backoff with full jitter (a random time between
 * 0 and base × 2^(attempts − 1), at most `max`), so many alerts failing together do not come back
 * together; past `retryFor` since the alert was made, it is parked.
 */
export interface Backoff {
  baseMs: number;
  maxMs: number;
  retryForMs: number;
}

export function nextTry(
  policy: Backoff,
  attempts: number,
  createdAt: Date,
  now: Date,
  random: () => number,
): { dueAt: Date } | { giveUp: true } {
  const deadline = createdAt.getTime() + policy.retryForMs;
  if (now.getTime() >= deadline) return { giveUp: true };
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempts - 1, 40));
  const delay = Math.max(10, Math.floor(random() * ceiling));
  return { dueAt: new Date(Math.min(now.getTime() + delay, deadline)) };
}
