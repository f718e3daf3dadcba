/**
 * <alert-parked-list>: the parked alerts with their last error, each with a "Send again" button. A
 * table; on a phone (page.css) each alert is a block of its own, each value after its column's name.
 */
import { LitElement, html } from 'lit';
import type { Api } from './api.js';
import type { AlertStrings } from './alert-strings.js';
import { announce, fail, type Parked } from './alert-types.js';

export class AlertParkedListElement extends LitElement {
  static override properties = {
    parked: { attribute: false },
    api: { attribute: false },
    t: { attribute: false },
  };

  declare parked: Parked[];
  declare api: Api;
  declare t: AlertStrings;

  /** In the page's light DOM: page.css styles it. */
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  private async retry(p: Parked) {
    try {
      await this.api.request(`/v1/alerts/parked/${encodeURIComponent(p.eventId)}/retry`, { method: 'POST' });
      announce(this, { text: (t) => t.retried, kind: 'info' });
    } catch (error) {
      fail(this, error);
    }
  }

  override render() {
    const t = this.t;
    return html`<section class="panel" aria-labelledby="parked-heading">
      <h2 id="parked-heading">${t.parked}</h2>
      <p class="hint">${t.parkedIntro}</p>
      ${
        this.parked.length
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
                ${this.parked.map(
                  (p) =>
                    html`<tr>
                      <td data-label=${t.event}><code dir="ltr">${p.eventId.slice(0, 8)}</code></td>
                      <td data-label=${t.target}>${p.destinationId}</td>
                      <td data-label=${t.attempts}>${p.attempts}</td>
                      <td data-label=${t.lastError}><bdi>${p.lastError ?? ''}</bdi></td>
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

customElements.define('alert-parked-list', AlertParkedListElement);

declare global {
  interface HTMLElementTagNameMap {
    'alert-parked-list': AlertParkedListElement;
  }
}
