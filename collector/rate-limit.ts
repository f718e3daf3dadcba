/** A fixed one-minute window per client: past `limit` requests, 429 with the seconds left. */
export function rateLimiter(limit: number, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (client: string): { ok: true } | { ok: false; retryAfter: number } => {
    const t = now();
    if (windows.size > 10_000) {
      for (const [key, w] of windows) if (t - w.start >= 60_000) windows.delete(key);
    }
    const w = windows.get(client);
    if (!w || t - w.start >= 60_000) {
      windows.set(client, { start: t, count: 1 });
      return { ok: true };
    }
    w.count++;
    return w.count <= limit
      ? { ok: true }
      : { ok: false, retryAfter: Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000)) };
  };
}
