/**
 * <alerts-app>, the Alerts page: signs in with the admin token, loads the alerts, says what
 * happened in its status line, and lays out the components that do the rest: destinations
 * (<alert-destination-list>, <alert-destination-form>), rules (<alert-rule-list>,
 * <alert-rule-form>) and parked alerts (<alert-parked-list>), in Persian or English. Native form
 * controls only, so it is used by keyboard as any form is; everything configured or received
 * reaches the page as text. Renders into the page (page.css styles it), as its components do.
 */
import { LitElement, html, nothing } from 'lit';
import { Api, ApiError, storeToken, takeToken } from './api.js';
import { LANGUAGES, STRINGS, pickLanguage, type Lang } from './strings.js';
import { ALERT_STRINGS, type AlertStrings } from './alert-strings.js';
import type { Alerts, ChangedEvent, Destination, FailedEvent, Message, Rule } from './alert-types.js';
import './alert-destination-list.js';
import './alert-destination-form.js';
import './alert-rule-list.js';
import './alert-rule-form.js';
import './alert-parked-list.js';

type EditEvent = CustomEvent<{ destination?: Destination; rule?: Rule }>;
type EditDoneEvent = CustomEvent<{ what: 'destination' | 'rule'; id?: string; saved: boolean }>;

export class AlertsAppElement extends LitElement {
  static override properties = {
    language: { state: true },
    signedOut: { state: true },
    authMessage: { state: true },
    alerts: { state: true },
    message: { state: true },
    editingDestination: { state: true },
    editingRule: { state: true },
  };

  private language: Lang = pickLanguage();
  private readonly api = new Api();
  private signedOut = false;
  private authMessage = '';
  private alerts: Alerts | null = null;
  private message: Message | null = null;
  private editingDestination: Destination | null = null;
  private editingRule: Rule | null = null;

  constructor() {
    super();
    this.addEventListener('alerts-changed', (e: ChangedEvent) => {
      this.message = e.detail.message;
      if (e.detail.reload) void this.load();
    });
    this.addEventListener('alerts-failed', (e: FailedEvent) => this.failed(e.detail.error));
    this.addEventListener('alert-edit', ((e: EditEvent) => {
      if (e.detail.destination) this.editingDestination = e.detail.destination;
      if (e.detail.rule) this.editingRule = e.detail.rule;
    }) as EventListener);
    this.addEventListener('alert-edit-done', ((e: EditDoneEvent) => void this.editDone(e.detail)) as EventListener);
  }

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

  /** An edit saved or cancelled: the form goes back to adding, and the focus to the item's Edit button. */
  private async editDone({ what, id }: EditDoneEvent['detail']) {
    if (what === 'destination') this.editingDestination = null;
    else this.editingRule = null;
    await this.updateComplete;
    const list = what === 'destination' ? '#destinations' : '#rules';
    for (let i = 0; i < 20; i++) {
      const button = this.querySelector<HTMLButtonElement>(`${list} li[data-id="${CSS.escape(id ?? '')}"] button.edit`);
      if (button) {
        button.focus();
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
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
      <section class="panel" aria-labelledby="destinations-heading">
        <h2 id="destinations-heading">${t.destinations}</h2>
        <alert-destination-list
          .destinations=${a.destinations}
          .api=${this.api}
          .t=${t}
          .lang=${this.language}
        ></alert-destination-list>
        <alert-destination-form
          .editing=${this.editingDestination}
          .email=${a.email}
          .api=${this.api}
          .t=${t}
        ></alert-destination-form>
      </section>
      <section class="panel" aria-labelledby="rules-heading">
        <h2 id="rules-heading">${t.rules}</h2>
        <alert-rule-list .rules=${a.rules} .destinations=${a.destinations} .api=${this.api} .t=${t}></alert-rule-list>
        <alert-rule-form
          .editing=${this.editingRule}
          .destinations=${a.destinations}
          .api=${this.api}
          .t=${t}
        ></alert-rule-form>
      </section>
      <alert-parked-list .parked=${a.parked} .api=${this.api} .t=${t}></alert-parked-list>`;
  }
}

customElements.define('alerts-app', AlertsAppElement);

declare global {
  interface HTMLElementTagNameMap {
    'alerts-app': AlertsAppElement;
  }
}
