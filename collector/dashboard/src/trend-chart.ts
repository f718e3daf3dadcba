/**
 * <trend-chart>: the figure per bucket (day, week or month) as a line, with its 95 % interval as a
 * band, hand-drawn in SVG; a legend in words, a summary, the bucket choice, and the same data as a
 * table. Time runs in the reading direction (right to left in Persian). Emits `bucket-change`.
 */
import { LitElement, css, html, svg, nothing } from 'lit';
import { shared } from './styles.js';
import { dataTable, tableToggle } from './table.js';
import { figureFormat, intervalText, type Format } from './format.js';
import { isoToJdn } from '../../calendar.js';
import type { Strings } from './strings.js';
import type { Bucket, Report, TrendPoint } from './types.js';

const AXIS = {
  nps: { domain: [-100, 100], ticks: [-100, -50, 0, 50, 100] },
  csat: { domain: [0, 100], ticks: [0, 25, 50, 75, 100] },
  ces: { domain: [1, 7], ticks: [1, 2, 3, 4, 5, 6, 7] },
} as const;

const round = (n: number) => Math.round(n * 10) / 10;

export class TrendChartElement extends LitElement {
  static override styles = [
    shared,
    css`
      .band {
        fill: var(--band);
      }
      .grid line {
        stroke: var(--grid);
      }
      .grid line.zero {
        stroke: var(--border);
        stroke-width: 1.5;
      }
      .line {
        fill: none;
        stroke: var(--accent);
        stroke-width: 2.5;
        stroke-linejoin: round;
      }
      .points circle {
        fill: var(--accent);
        stroke: var(--surface);
        stroke-width: 2;
      }
      .chart-box {
        max-inline-size: 56rem;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        color: var(--muted);
        font-size: 0.9rem;
      }
      .swatch {
        display: inline-block;
        inline-size: 1.5rem;
        block-size: 0.75rem;
        vertical-align: middle;
        margin-inline-end: 0.35rem;
        border-block: 0 solid var(--accent);
      }
      .swatch.line {
        block-size: 0;
        border-block-start-width: 3px;
      }
      .swatch.band {
        background: var(--band);
      }
      @media (forced-colors: active) {
        .band {
          fill: GrayText;
        }
      }
    `,
  ];

  static override properties = {
    report: { attribute: false },
    bucket: { attribute: false },
    t: { attribute: false },
    f: { attribute: false },
    table: { state: true },
    width: { state: true },
  };

  declare report: Report;
  /** The bucket asked for; '' for the automatic choice. */
  bucket: '' | Bucket = '';
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
    const format = figureFormat(report.type, f);
    const name = t.typeShort[report.type];
    const points = report.trend.points;
    const chosen = t.bucketName[report.trend.bucket] ?? report.trend.bucket;
    const label = (p: TrendPoint) => t.dayRange(f.day(p.start), f.day(p.end));
    const values = points.filter((p) => p.figure.value !== null).map((p) => p.figure.value as number);
    const summary = values.length
      ? t.trendSummary(
          name,
          f.int(points.length),
          points.length,
          f.day(points[0]!.start),
          f.day(points[points.length - 1]!.end),
          format.value(Math.min(...values)),
          format.value(Math.max(...values)),
        )
      : t.noTrend;
    return html`<section class="panel" aria-labelledby="trend-heading">
      <div class="card-head">
        <h3 id="trend-heading">${t.trend}: ${name} (${chosen})</h3>
        ${tableToggle(this.table, 'trend-table', t.showTable, () => (this.table = !this.table))}
      </div>
      <div class="fields">
        <div class="field">
          <label for="bucket">${t.bucketLabel}</label>
          <select
            id="bucket"
            aria-describedby="bucket-rule"
            @change=${(e: Event) =>
              this.dispatchEvent(
                new CustomEvent('bucket-change', { detail: (e.target as HTMLSelectElement).value, bubbles: true }),
              )}
          >
            <option value="" ?selected=${!this.bucket}>${t.bucketAuto(this.bucket ? '…' : chosen)}</option>
            ${(['day', 'week', 'month'] as const).map(
              (b) => html`<option value=${b} ?selected=${b === this.bucket}>${t.bucketName[b]}</option>`,
            )}
          </select>
        </div>
      </div>
      <p id="bucket-rule" class="hint">${t.bucketRule}</p>
      <p class="subtle" id="trend-summary">${summary}</p>
      ${points.length ? html`<div class="chart-box">${this.chart(summary)}</div>` : nothing}
      <p class="legend" aria-hidden="true">
        <span><span class="swatch line"></span>${name}</span>
        <span><span class="swatch band"></span>${t.interval}</span>
      </p>
      <p class="hint">${t.legend(name, chosen)}</p>
      ${dataTable(
        'trend-table',
        `${t.trend}: ${name}`,
        [t.period_, name, t.interval, t.count, t.displays],
        points.map((p) => [
          label(p),
          p.figure.value === null ? '—' : format.value(p.figure.value),
          intervalText(p.figure, format.value, t.intervalText),
          f.int(p.count),
          f.int(p.displays),
        ]),
        this.table,
      )}
    </section>`;
  }

  private chart(description: string) {
    const { report, f } = this;
    const rtl = f.lang === 'fa';
    const width = this.width;
    const height = 260;
    const pad = { start: 52, end: 20, top: 16, bottom: 40 };
    const plotWidth = width - pad.start - pad.end;
    const plotHeight = height - pad.top - pad.bottom;
    const { domain, ticks } = AXIS[report.type];
    const [low, high] = domain;
    const format = figureFormat(report.type, f);
    const clamp = (v: number) => Math.min(high, Math.max(low, v));
    const y = (v: number) => round(pad.top + ((high - clamp(v)) / (high - low)) * plotHeight);
    const points = report.trend.points;
    const first = isoToJdn(points[0]!.start);
    const last = isoToJdn(points[points.length - 1]!.end) + 1;
    const middle = (p: TrendPoint) => (isoToJdn(p.start) + isoToJdn(p.end) + 1) / 2;
    const logicalX = (t: number) =>
      last === first ? pad.start + plotWidth / 2 : pad.start + ((t - first) / (last - first)) * plotWidth;
    const x = (t: number) => round(rtl ? width - logicalX(t) : logicalX(t));
    const shown = points.filter((p) => p.figure.value !== null);
    // The band: one polygon per run of points that have an interval.
    const runs: TrendPoint[][] = [];
    for (const p of shown) {
      if (p.figure.lower === null || p.figure.upper === null) {
        runs.push([]);
        continue;
      }
      if (!runs.length) runs.push([]);
      runs[runs.length - 1]!.push(p);
    }
    const bands = runs
      .filter((run) => run.length)
      .map((run) => {
        if (run.length === 1) {
          const p = run[0]!;
          const cx = x(middle(p));
          return svg`<rect class="band" x=${cx - 5} width="10" y=${y(p.figure.upper!)} height=${Math.max(1, y(p.figure.lower!) - y(p.figure.upper!))}></rect>`;
        }
        const top = run.map((p) => `${x(middle(p))} ${y(p.figure.upper!)}`);
        const bottom = run.map((p) => `${x(middle(p))} ${y(p.figure.lower!)}`).reverse();
        return svg`<path class="band" d=${`M${[...top, ...bottom].join(' L')} Z`}></path>`;
      });
    const line = shown.map((p, i) => `${i ? 'L' : 'M'}${x(middle(p))} ${y(p.figure.value!)}`).join(' ');
    let previous = -Infinity;
    const labels = points.flatMap((p) => {
      const lx = logicalX(middle(p));
      if (lx - previous < 80) return [];
      previous = lx;
      return [
        svg`<text x=${x(middle(p))} y=${height - pad.bottom + 22} text-anchor="middle">${f.shortDay(p.start)}</text>`,
      ];
    });
    const gridStart = rtl ? width - pad.start : pad.start;
    const gridEnd = rtl ? pad.end : width - pad.end;
    const tickX = rtl ? width - (pad.start - 8) : pad.start - 8;
    return html`<svg
      class="chart"
      viewBox="0 0 ${width} ${height}"
      role="img"
      aria-labelledby="trend-title trend-desc"
      direction=${rtl ? 'rtl' : 'ltr'}
    >
      <title id="trend-title">${this.t.trend}: ${this.t.typeShort[report.type]}</title>
      <desc id="trend-desc">${description}</desc>
      <g class="grid" aria-hidden="true">
        ${ticks.map(
          (
            tick,
          ) => svg`<line x1=${gridStart} x2=${gridEnd} y1=${y(tick)} y2=${y(tick)} class=${tick === 0 && low < 0 ? 'zero' : ''}></line>
            <text x=${tickX} y=${y(tick)} text-anchor="end" dominant-baseline="middle">${format.value(tick)}</text>`,
        )}
      </g>
      <g aria-hidden="true">${bands}</g>
      <g aria-hidden="true">${labels}</g>
      ${shown.length > 1 ? svg`<path class="line" d=${line} aria-hidden="true"></path>` : nothing}
      <g class="points">
        ${shown.map(
          (p) => svg`<circle cx=${x(middle(p))} cy=${y(p.figure.value!)} r="4.5">
            <title>${this.t.dayRange(f.day(p.start), f.day(p.end))}: ${format.value(p.figure.value!)} (${this.t.n(f.int(p.count))})</title>
          </circle>`,
        )}
      </g>
    </svg>`;
  }
}

customElements.define('trend-chart', TrendChartElement);

declare global {
  interface HTMLElementTagNameMap {
    'trend-chart': TrendChartElement;
  }
}
