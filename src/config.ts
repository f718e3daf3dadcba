/**
 * The element's configuration, checked at the boundary (SPEC §5). A bad value never throws:
 * validateConfig() says which attribute, which value, and what is allowed.
 *
 * Checked by hand rather than with a schema library: a host page may add enumerable properties to
 * `Object.prototype` or replace `Object.keys`, and the check must give the same verdict there. The
 * object properties (`metadata`, `strings`, `headers`) are read once, into plain copies, inside a
 * try: a throwing getter or a Proxy is a configuration error, never an exception in the page.
 */
import { SURVEY_TYPES, type SurveyType } from './scales.js';
import { SURVEY_ID, isMetadata, isStringMap } from './metadata.js';
import { isLanguageTag } from './localize.js';
import { isStringKey, type Strings } from './i18n/translation.js';
import { parseTrigger } from './triggers.js';
import { ownEntries, toJson } from './json.js';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** An https: URL, a same-origin path, or http:// on the loopback host. */
export function isAllowedEndpoint(value: string): boolean {
  // A path, but not "//host" or "/\\host", which browsers resolve to another origin.
  if (value.startsWith('/')) return !/^\/[\\/]/.test(value);
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.indexOf(url.hostname) >= 0);
  } catch {
    return false;
  }
}

/** The configuration once it is valid. */
export interface SurveyConfig {
  type: SurveyType;
  surveyId: string;
  endpoint: string;
  lang?: string | undefined;
  dir?: 'ltr' | 'rtl' | undefined;
  subject?: string | undefined;
  question?: string | undefined;
  lowLabel?: string | undefined;
  highLabel?: string | undefined;
  followUp?: string | undefined;
  thanks?: string | undefined;
  display: 'numbers' | 'stars' | 'faces';
  comment: 'off' | 'optional' | 'required';
  touchpoint?: string | undefined;
  theme: 'light' | 'dark' | 'auto';
  includeQuery: boolean;
  metadata?: Record<string, string | number | boolean> | undefined;
  strings?: Strings | undefined;
  headers?: Record<string, string> | undefined;
  mode: 'inline' | 'popover';
  position: 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start';
  trigger: string;
  sample: number;
  recontactDays: number;
  dismissDays: number;
  afterAnswer: 'hide' | 'thanks';
}

export type SurveyInput = SurveyConfig;

type Check = (value: unknown) => boolean;

const oneOf =
  (...values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.indexOf(v) >= 0;
const string =
  (test: (s: string) => boolean): Check =>
  (v) =>
    typeof v === 'string' && test(v);
const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const number =
  (max: number): Check =>
  (v) =>
    typeof v === 'number' && v >= 0 && v <= max;

const TEXT = 'text of at most 1000 characters';
const text: [Check, string] = [optional(string((s) => s.length <= 1000)), TEXT];
const days: [Check, string] = [number(3650), 'a number of days from 0 to 3650'];

/** Every input in order, with its check and what it accepts, as told to the page author. */
const RULES: Array<[keyof SurveyInput, Check, string]> = [
  ['type', oneOf(...SURVEY_TYPES), 'one of "nps", "csat", "ces"'],
  ['surveyId', string((s) => SURVEY_ID.test(s)), '1–64 characters of a–z, 0–9, "-" and "_"'],
  [
    'endpoint',
    string(isAllowedEndpoint),
    'an https: URL, a same-origin path such as "/responses", or an http://localhost URL',
  ],
  ['lang', optional(string(isLanguageTag)), 'a BCP 47 language tag such as "fa" or "en-US"'],
  ['dir', optional(oneOf('ltr', 'rtl')), '"ltr" or "rtl"'],
  ['subject', ...text],
  ['question', ...text],
  ['lowLabel', ...text],
  ['highLabel', ...text],
  ['followUp', ...text],
  ['thanks', ...text],
  ['display', oneOf('numbers', 'stars', 'faces'), '"numbers", "stars" or "faces"'],
  ['comment', oneOf('off', 'optional', 'required'), '"off", "optional" or "required"'],
  ['touchpoint', optional(string((s) => s.length <= 64)), 'text of at most 64 characters'],
  ['theme', oneOf('light', 'dark', 'auto'), '"light", "dark" or "auto"'],
  ['includeQuery', (v) => typeof v === 'boolean', 'a boolean attribute'],
  [
    'metadata',
    optional(isMetadata),
    'a flat object of at most 20 keys (1–64 characters) with strings of at most 500 characters, finite numbers or booleans',
  ],
  [
    'strings',
    optional((v) => isStringMap(v, isStringKey)),
    'an object of text names listed in the README with string values',
  ],
  [
    'headers',
    optional((v) => isStringMap(v, (k) => HEADER_NAME.test(k))),
    'an object of header names with string values',
  ],
  ['mode', oneOf('inline', 'popover'), '"inline" or "popover"'],
  [
    'position',
    oneOf('bottom-end', 'bottom-start', 'top-end', 'top-start'),
    '"bottom-end", "bottom-start", "top-end" or "top-start"',
  ],
  [
    'trigger',
    string((s) => !!parseTrigger(s)),
    '"load", "delay:<seconds>s", "scroll:<0–100>%", "exit", "event:<name>" or "manual"',
  ],
  ['sample', number(1), 'a number from 0 to 1'],
  ['recontactDays', ...days],
  ['dismissDays', ...days],
  ['afterAnswer', oneOf('hide', 'thanks'), '"hide" or "thanks"'],
];

/** Properties that have no attribute. */
const PROPERTIES = ['metadata', 'strings', 'headers'];

/** `surveyId` -> `survey-id`; properties that have no attribute say so. */
const inputName = (key: string) =>
  PROPERTIES.indexOf(key) >= 0 ? `${key} (property)` : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

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
    const json = toJson(value, (v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    return json.length > 120 ? `${json.slice(0, 120)}…` : json;
  } catch {
    return String(value);
  }
}

/**
 * A plain copy of an object property, made once: its own enumerable values, nothing inherited.
 * Throws what a getter or a Proxy throws. Anything else is returned as given, for the check to judge.
 */
function plainCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of ownEntries(value)) copy[key] = item;
  return copy;
}

function describe(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return 'an exception';
  }
}

export function validateConfig(input: Record<keyof SurveyInput, unknown>): ConfigResult {
  const config = Object.create(null) as Record<string, unknown>;
  const issues: ConfigIssue[] = [];
  const lines: string[] = [];
  for (const [key, check, allowed] of RULES) {
    let value = input[key];
    let shown: string;
    try {
      if (PROPERTIES.indexOf(key) >= 0) value = plainCopy(value);
      if (check(value)) {
        config[key] = value;
        continue;
      }
      shown = show(value);
    } catch (error) {
      // A getter that throws, or a Proxy: the value cannot be read, so it is not shown either.
      shown = `(an object that throws when read: ${describe(error)})`;
    }
    const attribute = inputName(key);
    issues.push({ attribute, value: input[key], allowed });
    lines.push(`${attribute} = ${shown}: expected ${allowed}.`);
  }
  if (!issues.length) return { ok: true, config: config as unknown as SurveyConfig };
  return { ok: false, issues, message: `<csat-survey> is not shown: ${lines.join(' ')}` };
}
