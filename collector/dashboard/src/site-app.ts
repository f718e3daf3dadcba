/**
 * <site-app>, "Add to your site": a site owner allows their site's origin on this collector (or sees
 * how to set CSAT_ALLOWED_ORIGINS), chooses a survey and copies the snippet, whose script comes from
 * this collector with its integrity value; or downloads the script to host it. Everything typed or
 * received reaches the page as text; the snippet is text, never markup. Renders into the page.
 */
import { LitElement, html, nothing } from 'lit';
import { Api, ApiError, storeToken, takeToken } from './api.js';
import { LANGUAGES, STRINGS, pickLanguage, type Lang, type Strings } from './strings.js';

const SURVEY_ID = /^[a-z0-9_-]{1,64}$/;

interface Origin {
  origin: string;
  source: 'environment' | 'database';
}
/** What /csat-survey.json says: the loader for the snippet, and the one-file build to host yourself. */
type WidgetInfo = {
  version: string;
  script: string;
  latest: string;
  integrity: string;
  bundle: { script: string; integrity: string };
};
type Widget = WidgetInfo | { missing: string };

/** The origin of what was typed (a bare host gets https://), or the problem with it. */
export function parseSite(text: string): { origin: string; problem: string } {
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

const attribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class SiteAppElement extends LitElement {
  static override properties = {
    language: { state: true },
    ready: { state: true },
    signedOut: { state: true },
    widget: { state: true },
    size: { state: true },
    origins: { state: true },
    site: { state: true },
    message: { state: true },
    authMessage: { state: true },
    choice: { state: true },
  };

  private language: Lang = pickLanguage();
  private readonly api = new Api();
  private ready = false;
  private signedOut = false;
  private widget: Widget | null = null;
  private size = 0;
  private origins: Origin[] = [];
  private site = { origin: '', problem: '' };
  private message: ((t: Strings) => string) | null = null;
  private authMessage = '';
  private choice = { type: 'nps', surveyId: 'home-nps', lang: this.language as string, mode: 'inline', subject: '' };

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get t(): Strings {
    return STRINGS[this.language];
  }

  override connectedCallback() {
    super.connectedCallback();
    this.api.token = takeToken();
    this.applyLanguage();
    if (this.api.token) void this.open();
    else void this.showAuth(this.t.tokenNeeded);
  }

  private applyLanguage() {
    document.documentElement.lang = this.language;
    document.documentElement.dir = this.language === 'fa' ? 'rtl' : 'ltr';
    document.title = this.t.siteTitle;
  }

  private setLanguage(lang: Lang) {
    this.language = lang;
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url.pathname + url.search);
    this.applyLanguage();
  }

  private async open() {
    try {
      await Promise.all([this.loadOrigins(), this.loadWidget()]);
    } catch (error) {
      this.failed(error);
      return;
    }
    this.signedOut = false;
    this.ready = true;
  }

  private async loadOrigins() {
    this.origins = ((await this.api.request('/v1/origins')) as { origins?: Origin[] }).origins ?? [];
  }

  private async loadWidget() {
    try {
      const response = await fetch('/csat-survey.json', { cache: 'no-store' });
      const data = (await response.json()) as WidgetInfo & { error?: string };
      this.widget = response.ok ? data : { missing: String(data.error ?? response.status) };
      const head = response.ok ? await fetch(data.bundle.script, { method: 'HEAD' }) : null;
      this.size = Number(head?.headers.get('content-length') ?? 0);
    } catch (error) {
      this.widget = { missing: String((error as Error).message) };
    }
  }

  private failed(error: unknown) {
    if (error instanceof ApiError && error.kind === 'unauthorized') {
      void this.showAuth(this.t.tokenRejected);
      return;
    }
    const status = error instanceof ApiError ? error.status : 0;
    const detail = error instanceof ApiError ? error.detail : String((error as Error)?.message ?? error);
    this.message = (t) =>
      error instanceof ApiError && error.kind === 'network' ? t.networkError : t.serverError(String(status), detail);
  }

  private async showAuth(message: string) {
    this.ready = false;
    this.signedOut = true;
    this.authMessage = message;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#token')?.focus();
  }

  private signIn(event: Event) {
    event.preventDefault();
    const input = this.querySelector<HTMLInputElement>('#token')!;
    this.api.token = input.value.trim();
    storeToken(this.api.token);
    void this.open();
  }

  private async allow(origin: string) {
    try {
      await this.api.request('/v1/origins', { method: 'POST', body: JSON.stringify({ origin }) });
      await this.loadOrigins();
      this.message = (t) => t.siteAllowedNow(origin);
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('#origin')?.focus();
    } catch (error) {
      this.failed(error);
    }
  }

  private async removeOrigin(origin: string) {
    try {
      await this.api.request(`/v1/origins/${encodeURIComponent(origin)}`, { method: 'DELETE' });
      await this.loadOrigins();
      this.message = null;
    } catch (error) {
      this.failed(error);
    }
  }

  /** The snippet as text: the script from this collector with its integrity value, and the element. */
  private snippet(): string {
    const w = this.widget;
    if (!w || 'missing' in w) return '';
    const base = location.origin;
    const { type, surveyId, lang, mode, subject } = this.choice;
    const attrs: Array<[string, string]> = [
      ['type', type],
      ['survey-id', SURVEY_ID.test(surveyId) ? surveyId : 'home-nps'],
      ['endpoint', `${base}/v1/responses`],
      ['lang', lang],
    ];
    if (mode === 'popover') attrs.push(['mode', 'popover']);
    if (subject.trim()) attrs.push(['subject', subject.trim()]);
    return [
      `<script src="${base}${w.script}" integrity="${w.integrity}" crossorigin="anonymous" defer></script>`,
      '',
      `<csat-survey\n${attrs.map(([k, v]) => `  ${k}="${attribute(v)}"`).join('\n')}\n></csat-survey>`,
    ].join('\n');
  }

  private async copy() {
    try {
      await navigator.clipboard.writeText(this.snippet());
      this.message = (t) => t.siteCopied;
    } catch {
      this.message = (t) => t.siteCopyFailed;
    }
  }

  private choose(change: Partial<SiteAppElement['choice']>) {
    const next = { ...this.choice, ...change };
    if (change.type && /^home-(nps|csat|ces)$/.test(this.choice.surveyId)) next.surveyId = `home-${change.type}`;
    this.choice = next;
  }

  override render() {
    const t = this.t;
    return html`<a class="skip-link" href="#main">${t.skip}</a>
      <header class="top">
        <h1>${t.siteTitle}</h1>
        <div class="tools">
          <a id="back" class="quiet-link" href="./?lang=${this.language}">${t.backToReports}</a>
          <div class="lang-switch" role="group" aria-labelledby="lang-label">
            <span id="lang-label">${t.language}</span>
            ${LANGUAGES.map(
              (lang) =>
                html`<button
                  type="button"
                  data-lang=${lang}
                  lang=${lang}
                  dir=${lang === 'fa' ? 'rtl' : 'ltr'}
                  aria-pressed=${lang === this.language ? 'true' : 'false'}
                  @click=${() => this.setLanguage(lang)}
                >
                  ${lang === 'fa' ? 'فارسی' : 'English'}
                </button>`,
            )}
          </div>
        </div>
      </header>
      <main id="main" tabindex="-1" class="site">
        <p id="status" class="status" role="status">${this.message ? this.message(t) : ''}</p>
        ${
          this.signedOut
            ? html`<section id="auth" class="panel auth" aria-labelledby="auth-heading">
                <h2 id="auth-heading">${t.authHeading}</h2>
                <p id="auth-message" class="message">${this.authMessage}</p>
                <form id="auth-form" class="auth-form" novalidate @submit=${this.signIn}>
                  <label for="token">${t.tokenLabel}</label>
                  <input
                    id="token"
                    name="token"
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="auth-message"
                  />
                  <button type="submit">${t.open}</button>
                </form>
              </section>`
            : nothing
        }
        <div id="app" ?hidden=${!this.ready}>${this.ready ? this.renderApp() : nothing}</div>
      </main>`;
  }

  private renderApp() {
    const t = this.t;
    const w = this.widget;
    const missing = !w || 'missing' in w ? (w && 'missing' in w ? w.missing : '') : null;
    const snippet = this.snippet();
    const kb = new Intl.NumberFormat(this.language, { maximumFractionDigits: 1 }).format(this.size / 1000);
    const idBad = !SURVEY_ID.test(this.choice.surveyId.trim());
    return html`<p class="intro">${t.siteIntro}</p>
      <section class="panel" aria-labelledby="step1">
        <h2 id="step1">${t.siteStep1}</h2>
        <div class="field">
          <label for="origin">${t.siteOriginLabel}</label>
          <input
            id="origin"
            type="url"
            dir="ltr"
            inputmode="url"
            autocomplete="url"
            spellcheck="false"
            placeholder="https://shop.example.com"
            aria-describedby="origin-hint origin-state"
            @input=${(e: Event) => (this.site = parseSite((e.target as HTMLInputElement).value))}
          />
          <p id="origin-hint" class="hint">${t.siteOriginHint}</p>
        </div>
        <div id="origin-state" class="origin-state" aria-live="polite">${this.renderOriginState()}</div>
        <h3>${t.siteOrigins}</h3>
        <ul id="origins" class="origins">
          ${
            this.origins.length
              ? this.origins.map(
                  (entry) =>
                    html`<li>
                      <span dir="ltr">${entry.origin}</span>
                      ${
                        entry.source === 'environment'
                          ? html`<span class="hint">(${t.siteFromEnvironment})</span>`
                          : html`<button type="button" class="quiet" @click=${() => this.removeOrigin(entry.origin)}>
                              ${t.siteRemove(entry.origin)}
                            </button>`
                      }
                    </li>`,
                )
              : html`<li class="hint">${t.siteNoOrigins}</li>`
          }
        </ul>
      </section>

      <section class="panel" aria-labelledby="step2">
        <h2 id="step2">${t.siteStep2}</h2>
        <div class="fields">
          <div class="field">
            <label for="type">${t.siteType}</label>
            <select id="type" @change=${(e: Event) => this.choose({ type: (e.target as HTMLSelectElement).value })}>
              ${['nps', 'csat', 'ces'].map((type) => html`<option value=${type} ?selected=${type === this.choice.type}>${type.toUpperCase()}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="survey-id">${t.siteSurveyId}</label>
            <input
              id="survey-id"
              type="text"
              dir="ltr"
              spellcheck="false"
              autocomplete="off"
              .value=${this.choice.surveyId}
              aria-invalid=${idBad ? 'true' : 'false'}
              aria-describedby="survey-id-hint"
              @input=${(e: Event) => this.choose({ surveyId: (e.target as HTMLInputElement).value.trim() })}
            />
            <p id="survey-id-hint" class="hint">${t.siteSurveyIdHint}</p>
          </div>
          <div class="field">
            <label for="lang">${t.siteLanguage}</label>
            <select id="lang" @change=${(e: Event) => this.choose({ lang: (e.target as HTMLSelectElement).value })}>
              <option value="fa" lang="fa" ?selected=${this.choice.lang === 'fa'}>فارسی</option>
              <option value="en" lang="en" ?selected=${this.choice.lang === 'en'}>English</option>
            </select>
          </div>
          <div class="field">
            <label for="mode">${t.siteMode}</label>
            <select id="mode" @change=${(e: Event) => this.choose({ mode: (e.target as HTMLSelectElement).value })}>
              <option value="inline" ?selected=${this.choice.mode === 'inline'}>${t.siteModeInline}</option>
              <option value="popover" ?selected=${this.choice.mode === 'popover'}>${t.siteModePopover}</option>
            </select>
          </div>
          <div class="field">
            <label for="subject">${t.siteSubject}</label>
            <input
              id="subject"
              type="text"
              dir="auto"
              maxlength="200"
              autocomplete="off"
              aria-describedby="subject-hint"
              @input=${(e: Event) => this.choose({ subject: (e.target as HTMLInputElement).value })}
            />
            <p id="subject-hint" class="hint">${t.siteSubjectHint}</p>
          </div>
        </div>
      </section>

      <section class="panel" aria-labelledby="step3">
        <h2 id="step3">${t.siteStep3}</h2>
        <p id="snippet-intro">
          ${missing !== null ? (w ? t.siteScriptMissing(missing) : t.siteLoading) : t.siteSnippetIntro((w as { version: string }).version)}
        </p>
        <pre class="snippet" dir="ltr"><code id="snippet">${snippet}</code></pre>
        <div class="actions">
          <button type="button" id="copy" ?disabled=${missing !== null} @click=${this.copy}>${t.siteCopy}</button>
          ${
            missing === null
              ? html`<a
                  id="download"
                  class="button-link"
                  href=${(w as WidgetInfo).bundle.script}
                  download="csat-survey.js"
                  >${t.siteDownload}</a
                >`
              : nothing
          }
        </div>
        <p id="download-hint" class="hint">
          ${missing === null && this.size ? t.siteDownloadHint(t.kilobytes(kb), (w as WidgetInfo).bundle.integrity) : ''}
        </p>
      </section>`;
  }

  private renderOriginState() {
    const t = this.t;
    const { origin, problem } = this.site;
    if (problem) return html`<p class="message error">${t.siteOriginBad(problem)}</p>`;
    if (!origin) return nothing;
    const entry = this.origins.find((o) => o.origin === origin);
    if (entry)
      return html`<p class="message ok">✓ ${t.siteAllowed(origin)} ${t.siteAllowedFrom[entry.source] ?? ''}</p>`;
    const environment = this.origins.filter((o) => o.source === 'environment').map((o) => o.origin);
    return html`<p class="message warning">${t.siteNotAllowed(origin)}</p>
      <button type="button" id="allow" @click=${() => this.allow(origin)}>${t.siteAllow(origin)}</button>
      <p class="hint">${t.siteOrSet}</p>
      <pre class="snippet" dir="ltr"><code>CSAT_ALLOWED_ORIGINS=${[...environment, origin].join(',')}</code></pre>`;
  }
}

customElements.define('site-app', SiteAppElement);

declare global {
  interface HTMLElementTagNameMap {
    'site-app': SiteAppElement;
  }
}
