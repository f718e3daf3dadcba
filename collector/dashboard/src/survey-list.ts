/** <survey-list>: the surveys with their type, count and last answer; picks one (a list, or a menu on phones). */
import { LitElement, css, html } from 'lit';
import { shared } from './styles.js';
import type { Format } from './format.js';
import type { Strings } from './strings.js';
import type { SurveySummary } from './types.js';

export class SurveyListElement extends LitElement {
  static override styles = [
    shared,
    css`
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 0.5rem;
      }
      button.survey {
        inline-size: 100%;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 0 0.75rem;
        text-align: start;
        padding-block: 0.6rem;
        padding-inline: 0.9rem;
        background: var(--surface);
        color: var(--text);
        border: 1px solid var(--border);
        border-inline-start-width: 4px;
      }
      button.survey[aria-current='true'] {
        border-color: var(--accent);
        background: var(--accent-soft);
      }
      .id {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .type {
        color: var(--accent);
        font-weight: 700;
      }
      .count,
      .last {
        grid-column: 1 / -1;
        color: var(--muted);
        font-size: 0.9rem;
      }
      .menu select {
        inline-size: 100%;
      }
      .menu {
        display: none;
      }
      @media (max-width: 59.99rem) {
        .menu {
          display: block;
        }
        .list {
          display: none;
        }
      }
    `,
  ];

  static override properties = {
    surveys: { attribute: false },
    current: { attribute: false },
    t: { attribute: false },
    f: { attribute: false },
  };

  surveys: SurveySummary[] = [];
  current = '';
  declare t: Strings;
  declare f: Format;

  private choose(id: string) {
    if (id !== this.current) this.dispatchEvent(new CustomEvent('survey-select', { detail: id, bubbles: true }));
  }

  override render() {
    const { t, f } = this;
    if (!this.surveys.length) return html`<p class="subtle">${t.noSurveys}</p>`;
    return html`<div class="menu">
        <label for="menu">${t.survey}</label>
        <select id="menu" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
          ${this.surveys.map(
            (s) =>
              html`<option value=${s.surveyId} ?selected=${s.surveyId === this.current}>
                ${s.surveyId} · ${t.typeShort[s.type]} · ${t.answers(f.int(s.count), s.count)}
              </option>`,
          )}
        </select>
      </div>
      <ul class="list">
        ${this.surveys.map(
          (s) =>
            html`<li>
              <button
                type="button"
                class="survey"
                data-survey=${s.surveyId}
                aria-current=${s.surveyId === this.current ? 'true' : 'false'}
                @click=${() => this.choose(s.surveyId)}
              >
                <bdi class="id">${s.surveyId}</bdi>
                <span class="type">${t.typeShort[s.type] ?? s.type}</span>
                <span class="count">${t.answers(f.int(s.count), s.count)}</span>
                <span class="last">${t.lastAnswer(s.lastAnsweredAt ? f.moment(s.lastAnsweredAt) : '—')}</span>
              </button>
            </li>`,
        )}
      </ul>`;
  }
}

customElements.define('survey-list', SurveyListElement);

declare global {
  interface HTMLElementTagNameMap {
    'survey-list': SurveyListElement;
  }
}
