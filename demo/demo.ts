/**
 * The demo page's script: the panel of answers this page sent (from the element's csat-answer and csat-submit
 * events, marked when csat-delivered says the collector confirmed them), the markup under each survey, and the
 * properties of the "Your words and colours" survey. Everything is built with DOM APIs and textContent.
 */
import type { CsatSurveyElement, SurveyResponse } from '../src/element.js';

/** An answer this page sent, and whether the collector confirmed it. */
interface Received {
  receivedAt: string;
  response: SurveyResponse;
  delivered?: boolean;
}

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the demo page`);
  return element as T;
}

const list = byId<HTMLOListElement>('answers-list');
const empty = byId<HTMLParagraphElement>('answers-empty');
const status = byId<HTMLParagraphElement>('answers-status');

const TYPE_NAMES: Record<SurveyResponse['type'], string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** response id -> what is shown for it. */
const shown = new Map<string, { entry: Received; item: HTMLLIElement }>();

function field(fields: HTMLDListElement, label: string, value: string | Node, wide = false): void {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  if (wide) dd.className = 'wide';
  if (typeof value === 'string') dd.textContent = value;
  else dd.append(value);
  fields.append(dt, dd);
}

function render({ receivedAt, response: r }: Received): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'answer';
  item.dataset.receivedAt = receivedAt;
  const fields = document.createElement('dl');
  fields.className = 'answer-fields';
  const survey = document.createElement('code');
  survey.textContent = r.surveyId;
  field(fields, 'Survey', survey, true);
  field(fields, 'Type', TYPE_NAMES[r.type]);
  field(fields, 'Score', `${r.score} (${r.scale.min}–${r.scale.max})`);
  field(fields, 'Revision', String(r.revision));
  field(fields, 'Complete', r.complete ? 'yes' : 'no');
  field(fields, 'Locale', r.locale);
  const when = document.createElement('time');
  when.dateTime = receivedAt;
  when.textContent = time.format(new Date(receivedAt));
  field(fields, 'Answered', when);
  const state = document.createElement('span');
  state.className = 'answer-state';
  state.textContent = 'stored on this device, sending…';
  field(fields, 'Collector', state);
  if (r.comment) {
    const comment = document.createElement('span');
    comment.className = 'answer-comment';
    comment.dir = 'auto';
    comment.textContent = r.comment;
    field(fields, 'Comment', comment, true);
  }
  item.append(fields);
  return item;
}

/** Shows an entry unless a later revision of the same response is already shown. */
function add(entry: Received, fresh: boolean): void {
  const { id, revision } = entry.response;
  const old = shown.get(id);
  if (old && old.entry.response.revision >= revision) return;
  const item = render(entry);
  if (fresh) item.classList.add('fresh');
  old?.item.remove();
  shown.set(id, { entry, item });
  // Newest first: before the first listed item received no later than this one.
  const next = [...list.children].find((li) => ((li as HTMLElement).dataset.receivedAt ?? '') <= entry.receivedAt);
  list.insertBefore(item, next ?? null);
  updateCount();
}

function updateCount(): void {
  empty.hidden = shown.size > 0;
  const delivered = [...shown.values()].filter((s) => s.entry.delivered).length;
  status.textContent = `${shown.size} ${shown.size === 1 ? 'answer' : 'answers'}, ${delivered} confirmed by the collector`;
}

function listen(): void {
  const answered = (event: Event) =>
    add({ receivedAt: new Date().toISOString(), response: (event as CustomEvent<SurveyResponse>).detail }, true);
  document.addEventListener('csat-answer', answered);
  document.addEventListener('csat-submit', answered);
  document.addEventListener('csat-delivered', (event) => {
    for (const id of (event as CustomEvent<{ ids: string[] }>).detail.ids) {
      const kept = shown.get(id);
      if (!kept) continue;
      kept.entry.delivered = true;
      const state = kept.item.querySelector('.answer-state');
      if (state) state.textContent = 'delivered';
    }
    updateCount();
  });
  updateCount();
}

/** Shows each survey's markup under it, as text, so it can be copied. */
function showMarkup(): void {
  for (const survey of document.querySelectorAll<CsatSurveyElement>('main csat-survey')) {
    if (survey.closest('.hostile')) continue;
    const attributes = [...survey.attributes]
      .filter((a) => a.name !== 'id' && a.name !== 'class')
      .map((a) => `\n  ${a.name}="${a.value}"`);
    const details = document.createElement('details');
    details.className = 'markup';
    details.lang = 'en';
    details.dir = 'ltr';
    const summary = document.createElement('summary');
    summary.textContent = 'HTML';
    const pre = document.createElement('pre');
    const code = document.createElement('code');
    code.textContent = `<csat-survey${attributes.join('')}\n></csat-survey>`;
    pre.append(code);
    details.append(summary, pre);
    survey.after(details);
  }
}

/** Properties have no attribute: the Persian survey of "Your words and colours" gets them here. */
function setProperties(): void {
  const custom = byId<CsatSurveyElement>('custom-fa');
  custom.strings = {
    followUpLow: 'کجای بازگرداندن کالا سخت بود؟',
    followUpHigh: 'چه چیزی کار را برایتان آسان کرد؟',
    thanks: 'سپاس! نظرتان را به تیم پشتیبانی می‌رسانیم.',
  };
  custom.metadata = { plan: 'demo', returnReason: 'size', itemCount: 2 };
}

byId<HTMLButtonElement>('reset-all').addEventListener('click', () => {
  for (const survey of document.querySelectorAll<CsatSurveyElement>('csat-survey')) survey.reset();
});

// The element's events, for anyone watching the console.
for (const name of ['csat-show', 'csat-answer', 'csat-submit', 'csat-dismiss', 'csat-delivered', 'csat-error']) {
  document.addEventListener(name, (event) => console.info(name, (event as CustomEvent).detail));
}

setProperties();
showMarkup();
listen();
