/**
 * <date-field>: a day typed in the viewer's calendar. In Persian, a text field in the Solar Hijri
 * calendar that reads «۱۴۰۵/۹/۱۵» as well as «1405-09-15»; in English, the browser's date field.
 * Its `value` is the ISO day (Gregorian, what the API takes), '' when empty; `valid` says whether
 * what is typed is a date.
 */
import { LitElement, html, nothing } from 'lit';
import { shared } from './styles.js';
import { parseDay } from '../../calendar.js';
import type { Format } from './format.js';
import type { Strings } from './strings.js';

let serial = 0;

export class DateFieldElement extends LitElement {
  static override styles = shared;
  static override properties = {
    label: {},
    value: {},
    invalid: { type: Boolean },
    t: { attribute: false },
    f: { attribute: false },
    text: { state: true },
  };

  label = '';
  /** The ISO day, or ''. */
  value = '';
  /** Set by the form when the range is wrong (the start after the end). */
  invalid = false;
  declare t: Strings;
  declare f: Format;
  /** What is typed, in the Persian field. */
  private text = '';
  private shownFor = '\u0000';
  private readonly id_ = `date-${++serial}`;

  /** Whether what is typed is a date (an empty field is). */
  get valid(): boolean {
    if (!this.persian) return true;
    return this.text.trim() === '' || parseDay('persian', this.text) !== null;
  }

  private get persian() {
    return this.f?.calendar === 'persian';
  }

  override willUpdate() {
    // The text follows the value when the value is set from outside (a preset, a new language).
    const key = `${this.value}|${this.f?.lang}`;
    if (key !== this.shownFor) {
      this.shownFor = key;
      this.text = this.value && this.f ? this.f.typedDay(this.value) : '';
    }
  }

  /** Puts the focus in the field. */
  override focus() {
    this.renderRoot.querySelector('input')?.focus();
  }

  private changed(value: string, text: string) {
    this.text = text;
    this.value = value;
    this.shownFor = `${this.value}|${this.f?.lang}`;
    this.dispatchEvent(new CustomEvent('date-input', { detail: value, bubbles: true, composed: true }));
  }

  override render() {
    const { t } = this;
    const id = this.id_;
    const bad = !this.valid;
    if (!this.persian) {
      return html`<label for=${id}>${this.label}</label>
        <input
          id=${id}
          type="date"
          .value=${this.value}
          aria-invalid=${this.invalid ? 'true' : 'false'}
          @input=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            this.changed(input.value, input.value);
          }}
        />`;
    }
    return html`<label for=${id}>${this.label}</label>
      <input
        id=${id}
        type="text"
        inputmode="numeric"
        dir="ltr"
        autocomplete="off"
        spellcheck="false"
        size="11"
        .value=${this.text}
        aria-invalid=${bad || this.invalid ? 'true' : 'false'}
        aria-describedby="${id}-hint"
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          this.changed(parseDay('persian', text) ?? '', text);
        }}
      />
      <p id="${id}-hint" class=${bad ? 'hint message error' : 'hint'}>${bad ? t.dateBad : t.dateHint}</p>
      ${nothing}`;
  }
}

customElements.define('date-field', DateFieldElement);

declare global {
  interface HTMLElementTagNameMap {
    'date-field': DateFieldElement;
  }
}
