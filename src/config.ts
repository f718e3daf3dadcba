/**
 * The element's configuration, checked at the boundary (SPEC §5). A bad value never throws:
 * validateConfig() says which attribute, which value, and what is allowed.
 */
import * as z from 'zod/mini';
import { SURVEY_TYPES } from './scales.js';
import { SURVEY_ID, isMetadata, isStringMap } from './metadata.js';
import { isLanguageTag } from './localize.js';
import { isStringKey, type Strings } from './i18n/translation.js';
import { parseTrigger } from './triggers.js';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** An https: URL, a same-origin path, or http:// on the loopback host. */
export function isAllowedEndpoint(value: string): boolean {
  // A path, but not "//host" or "/\\host", which browsers resolve to another origin.
  if (value.startsWith('/')) return !/^\/[\\/]/.test(value);
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.includes(url.hostname));
  } catch {
    return false;
  }
}

const text = z.optional(z.string().check(z.maxLength(1000)));
const days = z.custom<number>((v) => typeof v === 'number' && v >= 0 && v <= 3650);

const configSchema = z.object({
  type: z.enum(SURVEY_TYPES),
  surveyId: z.string().check(z.regex(SURVEY_ID)),
  endpoint: z.string().check(z.refine(isAllowedEndpoint)),
  lang: z.optional(z.string().check(z.refine(isLanguageTag))),
  dir: z.optional(z.enum(['ltr', 'rtl'])),
  subject: text,
  question: text,
  lowLabel: text,
  highLabel: text,
  followUp: text,
  thanks: text,
  display: z.enum(['numbers', 'stars', 'faces']),
  comment: z.enum(['off', 'optional', 'required']),
  touchpoint: z.optional(z.string().check(z.maxLength(64))),
  theme: z.enum(['light', 'dark', 'auto']),
  includeQuery: z.boolean(),
  metadata: z.optional(z.custom<Record<string, string | number | boolean>>(isMetadata)),
  strings: z.optional(z.custom<Strings>((v) => isStringMap(v, isStringKey))),
  headers: z.optional(z.custom<Record<string, string>>((v) => isStringMap(v, (k) => HEADER_NAME.test(k)))),
  mode: z.enum(['inline', 'popover']),
  position: z.enum(['bottom-end', 'bottom-start', 'top-end', 'top-start']),
  trigger: z.string().check(z.refine((v) => !!parseTrigger(v))),
  sample: z.custom<number>((v) => typeof v === 'number' && v >= 0 && v <= 1),
  recontactDays: days,
  dismissDays: days,
  afterAnswer: z.enum(['hide', 'thanks']),
});

export type SurveyConfig = z.output<typeof configSchema>;
export type SurveyInput = z.input<typeof configSchema>;

const TEXT = 'text of at most 1000 characters';
const PROPERTIES = ['metadata', 'strings', 'headers'];

/** What each input accepts, as told to the page author. */
const ALLOWED: Record<keyof SurveyInput, string> = {
  type: 'one of "nps", "csat", "ces"',
  surveyId: '1–64 characters of a–z, 0–9, "-" and "_"',
  endpoint: 'an https: URL, a same-origin path such as "/responses", or an http://localhost URL',
  lang: 'a BCP 47 language tag such as "fa" or "en-US"',
  dir: '"ltr" or "rtl"',
  subject: TEXT,
  question: TEXT,
  lowLabel: TEXT,
  highLabel: TEXT,
  followUp: TEXT,
  thanks: TEXT,
  display: '"numbers", "stars" or "faces"',
  comment: '"off", "optional" or "required"',
  touchpoint: 'text of at most 64 characters',
  theme: '"light", "dark" or "auto"',
  includeQuery: 'a boolean attribute',
  metadata:
    'a flat object of at most 20 keys (1–64 characters) with strings of at most 500 characters, finite numbers or booleans',
  strings: 'an object of text names listed in the README with string values',
  headers: 'an object of header names with string values',
  mode: '"inline" or "popover"',
  position: '"bottom-end", "bottom-start", "top-end" or "top-start"',
  trigger: '"load", "delay:<seconds>s", "scroll:<0–100>%", "exit", "event:<name>" or "manual"',
  sample: 'a number from 0 to 1',
  recontactDays: 'a number of days from 0 to 3650',
  dismissDays: 'a number of days from 0 to 3650',
  afterAnswer: '"hide" or "thanks"',
};

/** `surveyId` -> `survey-id`; properties that have no attribute say so. */
const inputName = (key: string) =>
  PROPERTIES.includes(key) ? `${key} (property)` : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export interface ConfigIssue {
  attribute: string;
  value: unknown;
  allowed: string;
}

export type ConfigResult = { ok: true; config: SurveyConfig } | { ok: false; issues: ConfigIssue[]; message: string };

function show(value: unknown): string {
  if (value === undefined || value === null || value === '') return '(missing)';
  if (typeof value === 'string') return `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}"`;
  try {
    const json = JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    );
    return json.length > 120 ? `${json.slice(0, 120)}…` : json;
  } catch {
    return String(value);
  }
}

export function validateConfig(input: Record<keyof SurveyInput, unknown>): ConfigResult {
  const result = configSchema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  const seen = new Set<string>();
  const issues: ConfigIssue[] = [];
  for (const issue of result.error.issues) {
    const key = issue.path[0] as keyof SurveyInput;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ attribute: inputName(key), value: input[key], allowed: ALLOWED[key] });
  }
  const lines = issues.map((i) => `${i.attribute} = ${show(i.value)}: expected ${i.allowed}.`);
  return { ok: false, issues, message: `<csat-survey> is not shown: ${lines.join(' ')}` };
}
