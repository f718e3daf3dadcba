/**
 * The alert by e-mail, through SMTP (nodemailer, CSAT_SMTP_URL): plain text and HTML, in the
 * survey's language (Persian right to left), with the score, comment, touchpoint, page, metadata
 * and a link to the dashboard. Everything people typed is escaped in the HTML. The event id is the
 * Message-ID, so mail systems and people can tell a repeat.
 */
import type { AlertEvent } from './alert-event.js';
import { alertLines, type AlertLines } from './alert-texts.js';
import type { SendResult } from './alert-http.js';

/** The part of a nodemailer transport the collector uses. */
export interface MailTransport {
  sendMail(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    headers: Record<string, string>;
  }): Promise<unknown>;
}

const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export function emailMessage(event: AlertEvent): { subject: string; text: string; html: string } {
  const lines = alertLines(event);
  const text = [
    lines.subject,
    '',
    ...lines.fields.map((f) => `${f.label}: ${f.value}`),
    '',
    `${lines.open.label}: ${lines.open.url}`,
    '',
    lines.footer,
  ].join('\n');
  const align = lines.dir === 'rtl' ? 'right' : 'left';
  // A link (the page) reads left to right; metadata pairs each on a line and in their own direction,
  // so a Persian value does not swap places with an English key; any other text is isolated as it is.
  const value = (f: AlertLines['fields'][number]) =>
    f.link
      ? `<a href="${html(f.link)}" dir="ltr">${html(f.value)}</a>`
      : f.parts
        ? f.parts.map((p) => `<bdi dir="auto">${html(p)}</bdi>`).join('<br>')
        : `<bdi>${html(f.value)}</bdi>`;
  const rows = lines.fields
    .map(
      (f) =>
        `<tr><th scope="row" style="text-align:${align};padding:4px 8px;vertical-align:top;white-space:nowrap">${html(f.label)}</th>` +
        `<td style="padding:4px 8px;white-space:pre-wrap;overflow-wrap:anywhere;word-break:break-word">${value(f)}</td></tr>`,
    )
    .join('\n');
  const body = `<!doctype html>
<html lang="${lines.lang}" dir="${lines.dir}">
<head><meta charset="utf-8"><title>${html(lines.subject)}</title></head>
<body dir="${lines.dir}" style="font-family:Vazirmatn,Tahoma,Arial,sans-serif;text-align:${align};overflow-wrap:anywhere">
<h1 style="font-size:1.2em">${html(lines.subject)}</h1>
<table role="presentation" style="border-collapse:collapse;width:100%;max-width:48em">
${rows}
</table>
<p><a href="${html(lines.open.url)}">${html(lines.open.label)}</a></p>
<p style="color:#666;font-size:0.85em">${html(lines.footer)}</p>
</body>
</html>`;
  return { subject: lines.subject, text, html: body };
}

/** SMTP replies 5xx are permanent (the job is parked); anything else (4xx, no connection) is tried again. */
export async function sendEmail(
  transport: MailTransport,
  from: string,
  to: string,
  event: AlertEvent,
): Promise<SendResult> {
  const message = emailMessage(event);
  try {
    await transport.sendMail({
      from,
      to,
      ...message,
      messageId: `<${event.id}@csat-survey>`,
      headers: { 'X-Csat-Event-Id': event.id },
    });
    return { ok: true };
  } catch (error) {
    const e = error as Error & { responseCode?: number; code?: string };
    const code = e.responseCode;
    return {
      ok: false,
      permanent: code !== undefined && code >= 500 && code < 600,
      ...(code !== undefined && { status: code }),
      error: `SMTP: ${e.code ? `${e.code} ` : ''}${e.message}`.slice(0, 500),
    };
  }
}
