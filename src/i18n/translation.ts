/**
 * A language's texts. Placeholders in braces are replaced as plain text:
 * {subject} in the questions, {n} and {max} in option names.
 */
export interface Translation {
  /** BCP 47 language code, lower case: "fa", "en", "de"… */
  $code: string;
  /** The language's name in that language. */
  $name: string;
  $dir: 'ltr' | 'rtl';
  npsQuestion: string;
  npsQuestionNoSubject: string;
  npsLow: string;
  npsHigh: string;
  csatQuestion: string;
  csatQuestionNoSubject: string;
  csatLow: string;
  csatHigh: string;
  cesQuestion: string;
  cesQuestionNoSubject: string;
  cesLow: string;
  cesHigh: string;
  /** Names of the five faces of `display="faces"`, 1 to 5. */
  face1: string;
  face2: string;
  face3: string;
  face4: string;
  face5: string;
  /** Accessible name of a numbered option: "9 out of 10". */
  option: string;
  /** Accessible name of a star: "4 out of 5 stars". */
  starOption: string;
  followUp: string;
  followUpDetractor: string;
  followUpPassive: string;
  followUpPromoter: string;
  followUpLow: string;
  followUpHigh: string;
  optional: string;
  commentRequired: string;
  next: string;
  submit: string;
  skip: string;
  scoreSaved: string;
  thanks: string;
  close: string;
  /** Announced when a popover survey appears; {question} is the question. */
  surveyOpened: string;
  /** Shown under the comment box when a comment set by a script is over 2000 characters. */
  commentTooLong: string;
}

/** The keys a site may override through the `strings` property. */
export type StringKey = Exclude<keyof Translation, '$code' | '$name' | '$dir'>;
export type Strings = Partial<Record<StringKey, string>>;

import en from './en.js';
import fa from './fa.js';

const translations = new Map<string, Translation>([
  ['en', en],
  ['fa', fa],
]);

const listeners = new Set<() => void>();

/** Called whenever a translation is registered. */
export function onTranslationsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Adds (or replaces) a language. Call it before or after elements render: every
 * connected <csat-survey> picks it up on its next update.
 */
export function registerTranslation(...list: Translation[]): void {
  for (const t of list) translations.set(t.$code.toLowerCase(), t);
  for (const listener of listeners) listener();
}

/** The translation for a language tag: exact match, then its primary language, then English. */
export function translationFor(lang: string): Translation {
  const tag = lang.toLowerCase();
  return translations.get(tag) ?? translations.get(tag.split('-')[0] ?? '') ?? en;
}

export function isStringKey(key: string): key is StringKey {
  return !key.startsWith('$') && Object.hasOwn(en, key);
}

/** Fills {placeholders} with text. The result is always used as text, never as HTML. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
