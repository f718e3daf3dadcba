/** <alert-delivery-log>: one destination's last 100 deliveries, newest first, as a table. */
import { LitElement, html } from 'lit';
import type { Lang } from './strings.js';
import type { AlertStrings } from './alert-strings.js';
import type { Delivery } from './alert-types.js';

export class AlertDeliveryLogElement extends LitElement {
  static override properties = {
    name: { attribute: false },
    log: { attribute: false },
    t: { attribute: false },
    lang: { attribute: false },
  };

  declare name: string;
  declare log: Delivery[];
  declare t: AlertStrings;
  declare lang: Lang;

  /** In the page's light DOM: page.css styles it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override render() {
    const { t, log } = this;
    if (!log.length) return html`<p class="hint log-empty">${t.logEmpty}</p>`;
    const when = new Intl.DateTimeFormat(this.lang === 'fa' ? 'fa-IR' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'medium',
    });
    return html`<table class="deliveries">
      <caption>
        ${t.logCaption(this.name)}
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
}

customElements.define('alert-delivery-log', AlertDeliveryLogElement);

declare global {
  interface HTMLElementTagNameMap {
    'alert-delivery-log': AlertDeliveryLogElement;
  }
}
