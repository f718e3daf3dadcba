/**
 * <alert-destination-form>: adds a destination, or changes the one in `editing` (its name, URL or
 * addresses, and its webhook secret). A secret is never shown here: left empty it stays as it is,
 * typed it replaces the old one. The id and kind of a destination stay (rules name it by id).
 * Sends `alert-edit-done` when an edit is saved or cancelled.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Api } from './api.js';
import type { AlertStrings } from './alert-strings.js';
import { put, type Destination } from './alert-types.js';

export class AlertDestinationFormElement extends LitElement {
  static override properties = {
    editing: { attribute: false },
    email: { attribute: false },
    api: { attribute: false },
    t: { attribute: false },
    kind: { state: true },
  };

  declare editing: Destination | null;
  /** Whether the collector can send e-mail (CSAT_SMTP_URL). */
  declare email: boolean;
  declare api: Api;
  declare t: AlertStrings;
  private kind: Destination['kind'] = 'webhook';

  constructor() {
    super();
    this.editing = null;
    this.email = true;
  }

  /** In the page's light DOM: page.css styles it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('editing') && this.editing) this.kind = this.editing.kind;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('editing') && this.editing) this.querySelector<HTMLInputElement>('#d-name')?.focus();
  }

  private done(saved: boolean) {
    const id = this.editing?.id;
    this.dispatchEvent(
      new CustomEvent('alert-edit-done', { bubbles: true, detail: { what: 'destination', id, saved } }),
    );
  }

  private async submit(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const id = this.editing?.id ?? String(data.get('id') ?? '').trim();
    const name = String(data.get('name') ?? '').trim() || id;
    const secret = String(data.get('secret') ?? '').trim();
    const body =
      this.kind === 'email'
        ? { kind: 'email', name, to: String(data.get('to') ?? '') }
        : {
            kind: this.kind,
            name,
            url: String(data.get('url') ?? '').trim(),
            ...(this.kind === 'webhook' && secret && { secret }),
          };
    const saved = await put(this, this.api, `/v1/alerts/destinations/${encodeURIComponent(id)}`, body, {
      text: (t) => t.saved(name),
      kind: 'info',
    });
    if (!saved) return;
    form.reset();
    if (this.editing) this.done(true);
  }

  override render() {
    const t = this.t;
    const editing = this.editing;
    return html`<h3 id="destination-form-heading">${editing ? t.editDestination(editing.name) : t.addDestination}</h3>
      ${this.email ? nothing : html`<p class="hint">${t.emailOff}</p>`}
      <form id="destination-form" class="fields" aria-labelledby="destination-form-heading" @submit=${this.submit}>
        <div class="field">
          <label for="d-kind">${t.kind}</label>
          <select
            id="d-kind"
            name="kind"
            ?disabled=${!!editing}
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
            ?readonly=${!!editing}
            .value=${editing?.id ?? ''}
          />
          <p id="d-id-hint" class="hint">${editing ? t.idFixed : t.idHint}</p>
        </div>
        <div class="field">
          <label for="d-name">${t.name}</label>
          <input id="d-name" name="name" dir="auto" maxlength="200" autocomplete="off" .value=${editing?.name ?? ''} />
        </div>
        ${
          this.kind === 'email'
            ? html`<div class="field">
                <label for="d-to">${t.to}</label>
                <input
                  id="d-to"
                  name="to"
                  required
                  dir="ltr"
                  autocomplete="off"
                  spellcheck="false"
                  .value=${editing?.target ?? ''}
                />
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
                  .value=${editing?.target ?? ''}
                />
                <p id="d-url-hint" class="hint">${t.urlHint}</p>
              </div>`
        }
        ${
          this.kind === 'webhook'
            ? html`<div class="field">
                <label for="d-secret">${t.secretField}</label>
                <input
                  id="d-secret"
                  name="secret"
                  type="password"
                  dir="ltr"
                  minlength="16"
                  maxlength="200"
                  pattern="\\S+"
                  autocomplete="new-password"
                  spellcheck="false"
                  aria-describedby="d-secret-hint"
                />
                <p id="d-secret-hint" class="hint">${editing ? t.secretKeep : t.secretMade}</p>
              </div>`
            : nothing
        }
        <div class="actions">
          <button type="submit" id="add-destination">${editing ? t.saveChanges : t.save}</button>
          ${
            editing
              ? html`<button type="button" class="quiet" id="cancel-destination" @click=${() => this.done(false)}>
                  ${t.cancel}
                </button>`
              : nothing
          }
        </div>
      </form>`;
  }
}

customElements.define('alert-destination-form', AlertDestinationFormElement);

declare global {
  interface HTMLElementTagNameMap {
    'alert-destination-form': AlertDestinationFormElement;
  }
}
