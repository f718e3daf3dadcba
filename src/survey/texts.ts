/** The survey's words: the page's overrides (`strings`, the text attributes) over the language's own. */
import { html, type TemplateResult } from 'lit/html.js';
import type { SurveyConfig } from '../config.js';
import type { Locale } from '../localize.js';
import type { StringKey, Strings } from '../i18n/translation.js';
import { scoreGroup } from '../scales.js';

/** One text by name: the page's override, else the language's. */
export type Text = (key: StringKey) => string;

export const textOf =
  (strings: Strings | undefined, locale: Locale): Text =>
  (key) =>
    strings?.[key] ?? locale.t[key];

/**
 * The subject as it stands in the sentence: one that opens it ("our shop made it easy…") starts with a capital when
 * its first word is all lower case; a name written otherwise ("iPhone") is left as written.
 */
function subjectIn(sentence: string, subject: string): string {
  return sentence.startsWith('{subject}') && /^\p{Ll}+(\s|$)/u.test(subject)
    ? subject.charAt(0).toLocaleUpperCase() + subject.slice(1)
    : subject;
}

/** The question as plain text (the popover's name and its announcement). */
export function plainQuestion(config: SurveyConfig, text: Text): string {
  if (config.question) return config.question;
  if (!config.subject) return text(`${config.type}QuestionNoSubject`);
  const sentence = text(`${config.type}Question`);
  return sentence.replace('{subject}', subjectIn(sentence, config.subject));
}

/** The question as shown: the subject is isolated so a Latin name keeps its place in a Persian sentence. */
export function questionText(config: SurveyConfig, text: Text): TemplateResult | string {
  if (config.question || !config.subject) return plainQuestion(config, text);
  const sentence = text(`${config.type}Question`);
  // An overriding text may leave the subject out.
  if (!sentence.includes('{subject}')) return sentence;
  const [before = '', after = ''] = sentence.split('{subject}');
  return html`${before}<bdi>${subjectIn(sentence, config.subject)}</bdi>${after}`;
}

/** The follow-up question for the score's group: the attribute, else the group's text, else the general one. */
export function followUpQuestion(
  config: SurveyConfig,
  score: number,
  strings: Strings | undefined,
  text: Text,
): string {
  const group = scoreGroup(config.type, score);
  const key = `followUp${group[0]!.toUpperCase()}${group.slice(1)}` as StringKey;
  return config.followUp ?? strings?.[key] ?? strings?.followUp ?? text(key);
}
