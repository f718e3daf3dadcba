/**
 * <alert-rule-list>: the rules, each with its survey, condition and destinations, an on/off switch
 * (a rule that is off raises no alert), and Edit and Remove, for the rules made on the dashboard
 * (the alerts file's are changed in the file). Editing is asked of the page with an `alert-edit`
 * event.
 */
import { LitElement, html, nothing } from 'lit';
import type { Api } from './api.js';
import type { AlertStrings } from './alert-strings.js';
import { announce, fail, put, ruleBody, type Destination, type Rule } from './alert-types.js';

export class AlertRuleListElement extends LitElement {
  static override properties = {
    rules: { attribute: false },
    destinations: { attribute: false },
    api: { attribute: false },
    t: { attribute: false },
  };

  declare rules: Rule[];
  declare destinations: Destination[];
  declare api: Api;
  declare t: AlertStrings;

  /** In the page's light DOM: page.css styles it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private async toggle(r: Rule) {
    const enabled = !r.enabled;
    const saved = await put(this, this.api, `/v1/alerts/rules/${encodeURIComponent(r.id)}`, ruleBody(r, { enabled }), {
      text: (t) => (enabled ? t.ruleOn(r.name) : t.ruleOff(r.name)),
      kind: 'info',
    });
    // At once, not at the next reload of the list: an Edit pressed meanwhile must not save the old state.
    if (saved) {
      r.enabled = enabled;
      this.requestUpdate();
    }
  }

  private async removeItem(r: Rule) {
    try {
      await this.api.request(`/v1/alerts/rules/${encodeURIComponent(r.id)}`, { method: 'DELETE' });
      announce(this, { text: (t) => t.removed(r.name), kind: 'info' });
    } catch (error) {
      fail(this, error);
    }
  }

  private edit(r: Rule) {
    this.dispatchEvent(new CustomEvent('alert-edit', { bubbles: true, detail: { rule: r } }));
  }

  override render() {
    const t = this.t;
    if (!this.rules.length) return html`<p class="hint">${t.noRules}</p>`;
    const names = new Map(this.destinations.map((d) => [d.id, d.name]));
    const describe = (r: Rule) =>
      `${t.conditions[r.condition] ?? r.condition}${r.threshold !== null ? ` ${r.threshold}` : ''}${
        r.words.length ? ` ${r.words.join('، ')}` : ''
      }`;
    return html`<ul id="rules" class="alert-list">
      ${this.rules.map(
        (r) =>
          html`<li data-id=${r.id} class=${r.enabled ? '' : 'off'}>
            <p>
              <strong>${r.name}</strong>
              ${r.enabled ? nothing : html`<span class="badge">${t.off}</span>`} · ${t.survey}:
              <span dir="auto">${r.surveyId ?? t.everySurvey}</span> · ${t.condition}: ${describe(r)} · ${t.sendTo}:
              ${r.destinations.map((id) => names.get(id) ?? id).join('، ')}
              ${r.source === 'file' ? html`<span class="hint">(${t.sources.file})</span>` : nothing}
            </p>
            ${
              r.source === 'database'
                ? html`<div class="actions">
                    <button
                      type="button"
                      role="switch"
                      class="quiet enabled"
                      aria-checked=${r.enabled ? 'true' : 'false'}
                      @click=${() => this.toggle(r)}
                    >
                      <span class="knob" aria-hidden="true"></span>${t.sendsAlerts}<span class="visually-hidden"
                        >: ${r.name}</span
                      >
                    </button>
                    <button type="button" class="quiet edit" @click=${() => this.edit(r)}>${t.edit(r.name)}</button>
                    <button type="button" class="quiet remove" @click=${() => this.removeItem(r)}>
                      ${t.remove(r.name)}
                    </button>
                  </div>`
                : nothing
            }
          </li>`,
      )}
    </ul>`;
  }
}

customElements.define('alert-rule-list', AlertRuleListElement);

declare global {
  interface HTMLElementTagNameMap {
    'alert-rule-list': AlertRuleListElement;
  }
}
