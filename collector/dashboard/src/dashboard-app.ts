/**
 * <csat-dashboard>: the page. Signs in with the admin token, lists the surveys, and shows the
 * chosen one's report through the components (filters, headline, trend, distribution, groups,
 * touchpoints, comments), in Persian or English; keeps what is shown in the address (so a view can
 * be shared or reloaded), and says what happens in one status line. It renders into the page itself
 * (no shadow root): page.css styles it, and the skip link reaches its main region.
 */
import { LitElement, html, nothing } from 'lit';
import { Api, ApiError, storeToken, takeToken } from './api.js';
import { STRINGS, pickLanguage, LANGUAGES, type Lang, type Strings } from './strings.js';
import { formatFor, type Format } from './format.js';
import { isPreset, presetRange, type Preset } from './presets.js';
import { isIsoDay, isTimeZone } from '../../calendar.js';
import type { AppliedFilters } from './report-filters.js';
import type { Bucket, CommentQuery, Report, ReportQuery, SurveySummary } from './types.js';
import './survey-list.js';
import './report-filters.js';
import './headline-card.js';
import './trend-chart.js';
import './distribution-chart.js';
import './groups-table.js';
import './touchpoints-table.js';
import './comments-panel.js';

type Message = (t: Strings, f: Format) => string;

const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

export class CsatDashboardElement extends LitElement {
  static override properties = {
    language: { state: true },
    signedIn: { state: true },
    surveys: { state: true },
    surveyId: { state: true },
    filters: { state: true },
    bucket: { state: true },
    report: { state: true },
    shownQuery: { state: true },
    busy: { state: true },
    status: { state: true },
    authMessage: { state: true },
  };

  private language: Lang = pickLanguage();
  private readonly api = new Api();
  private signedIn = false;
  private surveys: SurveySummary[] | null = null;
  private surveyId = '';
  private filters: AppliedFilters;
  private bucket: '' | Bucket = '';
  /** The report shown; null while none is (loading, or none). */
  private report: Report | null = null;
  private busy = false;
  private status: { text: Message; kind: 'info' | 'error'; retry?: () => void } = { text: () => '', kind: 'info' };
  private authMessage: { text: Message; kind: 'info' | 'error' } = { text: () => '', kind: 'info' };
  /** The query of the report shown (the comments follow it). */
  private shownQuery: ReportQuery | null = null;
  private commentFilters: CommentQuery = { q: '', group: '', score: '', lang: '' };
  private request?: AbortController;

  constructor() {
    super();
    const params = new URLSearchParams(location.search);
    const tz = params.get('tz') ?? '';
    const preset = params.get('preset');
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    const zone = isTimeZone(tz) ? tz : browserZone();
    const chosen: Preset = isPreset(preset) ? preset : from || to ? 'custom' : '30d';
    this.filters = {
      preset: chosen,
      ...(chosen === 'custom'
        ? { from: isIsoDay(from) ? from : '', to: isIsoDay(to) ? to : '' }
        : presetRange(chosen, this.language === 'fa' ? 'persian' : 'gregory', zone)),
      tz: zone,
      touchpoint: params.get('touchpoint') ?? '',
    };
    const bucket = params.get('bucket');
    this.bucket = bucket === 'day' || bucket === 'week' || bucket === 'month' ? bucket : '';
    this.surveyId = params.get('survey') ?? '';
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get t(): Strings {
    return STRINGS[this.language];
  }

  private get f(): Format {
    return formatFor(this.language, this.filters.tz);
  }

  override connectedCallback() {
    super.connectedCallback();
    this.api.token = takeToken();
    this.applyLanguage();
    if (this.api.token) void this.loadSurveys();
    else this.showAuth((t) => t.tokenNeeded);
  }

  // ---- the address and the language ------------------------------------------------------------

  private updateUrl() {
    const url = new URL(location.href);
    const set = (key: string, value: string) =>
      value ? url.searchParams.set(key, value) : url.searchParams.delete(key);
    const { preset, from, to, tz, touchpoint } = this.filters;
    set('lang', this.language);
    set('survey', this.surveyId);
    set('preset', preset === 'custom' ? '' : preset);
    set('from', preset === 'custom' ? from : '');
    set('to', preset === 'custom' ? to : '');
    set('tz', tz === browserZone() ? '' : tz);
    set('touchpoint', touchpoint);
    set('bucket', this.bucket);
    history.replaceState(history.state, '', url.pathname + url.search);
  }

  private applyLanguage() {
    const root = document.documentElement;
    root.lang = this.language;
    root.dir = this.language === 'fa' ? 'rtl' : 'ltr';
    document.title = this.t.title;
  }

  private setLanguage(lang: Lang) {
    if (lang === this.language) return;
    this.language = lang;
    // A preset follows the calendar of the language ("this month" is the Solar Hijri month in Persian).
    if (this.filters.preset !== 'custom' && this.filters.preset !== 'all')
      this.filters = { ...this.filters, ...presetRange(this.filters.preset, this.f.calendar, this.filters.tz) };
    this.applyLanguage();
    this.updateUrl();
    if (this.report) void this.loadReport();
  }

  // ---- status and errors ------------------------------------------------------------------------

  private say(text: Message, kind: 'info' | 'error' = 'info', retry?: () => void) {
    this.status = { text, kind, retry };
  }

  private failed(error: unknown, retry: () => void) {
    if ((error as Error)?.name === 'AbortError') return;
    if (error instanceof ApiError && error.kind === 'unauthorized') {
      this.forget();
      this.showAuth((t) => t.tokenRejected, 'error');
      return;
    }
    if (error instanceof ApiError && error.kind === 'http') {
      this.say((t, f) => t.serverError(f.int(error.status), error.detail), 'error', retry);
      return;
    }
    if (error instanceof ApiError) {
      this.say((t) => t.networkError, 'error', retry);
      return;
    }
    this.say((t) => t.serverError('—', String((error as Error)?.message ?? error)), 'error', retry);
    console.warn(error);
  }

  private forget() {
    this.api.token = '';
    storeToken('');
    this.surveys = null;
    this.report = null;
    this.request?.abort();
  }

  private async showAuth(text: Message, kind: 'info' | 'error' = 'info') {
    this.signedIn = false;
    this.authMessage = { text, kind };
    this.say(text, kind);
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#token')?.focus();
  }

  private signIn(event: Event) {
    event.preventDefault();
    const input = this.querySelector<HTMLInputElement>('#token')!;
    const token = input.value.trim();
    if (!token) {
      this.authMessage = { text: (t) => t.tokenMissing, kind: 'error' };
      this.say((t) => t.tokenMissing, 'error');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    input.value = '';
    this.api.token = token;
    storeToken(token);
    void this.loadSurveys();
  }

  private signOut() {
    this.forget();
    this.surveyId = '';
    this.updateUrl();
    void this.showAuth((t) => t.signedOut);
  }

  // ---- data -------------------------------------------------------------------------------------

  private get query(): ReportQuery {
    const { from, to, tz, touchpoint } = this.filters;
    return { from, to, tz, touchpoint, bucket: this.bucket, calendar: this.f.calendar };
  }

  private async loadSurveys() {
    this.signedIn = true;
    this.say((t) => t.loadingSurveys);
    try {
      this.surveys = await this.api.surveys();
    } catch (error) {
      this.failed(error, () => void this.loadSurveys());
      return;
    }
    const count = this.surveys.length;
    if (!count) {
      this.say((t) => t.noSurveys);
      return;
    }
    this.say((t, f) => t.surveysLoaded(f.int(count), count));
    const chosen = this.surveys.some((s) => s.surveyId === this.surveyId) ? this.surveyId : this.surveys[0]!.surveyId;
    this.open(chosen, true);
  }

  private open(id: string, first = false) {
    if (id !== this.surveyId || first) {
      if (id !== this.surveyId) this.filters = { ...this.filters, touchpoint: '' };
      this.surveyId = id;
      this.report = null;
      this.updateUrl();
    }
    void this.loadReport();
  }

  private async loadReport() {
    const id = this.surveyId;
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    this.busy = true;
    this.say((t) => t.loadingReport(id));
    const query = this.query;
    try {
      const report = await this.api.report(id, query, request.signal);
      if (request.signal.aborted) return;
      this.report = report;
      this.shownQuery = query;
      if (report.count === 0) this.say((t) => t.emptyAnnounced(id));
      else this.say((t, f) => t.reportLoaded(id, f.int(report.count), report.count));
    } catch (error) {
      if (request.signal.aborted) return;
      if (error instanceof ApiError && error.status === 404) {
        this.report = null;
        this.say((t) => t.surveyGone(id));
        return;
      }
      this.failed(error, () => void this.loadReport());
    } finally {
      if (this.request === request) this.busy = false;
    }
  }

  private applyFilters(filters: AppliedFilters) {
    this.filters = filters;
    this.updateUrl();
    void this.loadReport();
  }

  private clearFilters() {
    this.applyFilters({
      preset: '30d',
      ...presetRange('30d', this.f.calendar, this.filters.tz),
      tz: this.filters.tz,
      touchpoint: '',
    });
  }

  private async exportCsv() {
    const id = this.surveyId;
    if (!id) return;
    this.say((t) => t.csvPreparing);
    let blob: Blob;
    try {
      blob = await this.api.csv(id, { ...this.query, ...this.commentFilters });
    } catch (error) {
      this.failed(error, () => void this.exportCsv());
      return;
    }
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${id}-responses.csv`;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    this.say((t) => t.csvReady);
  }

  // ---- rendering --------------------------------------------------------------------------------

  override render() {
    const { t, f } = this;
    return html`<a class="skip-link" href="#main">${t.skip}</a>
      <header class="top">
        <h1>${t.title}</h1>
        <div class="tools">
          <a id="add-to-site" class="quiet-link" href="site.html?lang=${this.language}">${t.addToSite}</a>
          <a id="alerts" class="quiet-link" href="alerts.html?lang=${this.language}">${t.alerts}</a>
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
          <button type="button" id="sign-out" class="quiet" ?hidden=${!this.signedIn} @click=${this.signOut}>
            ${t.signOut}
          </button>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <div class="status-bar">
          <p
            id="status"
            class="status ${this.status.kind === 'error' ? 'error' : ''} ${this.signedIn ? '' : 'visually-hidden'}"
            role="status"
          >
            ${this.status.text(t, f)}
          </p>
          ${
            this.status.retry
              ? html`<button type="button" id="retry" class="quiet" @click=${this.status.retry}>${t.retry}</button>`
              : nothing
          }
        </div>
        ${this.signedIn ? this.renderApp() : this.renderAuth()}
      </main>`;
  }

  private renderAuth() {
    const { t, f } = this;
    return html`<section id="auth" class="panel auth" aria-labelledby="auth-heading">
      <h2 id="auth-heading">${t.authHeading}</h2>
      <p id="auth-intro">${t.authIntro}</p>
      <p id="auth-message" class="message ${this.authMessage.kind === 'error' ? 'error' : ''}">
        ${this.authMessage.text(t, f)}
      </p>
      <form id="auth-form" class="auth-form" novalidate @submit=${this.signIn}>
        <label for="token">${t.tokenLabel}</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="off"
          spellcheck="false"
          aria-describedby="auth-intro auth-message"
        />
        <button type="submit">${t.open}</button>
      </form>
    </section>`;
  }

  private renderApp() {
    const { t, f } = this;
    const survey = this.surveys?.find((s) => s.surveyId === this.surveyId);
    const type = this.report?.type ?? survey?.type;
    return html`<div id="app" class="layout">
      <section
        id="surveys"
        class="panel"
        aria-labelledby="surveys-heading"
        aria-busy=${this.surveys ? 'false' : 'true'}
      >
        <h2 id="surveys-heading">${t.surveys}</h2>
        <survey-list
          .surveys=${this.surveys ?? []}
          .current=${this.surveyId}
          .t=${t}
          .f=${f}
          @survey-select=${(e: CustomEvent<string>) => this.open(e.detail)}
        ></survey-list>
      </section>
      ${
        this.surveyId && this.surveys?.length
          ? html`<section
              id="report"
              class="report"
              aria-labelledby="report-heading"
              aria-busy=${this.busy ? 'true' : 'false'}
            >
              <div class="report-head">
                <h2 id="report-heading" tabindex="-1">${t.reportHeading(this.surveyId)}</h2>
                <p id="report-type">${type ? t.typeName[type] : ''}</p>
              </div>
              <report-filters
                .applied=${this.filters}
                .touchpoints=${this.report?.options.touchpoints ?? []}
                .t=${t}
                .f=${f}
                @filters-apply=${(e: CustomEvent<AppliedFilters>) => this.applyFilters(e.detail)}
                @filters-clear=${this.clearFilters}
                @export=${this.exportCsv}
              ></report-filters>
              ${this.renderReport()}
            </section>`
          : nothing
      }
    </div>`;
  }

  private renderReport() {
    const { t, f } = this;
    const report = this.report;
    if (!report) return nothing;
    if (report.count === 0 && report.displays === 0)
      return html`<div class="panel empty" id="empty">
        <p>${t.emptyReport}</p>
        ${
          this.filters.preset !== 'all'
            ? html`<button
                type="button"
                class="quiet"
                @click=${() => this.applyFilters({ ...this.filters, preset: 'all', from: '', to: '' })}
              >
                ${t.showAll}
              </button>`
            : nothing
        }
      </div>`;
    return html`<div class="cards" id="report-body">
      <headline-card class="wide" .report=${report} .t=${t} .f=${f}></headline-card>
      <trend-chart
        class="wide"
        .report=${report}
        .bucket=${this.bucket}
        .t=${t}
        .f=${f}
        @bucket-change=${(e: CustomEvent<'' | Bucket>) => {
          this.bucket = e.detail;
          this.updateUrl();
          void this.loadReport();
        }}
      ></trend-chart>
      <distribution-chart class="wide" .report=${report} .t=${t} .f=${f}></distribution-chart>
      <groups-table class="wide" .report=${report} .t=${t} .f=${f}></groups-table>
      <touchpoints-table class="wide" .report=${report} .t=${t} .f=${f}></touchpoints-table>
      <comments-panel
        class="wide"
        .api=${this.api}
        .surveyId=${this.surveyId}
        .query=${this.shownQuery}
        .report=${report}
        .t=${t}
        .f=${f}
        @comment-filters=${(e: CustomEvent<CommentQuery>) => (this.commentFilters = e.detail)}
        @unauthorized=${() => this.failed(new ApiError('unauthorized', 401), () => undefined)}
      ></comments-panel>
    </div>`;
  }
}

customElements.define('csat-dashboard', CsatDashboardElement);

declare global {
  interface HTMLElementTagNameMap {
    'csat-dashboard': CsatDashboardElement;
  }
}
