/** <distribution-chart>: one bar per score (zeros included), coloured by score group, and its table. */
import { LitElement, css, html, svg } from 'lit';
import { shared } from './styles.js';
import { dataTable, tableToggle } from './table.js';
import type { Format } from './format.js';
import type { Strings } from './strings.js';
import type { Report } from './types.js';
import { scoreGroup } from '../../../src/scales.js';

const round = (n: number) => Math.round(n * 10) / 10;

export class DistributionChartElement extends LitElement {
  static override styles = [
    shared,
    css`
      .bar rect {
        fill: var(--group);
      }
      .bar text.count {
        fill: var(--text);
        font-weight: 600;
      }
      .baseline {
        stroke: var(--border);
        stroke-width: 1.5;
      }
      .chart-box {
        max-inline-size: 56rem;
      }
    `,
  ];

  static override properties = {
    report: { attribute: false },
    t: { attribute: false },
    f: { attribute: false },
    table: { state: true },
    width: { state: true },
  };

  declare report: Report;
  declare t: Strings;
  declare f: Format;
  private table = false;
  private width = 640;
  private observer?: ResizeObserver;

  override connectedCallback() {
    super.connectedCallback();
    this.observer = new ResizeObserver(([entry]) => {
      const width = Math.round(Math.min(900, Math.max(260, (entry?.contentRect.width ?? 640) - 2)));
      // Drawn again at the next frame, not inside the observer (which would report a loop).
      if (Math.abs(width - this.width) >= 16) requestAnimationFrame(() => (this.width = width));
    });
    this.observer.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.observer?.disconnect();
  }

  override render() {
    const { report, t, f } = this;
    const total = report.count || 1;
    const bars = report.distribution.map(({ score, count }) => ({
      score,
      count,
      group: scoreGroup(report.type, score),
      label: t.scoreCount(f.int(score), f.int(count)),
    }));
    const summary = t.distributionSummary(bars.map((b) => b.label).join(t.listSeparator));
    const rtl = f.lang === 'fa';
    const width = this.width;
    const height = 220;
    const pad = { side: 12, top: 26, bottom: 34 };
    const plotWidth = width - 2 * pad.side;
    const plotHeight = height - pad.top - pad.bottom;
    const most = Math.max(1, ...bars.map((b) => b.count));
    const slot = plotWidth / bars.length;
    const barWidth = round(slot * 0.68);
    const baseline = pad.top + plotHeight;
    return html`<section class="panel" aria-labelledby="distribution-heading">
      <div class="card-head">
        <h3 id="distribution-heading">${t.distribution}</h3>
        ${tableToggle(this.table, 'distribution-table', t.showTable, () => (this.table = !this.table))}
      </div>
      <div class="chart-box">
        <svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="dist-title dist-desc">
          <title id="dist-title">${t.distribution}</title>
          <desc id="dist-desc">${summary}</desc>
          <line
            class="baseline"
            x1=${pad.side}
            x2=${width - pad.side}
            y1=${baseline}
            y2=${baseline}
            aria-hidden="true"
          ></line>
          ${bars.map((bar, i) => {
            const logical = pad.side + slot * (i + 0.5);
            const cx = round(rtl ? width - logical : logical);
            const h = round((bar.count / most) * plotHeight);
            return svg`<g class="bar group-${bar.group}">
              <rect x=${round(cx - barWidth / 2)} y=${round(baseline - h)} width=${barWidth} height=${Math.max(h, bar.count ? 1 : 0)} rx="2"><title>${bar.label}</title></rect>
              <text class="count" x=${cx} y=${round(baseline - h - 6)} text-anchor="middle" aria-hidden="true">${f.int(bar.count)}</text>
              <text x=${cx} y=${baseline + 22} text-anchor="middle" aria-hidden="true">${f.int(bar.score)}</text>
            </g>`;
          })}
        </svg>
      </div>
      ${dataTable(
        'distribution-table',
        t.distribution,
        [t.score, t.count, t.share],
        bars.map((b) => [f.int(b.score), f.int(b.count), f.percent((b.count / total) * 100)]),
        this.table,
      )}
    </section>`;
  }
}

customElements.define('distribution-chart', DistributionChartElement);

declare global {
  interface HTMLElementTagNameMap {
    'distribution-chart': DistributionChartElement;
  }
}
