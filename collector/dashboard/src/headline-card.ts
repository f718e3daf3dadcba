/**
 * <headline-card>: the survey's figure with its 95 % interval in words, a warning under 30 answers,
 * the change against the previous period in one sentence (and whether chance explains it), and the
 * response and completion rates.
 */
import { LitElement, css, html, nothing } from 'lit';
import { shared } from './styles.js';
import { figureFormat, type Format } from './format.js';
import type { Strings } from './strings.js';
import type { Report } from './types.js';

export class HeadlineCardElement extends LitElement {
  static override styles = [
    shared,
    css`
      .figure {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 0.25rem 0.75rem;
        margin-block-end: 0.25rem;
      }
      .value {
        font-size: 3rem;
        font-weight: 700;
        line-height: 1.1;
        font-variant-numeric: tabular-nums;
      }
      .meaning {
        color: var(--muted);
      }
      .interval {
        font-weight: 600;
      }
      .change {
        border-block-start: 1px solid var(--rule);
        padding-block-start: 0.5rem;
        margin-block-start: 0.75rem;
      }
    `,
  ];

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
    const { value, lower, upper } = report.figure;
    const meaning =
      report.type === 'nps'
        ? t.npsRange(f.signed(-100), f.signed(100))
        : report.type === 'csat'
          ? t.csatMeaning(f.int(4), f.int(5))
          : t.cesMeaning(f.int(7));
    const unit = report.type === 'nps' ? t.pointUnit : report.type === 'csat' ? t.percentPointUnit : '';
    const margin = value === null || lower === null || upper === null ? null : Math.max(value - lower, upper - value);
    return html`<section class="panel" aria-labelledby="headline-heading">
      <h3 id="headline-heading">${t.typeName[report.type]}</h3>
      <p class="figure">
        <span class="value" id="figure-value">${value === null ? '—' : format.value(value)}</span>
        <span class="meaning">${meaning}</span>
      </p>
      ${
        lower === null || upper === null
          ? html`<p id="figure-interval" class="interval">${t.noInterval}</p>`
          : html`<p id="figure-interval" class="interval">
              ${t.withMargin(
                t.between(format.value(lower), format.value(upper)),
                t.margin(report.type === 'ces' ? f.num(margin!, 1) : f.int(margin!), unit),
              )}
            </p>`
      }
      <p id="figure-n">${t.n(f.int(report.count))}</p>
      ${report.fewAnswers ? html`<p id="few-answers" class="warning">⚠ ${t.fewAnswers(f.int(report.count))}</p>` : nothing}
      ${
        report.type === 'ces' && report.shareHigh?.value != null
          ? html`<p id="figure-share">${t.cesHigh(f.percent(report.shareHigh.value), f.int(5), f.int(7))}</p>`
          : nothing
      }
      ${this.comparison()} ${this.rates()}
    </section>`;
  }

  private comparison() {
    const { report, t, f } = this;
    const c = report.comparison;
    if (!c) return nothing;
    const from = f.day(c.previous.from);
    const to = f.day(c.previous.to);
    if (c.change.value === null) return html`<p id="comparison" class="change">${t.noComparison(from, to)}</p>`;
    const format = figureFormat(report.type, f);
    const unit = report.type === 'nps' ? t.pointUnit : report.type === 'csat' ? t.percentPointUnit : '';
    const delta = c.change.value;
    const rounded = report.type === 'ces' ? Math.round(delta * 10) / 10 : Math.round(delta);
    const direction = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'same';
    const verdict = c.beyondChance ? t.beyondChance : t.withinChance;
    const sentence = t.change(t.typeShort[report.type], direction, format.change(delta), unit, from, to);
    return html`<p id="comparison" class="change">
      <strong>${t.verdict(sentence, verdict)}</strong>
      ${
        c.change.lower !== null && c.change.upper !== null
          ? t.changeInterval(format.signed(c.change.lower), format.signed(c.change.upper))
          : nothing
      }
    </p>`;
  }

  private rates() {
    const { report, t, f } = this;
    const rate = report.responseRate;
    const response =
      rate.value !== null && rate.lower !== null && rate.upper !== null
        ? t.responseRate(f.percent(rate.value), f.percent(rate.lower), f.percent(rate.upper), f.int(report.displays))
        : report.displays > 0
          ? t.fewerDisplays(f.int(report.displays))
          : t.noDisplays;
    const done = report.completionRate;
    return html`<p id="response-rate" class="subtle">${response}</p>
      ${
        done.value !== null && done.lower !== null && done.upper !== null
          ? html`<p id="completion-rate" class="subtle">
              ${t.completion(f.percent(done.value), f.percent(done.lower), f.percent(done.upper))}
            </p>`
          : nothing
      }`;
  }
}

customElements.define('headline-card', HeadlineCardElement);

declare global {
  interface HTMLElementTagNameMap {
    'headline-card': HeadlineCardElement;
  }
}
