/** Sends an alert event to one destination, whatever its kind; the URL is checked again at each send. */
import { urlProblem, type Destination } from './alert-destinations.js';
import type { AlertEvent } from './alert-event.js';
import type { FetchLike, SendResult } from './alert-http.js';
import { sendWebhook } from './alert-webhook.js';
import { sendSlack } from './alert-slack.js';
import { sendEmail, type MailTransport } from './alert-email.js';

export interface Senders {
  fetch: FetchLike;
  /** The SMTP transport; undefined when CSAT_SMTP_URL is not set. */
  mail: MailTransport | undefined;
  from: string;
  timeoutMs: number;
  allowHttpLoopback: boolean;
}

export function sendTo(senders: Senders, destination: Destination, event: AlertEvent, now: Date): Promise<SendResult> {
  if (destination.kind === 'email') {
    if (!senders.mail)
      return Promise.resolve({
        ok: false,
        permanent: true,
        error: 'CSAT_SMTP_URL is not set, so e-mail cannot be sent: set it, restart, then send the parked alerts again',
      });
    return sendEmail(senders.mail, senders.from, destination.target, event);
  }
  const problem = urlProblem(destination.target, senders.allowHttpLoopback);
  if (problem) return Promise.resolve({ ok: false, permanent: true, error: `url: ${problem}` });
  if (destination.kind === 'slack') return sendSlack(senders.fetch, destination.target, event, senders.timeoutMs);
  return sendWebhook(senders.fetch, destination.target, destination.secret ?? '', event, now, senders.timeoutMs);
}
