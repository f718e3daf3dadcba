/** <touchpoints-table>: per touchpoint, the figure with its interval, answers, displays and the response rate. */
import { LitElement, html } from 'lit';
import { shared } from './styles.js';
import { dataTable } from './table.js';
import { figureFormat, intervalText, type Format } from './format.js';
import type { Strings } from './strings.js';
import type { Report } from './types.js';

export class TouchpointsTableElement extends LitElement {
  static override styles = shared;
  static override properties = {
    report: { attribute: false },
    t: { attribute: false },
    f: { attribute: false },
  };

  declare report: Report;
  declare t: Strings;
  declare f: Format;

  override render() {
    const { report, t, f } = this;
    const format = figureFormat(report.type, f);
    const rows = report.touchpoints.map((tp) => [
      tp.touchpoint === null ? t.noTouchpoint : html`<bdi>${tp.touchpoint}</bdi>`,
      tp.figure.value === null ? '—' : format.value(tp.figure.value),
      intervalText(tp.figure, format.value, t.intervalText),
      f.int(tp.count),
      f.int(tp.displays),
      tp.responseRate.value === null ? '—' : f.percent(tp.responseRate.value),
    ]);
    return html`<section class="panel" aria-labelledby="touchpoints-heading">
      <h3 id="touchpoints-heading">${t.touchpoints}</h3>
      ${dataTable(
        'touchpoints-table',
        t.touchpoints,
        [t.touchpoint, t.typeShort[report.type], t.interval, t.count, t.displays, t.rate],
        rows,
        true,
        true,
      )}
    </section>`;
  }
}

customElements.define('touchpoints-table', TouchpointsTableElement);

declare global {
  interface HTMLElementTagNameMap {
    'touchpoints-table': TouchpointsTableElement;
  }
}
