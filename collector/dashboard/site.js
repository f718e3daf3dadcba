// "Add to your site": a site owner allows their site's origin on this collector (or sees how to set
// CSAT_ALLOWED_ORIGINS), chooses a survey and copies the snippet, whose script comes from this
// collector with its integrity value; or downloads the script to host it. Plain ES modules, no build.
//
// Security: the page runs under the dashboard's strict CSP. Everything typed or received reaches
// the page through textContent and attributes only; the snippet is text, never markup.
import { LANGUAGES, STRINGS } from './strings.js';

const TOKEN_KEY = 'csat-dashboard-token';
const SURVEY_ID = /^[a-z0-9_-]{1,64}$/;
const $ = (id) => document.getElementById(id);

const state = {
  lang: pickLanguage(),
  token: '',
  /** { version, script, latest, integrity }, or { missing: reason }. */
  widget: null,
  size: 0,
  /** The allowed origins: [{ origin, source }]. */
  origins: [],
  /** The site origin typed, as the browser parses it, or a problem. */
  site: { origin: '', problem: '' },
  /** What the last action said: a function of the strings. */
  message: null,
};
let t = STRINGS[state.lang];

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get('lang');
  if (LANGUAGES.includes(asked)) return asked;
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || '';
  return browser.toLowerCase().startsWith('fa') ? 'fa' : 'en';
}

function storedToken() {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  try {
    if (fromHash) sessionStorage.setItem(TOKEN_KEY, fromHash);
    return fromHash || sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return fromHash || '';
  } finally {
    if (fromHash) history.replaceState(history.state, '', location.pathname + location.search);
  }
}

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

// ---- the collector ------------------------------------------------------------------------------

async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(path, {
    method,
    cache: 'no-store',
    headers: { authorization: `Bearer ${state.token}`, ...(body && { 'content-type': 'application/json' }) },
    ...(body && { body: JSON.stringify(body) }),
  });
  if (response.status === 401) throw Object.assign(new Error('unauthorized'), { status: 401 });
  const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(String(data.error ?? response.status)), { status: response.status });
  return data;
}

async function loadOrigins() {
  state.origins = (await api('/v1/origins')).origins ?? [];
}

async function loadWidget() {
  try {
    const response = await fetch('/csat-survey.json', { cache: 'no-store' });
    const data = await response.json();
    state.widget = response.ok ? data : { missing: String(data.error ?? response.status) };
    const head = response.ok ? await fetch(data.script, { method: 'HEAD' }) : null;
    state.size = Number(head?.headers.get('content-length') ?? 0);
  } catch (error) {
    state.widget = { missing: String(error.message) };
  }
}

// ---- what is typed ------------------------------------------------------------------------------

/** The origin of what was typed (a bare host gets https://), or the problem with it. */
function parseSite(text) {
  const typed = text.trim();
  if (!typed) return { origin: '', problem: '' };
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { origin: '', problem: url.protocol };
    return { origin: url.origin, problem: '' };
  } catch {
    return { origin: '', problem: typed };
  }
}

const attribute = (value) =>
  String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The snippet as text: the script from this collector with its integrity value, and the element. */
function snippet() {
  const base = location.origin;
  const w = state.widget;
  const id = $('survey-id').value.trim();
  const lines = [
    `<script src="${base}${w.script}" integrity="${w.integrity}" crossorigin="anonymous" defer></script>`,
    '',
  ];
  const attrs = [
    ['type', $('type').value],
    ['survey-id', SURVEY_ID.test(id) ? id : 'home-nps'],
    ['endpoint', `${base}/v1/responses`],
    ['lang', $('lang').value],
  ];
  if ($('mode').value === 'popover') attrs.push(['mode', 'popover']);
  const subject = $('subject').value.trim();
  if (subject) attrs.push(['subject', subject]);
  lines.push(`<csat-survey\n${attrs.map(([k, v]) => `  ${k}="${attribute(v)}"`).join('\n')}\n></csat-survey>`);
  return lines.join('\n');
}

// ---- rendering ----------------------------------------------------------------------------------

function renderOriginState() {
  const box = $('origin-state');
  box.replaceChildren();
  const { origin, problem } = state.site;
  if (problem) {
    box.append(h('p', { class: 'message error', text: t.siteOriginBad(problem) }));
    return;
  }
  if (!origin) return;
  const entry = state.origins.find((o) => o.origin === origin);
  if (entry) {
    box.append(
      h('p', { class: 'message ok', text: `✓ ${t.siteAllowed(origin)} ${t.siteAllowedFrom[entry.source] ?? ''}` }),
    );
    return;
  }
  const environment = state.origins.filter((o) => o.source === 'environment').map((o) => o.origin);
  const allow = h('button', { type: 'button', id: 'allow', text: t.siteAllow(origin) });
  allow.addEventListener('click', () => allowOrigin(origin));
  box.append(
    h('p', { class: 'message warning', text: t.siteNotAllowed(origin) }),
    allow,
    h('p', { class: 'hint', text: t.siteOrSet }),
    h(
      'pre',
      { class: 'snippet', dir: 'ltr' },
      h('code', { text: `CSAT_ALLOWED_ORIGINS=${[...environment, origin].join(',')}` }),
    ),
  );
}

function renderOrigins() {
  const list = $('origins');
  list.replaceChildren();
  if (!state.origins.length) {
    list.append(h('li', { class: 'hint', text: t.siteNoOrigins }));
    return;
  }
  for (const entry of state.origins) {
    const item = h('li', {}, h('span', { dir: 'ltr', text: entry.origin }));
    if (entry.source === 'environment') {
      item.append(' ', h('span', { class: 'hint', text: `(${t.siteFromEnvironment})` }));
    } else {
      const remove = h('button', { type: 'button', class: 'quiet', text: t.siteRemove(entry.origin) });
      remove.addEventListener('click', () => removeOrigin(entry.origin));
      item.append(' ', remove);
    }
    list.append(item);
  }
}

function renderSnippet() {
  const w = state.widget;
  const missing = !w || w.missing;
  $('copy').disabled = !!missing;
  $('download').hidden = !!missing;
  if (missing) {
    $('snippet-intro').textContent = w ? t.siteScriptMissing(w.missing) : t.siteLoading;
    $('snippet').textContent = '';
    $('download-hint').textContent = '';
    return;
  }
  $('snippet-intro').textContent = t.siteSnippetIntro(w.version);
  $('snippet').textContent = snippet();
  $('download').href = w.script;
  const kb = new Intl.NumberFormat(state.lang, { maximumFractionDigits: 1 }).format(state.size / 1000);
  $('download-hint').textContent = state.size ? t.siteDownloadHint(t.kilobytes(kb)) : '';
  $('survey-id').setAttribute('aria-invalid', SURVEY_ID.test($('survey-id').value.trim()) ? 'false' : 'true');
}

function renderStatus() {
  $('status').textContent = state.message ? state.message(t) : '';
}

function render() {
  t = STRINGS[state.lang];
  const root = document.documentElement;
  root.lang = state.lang;
  root.dir = state.lang === 'fa' ? 'rtl' : 'ltr';
  document.title = t.siteTitle;
  for (const element of document.querySelectorAll('[data-t]')) element.textContent = t[element.dataset.t];
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', button.dataset.lang === state.lang ? 'true' : 'false');
  }
  $('back').href = `./?lang=${state.lang}`;
  const focused = document.activeElement?.id;
  renderStatus();
  renderOrigins();
  renderOriginState();
  renderSnippet();
  if (focused && !document.activeElement?.id) $(focused)?.focus();
}

// ---- actions ------------------------------------------------------------------------------------

function failed(error) {
  if (error.status === 401) return showAuth(t.tokenRejected);
  state.message = (t) => t.serverError(error.status ?? 0, error.message);
  renderStatus();
}

async function allowOrigin(origin) {
  try {
    await api('/v1/origins', { method: 'POST', body: { origin } });
    await loadOrigins();
    state.message = (t) => t.siteAllowedNow(origin);
    render();
    $('origin').focus();
  } catch (error) {
    failed(error);
  }
}

async function removeOrigin(origin) {
  try {
    await api(`/v1/origins/${encodeURIComponent(origin)}`, { method: 'DELETE' });
    await loadOrigins();
    state.message = null;
    render();
  } catch (error) {
    failed(error);
  }
}

async function copy() {
  try {
    await navigator.clipboard.writeText(snippet());
    state.message = (t) => t.siteCopied;
  } catch {
    state.message = (t) => t.siteCopyFailed;
  }
  renderStatus();
}

function showAuth(message) {
  $('app').hidden = true;
  $('auth').hidden = false;
  $('auth-message').textContent = message;
  $('token').focus();
}

async function open() {
  try {
    await Promise.all([loadOrigins(), loadWidget()]);
  } catch (error) {
    failed(error);
    return;
  }
  $('auth').hidden = true;
  $('app').hidden = false;
  render();
}

// ---- start --------------------------------------------------------------------------------------

for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => {
    state.lang = button.dataset.lang;
    const url = new URL(location.href);
    url.searchParams.set('lang', state.lang);
    history.replaceState(history.state, '', url.pathname + url.search);
    render();
  });
}
$('origin').addEventListener('input', (event) => {
  state.site = parseSite(event.target.value);
  renderOriginState();
});
for (const id of ['type', 'survey-id', 'lang', 'mode', 'subject']) $(id).addEventListener('input', renderSnippet);
$('type').addEventListener('change', () => {
  const idField = $('survey-id');
  if (/^home-(nps|csat|ces)$/.test(idField.value)) idField.value = `home-${$('type').value}`;
  renderSnippet();
});
$('copy').addEventListener('click', copy);
$('auth-form').addEventListener('submit', (event) => {
  event.preventDefault();
  state.token = $('token').value.trim();
  try {
    sessionStorage.setItem(TOKEN_KEY, state.token);
  } catch {
    // the token lives as long as the page
  }
  void open();
});

state.token = storedToken();
$('lang').value = state.lang;
render();
if (state.token) void open();
else showAuth(t.tokenNeeded);
