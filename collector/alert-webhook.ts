/**
 * The signed webhook: the event as JSON, with
 *   Csat-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the destination's secret>
 *   Csat-Event-Id:  <the event id>
 * (the scheme Stripe and GitHub use). A receiver recomputes the HMAC over the raw body, compares in
 * constant time, refuses a timestamp older than a few minutes, and drops an event id it has seen.
 */
import { createHmac } from 'node:crypto';
import type { AlertEvent } from './alert-event.js';
import { postJson, type FetchLike, type SendResult } from './alert-http.js';

/** The value of Csat-Signature for a body signed at `timestamp` (unix seconds). */
export function signature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export function sendWebhook(
  fetchFn: FetchLike,
  url: string,
  secret: string,
  event: AlertEvent,
  now: Date,
  timeoutMs: number,
): Promise<SendResult> {
  const body = JSON.stringify(event);
  const timestamp = Math.floor(now.getTime() / 1000);
  return postJson(
    fetchFn,
    url,
    body,
    { 'csat-signature': signature(secret, timestamp, body), 'csat-event-id': event.id },
    timeoutMs,
  );
}
