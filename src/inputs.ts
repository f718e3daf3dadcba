/**
 * The element's inputs, declared once. Each row gives the property, its attribute (false: property only), how the
 * attribute is read, the default and what it accepts. The reactive properties, the configuration check
 * (config.ts), the framework typings (frameworks/attributes.ts) and the manifest are all made from this table; what
 * each input does is in inputs.docs.ts, keyed by this table's names, so the page's code does not carry it. `lang`
 * and `dir` are the element's own HTML attributes: checked and documented here, read as they are.
 *
 * This module imports types only, so the manifest's build can read it as it is.
 */
import type { Strings } from './i18n/translation.js';
import type { PropertyOptions } from './reactive-host.js';

/** `trigger`: when the survey appears. */
export type TriggerValue = 'load' | 'exit' | 'manual' | `delay:${number}s` | `scroll:${number}%` | `event:${string}`;

/** The types an input's `type` names, where its values are not spelled out. */
export interface NamedTypes {
  string: string;
  number: number;
  boolean: boolean;
  TriggerValue: TriggerValue;
  Metadata: Record<string, string | number | boolean>;
  Strings: Strings;
  Headers: Record<string, string>;
}

export interface InputRow {
  /** The property. */
  readonly name: string;
  /** The attribute; false: a property only; 'native': an HTML attribute of every element, read as it is. */
  readonly attribute: string | false | 'native';
  /** The type, by name, unless `values` lists them. */
  readonly type?: keyof NamedTypes;
  /** Every value allowed, where they can be listed. */
  readonly values?: readonly string[];
  /** The value when nothing is given; none: `undefined`. */
  readonly default?: string | number | boolean;
  /** True: the survey is not shown without it. */
  readonly required?: boolean;
  /** What it accepts, as told to the page author when the value is wrong; where `values` lists them: those. */
  readonly allowed?: string;
}

const TEXT = 'text of at most 1000 characters';
const DAYS = 'a number of days from 0 to 3650';

export const INPUTS = [
  {
    name: 'type',
    attribute: 'type',
    values: ['nps', 'csat', 'ces'],
    required: true,
  },
  {
    name: 'surveyId',
    attribute: 'survey-id',
    type: 'string',
    required: true,
    allowed: '1–64 characters of a–z, 0–9, "-" and "_"',
  },
  {
    name: 'endpoint',
    attribute: 'endpoint',
    type: 'string',
    required: true,
    allowed: 'an https: URL, a same-origin path such as "/responses", or an http://localhost URL',
  },
  {
    name: 'lang',
    attribute: 'native',
    type: 'string',
    allowed: 'a BCP 47 language tag such as "fa" or "en-US"',
  },
  {
    name: 'dir',
    attribute: 'native',
    values: ['rtl', 'ltr'],
  },
  {
    name: 'subject',
    attribute: 'subject',
    type: 'string',
    allowed: TEXT,
  },
  { name: 'question', attribute: 'question', type: 'string', allowed: TEXT },
  {
    name: 'lowLabel',
    attribute: 'low-label',
    type: 'string',
    allowed: TEXT,
  },
  {
    name: 'highLabel',
    attribute: 'high-label',
    type: 'string',
    allowed: TEXT,
  },
  {
    name: 'followUp',
    attribute: 'follow-up',
    type: 'string',
    allowed: TEXT,
  },
  { name: 'thanks', attribute: 'thanks', type: 'string', allowed: TEXT },
  {
    name: 'display',
    attribute: 'display',
    values: ['numbers', 'stars', 'faces'],
    default: 'numbers',
  },
  {
    name: 'comment',
    attribute: 'comment',
    values: ['off', 'optional', 'required'],
    default: 'optional',
  },
  {
    name: 'touchpoint',
    attribute: 'touchpoint',
    type: 'string',
    allowed: 'text of at most 64 characters',
  },
  {
    name: 'theme',
    attribute: 'theme',
    values: ['light', 'dark', 'auto'],
    default: 'auto',
  },
  {
    name: 'includeQuery',
    attribute: 'include-query',
    type: 'boolean',
    default: false,
    allowed: 'a boolean attribute',
  },
  {
    name: 'metadata',
    attribute: false,
    type: 'Metadata',
    allowed:
      'a flat object of at most 20 keys (1–64 characters) with strings of at most 500 characters, finite numbers or booleans',
  },
  {
    name: 'strings',
    attribute: false,
    type: 'Strings',
    allowed: 'an object of text names listed in the README with string values',
  },
  {
    name: 'headers',
    attribute: false,
    type: 'Headers',
    allowed: 'an object of header names with string values',
  },
  {
    name: 'mode',
    attribute: 'mode',
    values: ['inline', 'popover'],
    default: 'inline',
  },
  {
    name: 'position',
    attribute: 'position',
    values: ['bottom-end', 'bottom-start', 'top-end', 'top-start'],
    default: 'bottom-end',
  },
  {
    name: 'trigger',
    attribute: 'trigger',
    type: 'TriggerValue',
    default: 'load',
    allowed: '"load", "delay:<seconds>s", "scroll:<0–100>%", "exit", "event:<name>" or "manual"',
  },
  {
    name: 'sample',
    attribute: 'sample',
    type: 'number',
    default: 1,
    allowed: 'a number from 0 to 1',
  },
  {
    name: 'recontactDays',
    attribute: 'recontact-days',
    type: 'number',
    default: 90,
    allowed: DAYS,
  },
  {
    name: 'dismissDays',
    attribute: 'dismiss-days',
    type: 'number',
    default: 7,
    allowed: DAYS,
  },
  {
    name: 'afterAnswer',
    attribute: 'after-answer',
    values: ['hide', 'thanks'],
    default: 'hide',
  },
  {
    name: 'storage',
    attribute: 'storage',
    values: ['full', 'answers', 'none'],
  },
  {
    name: 'respectCooldown',
    attribute: 'respect-cooldown',
    type: 'boolean',
    default: false,
    allowed: 'a boolean attribute',
  },
] as const satisfies readonly InputRow[];

/** What an input accepts, as told to the page author: its text, else its values (`"a", "b" or "c"`). */
export function allowedOf(row: InputRow): string {
  const quoted = (row.values ?? []).map((value) => `"${value}"`);
  return row.allowed ?? `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The reactive properties of the inputs (but `lang` and `dir`, read as they are): attribute, type, default. */
export function inputProperties(): Map<PropertyKey, PropertyOptions> {
  const properties = new Map<PropertyKey, PropertyOptions>();
  for (const row of INPUTS as readonly InputRow[]) {
    if (row.attribute !== 'native')
      properties.set(row.name, { attribute: row.attribute, type: row.type, default: row.default });
  }
  return properties;
}

type Row = (typeof INPUTS)[number];

/** The value type of one row. */
type ValueOf<R> = R extends { values: readonly (infer V)[] }
  ? V
  : R extends { type: infer N extends keyof NamedTypes }
    ? NamedTypes[N]
    : never;

/** Every input's name. */
export type InputName = Row['name'];

/** The inputs whose values the table lists. */
export type ListedName = Extract<Row, { values: unknown }>['name'];

/** Every input with its value type. */
export type InputValues = { [R in Row as R['name']]: ValueOf<R> };

/** The element's own properties: those with a default always hold a value; the others may be undefined. */
export type InputProperties = {
  [
    R in Row as R extends { attribute: 'native' } ? never : R extends { default: unknown } ? R['name'] : never
  ]: ValueOf<R>;
} & {
  [
    R in Row as R extends { attribute: 'native' } ? never : R extends { default: unknown } ? never : R['name']
  ]?: ValueOf<R>;
};

/** The attributes as a framework template writes them: numbers also as text, the required ones required. */
export type InputAttributes = {
  [R in Row as R extends { required: true; attribute: string } ? R['attribute'] : never]: ValueOf<R>;
} & {
  [
    R in Row as R extends { required: true }
      ? never
      : R extends { attribute: 'native' }
        ? R['name']
        : R extends { attribute: string }
          ? R['attribute']
          : never
  ]?: R extends { type: 'number' } ? number | `${number}` : ValueOf<R>;
};

/** The configuration once it is valid: what is required or has a default holds a value. */
export type InputConfig = {
  [R in Row as R extends { required: true } | { default: unknown } ? R['name'] : never]: ValueOf<R>;
} & {
  [R in Row as R extends { required: true } | { default: unknown } ? never : R['name']]?: ValueOf<R> | undefined;
};

/** The inputs that are properties only. */
export type InputPropertiesOnly = {
  [R in Row as R extends { attribute: false } ? R['name'] : never]?: ValueOf<R>;
};
