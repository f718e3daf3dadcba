/**
 * The element's configuration, checked at the boundary (SPEC §5). A bad value never throws:
 * validateConfig() says which attribute, which value, and what is allowed.
 *
 * Checked by hand rather than with a schema library: a host page may add enumerable properties to
 * `Object.prototype` or replace `Object.keys`, and the check must give the same verdict there. The
 * object properties (`metadata`, `strings`, `headers`) are read once, into plain copies, inside a
 * try: a throwing getter or a Proxy is a configuration error, never an exception in the page.
 */
import { SURVEY_ID, isMetadata, isStringMap } from './metadata.js';
import { isLanguageTag } from './localize.js';
import { isStringKey } from './i18n/translation.js';
import { parseTrigger } from './triggers.js';
import { ownEntries, toJson } from './json.js';
import { INPUTS, allowedOf, type InputConfig, type InputName, type ListedName } from './inputs.js';

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
export type SurveyConfig = InputConfig;

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

const text = optional(string((s) => s.length <= 1000));
const days = number(3650);

/**
 * The check of every input whose values the table in inputs.ts does not list (it gives their order and what each
 * accepts); one whose values it lists is checked against them.
 */
const CHECKS: Record<Exclude<InputName, ListedName>, Check> = {
  surveyId: string((s) => SURVEY_ID.test(s)),
  endpoint: string(isAllowedEndpoint),
  lang: optional(string(isLanguageTag)),
  subject: text,
  question: text,
  lowLabel: text,
  highLabel: text,
  followUp: text,
  thanks: text,
  touchpoint: optional(string((s) => s.length <= 64)),
  includeQuery: (v) => typeof v === 'boolean',
  respectCooldown: (v) => typeof v === 'boolean',
  metadata: optional(isMetadata),
  strings: optional((v) => isStringMap(v, isStringKey)),
  headers: optional((v) => isStringMap(v, (k) => HEADER_NAME.test(k))),
  trigger: string((s) => !!parseTrigger(s)),
  sample: number(1),
  recontactDays: days,
  dismissDays: days,
};

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
  for (const row of INPUTS) {
    const { name: key, attribute } = row;
    const check =
      'values' in row
        ? 'default' in row || 'required' in row
          ? oneOf(...row.values)
          : optional(oneOf(...row.values))
        : CHECKS[key as keyof typeof CHECKS];
    let value = input[key];
    let shown: string;
    try {
      if (attribute === false) value = plainCopy(value);
      if (check(value)) {
        config[key] = value;
        continue;
      }
      shown = show(value);
    } catch (error) {
      // A getter that throws, or a Proxy: the value cannot be read, so it is not shown either.
      shown = `(an object that throws when read: ${describe(error)})`;
    }
    const allowed = allowedOf(row);
    const name = attribute === false ? `${key} (property)` : attribute === 'native' ? key : attribute;
    issues.push({ attribute: name, value: input[key], allowed });
    lines.push(`${name} = ${shown}: expected ${allowed}.`);
  }
  if (!issues.length) return { ok: true, config: config as unknown as SurveyConfig };
  return { ok: false, issues, message: `<csat-survey> is not shown: ${lines.join(' ')}` };
}

/** The element's inputs as given: its properties, and its own `lang` and `dir` attributes (`dir="auto"`: none). */
export function inputsOf(element: Element): Record<InputName, unknown> {
  const input = {} as Record<InputName, unknown>;
  for (const { name, attribute } of INPUTS) {
    const own = attribute === 'native' && element.getAttribute(name);
    input[name] =
      attribute !== 'native'
        ? (element as unknown as Record<string, unknown>)[name]
        : own && !(name === 'dir' && own === 'auto')
          ? own
          : undefined;
  }
  return input;
}
