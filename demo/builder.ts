/**
 * The snippet builder (demo/builder.html): the site owner picks the options, sees a live <csat-survey> and copies
 * the HTML to paste into a page. The snippet is plain text, built as a string and shown with textContent; every
 * value a person typed is escaped for the place it goes (an attribute value, a JavaScript string in a comment).
 */
import * as api from '../src/index.js';
import type { CsatSurveyElement } from '../src/element.js';
import { isAllowedEndpoint } from '../src/config.js';
import { SURVEY_ID } from '../src/metadata.js';
import { version } from '../package.json';

/** The pre-load stub: calls made before the script loads wait in `q`, and the script replays them. */
const STUB =
  "<script>window.CsatSurvey=window.CsatSurvey||{q:[],track:function(){this.q.push(['track',[].slice.call(arguments)])},flush:function(){this.q.push(['flush',[]])},configure:function(){this.q.push(['configure',[].slice.call(arguments)])}}</script>";
const BUILT_SCRIPT = '/dist/csat-survey.js';
const PREVIEW_ENDPOINT = '/v1/responses';
const EVENT_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const DEFAULT_SRC = `https://cdn.example.com/csat-survey@${version}/csat-survey.js`;

type Trigger = 'load' | 'delay' | 'scroll' | 'exit' | 'event' | 'manual';

interface Options {
  type: 'nps' | 'csat' | 'ces';
  display: 'numbers' | 'stars' | 'faces';
  surveyId: string;
  endpoint: string;
  lang: 'fa' | 'en';
  subject: string;
  touchpoint: string;
  comment: 'off' | 'optional' | 'required';
  theme: 'auto' | 'light' | 'dark';
  mode: 'inline' | 'popover';
  position: 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start';
  trigger: Trigger;
  delay: string;
  scroll: string;
  eventName: string;
  sample: string;
  recontactDays: string;
  dismissDays: string;
  colours: Array<[property: string, value: string]>;
  radius: string;
  src: string;
}

interface Problem {
  /** The id of the form control it is about. */
  field: string;
  message: string;
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the builder page`);
  return element as T;
}

const form = byId<HTMLFormElement>('options');
const input = (id: string) => byId<HTMLInputElement>(id);
const checked = <T extends string>(name: string) =>
  (form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? '') as T;

const COLOURS = [
  ['accent', '--csat-accent'],
  ['bg', '--csat-bg'],
  ['fg', '--csat-fg'],
] as const;

function read(): Options {
  return {
    type: checked('type'),
    display: checked('display'),
    surveyId: input('survey-id').value.trim(),
    endpoint: input('endpoint').value.trim(),
    lang: checked('lang'),
    subject: input('subject').value.trim(),
    touchpoint: input('touchpoint').value.trim(),
    comment: checked('comment'),
    theme: checked('theme'),
    mode: checked('mode'),
    position: byId<HTMLSelectElement>('position').value as Options['position'],
    trigger: byId<HTMLSelectElement>('trigger').value as Trigger,
    delay: input('delay').value.trim(),
    scroll: input('scroll').value.trim(),
    eventName: input('event-name').value.trim(),
    sample: input('sample').value.trim(),
    recontactDays: input('recontact-days').value.trim(),
    dismissDays: input('dismiss-days').value.trim(),
    colours: COLOURS.filter(([id]) => input(`${id}-on`).checked).map(([id, property]) => [property, input(id).value]),
    radius: input('radius').value.trim(),
    src: input('src').value.trim(),
  };
}

/** A whole number in [min, max], written as digits only. */
const isWhole = (value: string, min: number, max: number) =>
  /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max;

/** The share as it is written in the snippet: "0.25", never "0.250000001". */
const shareText = (value: string) => String(Number(Number(value).toFixed(4)));

function problems(o: Options): Problem[] {
  const found: Problem[] = [];
  const add = (field: string, message: string) => found.push({ field, message });
  if (!SURVEY_ID.test(o.surveyId)) add('survey-id', 'The survey id needs 1–64 characters of a–z, 0–9, “-” and “_”.');
  if (!o.endpoint) add('endpoint', 'The endpoint is required.');
  else if (!isAllowedEndpoint(o.endpoint)) {
    add('endpoint', 'The endpoint must be an https: URL, a path on your site starting with “/”, or http://localhost.');
  }
  if (o.trigger === 'delay' && !isWhole(o.delay, 0, 3600))
    add('delay', 'The delay is a whole number of seconds, 0–3600.');
  if (o.trigger === 'scroll' && !isWhole(o.scroll, 0, 100))
    add('scroll', 'The scroll depth is a whole percent, 0–100.');
  if (o.trigger === 'event' && !EVENT_NAME.test(o.eventName)) {
    add('event-name', 'The event name needs 1–64 letters, digits, “-”, “_”, “.” or “:”.');
  }
  const share = Number(o.sample);
  if (o.sample === '' || !Number.isFinite(share) || share < 0 || share > 1) {
    add('sample', 'The share of visitors is a number from 0 to 1, such as 0.25.');
  }
  if (!isWhole(o.recontactDays, 0, 3650)) add('recontact-days', 'Days after an answer: a whole number, 0–3650.');
  if (!isWhole(o.dismissDays, 0, 3650)) add('dismiss-days', 'Days after closing: a whole number, 0–3650.');
  if (o.radius !== '' && !isWhole(o.radius, 0, 48)) add('radius', 'The radius is a whole number of pixels, 0–48.');
  if (!o.src) add('src', 'Say where you host csat-survey.js.');
  return found;
}

/** The element's attributes, in a fixed order, leaving out every one that has its default value. */
function attributes(o: Options): Array<[name: string, value: string]> {
  const list: Array<[string, string]> = [['type', o.type]];
  if (o.type === 'csat' && o.display !== 'numbers') list.push(['display', o.display]);
  list.push(['survey-id', o.surveyId], ['endpoint', o.endpoint]);
  // The language is always written: without it the survey follows the host page's lang, which may be another one.
  list.push(['lang', o.lang]);
  if (o.subject) list.push(['subject', o.subject]);
  if (o.touchpoint) list.push(['touchpoint', o.touchpoint]);
  if (o.comment !== 'optional') list.push(['comment', o.comment]);
  if (o.theme !== 'auto') list.push(['theme', o.theme]);
  if (o.mode === 'popover') {
    list.push(['mode', 'popover']);
    if (o.position !== 'bottom-end') list.push(['position', o.position]);
  }
  const trigger =
    o.trigger === 'delay'
      ? `delay:${o.delay}s`
      : o.trigger === 'scroll'
        ? `scroll:${o.scroll}%`
        : o.trigger === 'event'
          ? `event:${o.eventName}`
          : o.trigger;
  if (trigger !== 'load') list.push(['trigger', trigger]);
  if (o.sample !== '' && Number.isFinite(Number(o.sample)) && Number(o.sample) !== 1) {
    list.push(['sample', shareText(o.sample)]);
  }
  if (o.recontactDays !== '90') list.push(['recontact-days', o.recontactDays]);
  if (o.dismissDays !== '7') list.push(['dismiss-days', o.dismissDays]);
  return list;
}

/** The custom properties, as `--csat-*` name and value. */
function customProperties(o: Options): Array<[string, string]> {
  const list = [...o.colours];
  if (o.radius !== '' && isWhole(o.radius, 0, 48)) list.push(['--csat-radius', `${Number(o.radius)}px`]);
  return list;
}

/** Escapes text for a double-quoted HTML attribute value. */
const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A single-quoted JavaScript string that is also safe inside <script> and inside an HTML comment. */
const jsString = (value: string) =>
  `'${value.replace(/[\\'<>\n\r\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`;

type Integrity =
  | { state: 'pending' }
  | { state: 'ok'; value: string; bytes: number }
  | { state: 'missing' }
  | { state: 'failed'; reason: string };

let integrity: Integrity = { state: 'pending' };

/** The README's one-line reservation for an inline survey (Reserving the survey's space). */
const RESERVATION =
  "csat-survey:not([mode='popover'], [data-csat-survey]):not(:defined) { display: block; min-block-size: 12rem }";

function snippet(o: Options): string {
  const lines = [STUB];
  const sri = integrity.state === 'ok' ? ` integrity="${integrity.value}" crossorigin="anonymous"` : '';
  lines.push(`<script src="${escapeAttribute(o.src)}"${sri} defer></script>`);
  const properties = customProperties(o);
  // Inline: the card's box is reserved until the element is defined, so the page does not move (README).
  const reserve = o.mode === 'inline' ? [`  ${RESERVATION}`] : [];
  if (properties.length > 0 || reserve.length > 0) {
    const theme = properties.length ? ['  csat-survey {', ...properties.map(([p, v]) => `    ${p}: ${v};`), '  }'] : [];
    lines.push('<style>', ...reserve, ...theme, '</style>');
  }
  lines.push('', '<csat-survey');
  for (const [name, value] of attributes(o)) lines.push(`  ${name}="${escapeAttribute(value)}"`);
  lines.push('></csat-survey>');
  if (o.trigger === 'event') {
    lines.push(
      '',
      '<!-- Shows the survey when your page sends the event, for example where it happens:',
      `<script>CsatSurvey.track(${jsString(o.eventName)})</script>`,
      '-->',
    );
  }
  return `${lines.join('\n')}\n`;
}

/* ------------------------------------------------------------------ the integrity hash of the built file */

const integrityStatus = byId<HTMLParagraphElement>('integrity-status');

function showIntegrity(): void {
  const code = (text: string) => {
    const el = document.createElement('code');
    el.textContent = text;
    return el;
  };
  integrityStatus.classList.toggle('warning', integrity.state === 'missing' || integrity.state === 'failed');
  switch (integrity.state) {
    case 'pending':
      integrityStatus.replaceChildren('Computing the integrity hash…');
      break;
    case 'ok':
      integrityStatus.replaceChildren(
        'Integrity: SHA-384 of ',
        code(BUILT_SCRIPT),
        ` as built here (${integrity.bytes.toLocaleString('en')} bytes, version ${version}).`,
      );
      break;
    case 'missing':
      integrityStatus.replaceChildren(
        'No built file at ',
        code(BUILT_SCRIPT),
        ': run ',
        code('npm run build'),
        ' to get the integrity hash. Until then the snippet has no integrity attribute.',
      );
      break;
    case 'failed':
      integrityStatus.replaceChildren(
        `The integrity hash could not be computed (${integrity.reason}), so the snippet has no integrity attribute.`,
      );
      break;
  }
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

async function computeIntegrity(): Promise<void> {
  integrity = { state: 'pending' };
  showIntegrity();
  try {
    const res = await fetch(BUILT_SCRIPT, { cache: 'no-store' });
    if (res.status === 404) {
      integrity = { state: 'missing' };
    } else if (!res.ok) {
      integrity = { state: 'failed', reason: `HTTP ${res.status}` };
    } else if (!crypto.subtle) {
      integrity = { state: 'failed', reason: 'Web Crypto needs https: or localhost' };
    } else {
      const bytes = await res.arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-384', bytes);
      integrity = { state: 'ok', value: `sha384-${base64(new Uint8Array(digest))}`, bytes: bytes.byteLength };
    }
  } catch (error) {
    integrity = { state: 'failed', reason: String(error) };
  }
  showIntegrity();
  update();
}

/* ------------------------------------------------------------------ the live preview */

const stage = byId<HTMLDivElement>('preview');
const previewNote = byId<HTMLParagraphElement>('preview-note');
const previewStatus = byId<HTMLParagraphElement>('preview-status');
const callShow = byId<HTMLButtonElement>('call-show');
const sendEvent = byId<HTMLButtonElement>('send-event');

let survey: CsatSurveyElement | undefined;
let surveyKey = '';

const POSITION_NAMES: Record<Options['position'], string> = {
  'bottom-end': 'bottom, end-side',
  'bottom-start': 'bottom, start-side',
  'top-end': 'top, end-side',
  'top-start': 'top, start-side',
};

function triggerNote(o: Options): string {
  switch (o.trigger) {
    case 'load':
      return 'It appears as soon as it is on the page.';
    case 'delay':
      return `It appears ${o.delay} seconds after it is put on the page (each change starts the wait again).`;
    case 'scroll':
      return `It appears once this page is scrolled ${o.scroll}% of the way down.`;
    case 'exit':
      return 'It appears when the pointer leaves the window towards the tabs or the address bar.';
    case 'event':
      return `It appears when the page sends the event “${o.eventName}”: press “Send the event”.`;
    case 'manual':
      return 'It appears only when your code calls show(): press “Call show()”.';
  }
}

/** Re-creates the survey when anything it is given changed, so its trigger starts again. */
function preview(o: Options, blocking: Problem[]): void {
  stage.lang = o.lang;
  stage.dir = o.lang === 'fa' ? 'rtl' : 'ltr';
  callShow.hidden = o.trigger !== 'manual';
  sendEvent.hidden = o.trigger !== 'event';
  sendEvent.textContent = `Send the event “${o.eventName}”`;

  const attrs = attributes(o).map(([name, value]): [string, string] =>
    name === 'endpoint' ? [name, PREVIEW_ENDPOINT] : [name, value],
  );
  const properties = customProperties(o);
  const key = JSON.stringify([attrs, properties, blocking.length > 0]);
  if (key === surveyKey) return;
  surveyKey = key;
  // Each preview is met as a new visitor would meet it: the one before is forgotten, and with it the page's
  // popover and the site-wide cooldown it may have started.
  survey?.reset?.();
  survey?.remove();
  survey = undefined;
  stage.classList.toggle('popover', o.mode === 'popover');

  if (blocking.length > 0) {
    previewNote.textContent = 'Fix the options marked in red to see the survey.';
    return;
  }
  const placement = o.mode === 'popover' ? `It floats at the ${POSITION_NAMES[o.position]} corner of this page. ` : '';
  const sampled =
    Number(o.sample) < 1
      ? ' With a share below 1, this browser may not be drawn to see it; “Show again” draws again.'
      : '';
  previewNote.textContent = `${placement}${triggerNote(o)}${sampled}`;

  const el = document.createElement('csat-survey');
  for (const [name, value] of attrs) el.setAttribute(name, value);
  for (const [property, value] of properties) el.style.setProperty(property, value);
  stage.append(el);
  survey = el;
}

function say(target: HTMLElement, message: string): void {
  target.textContent = '';
  // Emptied first and filled a moment later, so the same message is announced again.
  setTimeout(() => (target.textContent = message), 50);
}

byId<HTMLButtonElement>('show-again').addEventListener('click', () => {
  if (!survey) return say(previewStatus, 'There is no survey to show: fix the options first.');
  survey.reset();
  say(previewStatus, 'The survey forgot this visitor and asks again.');
});

callShow.addEventListener('click', () => {
  survey?.show();
  say(previewStatus, 'Called show().');
});

type Track = (name: string) => void;

/** CsatSurvey.track from the module if it exports one, else from the page's global. */
function findTrack(): Track | undefined {
  const fromModule = (api as unknown as { track?: unknown }).track;
  if (typeof fromModule === 'function') return fromModule as Track;
  const global = (window as unknown as { CsatSurvey?: { track?: unknown } }).CsatSurvey;
  if (global && typeof global.track === 'function') return (name) => (global.track as Track).call(global, name);
  return undefined;
}

sendEvent.addEventListener('click', () => {
  const name = read().eventName;
  const track = findTrack();
  if (!track) return say(previewStatus, 'CsatSurvey.track() is not available in this version of the survey yet.');
  track(name);
  say(previewStatus, `Sent the event “${name}”.`);
});

/* ------------------------------------------------------------------ the snippet, problems and copying */

const snippetCode = byId<HTMLElement>('snippet-code');
const snippetBox = byId<HTMLPreElement>('snippet');
const problemBox = byId<HTMLDivElement>('snippet-problems');
const problemList = byId<HTMLUListElement>('snippet-problem-list');
const copyStatus = byId<HTMLParagraphElement>('copy-status');
const contrast = byId<HTMLParagraphElement>('contrast');

let snippetText = '';

/** Marks each control with a problem, and clears the others. */
function showProblems(found: Problem[]): void {
  for (const error of form.querySelectorAll<HTMLElement>('.error')) {
    const field = error.id.replace(/-error$/, '');
    const problem = found.find((p) => p.field === field);
    error.textContent = problem?.message ?? '';
    const control = document.getElementById(field);
    if (problem) control?.setAttribute('aria-invalid', 'true');
    else control?.removeAttribute('aria-invalid');
  }
  problemBox.hidden = found.length === 0;
  problemList.replaceChildren(
    ...found.map((p) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${p.field}`;
      link.textContent = p.message;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        document.getElementById(p.field)?.focus();
      });
      item.append(link);
      return item;
    }),
  );
}

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function showContrast(o: Options): void {
  const colour = (property: string) => o.colours.find(([p]) => p === property)?.[1];
  const bg = colour('--csat-bg');
  const fg = colour('--csat-fg');
  contrast.classList.remove('warning');
  if (!bg || !fg) {
    contrast.textContent = '';
    return;
  }
  const [light, dark] = [luminance(bg), luminance(fg)].sort((a, b) => b - a) as [number, number];
  const ratio = (light + 0.05) / (dark + 0.05);
  const low = ratio < 4.5;
  contrast.classList.toggle('warning', low);
  contrast.textContent = `Text on background: ${ratio.toFixed(1)}:1${low ? ', below the 4.5:1 that text needs.' : '.'}`;
}

/** Shows only the fields the chosen options use. */
function showFields(o: Options): void {
  byId('display-group').hidden = o.type !== 'csat';
  byId('position-field').hidden = o.mode !== 'popover';
  byId('delay-field').hidden = o.trigger !== 'delay';
  byId('scroll-field').hidden = o.trigger !== 'scroll';
  byId('event-field').hidden = o.trigger !== 'event';
}

function update(): void {
  const o = read();
  const found = problems(o);
  showFields(o);
  showProblems(found);
  showContrast(o);
  snippetText = snippet(o);
  snippetCode.textContent = snippetText;
  // The endpoint and the script's address do not reach the preview, which sends to the development endpoint.
  preview(
    o,
    found.filter((p) => p.field !== 'endpoint' && p.field !== 'src'),
  );
}

function selectSnippet(): void {
  const range = document.createRange();
  range.selectNodeContents(snippetCode);
  const selection = getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  snippetBox.focus();
}

let clearCopyStatus: ReturnType<typeof setTimeout> | undefined;

byId<HTMLButtonElement>('copy').addEventListener('click', async () => {
  clearTimeout(clearCopyStatus);
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(snippetText);
    say(copyStatus, 'Copied');
    clearCopyStatus = setTimeout(() => (copyStatus.textContent = ''), 5000);
  } catch {
    selectSnippet();
    say(copyStatus, 'Could not copy by itself: the snippet is selected, press Ctrl+C (⌘C on a Mac).');
  }
});

/* ------------------------------------------------------------------ wiring the form */

const sample = input('sample');
const samplePercent = input('sample-percent');
const sampleOutput = byId<HTMLOutputElement>('sample-output');

function showPercent(percent: number): void {
  samplePercent.value = String(percent);
  samplePercent.setAttribute('aria-valuetext', `${percent}%`);
  sampleOutput.value = `${percent}%`;
}

sample.addEventListener('input', () => {
  const share = Number(sample.value);
  if (sample.value.trim() !== '' && share >= 0 && share <= 1) showPercent(Math.round(share * 100));
});
samplePercent.addEventListener('input', () => {
  const percent = Number(samplePercent.value);
  sample.value = shareText(String(percent / 100));
  showPercent(percent);
});

// Choosing a colour turns it on.
for (const [id] of COLOURS) input(id).addEventListener('input', () => (input(`${id}-on`).checked = true));

// The survey id follows the type while it is still one of the suggestions.
const SUGGESTED_IDS = ['home-nps', 'home-csat', 'home-ces'];
for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="type"]')) {
  radio.addEventListener('change', () => {
    const id = input('survey-id');
    if (SUGGESTED_IDS.includes(id.value)) id.value = `home-${radio.value}`;
  });
}

form.addEventListener('submit', (event) => event.preventDefault());
form.addEventListener('input', update);
form.addEventListener('change', update);
byId<HTMLButtonElement>('integrity-again').addEventListener('click', () => void computeIntegrity());

input('src').value = DEFAULT_SRC;
update();
void computeIntegrity();
