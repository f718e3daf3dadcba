/**
 * The Slack-compatible incoming-webhook payload: `text` (the fallback notifications show) and
 * `blocks` (a header, the fields, a link to the dashboard), in the survey's language. What people
 * typed is escaped for Slack's mrkdwn (&, <, >), so a comment cannot make links or mentions.
 */
import type { AlertEvent } from './alert-event.js';
import { alertLines } from './alert-texts.js';
import { postJson, type FetchLike, type SendResult } from './alert-http.js';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackPayload(event: AlertEvent): { text: string; blocks: unknown[] } {
  const lines = alertLines(event);
  return {
    text: escape(lines.subject),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: lines.subject.slice(0, 150) } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: lines.fields
            .map((f) => `*${escape(f.label)}:* ${escape(f.value)}`)
            .join('\n')
            .slice(0, 3000),
        },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `<${lines.open.url}|${escape(lines.open.label)}> · ${escape(event.id)}` }],
      },
    ],
  };
}

export function sendSlack(fetchFn: FetchLike, url: string, event: AlertEvent, timeoutMs: number): Promise<SendResult> {
  return postJson(fetchFn, url, JSON.stringify(slackPayload(event)), {}, timeoutMs);
}
