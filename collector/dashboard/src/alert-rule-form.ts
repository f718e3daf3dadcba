/**
 * <alert-rule-form>: adds a rule, or changes the one in `editing` (saving replaces it whole; its id
 * stays, and so does whether it is on). The threshold and words fields appear for the conditions
 * that take them. Sends `alert-edit-done` when an edit is saved or cancelled.
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Api } from './api.js';
import type { AlertStrings } from './alert-strings.js';
import { CONDITIONS, MAX_SCORE, put, type Destination, type Rule } from './alert-types.js';

export class AlertRuleFormElement extends LitElement {
  static override properties = {
    editing: { attribute: false },
    destinations: { attribute: false },
    api: { attribute: false },
    t: { attribute: false },
    condition: { state: true },
  };

  declare editing: Rule | null;
  declare destinations: Destination[];
  declare api: Api;
  declare t: AlertStrings;
  private condition = 'nps-detractor';

  constructor() {
    super();
    this.editing = null;
  }

  /** In the page's light DOM: page.css styles it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('editing') && this.editing) this.condition = this.editing.condition;
  }

  protected override updated(changed: PropertyValues<this>) {
    if (changed.has('editing') && this.editing) this.querySelector<HTMLInputElement>('#r-name')?.focus();
  }

  private done(saved: boolean) {
    const id = this.editing?.id;
    this.dispatchEvent(new CustomEvent('alert-edit-done', { bubbles: true, detail: { what: 'rule', id, saved } }));
  }

  private async submit(event: Event) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const id = this.editing?.id ?? String(data.get('id') ?? '').trim();
    const name = String(data.get('name') ?? '').trim() || id;
    const survey = String(data.get('survey') ?? '').trim();
    const body = {
      name,
      surveyId: survey || null,
      condition: this.condition,
      ...(MAX_SCORE[this.condition] && { threshold: Number(data.get('threshold')) }),
      ...(this.condition === 'comment-words' && { words: String(data.get('words') ?? '') }),
      destinations: data.getAll('destinations').map(String),
      enabled: this.editing?.enabled ?? true,
    };
    const saved = await put(this, this.api, `/v1/alerts/rules/${encodeURIComponent(id)}`, body, {
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
    return html`<h3 id="rule-form-heading">${editing ? t.editRule(editing.name) : t.addRule}</h3>
      <form id="rule-form" class="fields" aria-labelledby="rule-form-heading" @submit=${this.submit}>
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
            ?readonly=${!!editing}
            .value=${editing?.id ?? ''}
          />
          <p id="r-id-hint" class="hint">${editing ? t.idFixed : t.idHint}</p>
        </div>
        <div class="field">
          <label for="r-name">${t.name}</label>
          <input id="r-name" name="name" dir="auto" maxlength="200" autocomplete="off" .value=${editing?.name ?? ''} />
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
            .value=${editing?.surveyId ?? ''}
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
                  .value=${String(editing?.threshold ?? 2)}
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
                  .value=${editing?.words.join('، ') ?? ''}
                />
                <p id="r-words-hint" class="hint">${t.wordsHint}</p>
              </div>`
            : nothing
        }
        <fieldset class="field">
          <legend>${t.sendTo}</legend>
          ${
            this.destinations.length
              ? this.destinations.map(
                  (d) =>
                    html`<label class="check"
                      ><input
                        type="checkbox"
                        name="destinations"
                        value=${d.id}
                        .checked=${editing?.destinations.includes(d.id) ?? false}
                      />
                      ${d.name}</label
                    >`,
                )
              : html`<p class="hint">${t.noDestinations}</p>`
          }
        </fieldset>
        <div class="actions">
          <button type="submit" id="add-rule">${editing ? t.saveChanges : t.save}</button>
          ${
            editing
              ? html`<button type="button" class="quiet" id="cancel-rule" @click=${() => this.done(false)}>
                  ${t.cancel}
                </button>`
              : nothing
          }
        </div>
      </form>`;
  }
}

customElements.define('alert-rule-form', AlertRuleFormElement);

declare global {
  interface HTMLElementTagNameMap {
    'alert-rule-form': AlertRuleFormElement;
  }
}
