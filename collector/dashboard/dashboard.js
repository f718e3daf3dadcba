// The collector's dashboard: the surveys, and for the chosen one its figure with the margin of
// error, the trend per day, the distribution, the groups, the touchpoints and the latest comments,
// in Persian or English. Plain ES modules, no build step, no dependencies.
//
// Security: the page runs under a strict CSP (no inline scripts or styles). Everything that comes
// from the collector (survey ids, touchpoints, comments: visitor input) reaches the page through
// textContent, attributes or CSSOM only, never as markup.
import { LANGUAGES, STRINGS, formatters } from './strings.js';
import { distributionChart, trendChart } from './charts.js';

const TOKEN_KEY = 'csat-dashboard-token';
const SCALES = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 }, ces: { min: 1, max: 7 } };
const GROUPS = {
  nps: [
    ['detractor', 0, 6],
    ['passive', 7, 8],
    ['promoter', 9, 10],
  ],
  csat: [
    ['low', 1, 3],
    ['high', 4, 5],
  ],
  ces: [
    ['low', 1, 4],
    ['high', 5, 7],
  ],
};
const TREND_AXIS = {
  nps: { domain: [-100, 100], ticks: [-100, -50, 0, 50, 100] },
  csat: { domain: [0, 100], ticks: [0, 25, 50, 75, 100] },
  ces: { domain: [1, 7], ticks: [1, 2, 3, 4, 5, 6, 7] },
};

const $ = (id) => document.getElementById(id);

/** Creates an element; `text` is set with textContent, never parsed. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') element.textContent = String(value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  element.append(...children.filter((c) => c !== undefined && c !== null && c !== false));
  return element;
}

// ---------------------------------------------------------------------------------------------
// State

const session = {
  get() {
    try {
      return sessionStorage.getItem(TOKEN_KEY) ?? '';
    } catch {
      return '';
    }
  },
  set(token) {
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage may be blocked; the token then lives only as long as the page.
    }
  },
};

const params = new URLSearchParams(location.search);
const state = {
  lang: pickLanguage(),
  token: '',
  /** The survey list once loaded. */
  surveys: null,
  surveyId: params.get('survey') || null,
  /** The shown report; null with `empty` when no answer matches. */
  report: null,
  empty: false,
  filter: { from: '', to: '', touchpoint: '' },
  /** Touchpoints seen per survey, for the filter (a filtered report names only its own). */
  touchpoints: new Map(),
  /** The width the charts were drawn for. */
  chartWidth: 0,
  /** Charts shown as visible tables. */
  tables: new Set(),
  /** The live message: a function of the strings, so it follows a change of language. */
  status: { text: () => '', kind: 'info' },
  authMessage: () => '',
  authKind: 'info',
  retry: null,
};
let t = STRINGS[state.lang];
let f = formatters(state.lang);
let reportRequest = { controller: null };

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (LANGUAGES.includes(asked)) return asked;
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return browser.toLowerCase().startsWith('fa') ? 'fa' : 'en';
}

/** Takes the token from `#token=…` (then removes it from the address bar), else from this tab's storage. */
function takeToken() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    session.set(fromHash);
    const url = new URL(location.href);
    url.hash = '';
    history.replaceState(history.state, '', url.pathname + url.search);
    return fromHash;
  }
  return session.get();
}

function updateUrl(changes) {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(changes)) {
    if (value) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  history.replaceState(history.state, '', url.pathname + url.search);
}

// ---------------------------------------------------------------------------------------------
// Talking to the collector

class ApiError extends Error {
  constructor(kind, status = 0, detail = '') {
    super(`${kind} ${status} ${detail}`.trim());
    this.kind = kind;
    this.status = status;
    this.detail = detail;
  }
}

async function api(path, { as = 'json', signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      headers: { authorization: `Bearer ${state.token}` },
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError('network');
  }
  if (response.status === 401) throw new ApiError('unauthorized', 401);
  if (!response.ok) {
    let detail = '';
    try {
      detail = String((await response.json()).error ?? '');
    } catch {
      // not JSON: the status says enough
    }
    throw new ApiError('http', response.status, detail.slice(0, 300));
  }
  return as === 'json' ? response.json() : response.blob();
}

function query() {
  const q = new URLSearchParams();
  for (const key of ['from', 'to', 'touchpoint']) if (state.filter[key]) q.set(key, state.filter[key]);
  const text = q.toString();
  return text ? `?${text}` : '';
}

const surveyPath = (id, what) => `/v1/surveys/${encodeURIComponent(id)}/${what}${query()}`;

// ---------------------------------------------------------------------------------------------
// Status, errors and the token form

function setStatus(text, kind = 'info', retry = null) {
  state.status = { text, kind };
  state.retry = retry;
  renderStatus();
}

function renderStatus() {
  const status = $('status');
  status.textContent = state.status.text(t);
  status.classList.toggle('error', state.status.kind === 'error');
  $('retry').hidden = !state.retry;
}

function handleError(error, retry) {
  if (error?.name === 'AbortError') return;
  if (error instanceof ApiError && error.kind === 'unauthorized') {
    forgetToken();
    showAuth((t) => t.tokenRejected, 'error', true);
    return;
  }
  if (error instanceof ApiError && error.kind === 'http') {
    setStatus((t) => t.serverError(f.int(error.status), error.detail), 'error', retry);
    return;
  }
  if (error instanceof ApiError) {
    setStatus((t) => t.networkError, 'error', retry);
    return;
  }
  setStatus((t) => t.serverError('—', String(error?.message ?? error)), 'error', retry);
  console.warn(error);
}

function forgetToken() {
  state.token = '';
  session.set('');
  state.surveys = null;
  state.report = null;
  state.empty = false;
  reportRequest.controller?.abort();
}

function showAuth(message, kind = 'info', focus = false) {
  state.authMessage = message;
  state.authKind = kind;
  $('auth').hidden = false;
  $('app').hidden = true;
  $('sign-out').hidden = true;
  // The message shows by the form; the status region still announces it, out of sight.
  $('status').classList.add('visually-hidden');
  renderAuth();
  setStatus(message, kind);
  if (focus) $('token').focus();
}

function renderAuth() {
  const message = $('auth-message');
  message.textContent = state.authMessage(t);
  message.classList.toggle('error', state.authKind === 'error');
}

// ---------------------------------------------------------------------------------------------
// Surveys

async function loadSurveys() {
  $('status').classList.remove('visually-hidden');
  $('auth').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  setStatus((t) => t.loadingSurveys);
  $('surveys').setAttribute('aria-busy', 'true');
  try {
    const { surveys } = await api('/v1/surveys');
    state.surveys = surveys;
  } catch (error) {
    handleError(error, loadSurveys);
    return;
  } finally {
    $('surveys').removeAttribute('aria-busy');
  }
  renderSurveys();
  const count = state.surveys.length;
  if (!count) {
    $('report').hidden = true;
    setStatus((t) => t.noSurveys);
    return;
  }
  setStatus((t) => t.surveysLoaded(f.int(count), count));
  const chosen = state.surveys.some((s) => s.surveyId === state.surveyId) ? state.surveyId : state.surveys[0].surveyId;
  state.surveyId = null;
  openSurvey(chosen);
}

function renderSurveys() {
  const box = $('survey-list');
  if (!state.surveys) return box.replaceChildren();
  if (!state.surveys.length) return box.replaceChildren(h('p', { class: 'empty', text: t.noSurveys }));
  const list = h('ul', { class: 'survey-list' });
  for (const survey of state.surveys) {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'survey',
        'data-survey': survey.surveyId,
        'data-focus': `survey:${survey.surveyId}`,
        'aria-current': survey.surveyId === state.surveyId ? 'true' : undefined,
      },
      h('bdi', { class: 'survey-id', text: survey.surveyId }),
      h('span', { class: 'survey-type', text: t.typeShort[survey.type] ?? survey.type }),
      h('span', { class: 'survey-count', text: t.answers(f.int(survey.count), survey.count) }),
      h('span', { class: 'survey-last', text: t.lastAnswer(f.date(survey.lastAnsweredAt)) }),
    );
    button.addEventListener('click', () => openSurvey(survey.surveyId));
    list.append(h('li', {}, button));
  }
  box.replaceChildren(list);
}

function markCurrentSurvey() {
  for (const button of document.querySelectorAll('#survey-list button[data-survey]')) {
    if (button.dataset.survey === state.surveyId) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

function openSurvey(id) {
  if (id !== state.surveyId) {
    state.surveyId = id;
    state.filter.touchpoint = '';
    state.report = null;
    state.empty = false;
    updateUrl({ survey: id });
    markCurrentSurvey();
    $('report').hidden = false;
    $('report-body').replaceChildren();
    renderReportHead();
    renderFilters();
  }
  loadReport();
}

// ---------------------------------------------------------------------------------------------
// The report

async function loadReport() {
  const id = state.surveyId;
  reportRequest.controller?.abort();
  const request = { controller: new AbortController() };
  reportRequest = request;
  const current = () => reportRequest === request;
  setStatus((t) => t.loadingReport(id));
  $('report').setAttribute('aria-busy', 'true');
  try {
    const report = await api(surveyPath(id, 'report'), { signal: request.controller.signal });
    if (!current()) return;
    if (report.count === 0) {
      // The survey exists, but no answer matches the filters.
      state.report = null;
      state.empty = true;
      renderReport();
      setStatus((t) => t.emptyAnnounced(id));
      return;
    }
    state.report = report;
    state.empty = false;
    rememberTouchpoints(id, report);
    renderReportHead();
    renderFilters();
    renderReport();
    setStatus((t) => t.reportLoaded(id, f.int(report.count), report.count));
  } catch (error) {
    if (!current()) return;
    if (error instanceof ApiError && error.status === 404) {
      // The survey has no answers at all (any more).
      state.report = null;
      state.empty = true;
      renderReport();
      const filtered = Boolean(query());
      setStatus((t) => (filtered ? t.emptyAnnounced(id) : t.surveyGone(id)));
      return;
    }
    handleError(error, loadReport);
  } finally {
    if (current()) $('report').removeAttribute('aria-busy');
  }
}

function rememberTouchpoints(id, report) {
  const seen = report.touchpoints.map((tp) => tp.touchpoint).filter((tp) => tp !== null);
  const unfiltered = !state.filter.from && !state.filter.to && !state.filter.touchpoint;
  const known = unfiltered ? new Set() : (state.touchpoints.get(id) ?? new Set());
  for (const tp of seen) known.add(tp);
  state.touchpoints.set(id, known);
}

function renderReportHead() {
  if (!state.surveyId) return;
  $('report-heading').textContent = t.reportHeading(state.surveyId);
  const type = state.report?.type ?? state.surveys?.find((s) => s.surveyId === state.surveyId)?.type;
  $('report-type').textContent = type ? t.typeName[type] : '';
}

function renderFilters() {
  $('filter-from').value = state.filter.from;
  $('filter-to').value = state.filter.to;
  const select = $('filter-touchpoint');
  const known = [...(state.touchpoints.get(state.surveyId) ?? [])].sort((a, b) => a.localeCompare(b));
  if (state.filter.touchpoint && !known.includes(state.filter.touchpoint)) known.push(state.filter.touchpoint);
  select.replaceChildren(
    h('option', { value: '', text: t.allTouchpoints }),
    ...known.map((tp) => h('option', { value: tp, text: tp })),
  );
  select.value = state.filter.touchpoint;
  renderFilterHint();
}

function renderFilterHint() {
  const from = $('filter-from').value;
  const to = $('filter-to').value;
  const day = (value) => (/^\d{4}-\d\d-\d\d$/.test(value) ? f.day(value) : '');
  $('filter-hint').textContent = `${t.range(day(from), day(to))} ${t.daysUtc}`;
}

/** Figure texts of a report's type. */
function figureFormat(type) {
  if (type === 'nps')
    return { value: (v) => f.int(v), margin: (m) => f.int(m), unit: t.pointUnit, tick: (v) => f.int(v) };
  if (type === 'csat')
    return { value: (v) => f.percent(v), margin: (m) => f.int(m), unit: t.percentPointUnit, tick: (v) => f.percent(v) };
  return { value: (v) => f.num(v, 1), margin: (m) => f.num(m, 1), unit: '', tick: (v) => f.int(v) };
}

function groupOf(type, score) {
  const found = GROUPS[type].find(([, low, high]) => score >= low && score <= high);
  return found ? found[0] : 'low';
}

function groupName(type, group) {
  if (type === 'nps') return t.groupName[group];
  return t.groupName[`${type}${group === 'high' ? 'High' : 'Low'}`];
}

/** The charts' width: the report's, less a card's padding, between 240 and 768 pixels. */
function chartWidth() {
  const available = $('report-body').clientWidth - 44;
  return Math.round(Math.min(768, Math.max(240, available || 640)));
}

/** Draws the charts again when the report's width changes much (a rotated phone, a resized window). */
function followWidth() {
  const observer = new ResizeObserver(() => {
    if (state.report && Math.abs(chartWidth() - state.chartWidth) >= 24) keepingFocus(renderReport);
  });
  observer.observe($('report-body'));
}

function renderReport() {
  const body = $('report-body');
  if (state.empty || !state.report) {
    body.replaceChildren(h('p', { class: 'panel empty', text: state.empty ? t.emptyReport : '' }));
    return;
  }
  const report = state.report;
  state.chartWidth = chartWidth();
  body.replaceChildren(
    headlineSection(report),
    trendSection(report),
    distributionSection(report),
    groupsSection(report),
    touchpointsSection(report),
    commentsSection(report),
  );
}

function card(id, title, ...content) {
  return h(
    'section',
    { class: `panel card card-${id}`, 'aria-labelledby': `${id}-heading` },
    h('h3', { id: `${id}-heading`, text: title }),
    ...content,
  );
}

function headlineSection(report) {
  const format = figureFormat(report.type);
  const { value, margin } = report.figure;
  const scale = SCALES[report.type];
  const meaning =
    report.type === 'nps'
      ? t.npsRange(f.signed(-100), f.signed(100))
      : report.type === 'csat'
        ? t.csatMeaning(f.int(4), f.int(5))
        : t.cesMeaning(f.int(scale.max));
  return card(
    'headline',
    t.typeName[report.type],
    h(
      'p',
      { class: 'figure' },
      h('span', { class: 'figure-value', id: 'figure-value', text: value === null ? '—' : format.value(value) }),
      h('span', { class: 'figure-meaning', text: meaning }),
    ),
    h('p', {
      id: 'figure-margin',
      class: 'figure-margin',
      text: margin === null ? t.noMargin : t.margin(format.margin(margin), format.unit),
    }),
    h('p', { id: 'figure-n', class: 'figure-n', text: t.n(f.int(report.count)) }),
    report.type === 'ces' && typeof report.shareHigh === 'number'
      ? h('p', { id: 'figure-share', text: t.cesHigh(f.percent(report.shareHigh), f.int(5), f.int(scale.max)) })
      : null,
  );
}

/** A "show as a table" switch; the table is always there for assistive technology, and shown on demand. */
function tableToggle(name, tableId) {
  const shown = state.tables.has(name);
  const button = h('button', {
    type: 'button',
    class: 'quiet toggle',
    'aria-pressed': shown ? 'true' : 'false',
    'aria-controls': tableId,
    'data-focus': `toggle:${name}`,
    text: t.showTable,
  });
  button.addEventListener('click', () => {
    const on = !state.tables.has(name);
    if (on) state.tables.add(name);
    else state.tables.delete(name);
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    $(tableId).classList.toggle('visually-hidden', !on);
  });
  return button;
}

function table(id, caption, headers, rows, visible) {
  return h(
    'div',
    { id, class: `table-wrap${visible ? '' : ' visually-hidden'}` },
    h(
      'table',
      {},
      h('caption', { text: caption }),
      h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { scope: 'col', text })))),
      h(
        'tbody',
        {},
        ...rows.map((cells) =>
          h(
            'tr',
            {},
            ...cells.map((cell, i) => {
              const content = cell instanceof Node ? cell : document.createTextNode(String(cell));
              return i === 0 ? h('th', { scope: 'row' }, content) : h('td', {}, content);
            }),
          ),
        ),
      ),
    ),
  );
}

function cardHead(id, title, toggle) {
  return h('div', { class: 'card-head' }, h('h3', { id: `${id}-heading`, text: title }), toggle);
}

function trendSection(report) {
  const format = figureFormat(report.type);
  const axis = TREND_AXIS[report.type];
  const short = t.typeShort[report.type];
  const days = report.days.map((d) => ({
    ...d,
    value: d.figure.value,
    margin: d.figure.margin,
    label: `${f.day(d.day)}: ${short} ${d.figure.value === null ? '—' : format.value(d.figure.value)} (${t.n(f.int(d.count))})`,
  }));
  const values = days.map((d) => d.value).filter((v) => v !== null);
  const summary = values.length
    ? t.trendSummary(
        short,
        f.int(days.length),
        days.length,
        f.day(days[0].day),
        f.day(days.at(-1).day),
        format.value(Math.min(...values)),
        format.value(Math.max(...values)),
        format.value(values.at(-1)),
      )
    : '';
  const chart = trendChart({
    days,
    domain: axis.domain,
    ticks: axis.ticks.map((value) => ({ value, label: format.tick(value) })),
    dayLabel: (day) => f.shortDay(day),
    title: `${t.trend}: ${short}`,
    description: summary,
    rtl: state.lang === 'fa',
    width: state.chartWidth,
  });
  return h(
    'section',
    { class: 'panel card card-trend', 'aria-labelledby': 'trend-heading' },
    cardHead('trend', t.trend, tableToggle('trend', 'trend-table')),
    h('p', { class: 'subtle', text: summary }),
    h('div', { class: 'chart-box' }, chart),
    table(
      'trend-table',
      t.trend,
      [t.day, short, t.marginHeader, t.count],
      days.map((d) => [
        f.day(d.day),
        d.value === null ? '—' : format.value(d.value),
        d.margin === null ? '—' : `± ${format.margin(d.margin)}`,
        f.int(d.count),
      ]),
      state.tables.has('trend'),
    ),
  );
}

function distributionSection(report) {
  const total = report.count || 1;
  const bars = report.distribution.map(({ score, count }) => ({
    score,
    count,
    group: groupOf(report.type, score),
    scoreLabel: f.int(score),
    countLabel: f.int(count),
    label: t.scoreCount(f.int(score), f.int(count)),
  }));
  const summary = t.distributionSummary(bars.map((b) => b.label).join(t.listSeparator));
  const chart = distributionChart({
    bars,
    title: t.distribution,
    description: summary,
    rtl: state.lang === 'fa',
    width: state.chartWidth,
  });
  return h(
    'section',
    { class: 'panel card card-distribution', 'aria-labelledby': 'distribution-heading' },
    cardHead('distribution', t.distribution, tableToggle('distribution', 'distribution-table')),
    h('div', { class: 'chart-box' }, chart),
    table(
      'distribution-table',
      t.distribution,
      [t.score, t.count, t.share],
      bars.map((b) => [b.scoreLabel, b.countLabel, f.percent((b.count / total) * 100)]),
      state.tables.has('distribution'),
    ),
  );
}

function groupsSection(report) {
  const total = report.count || 1;
  const rows = GROUPS[report.type].map(([group, low, high]) => {
    const count = report.groups[group] ?? 0;
    const share = (count / total) * 100;
    const fill = h('span', { class: `meter-fill group-${group}` });
    fill.style.setProperty('inline-size', `${share}%`);
    const shareCell = h(
      'span',
      { class: 'share' },
      h('span', { class: 'meter', 'aria-hidden': 'true' }, fill),
      h('span', { text: f.percent(share) }),
    );
    return [groupName(report.type, group), t.scoreRange(f.int(low), f.int(high)), f.int(count), shareCell];
  });
  return card('groups', t.groups, table('groups-table', t.groups, [t.group, t.scores, t.count, t.share], rows, true));
}

function touchpointsSection(report) {
  const format = figureFormat(report.type);
  const short = t.typeShort[report.type];
  const rows = report.touchpoints.map((tp) => [
    tp.touchpoint === null ? t.noTouchpoint : h('bdi', { text: tp.touchpoint }),
    tp.figure.value === null ? '—' : format.value(tp.figure.value),
    tp.figure.margin === null ? '—' : `± ${format.margin(tp.figure.margin)}`,
    f.int(tp.count),
  ]);
  return card(
    'touchpoints',
    t.touchpoints,
    table('touchpoints-table', t.touchpoints, [t.touchpoint, short, t.marginHeader, t.count], rows, true),
  );
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A comment's locale as a lang attribute, when it names a known language. */
function languageTag(locale) {
  try {
    const tag = Intl.getCanonicalLocales(locale)[0];
    return languageNames.of(tag.split('-')[0]) ? tag : undefined;
  } catch {
    return undefined;
  }
}

function commentsSection(report) {
  // The wire format allows an empty comment, and the collector lists it: it says nothing.
  const comments = report.comments.filter((c) => c.comment.trim() !== '');
  if (!comments.length) return card('comments', t.comments, h('p', { class: 'empty', text: t.noComments }));
  const list = h('ol', { class: 'comments' });
  for (const c of comments) {
    const group = groupOf(report.type, c.score);
    list.append(
      h(
        'li',
        { class: 'comment' },
        h('p', { class: 'comment-text', dir: 'auto', lang: languageTag(c.locale), text: c.comment }),
        h(
          'p',
          { class: 'comment-meta' },
          h('span', { class: `badge group-${group}`, text: t.commentScore(f.int(c.score)) }),
          c.touchpoint ? h('span', {}, t.commentTouchpoint(''), h('bdi', { text: c.touchpoint })) : null,
          h('time', { datetime: c.answeredAt, text: f.moment(c.answeredAt) }),
        ),
      ),
    );
  }
  return card('comments', t.comments, list);
}

// ---------------------------------------------------------------------------------------------
// Language

/** Re-renders every text in the language, keeping the focus where it was. */
function applyLanguage() {
  t = STRINGS[state.lang];
  f = formatters(state.lang);
  const root = document.documentElement;
  root.lang = state.lang;
  root.dir = state.lang === 'fa' ? 'rtl' : 'ltr';
  document.title = t.title;
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t[element.dataset.t];
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', button.dataset.lang === state.lang ? 'true' : 'false');
  }
  $('add-to-site').href = `site.html?lang=${state.lang}`;
  keepingFocus(() => {
    renderStatus();
    renderAuth();
    renderSurveys();
    renderReportHead();
    if (state.surveyId) renderFilters();
    renderReport();
  });
}

function keepingFocus(render) {
  const key = document.activeElement?.dataset?.focus;
  render();
  if (key) document.querySelector(`[data-focus="${CSS.escape(key)}"]`)?.focus();
}

function setLanguage(lang) {
  if (lang === state.lang || !LANGUAGES.includes(lang)) return;
  state.lang = lang;
  updateUrl({ lang });
  applyLanguage();
}

// ---------------------------------------------------------------------------------------------
// Downloads

async function downloadCsv() {
  const id = state.surveyId;
  if (!id) return;
  setStatus((t) => t.csvPreparing);
  let blob;
  try {
    blob = await api(surveyPath(id, 'responses.csv'), { as: 'blob' });
  } catch (error) {
    handleError(error, downloadCsv);
    return;
  }
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: `${id}-responses.csv`, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  setStatus((t) => t.csvReady);
}

// ---------------------------------------------------------------------------------------------
// Start

function bind() {
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  }
  $('auth-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('token');
    const token = input.value.trim();
    if (!token) {
      state.authMessage = (t) => t.tokenMissing;
      state.authKind = 'error';
      setStatus(state.authMessage, 'error');
      renderAuth();
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    input.value = '';
    state.token = token;
    session.set(token);
    loadSurveys();
  });
  $('sign-out').addEventListener('click', () => {
    forgetToken();
    state.surveyId = null;
    updateUrl({ survey: '' });
    renderSurveys();
    $('report').hidden = true;
    showAuth((t) => t.signedOut, 'info', true);
  });
  $('retry').addEventListener('click', () => state.retry?.());
  $('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = $('filter-from').value;
    const to = $('filter-to').value;
    const error = $('filter-error');
    if (from && to && from > to) {
      error.textContent = t.badRange;
      $('filter-to').setAttribute('aria-invalid', 'true');
      setStatus((t) => t.badRange, 'error');
      $('filter-to').focus();
      return;
    }
    error.textContent = '';
    $('filter-to').removeAttribute('aria-invalid');
    state.filter = { from, to, touchpoint: $('filter-touchpoint').value };
    loadReport();
  });
  $('filter-clear').addEventListener('click', () => {
    state.filter = { from: '', to: '', touchpoint: '' };
    $('filter-error').textContent = '';
    $('filter-to').removeAttribute('aria-invalid');
    renderFilters();
    loadReport();
  });
  for (const id of ['filter-from', 'filter-to']) $(id).addEventListener('input', renderFilterHint);
  $('csv').addEventListener('click', downloadCsv);
}

function start() {
  state.token = takeToken();
  bind();
  followWidth();
  applyLanguage();
  if (state.token) loadSurveys();
  else showAuth((t) => t.tokenNeeded, 'info', true);
}

start();
