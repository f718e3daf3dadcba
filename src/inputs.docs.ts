/**
 * What each input of the table (inputs.ts) does, for the manifest (dist/custom-elements.json) and editors. Kept
 * apart from the table so the page's code does not carry it; the type makes every input have its text.
 */
import type { INPUTS } from './inputs.js';

export const INPUT_DOCS: Record<(typeof INPUTS)[number]['name'], string> = {
  type: '`nps` (0–10), `csat` (1–5) or `ces` (1–7). Required.',
  surveyId: '1–64 characters of a–z, 0–9, `-`, `_`. Required.',
  endpoint: 'Where answers are POSTed: an https: URL, a same-origin path, or http://localhost. Required.',
  lang: "Language (BCP 47); built in: `fa`, `en`. Default: the nearest `lang` on an ancestor, else the document's, else `en`.",
  dir: 'Writing direction. Default: from the language.',
  subject: 'Text inserted into the default question ("How satisfied are you with {subject}?").',
  question: 'Replaces the question.',
  lowLabel: 'Replaces the label of the lowest score.',
  highLabel: 'Replaces the label of the highest score.',
  followUp: 'Replaces the follow-up question for every score group.',
  thanks: 'Replaces the thank-you.',
  display: 'CSAT only: `numbers`, `stars` or `faces`.',
  comment: 'The open question after the score: `off`, `optional` or `required`.',
  touchpoint: 'Where in the customer journey this was asked (≤ 64 characters).',
  theme: "`light`, `dark` or `auto` (follows the visitor's system).",
  includeQuery: "Sends the page URL's query string too.",
  metadata: 'Up to 20 flat values sent with the answer. Property only.',
  strings: 'Overrides any built-in text, by name (see the README). Property only.',
  headers: 'Extra request headers for the endpoint. Property only.',
  mode: '`inline` (in the page flow) or `popover` (floating, non-modal).',
  position: 'Popover corner, logical (flips in RTL): `bottom-end`, `bottom-start`, `top-end`, `top-start`.',
  trigger: 'When it appears: `load`, `delay:<n>s`, `scroll:<n>%`, `exit`, `event:<name>` or `manual`.',
  sample: "Share of visitors ever shown the survey, 0–1; each visitor's draw is remembered.",
  recontactDays: 'Days not to ask again after an answer.',
  dismissDays: 'Days not to ask again after the survey was closed without an answer.',
  afterAnswer:
    'What an answered inline survey shows on later page views within `recontact-days`: `hide` (nothing, once the visit in which it was answered is over) or `thanks` (the thank-you).',
  storage:
    "This survey's storage mode: `full`, `answers` or `none`. It can only lower the page's mode (`CsatSurvey.configure({ storage })`), never raise it.",
  respectCooldown:
    'An inline survey that waits out the site-wide cooldown after a popover was answered or dismissed, and starts it when answered or dismissed.',
};
