/**
 * Alert rules: when an answer raises an alert, and where it goes. A rule names a survey (or none:
 * every survey), a condition and one or more destinations (alert-destinations.ts). Conditions:
 *   nps-detractor   an NPS answer of 0 to 6
 *   csat-at-most    a CSAT answer of `threshold` or less (1 to 5)
 *   ces-at-most     a CES answer of `threshold` or less (1 to 7)
 *   any-comment     any answer with a comment
 *   comment-words   a comment holding any of `words`, folded the Persian way as the dashboard's search folds
 * This file checks rules (every problem names the field, the value and what is allowed) and matches
 * them against answers; alert-store.ts keeps them.
 */
import type { SurveyResponse } from '../src/wire.js';
import { foldText } from './search.js';

export const CONDITIONS = ['nps-detractor', 'csat-at-most', 'ces-at-most', 'any-comment', 'comment-words'] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface AlertRule {
  id: string;
  name: string;
  /** The survey it watches; null: every survey. */
  surveyId: string | null;
  condition: Condition;
  /** csat-at-most and ces-at-most: the highest score that alerts. */
  threshold: number | null;
  /** comment-words: the words (any one of them alerts). */
  words: string[];
  /** The ids of its destinations. */
  destinations: string[];
  enabled: boolean;
  source: 'database' | 'file';
}

/** What a rule reads of an answer. */
export type Answer = Pick<SurveyResponse, 'surveyId' | 'type' | 'score' | 'comment'>;

export const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const SURVEY_ID = /^[a-z0-9_-]{1,64}$/;
const MAX_WORDS = 20;
const THRESHOLD_RANGE: Partial<Record<Condition, [number, number]>> = {
  'csat-at-most': [1, 5],
  'ces-at-most': [1, 7],
};

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** A rule from JSON (the API or the alerts file), or the problems with it. */
export function parseRule(
  value: unknown,
  source: AlertRule['source'] = 'database',
): { ok: true; rule: AlertRule } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problems: [`rule: ${shown(value)} is not an object; expected {"id", "condition", ...}`] };
  const v = value as Record<string, unknown>;
  const id = v.id;
  if (typeof id !== 'string' || !ID.test(id))
    problems.push(
      `id: ${shown(id)}; expected 1-64 characters of a-z, 0-9, "-" and "_", starting with a letter or digit`,
    );
  const name = v.name ?? id;
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
    problems.push(`name: ${shown(name)}; expected a text of 1 to 200 characters`);
  const surveyId = v.surveyId ?? null;
  if (surveyId !== null && (typeof surveyId !== 'string' || !SURVEY_ID.test(surveyId)))
    problems.push(
      `surveyId: ${shown(surveyId)}; expected a survey id (1-64 characters of a-z, 0-9, "-" and "_"), or null for every survey`,
    );
  const condition = v.condition;
  if (typeof condition !== 'string' || !(CONDITIONS as readonly string[]).includes(condition))
    problems.push(`condition: ${shown(condition)}; expected one of ${CONDITIONS.join(', ')}`);
  const range = THRESHOLD_RANGE[condition as Condition];
  const threshold = v.threshold ?? null;
  if (range) {
    if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < range[0] || threshold > range[1])
      problems.push(
        `threshold: ${shown(threshold)}; ${String(condition)} needs a whole number from ${range[0]} to ${range[1]}`,
      );
  } else if (threshold !== null)
    problems.push(`threshold: ${shown(threshold)}; only csat-at-most and ces-at-most take one`);
  let words: string[] = [];
  const rawWords = v.words ?? [];
  if (typeof rawWords === 'string') words = rawWords.split(/[,،\n]/);
  else if (Array.isArray(rawWords) && rawWords.every((w) => typeof w === 'string')) words = rawWords as string[];
  else problems.push(`words: ${shown(rawWords)}; expected a list of words`);
  words = words.map((w) => w.trim()).filter(Boolean);
  if (condition === 'comment-words') {
    if (!words.length || words.length > MAX_WORDS || words.some((w) => w.length > 100 || !foldText(w)))
      problems.push(`words: ${shown(rawWords)}; comment-words needs 1 to ${MAX_WORDS} words of at most 100 characters`);
  } else if (words.length) problems.push(`words: ${shown(rawWords)}; only comment-words takes words`);
  const destinations = v.destinations;
  if (
    !Array.isArray(destinations) ||
    !destinations.length ||
    destinations.length > 20 ||
    !destinations.every((d) => typeof d === 'string' && ID.test(d))
  )
    problems.push(`destinations: ${shown(destinations)}; expected a list of 1 to 20 destination ids`);
  const enabled = v.enabled ?? true;
  if (typeof enabled !== 'boolean') problems.push(`enabled: ${shown(enabled)}; expected true or false`);
  const known = new Set([
    'id',
    'name',
    'surveyId',
    'condition',
    'threshold',
    'words',
    'destinations',
    'enabled',
    'source',
  ]);
  for (const key of Object.keys(v))
    if (!known.has(key)) problems.push(`${key}: not a field of a rule; expected ${[...known].join(', ')}`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    rule: {
      id: id as string,
      name: (name as string).trim(),
      surveyId: surveyId as string | null,
      condition: condition as Condition,
      threshold: range ? (threshold as number) : null,
      words,
      destinations: [...new Set(destinations as string[])],
      enabled: enabled as boolean,
      source,
    },
  };
}

/** Whether an answer meets a rule's condition (the rule's survey is checked too). */
export function matches(rule: AlertRule, answer: Answer): boolean {
  if (!rule.enabled) return false;
  if (rule.surveyId !== null && rule.surveyId !== answer.surveyId) return false;
  switch (rule.condition) {
    case 'nps-detractor':
      return answer.type === 'nps' && answer.score <= 6;
    case 'csat-at-most':
      return answer.type === 'csat' && answer.score <= (rule.threshold ?? 0);
    case 'ces-at-most':
      return answer.type === 'ces' && answer.score <= (rule.threshold ?? 0);
    case 'any-comment':
      return !!answer.comment?.trim();
    case 'comment-words': {
      if (!answer.comment) return false;
      const folded = foldText(answer.comment);
      return rule.words.some((word) => {
        const term = foldText(word);
        return term !== '' && folded.includes(term);
      });
    }
  }
}
