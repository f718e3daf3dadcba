/**
 * <report-filters>: the period (presets in the viewer's calendar, or two dates), the time zone days
 * are cut in, the touchpoint; Apply, Clear and "Export this view". Emits `filters-apply` with
 * { preset, from, to, tz, touchpoint }, `filters-clear` and `export`.
 */
import { LitElement, css, html } from 'lit';
import { shared } from './styles.js';
import { isTimeZone } from '../../calendar.js';
import { PRESETS, presetRange, type Preset } from './presets.js';
import type { DateFieldElement } from './date-field.js';
import type { Format } from './format.js';
import type { Strings } from './strings.js';
import './date-field.js';

export interface AppliedFilters {
  preset: Preset;
  from: string;
  to: string;
  tz: string;
  touchpoint: string;
}

let zones: string[] | undefined;
const timeZones = () =>
  (zones ??=
    (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? []);

export class ReportFiltersElement extends LitElement {
  static override styles = [
    shared,
    css`
      form {
        display: grid;
        gap: 0.5rem;
      }
      h3 {
        margin: 0;
      }
      .zone input {
        inline-size: 14rem;
      }
      .message.error:not(:empty) {
        margin: 0;
      }
      p {
        margin: 0;
      }
    `,
  ];

  static override properties = {
    applied: { attribute: false },
    touchpoints: { attribute: false },
    t: { attribute: false },
    f: { attribute: false },
    draft: { state: true },
    error: { state: true },
    zoneError: { state: true },
  };

  declare applied: AppliedFilters;
  touchpoints: string[] = [];
  declare t: Strings;
  declare f: Format;
  /** The fields as edited, before Apply. */
  private draft: AppliedFilters | undefined;
  private error = '';
  private zoneError = false;

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has('applied')) {
      this.draft = { ...this.applied };
      this.error = '';
      this.zoneError = false;
    }
  }

  private edit(change: Partial<AppliedFilters>) {
    this.draft = { ...this.draft!, ...change };
  }

  private choosePreset(preset: Preset) {
    if (preset === 'custom') return this.edit({ preset });
    const zone = isTimeZone(this.draft!.tz) ? this.draft!.tz : this.applied.tz;
    this.edit({ preset, ...presetRange(preset, this.f.calendar, zone) });
  }

  private apply(event: Event) {
    event.preventDefault();
    const draft = this.draft!;
    const fields = [...this.renderRoot.querySelectorAll<DateFieldElement>('date-field')];
    const unreadable = fields.find((field) => !field.valid);
    if (unreadable) {
      this.error = this.t.dateBad;
      unreadable.focus();
      return;
    }
    if (!isTimeZone(draft.tz)) {
      this.zoneError = true;
      this.error = this.t.timeZoneBad;
      this.renderRoot.querySelector<HTMLInputElement>('#tz')?.focus();
      return;
    }
    if (draft.from && draft.to && draft.from > draft.to) {
      this.error = this.t.badRange;
      fields[1]?.focus();
      return;
    }
    this.error = '';
    this.zoneError = false;
    this.dispatchEvent(new CustomEvent('filters-apply', { detail: { ...draft }, bubbles: true }));
  }

  override render() {
    const { t, f } = this;
    const draft = this.draft ?? this.applied;
    const known = [...this.touchpoints];
    if (draft.touchpoint && !known.includes(draft.touchpoint)) known.push(draft.touchpoint);
    const rangeWrong = !!(draft.from && draft.to && draft.from > draft.to) && this.error === t.badRange;
    return html`<form class="panel" aria-labelledby="filters-heading" novalidate @submit=${this.apply}>
      <h3 id="filters-heading">${t.filters}</h3>
      <div class="fields">
        <div class="field">
          <label for="preset">${t.period}</label>
          <select
            id="preset"
            @change=${(e: Event) => this.choosePreset((e.target as HTMLSelectElement).value as Preset)}
          >
            ${PRESETS.map((p) => html`<option value=${p} ?selected=${p === draft.preset}>${t.presets[p]}</option>`)}
          </select>
        </div>
        <date-field
          class="field"
          id="from"
          .label=${t.from}
          .value=${draft.from}
          .t=${t}
          .f=${f}
          @date-input=${(e: CustomEvent<string>) => this.edit({ from: e.detail, preset: 'custom' })}
        ></date-field>
        <date-field
          class="field"
          id="to"
          .label=${t.to}
          .value=${draft.to}
          .invalid=${rangeWrong}
          .t=${t}
          .f=${f}
          @date-input=${(e: CustomEvent<string>) => this.edit({ to: e.detail, preset: 'custom' })}
        ></date-field>
        <div class="field zone">
          <label for="tz">${t.timeZone}</label>
          <input
            id="tz"
            type="text"
            dir="ltr"
            list="zones"
            autocomplete="off"
            spellcheck="false"
            .value=${draft.tz}
            aria-invalid=${this.zoneError ? 'true' : 'false'}
            aria-describedby="tz-hint"
            @input=${(e: Event) => this.edit({ tz: (e.target as HTMLInputElement).value.trim() })}
          />
          <datalist id="zones">${timeZones().map((zone) => html`<option value=${zone}></option>`)}</datalist>
          <p id="tz-hint" class="hint">${t.timeZoneHint}</p>
        </div>
        <div class="field">
          <label for="touchpoint">${t.touchpoint}</label>
          <select
            id="touchpoint"
            @change=${(e: Event) => this.edit({ touchpoint: (e.target as HTMLSelectElement).value })}
          >
            <option value="" ?selected=${!draft.touchpoint}>${t.allTouchpoints}</option>
            ${known.sort().map((tp) => html`<option value=${tp} ?selected=${tp === draft.touchpoint}>${tp}</option>`)}
          </select>
        </div>
        <div class="actions">
          <button type="submit">${t.apply}</button>
          <button
            type="button"
            class="quiet"
            @click=${() => this.dispatchEvent(new CustomEvent('filters-clear', { bubbles: true }))}
          >
            ${t.clear}
          </button>
        </div>
      </div>
      <p id="filter-error" class="message error" role="alert">${this.error}</p>
      <p id="filter-hint" class="subtle">
        ${t.range(this.applied.from ? f.day(this.applied.from) : '', this.applied.to ? f.day(this.applied.to) : '')}
        ${t.days(this.applied.tz, f.offset())}
      </p>
      <div class="actions">
        <button
          type="button"
          class="quiet"
          id="csv"
          aria-describedby="csv-hint"
          @click=${() => this.dispatchEvent(new CustomEvent('export', { bubbles: true }))}
        >
          ${t.csv}
        </button>
      </div>
      <p id="csv-hint" class="hint">${t.csvHint}</p>
    </form>`;
  }
}

customElements.define('report-filters', ReportFiltersElement);

declare global {
  interface HTMLElementTagNameMap {
    'report-filters': ReportFiltersElement;
  }
}
