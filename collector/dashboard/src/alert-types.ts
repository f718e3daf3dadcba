/**
 * What the Alerts page's components share: the shapes the alerts API answers with, the conditions
 * a rule may have, and the two events a component sends up to <alerts-app>: `alerts-changed` (say
 * this, and load the alerts again) and `alerts-failed` (a request failed; the page says how, or
 * asks for the token again).
 */
import { ApiError, type Api } from './api.js';
import type { AlertStrings } from './alert-strings.js';

export interface Destination {
  id: string;
  kind: 'webhook' | 'slack' | 'email';
  name: string;
  target: string;
  secret: string | null;
  source: 'database' | 'file';
}

export interface Rule {
  id: string;
  name: string;
  surveyId: string | null;
  condition: string;
  threshold: number | null;
  words: string[];
  destinations: string[];
  enabled: boolean;
  source: 'database' | 'file';
}

export interface Parked {
  eventId: string;
  ruleId: string;
  destinationId: string;
  attempts: number;
  lastError: string | null;
}

export interface Delivery {
  eventId: string | null;
  at: string;
  outcome: string;
  status: number | null;
  error: string | null;
  ms: number;
}

export interface Alerts {
  destinations: Destination[];
  rules: Rule[];
  parked: Parked[];
  email: boolean;
}

export const CONDITIONS = ['nps-detractor', 'csat-at-most', 'ces-at-most', 'any-comment', 'comment-words'];
export const MAX_SCORE: Record<string, number> = { 'csat-at-most': 5, 'ces-at-most': 7 };

/** A line for the page's status region, in the language shown when it is rendered. */
export interface Message {
  text: (t: AlertStrings) => string;
  kind: 'info' | 'error';
}

export type ChangedEvent = CustomEvent<{ message: Message; reload: boolean }>;
export type FailedEvent = CustomEvent<{ error: unknown }>;

/** Tells the page what happened (and, unless `reload` is false, to load the alerts again). */
export function announce(from: HTMLElement, message: Message, reload = true): void {
  from.dispatchEvent(new CustomEvent('alerts-changed', { bubbles: true, detail: { message, reload } }));
}

/** Tells the page a request failed. */
export function fail(from: HTMLElement, error: unknown): void {
  from.dispatchEvent(new CustomEvent('alerts-failed', { bubbles: true, detail: { error } }));
}

/**
 * Saves with PUT; a refusal (400, 409) is said in the status line as the collector worded it.
 * Returns whether it was saved.
 */
export async function put(from: HTMLElement, api: Api, path: string, body: unknown, done: Message): Promise<boolean> {
  try {
    await api.request(path, { method: 'PUT', body: JSON.stringify(body) });
    announce(from, done);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'http')
      announce(from, { text: (t) => t.problem(error.detail), kind: 'error' }, false);
    else fail(from, error);
    return false;
  }
}

/** The body the API takes for a rule, from a rule as listed. */
export const ruleBody = (r: Rule, changes: Partial<Rule> = {}) => {
  const v = { ...r, ...changes };
  return {
    name: v.name,
    surveyId: v.surveyId,
    condition: v.condition,
    ...(v.threshold !== null && { threshold: v.threshold }),
    ...(v.words.length > 0 && { words: v.words }),
    destinations: v.destinations,
    enabled: v.enabled,
  };
};

declare global {
  interface HTMLElementEventMap {
    'alerts-changed': ChangedEvent;
    'alerts-failed': FailedEvent;
  }
}
