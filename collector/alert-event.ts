/**
 * The alert event: what every destination receives, as the webhook's JSON body, and what the Slack
 * and e-mail texts are made from. Built at send time from the answer as stored then, so a job
 * revised before it was sent carries the latest revision.
 */
import type { AlertRule } from './alert-rules.js';

export interface AlertResponse {
  id: string;
  revision: number;
  surveyId: string;
  type: 'nps' | 'csat' | 'ces';
  score: number;
  comment: string | null;
  locale: string;
  touchpoint: string | null;
  pageUrl: string;
  metadata: Record<string, string | number | boolean> | null;
  answeredAt: string;
}

export interface AlertEvent {
  /** The event id: the same on every attempt to deliver this alert. */
  id: string;
  type: 'alert' | 'alert.follow-up' | 'test';
  createdAt: string;
  survey: { id: string; dashboard: string };
  rule: Pick<AlertRule, 'id' | 'name' | 'condition' | 'threshold' | 'words'>;
  response: AlertResponse;
}

export const SCALES = { nps: [0, 10], csat: [1, 5], ces: [1, 7] } as const;

/** The dashboard's address for a survey. */
export const dashboardLink = (publicUrl: string, surveyId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/dashboard/?survey=${encodeURIComponent(surveyId)}`;

/** The language of the alert's texts: the survey's (Persian when the answer was given in Persian). */
export const alertLanguage = (event: AlertEvent): 'fa' | 'en' => (/^fa\b/i.test(event.response.locale) ? 'fa' : 'en');

interface ResponseRow {
  id: string;
  revision: number;
  survey_id: string;
  type: AlertResponse['type'];
  score: number;
  comment: string | null;
  locale: string;
  touchpoint: string | null;
  page_url: string;
  metadata: AlertResponse['metadata'];
  answered_at: Date | string;
}

export const responseFromRow = (r: ResponseRow): AlertResponse => ({
  id: r.id,
  revision: Number(r.revision),
  surveyId: r.survey_id,
  type: r.type,
  score: Number(r.score),
  comment: r.comment,
  locale: r.locale,
  touchpoint: r.touchpoint,
  pageUrl: r.page_url,
  metadata: r.metadata,
  answeredAt: new Date(r.answered_at).toISOString(),
});

export function buildEvent(options: {
  eventId: string;
  followUp: boolean;
  test?: boolean;
  rule: AlertEvent['rule'];
  response: AlertResponse;
  publicUrl: string;
  now: Date;
}): AlertEvent {
  const { rule, response } = options;
  return {
    id: options.eventId,
    type: options.test ? 'test' : options.followUp ? 'alert.follow-up' : 'alert',
    createdAt: options.now.toISOString(),
    survey: { id: response.surveyId, dashboard: dashboardLink(options.publicUrl, response.surveyId) },
    rule: { id: rule.id, name: rule.name, condition: rule.condition, threshold: rule.threshold, words: rule.words },
    response,
  };
}

/** The event "Send a test" delivers: a made-up detractor, marked as a test. */
export function testEvent(eventId: string, publicUrl: string, now: Date, lang: 'fa' | 'en' = 'en'): AlertEvent {
  return buildEvent({
    eventId,
    followUp: false,
    test: true,
    rule: {
      id: 'test',
      name: lang === 'fa' ? 'آزمایش' : 'Test',
      condition: 'nps-detractor',
      threshold: null,
      words: [],
    },
    response: {
      id: '00000000-0000-4000-8000-000000000000',
      revision: 1,
      surveyId: 'test',
      type: 'nps',
      score: 3,
      comment: lang === 'fa' ? 'این یک پیام آزمایشی است.' : 'This is a test alert.',
      locale: lang,
      touchpoint: 'test',
      pageUrl: `${publicUrl.replace(/\/+$/, '')}/dashboard/`,
      metadata: null,
      answeredAt: now.toISOString(),
    },
    publicUrl,
    now,
  });
}
