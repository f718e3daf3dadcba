/**
 * <alert-destination-list>: the destinations, each with its kind and target, the signing secret of
 * a webhook (behind a disclosure), and its actions: send a test, show the deliveries (an
 * <alert-delivery-log>), edit and remove (those made on the dashboard; the alerts file's are changed
 * in the file). Editing is asked of the page with an `alert-edit` event.
 */
import { LitElement, html, nothing } from 'lit';
import type { Api } from './api.js';
import type { Lang } from './strings.js';
import type { AlertStrings } from './alert-strings.js';
import { announce, fail, type Delivery, type Destination } from './alert-types.js';
import './alert-delivery-log.js';

export class AlertDestinationListElement extends LitElement {
  static override properties = {
    destinations: { attribute: false },
    api: { attribute: false },
    t: { attribute: false },
    lang: { attribute: false },
    logs: { state: true },
  };

  declare destinations: Destination[];
  declare api: Api;
  declare t: AlertStrings;
  declare lang: Lang;
  /** The delivery logs shown, by destination id. */
  private logs: Record<string, Delivery[]> = {};

  /** In the page's light DOM: page.css styles it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private async test(d: Destination) {
    try {
      const result = (await this.api.request(
        `/v1/alerts/destinations/${encodeURIComponent(d.id)}/test?lang=${this.lang}`,
        { method: 'POST' },
      )) as { ok: boolean; ms: number; error?: string };
      const ms = new Intl.NumberFormat(this.lang).format(result.ms);
      announce(
        this,
        result.ok
          ? { text: (t) => t.testSent(d.name, ms), kind: 'info' }
          : { text: (t) => t.testFailed(d.name, result.error ?? ''), kind: 'error' },
        false,
      );
      if (this.logs[d.id]) await this.toggleLog(d, true);
    } catch (error) {
      fail(this, error);
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
      fail(this, error);
    }
  }

  private async removeItem(d: Destination) {
    try {
      await this.api.request(`/v1/alerts/destinations/${encodeURIComponent(d.id)}`, { method: 'DELETE' });
      announce(this, { text: (t) => t.removed(d.name), kind: 'info' });
    } catch (error) {
      fail(this, error);
    }
  }

  private edit(d: Destination) {
    this.dispatchEvent(new CustomEvent('alert-edit', { bubbles: true, detail: { destination: d } }));
  }

  override render() {
    const t = this.t;
    if (!this.destinations.length) return html`<p class="hint">${t.noDestinations}</p>`;
    return html`<ul id="destinations" class="alert-list">
      ${this.destinations.map(
        (d) =>
          html`<li data-id=${d.id}>
            <p>
              <strong>${d.name}</strong> · ${t.kinds[d.kind]} ·
              <span dir="ltr" class="target">${d.target}</span>
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
                  ? html`<button type="button" class="quiet edit" @click=${() => this.edit(d)}>
                        ${t.edit(d.name)}
                      </button>
                      <button type="button" class="quiet remove" @click=${() => this.removeItem(d)}>
                        ${t.remove(d.name)}
                      </button>`
                  : nothing
              }
            </div>
            ${
              this.logs[d.id]
                ? html`<alert-delivery-log
                    .name=${d.name}
                    .log=${this.logs[d.id]!}
                    .t=${t}
                    .lang=${this.lang}
                  ></alert-delivery-log>`
                : nothing
            }
          </li>`,
      )}
    </ul>`;
  }
}

customElements.define('alert-destination-list', AlertDestinationListElement);

declare global {
  interface HTMLElementTagNameMap {
    'alert-destination-list': AlertDestinationListElement;
  }
}
