/**
 * <alerts-app>, the Alerts page: destinations (add, send a test, see the last 100 deliveries,
 * remove), rules (add, remove) and parked alerts (send again), in Persian or English, with the
 * admin token. Native form controls only, so it is used by keyboard as any form is; everything
 * configured or received reaches the page as text. Renders into the page (page.css styles it).
 */
import { LitElement, html, nothing } from 'lit';
import { Api, ApiError, storeToken, takeToken } from './api.js';
import { LANGUAGES, STRINGS, pickLanguage, type Lang } from './strings.js';
import { ALERT_STRINGS, type AlertStrings } from './alert-strings.js';

interface Destination {
  id: string;
  kind: 'webhook' | 'slack' | 'email';
  name: string;
  target: string;
  secret: string | null;
  source: 'database' | 'file';
}
interface Rule {
  id: string;
  name: string;
  surveyId: string | null;
  condition: string;
  threshold: number | null;
  words: string[];
  destinations: string[];
  source: 'database' | 'file';
}
interface Parked {
  eventId: string;
  ruleId: string;
  destinationId: string;
  attempts: number;
  lastError: string | null;
}
interface Delivery {
  eventId: string | null;
  at: string;
  outcome: string;
  status: number | null;
  error: string | null;
  ms: number;
}
interface Alerts {
  destinations: Destination[];
  rules: Rule[];
  parked: Parked[];
  email: boolean;
}

const CONDITIONS = ['nps-detractor', 'csat-at-most', 'ces-at-most', 'any-comment', 'comment-words'];
const MAX_SCORE: Record<string, number> = { 'csat-at-most': 5, 'ces-at-most': 7 };

type Message = { text: (t: AlertStrings) => string; kind: 'info' | 'error' };

export class AlertsAppElement extends LitElement {
  static override properties = {
    language: { state: true },
    signedOut: { state: true },
    authMessage: { state: true },
    alerts: { state: true },
    message: { state: true },
    kind: { state: true },
    condition: { state: true },
    logs: { state: true },
  };

  private language: Lang = pickLanguage();
  private readonly api = new Api();
  private signedOut = false;
  private authMessage = '';
  private alerts: Alerts | null = null;
  private message: Message | null = null;
  private kind: Destination['kind'] = 'webhook';
  private condition = 'nps-detractor';
  /** The delivery logs shown, by destination id. */
  private logs: Record<string, Delivery[]> = {};

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private get t(): AlertStrings {
    return ALERT_STRINGS[this.language];
  }

  override connectedCallback() {
    super.connectedCallback();
    this.api.token = takeToken();
    this.applyLanguage();
    if (this.api.token) void this.load();
    else void this.showAuth(STRINGS[this.language].tokenNeeded);
  }

  private applyLanguage() {
    document.documentElement.lang = this.language;
    document.documentElement.dir = this.language === 'fa' ? 'rtl' : 'ltr';
    document.title = this.t.title;
  }

  private setLanguage(lang: Lang) {
    this.language = lang;
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url.pathname + url.search);
    this.applyLanguage();
  }

  private async load() {
    try {
      this.alerts = (await this.api.request('/v1/alerts')) as Alerts;
      this.signedOut = false;
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown) {
    if (error instanceof ApiError && error.kind === 'unauthorized') {
      void this.showAuth(STRINGS[this.language].tokenRejected);
      return;
    }
    const s = STRINGS[this.language];
    const text =
      error instanceof ApiError && error.kind === 'network'
        ? s.networkError
        : error instanceof ApiError
          ? error.detail || s.serverError(String(error.status), '')
          : String((error as Error)?.message ?? error);
    this.message = { text: () => text, kind: 'error' };
  }

  private async showAuth(message: string) {
    this.alerts = null;
    this.signedOut = true;
    this.authMessage = message;
    await this.updateComplete;
    this.querySelector<HTMLInputElement>('#token')?.focus();
  }

  private signIn(event: Event) {
    event.preventDefault();
    this.api.token = this.querySelector<HTMLInputElement>('#token')!.value.trim();
    storeToken(this.api.token);
    void this.load();
  }

  private say(text: (t: AlertStrings) => string, kind: Message['kind'] = 'info') {
    this.message = { text, kind };
  }

  private async save(path: string, body: unknown, what: string, form: HTMLFormElement) {
    try {
      await this.api.request(path, { method: 'PUT', body: JSON.stringify(body) });
      form.reset();
      this.say((t) => t.saved(what));
      await this.load();
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'http') {
        this.say((t) => t.problem(error.detail), 'error');
        return;
      }
      this.failed(error);
    }
  }

  private addDestination(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const id = String(data.get('id') ?? '').trim();
    const name = String(data.get('name') ?? '').trim() || id;
    const body =
      this.kind === 'email'
        ? { kind: 'email', name, to: String(data.get('to') ?? '') }
        : { kind: this.kind, name, url: String(data.get('url') ?? '').trim() };
    void this.save(`/v1/alerts/destinations/${encodeURIComponent(id)}`, body, name, form);
  }

  private addRule(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const id = String(data.get('id') ?? '').trim();
    const name = String(data.get('name') ?? '').trim() || id;
    const survey = String(data.get('survey') ?? '').trim();
    const body = {
      name,
      surveyId: survey || null,
      condition: this.condition,
      ...(MAX_SCORE[this.condition] && { threshold: Number(data.get('threshold')) }),
      ...(this.condition === 'comment-words' && { words: String(data.get('words') ?? '') }),
      destinations: data.getAll('destinations').map(String),
    };
    void this.save(`/v1/alerts/rules/${encodeURIComponent(id)}`, body, name, form);
  }

  private async removeItem(path: string, what: string) {
    try {
      await this.api.request(path, { method: 'DELETE' });
      this.say((t) => t.removed(what));
      await this.load();
    } catch (error) {
      this.failed(error);
    }
  }

  private async test(d: Destination) {
    try {
      const result = (await this.api.request(
        `/v1/alerts/destinations/${encodeURIComponent(d.id)}/test?lang=${this.language}`,
        { method: 'POST' },
      )) as { ok: boolean; ms: number; error?: string };
      const ms = new Intl.NumberFormat(this.language).format(result.ms);
      if (result.ok) this.say((t) => t.testSent(d.name, ms));
      else this.say((t) => t.testFailed(d.name, result.error ?? ''), 'error');
      if (this.logs[d.id]) await this.toggleLog(d, true);
    } catch (error) {
      this.failed(error);
    }
  }

  private async toggleLog(d: Destination, refresh = false) {
    if (this.logs[d.id] && !refresh) {
      const rest = { ...this.logs };
      delete rest[d.id];
      this.logs = rest;
      return;
    }
    try {
      const { deliveries } = (await this.api.request(
        `/v1/alerts/destinations/${encodeURIComponent(d.id)}/deliveries`,
      )) as { deliveries: Delivery[] };
      this.logs = { ...this.logs, [d.id]: deliveries };
    } catch (error) {
      this.failed(error);
    }
  }

  private async retry(p: Parked) {
    try {
      await this.api.request(`/v1/alerts/parked/${encodeURIComponent(p.eventId)}/retry`, { method: 'POST' });
      this.say((t) => t.retried);
      await this.load();
    } catch (error) {
      this.failed(error);
    }
  }

  override render() {
    const s = STRINGS[this.language];
    const t = this.t;
    return html`<a class="skip-link" href="#main">${s.skip}</a>
      <header class="top">
        <h1>${t.title}</h1>
        <div class="tools">
          <a id="back" class="quiet-link" href="./?lang=${this.language}">${s.backToReports}</a>
          <div class="lang-switch" role="group" aria-labelledby="lang-label">
            <span id="lang-label">${s.language}</span>
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
      <main id="main" tabindex="-1" class="site alerts">
        <p id="status" class="status ${this.message?.kind === 'error' ? 'error' : ''}" role="status">
          ${this.message ? this.message.text(t) : ''}
        </p>
        ${
          this.signedOut
            ? html`<section id="auth" class="panel auth" aria-labelledby="auth-heading">
                <h2 id="auth-heading">${s.authHeading}</h2>
                <p id="auth-message" class="message">${this.authMessage}</p>
                <form id="auth-form" class="auth-form" novalidate @submit=${this.signIn}>
                  <label for="token">${s.tokenLabel}</label>
                  <input
                    id="token"
                    name="token"
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="auth-message"
                  />
                  <button type="submit">${s.open}</button>
                </form>
              </section>`
            : nothing
        }
        ${this.alerts ? this.renderAlerts(this.alerts) : nothing}
      </main>`;
  }

  private renderAlerts(a: Alerts) {
    const t = this.t;
    return html`<p class="intro">${t.intro}</p>
      ${this.renderDestinations(a)} ${this.renderRules(a)} ${this.renderParked(a)}`;
  }

  private renderDestinations(a: Alerts) {
    const t = this.t;
    return html`<section class="panel" aria-labelledby="destinations-heading">
      <h2 id="destinations-heading">${t.destinations}</h2>
      ${
        a.destinations.length
          ? html`<ul id="destinations" class="alert-list">
              ${a.destinations.map(
                (d) =>
                  html`<li data-id=${d.id}>
                    <p>
                      <strong>${d.name}</strong> · ${t.kinds[d.kind]} ·
                      <span dir="ltr">${d.target}</span>
                      ${d.source === 'file' ? html`<span class="hint">(${t.sources.file})</span>` : nothing}
                    </p>
                    ${
                      d.secret
                        ? html`<details>
                            <summary>${t.showSecret(d.name)}</summary>
                            <code dir="ltr" class="secret">${d.secret}</code>
                          </details>`
                        : nothing
                    }
                    <div class="actions">
                      <button type="button" class="test" @click=${() => this.test(d)}>${t.sendTest(d.name)}</button>
                      <button
                        type="button"
                        class="quiet log"
                        aria-expanded=${this.logs[d.id] ? 'true' : 'false'}
                        @click=${() => this.toggleLog(d)}
                      >
                        ${t.showLog(d.name)}
                      </button>
                      ${
                        d.source === 'database'
                          ? html`<button
                              type="button"
                              class="quiet remove"
                              @click=${() => this.removeItem(`/v1/alerts/destinations/${encodeURIComponent(d.id)}`, d.name)}
                            >
                              ${t.remove(d.name)}
                            </button>`
                          : nothing
                      }
                    </div>
                    ${this.logs[d.id] ? this.renderLog(d, this.logs[d.id]!) : nothing}
                  </li>`,
              )}
            </ul>`
          : html`<p class="hint">${t.noDestinations}</p>`
      }
      <h3>${t.addDestination}</h3>
      ${a.email ? nothing : html`<p class="hint">${t.emailOff}</p>`}
      <form id="destination-form" class="fields" @submit=${this.addDestination}>
        <div class="field">
          <label for="d-kind">${t.kind}</label>
          <select
            id="d-kind"
            name="kind"
            @change=${(e: Event) => (this.kind = (e.target as HTMLSelectElement).value as Destination['kind'])}
          >
            ${(['webhook', 'slack', 'email'] as const).map(
              (k) => html`<option value=${k} ?selected=${k === this.kind}>${t.kinds[k]}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="d-id">${t.id}</label>
          <input
            id="d-id"
            name="id"
            required
            dir="ltr"
            pattern="[a-z0-9][a-z0-9_\\-]{0,63}"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="d-id-hint"
          />
          <p id="d-id-hint" class="hint">${t.idHint}</p>
        </div>
        <div class="field">
          <label for="d-name">${t.name}</label>
          <input id="d-name" name="name" dir="auto" maxlength="200" autocomplete="off" />
        </div>
        ${
          this.kind === 'email'
            ? html`<div class="field">
                <label for="d-to">${t.to}</label>
                <input id="d-to" name="to" required dir="ltr" autocomplete="off" spellcheck="false" />
              </div>`
            : html`<div class="field">
                <label for="d-url">${t.url}</label>
                <input
                  id="d-url"
                  name="url"
                  type="url"
                  required
                  dir="ltr"
                  autocomplete="off"
                  spellcheck="false"
                  aria-describedby="d-url-hint"
                />
                <p id="d-url-hint" class="hint">${t.urlHint}</p>
              </div>`
        }
        <div class="actions"><button type="submit" id="add-destination">${t.save}</button></div>
      </form>
    </section>`;
  }

  private renderLog(d: Destination, log: Delivery[]) {
    const t = this.t;
    const when = new Intl.DateTimeFormat(this.language === 'fa' ? 'fa-IR' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    if (!log.length) return html`<p class="hint log-empty">${t.logEmpty}</p>`;
    return html`<table class="deliveries">
      <caption>
        ${t.logCaption(d.name)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t.when}</th>
          <th scope="col">${t.outcome}</th>
          <th scope="col">${t.status}</th>
          <th scope="col">${t.error}</th>
        </tr>
      </thead>
      <tbody>
        ${log.map(
          (entry) =>
            html`<tr>
              <td>${when.format(new Date(entry.at))}</td>
              <td>${t.outcomes[entry.outcome] ?? entry.outcome}</td>
              <td>${entry.status ?? ''}</td>
              <td dir="auto">${entry.error ?? ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderRules(a: Alerts) {
    const t = this.t;
    const names = new Map(a.destinations.map((d) => [d.id, d.name]));
    const describe = (r: Rule) =>
      `${t.conditions[r.condition] ?? r.condition}${r.threshold !== null ? ` ${r.threshold}` : ''}${
        r.words.length ? ` ${r.words.join('، ')}` : ''
      }`;
    return html`<section class="panel" aria-labelledby="rules-heading">
      <h2 id="rules-heading">${t.rules}</h2>
      ${
        a.rules.length
          ? html`<ul id="rules" class="alert-list">
              ${a.rules.map(
                (r) =>
                  html`<li data-id=${r.id}>
                    <p>
                      <strong>${r.name}</strong> · ${t.survey}: <span dir="auto">${r.surveyId ?? t.everySurvey}</span>
                      · ${t.condition}: ${describe(r)} · ${t.sendTo}:
                      ${r.destinations.map((id) => names.get(id) ?? id).join('، ')}
                      ${r.source === 'file' ? html`<span class="hint">(${t.sources.file})</span>` : nothing}
                    </p>
                    ${
                      r.source === 'database'
                        ? html`<div class="actions">
                            <button
                              type="button"
                              class="quiet remove"
                              @click=${() => this.removeItem(`/v1/alerts/rules/${encodeURIComponent(r.id)}`, r.name)}
                            >
                              ${t.remove(r.name)}
                            </button>
                          </div>`
                        : nothing
                    }
                  </li>`,
              )}
            </ul>`
          : html`<p class="hint">${t.noRules}</p>`
      }
      <h3>${t.addRule}</h3>
      <form id="rule-form" class="fields" @submit=${this.addRule}>
        <div class="field">
          <label for="r-id">${t.id}</label>
          <input
            id="r-id"
            name="id"
            required
            dir="ltr"
            pattern="[a-z0-9][a-z0-9_\\-]{0,63}"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="r-id-hint"
          />
          <p id="r-id-hint" class="hint">${t.idHint}</p>
        </div>
        <div class="field">
          <label for="r-name">${t.name}</label>
          <input id="r-name" name="name" dir="auto" maxlength="200" autocomplete="off" />
        </div>
        <div class="field">
          <label for="r-survey">${t.survey}</label>
          <input
            id="r-survey"
            name="survey"
            dir="ltr"
            pattern="[a-z0-9_\\-]{1,64}"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="r-survey-hint"
          />
          <p id="r-survey-hint" class="hint">${t.surveyHint}</p>
        </div>
        <div class="field">
          <label for="r-condition">${t.condition}</label>
          <select
            id="r-condition"
            name="condition"
            @change=${(e: Event) => (this.condition = (e.target as HTMLSelectElement).value)}
          >
            ${CONDITIONS.map(
              (c) => html`<option value=${c} ?selected=${c === this.condition}>${t.conditions[c]}</option>`,
            )}
          </select>
        </div>
        ${
          MAX_SCORE[this.condition]
            ? html`<div class="field">
                <label for="r-threshold">${t.threshold}</label>
                <input
                  id="r-threshold"
                  name="threshold"
                  type="number"
                  required
                  min="1"
                  max=${MAX_SCORE[this.condition]!}
                  value="2"
                />
              </div>`
            : nothing
        }
        ${
          this.condition === 'comment-words'
            ? html`<div class="field">
                <label for="r-words">${t.words}</label>
                <input
                  id="r-words"
                  name="words"
                  required
                  dir="auto"
                  autocomplete="off"
                  aria-describedby="r-words-hint"
                />
                <p id="r-words-hint" class="hint">${t.wordsHint}</p>
              </div>`
            : nothing
        }
        <fieldset class="field">
          <legend>${t.sendTo}</legend>
          ${
            a.destinations.length
              ? a.destinations.map(
                  (d) =>
                    html`<label class="check"
                      ><input type="checkbox" name="destinations" value=${d.id} /> ${d.name}</label
                    >`,
                )
              : html`<p class="hint">${t.noDestinations}</p>`
          }
        </fieldset>
        <div class="actions"><button type="submit" id="add-rule">${t.save}</button></div>
      </form>
    </section>`;
  }

  private renderParked(a: Alerts) {
    const t = this.t;
    return html`<section class="panel" aria-labelledby="parked-heading">
      <h2 id="parked-heading">${t.parked}</h2>
      <p class="hint">${t.parkedIntro}</p>
      ${
        a.parked.length
          ? html`<table id="parked" class="deliveries">
              <thead>
                <tr>
                  <th scope="col">${t.event}</th>
                  <th scope="col">${t.target}</th>
                  <th scope="col">${t.attempts}</th>
                  <th scope="col">${t.lastError}</th>
                  <th scope="col">${t.again}</th>
                </tr>
              </thead>
              <tbody>
                ${a.parked.map(
                  (p) =>
                    html`<tr>
                      <td><code dir="ltr">${p.eventId.slice(0, 8)}</code></td>
                      <td>${p.destinationId}</td>
                      <td>${p.attempts}</td>
                      <td dir="auto">${p.lastError ?? ''}</td>
                      <td>
                        <button type="button" class="quiet retry" @click=${() => this.retry(p)}>
                          ${t.retry(p.eventId.slice(0, 8))}
                        </button>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="hint" id="no-parked">${t.noParked}</p>`
      }
    </section>`;
  }
}

customElements.define('alerts-app', AlertsAppElement);

declare global {
  interface HTMLElementTagNameMap {
    'alerts-app': AlertsAppElement;
  }
}
