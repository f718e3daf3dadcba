/**
 * The words of an alert in Slack and e-mail, in Persian and English, and the lines both are made
 * of: a headline (the score against its scale, the survey), then the comment, touchpoint, page,
 * metadata and the link to the dashboard. Numbers are written in the language's digits.
 */
import { SCALES, alertLanguage, type AlertEvent } from './alert-event.js';

const TEXTS = {
  en: {
    types: { nps: 'NPS', csat: 'CSAT', ces: 'CES' },
    headline: (type: string, score: string, max: string, survey: string) =>
      `${type} ${score} of ${max} on survey ${survey}`,
    followUp: 'Follow-up',
    test: 'Test alert',
    rule: 'Rule',
    score: 'Score',
    comment: 'Comment',
    noComment: '(no comment)',
    touchpoint: 'Touchpoint',
    page: 'Page',
    metadata: 'Metadata',
    answeredAt: 'Answered at',
    open: 'Open the survey in the dashboard',
    footer: 'Sent by csat-survey-collector. Event id',
  },
  fa: {
    types: { nps: 'NPS', csat: 'CSAT', ces: 'CES' },
    headline: (type: string, score: string, max: string, survey: string) =>
      `امتیاز ${score} از ${max} (${type}) در نظرسنجی ${survey}`,
    followUp: 'پیگیری',
    test: 'هشدار آزمایشی',
    rule: 'قاعده',
    score: 'امتیاز',
    comment: 'نظر',
    noComment: '(بدون نظر)',
    touchpoint: 'نقطهٔ تماس',
    page: 'صفحه',
    metadata: 'فراداده',
    answeredAt: 'زمان پاسخ',
    open: 'دیدن نظرسنجی در داشبورد',
    footer: 'فرستاده‌شده از csat-survey-collector. شناسهٔ رویداد',
  },
};

export interface AlertLines {
  lang: 'fa' | 'en';
  dir: 'rtl' | 'ltr';
  /** "Follow-up: " or "Test alert: " then the headline. */
  subject: string;
  headline: string;
  /**
   * Label and value of each field shown, in order (the comment first); `parts`: the value's pieces
   * (metadata's key: value pairs), for HTML to isolate each in its own direction.
   */
  fields: Array<{ label: string; value: string; link?: string; parts?: string[] }>;
  open: { label: string; url: string };
  footer: string;
}

export function alertLines(event: AlertEvent): AlertLines {
  const lang = alertLanguage(event);
  const t = TEXTS[lang];
  const number = (n: number) => new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US').format(n);
  const r = event.response;
  const headline = t.headline(t.types[r.type], number(r.score), number(SCALES[r.type][1]), r.surveyId);
  const prefix = event.type === 'test' ? `${t.test}: ` : event.type === 'alert.follow-up' ? `${t.followUp}: ` : '';
  const pairs = Object.entries(r.metadata ?? {}).map(([k, v]) => `${k}: ${String(v)}`);
  const metadata = pairs.join(lang === 'fa' ? '، ' : ', ');
  const when = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(r.answeredAt));
  return {
    lang,
    dir: lang === 'fa' ? 'rtl' : 'ltr',
    subject: `${prefix}${headline}`,
    headline,
    fields: [
      { label: t.comment, value: r.comment?.trim() ? r.comment : t.noComment },
      { label: t.score, value: `${number(r.score)} / ${number(SCALES[r.type][1])} (${t.types[r.type]})` },
      ...(r.touchpoint ? [{ label: t.touchpoint, value: r.touchpoint }] : []),
      { label: t.page, value: r.pageUrl, link: r.pageUrl },
      ...(metadata ? [{ label: t.metadata, value: metadata, parts: pairs }] : []),
      { label: t.answeredAt, value: `${when} UTC` },
      { label: t.rule, value: event.rule.name },
    ],
    open: { label: t.open, url: event.survey.dashboard },
    footer: `${t.footer} ${event.id}`,
  };
}
