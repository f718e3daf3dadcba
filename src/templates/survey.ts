/**
 * The survey's templates: the card (scale, Next button, follow-up form, status line) and the popover around it.
 * Pure: they draw what they are given and call back the handlers given.
 */
import { html, nothing, type TemplateResult } from 'lit/html.js';
import type { SurveyConfig } from '../config.js';
import type { StringKey } from '../i18n/translation.js';
import { SCALES } from '../scales.js';
import type { Text } from '../survey/texts.js';
import { closeIcon, face, star } from './icons.js';

export type Phase = 'ask' | 'follow-up' | 'thanks';

/** What the card shows, and what its controls call. */
export interface SurveyView {
  config: SurveyConfig;
  phase: Phase;
  /** The saved score. */
  selected: number | undefined;
  /** The option the arrow keys moved to. */
  active: number | undefined;
  commentError: false | 'commentRequired' | 'commentTooLong';
  lang: string;
  dir: string;
  number: (n: number) => string;
  text: Text;
  question: TemplateResult | string;
  followUp: string;
  onClose: () => void;
  onChoose: (score: number) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onSubmit: (event: Event) => void;
  onSkip: () => void;
  onCommentInput: () => void;
}

export function surveyTemplate(view: SurveyView): TemplateResult {
  const { config, phase, text, lang, dir } = view;
  const status =
    phase === 'thanks' ? (config.thanks ?? text('thanks')) : phase === 'follow-up' ? text('scoreSaved') : '';
  return html`
    <section part="base" class="base ${config.theme}" lang=${lang} dir=${dir}>
      <button part="close" class="close" type="button" aria-label=${text('close')} @click=${view.onClose}>
        ${closeIcon}
      </button>
      ${phase === 'thanks' ? nothing : scaleTemplate(view)}
      ${
        phase === 'ask' && view.active !== undefined
          ? html`<div class="actions">
              <button part="next" class="button" type="button" @click=${() => view.onChoose(view.active as number)}>
                ${text(config.comment === 'off' ? 'submit' : 'next')}
              </button>
            </div>`
          : nothing
      }
      ${phase === 'follow-up' ? followUpTemplate(view) : nothing}
      <p part="status" class="status ${phase === 'thanks' ? 'thanks' : 'saved'}" role="status">${status}</p>
    </section>
  `;
}

function scaleTemplate(view: SurveyView): TemplateResult {
  const { config, selected, text, number } = view;
  const type = config.type;
  const { min, max } = SCALES[type];
  const display = type === 'csat' ? config.display : 'numbers';
  const name = (v: number) =>
    display === 'faces'
      ? text(`face${v}` as StringKey)
      : text(display === 'stars' ? 'starOption' : 'option')
          .replace('{n}', number(v))
          .replace('{max}', number(max));
  // The second row of the narrow layout starts after the middle: NPS 6, CES 5, CSAT 4.
  const secondRow = min + Math.ceil((max - min + 1) / 2);
  // One tab stop: the option the arrow keys were on, else the saved one, else the lowest.
  const tabStop = view.active ?? selected ?? min;
  const options: TemplateResult[] = [];
  for (let v = min; v <= max; v++) {
    const saved = v === selected;
    const filled = display === 'stars' && selected !== undefined && v <= selected;
    const classes = `option${saved || filled ? ' saved' : ''}${v >= secondRow ? ' second' : ''}${display === 'faces' ? ` f${v}` : ''}`;
    options.push(
      html`<label part=${saved ? 'option option-selected' : 'option'} class=${classes}>
        <input
          type="radio"
          name="score"
          .value=${String(v)}
          .checked=${saved}
          tabindex=${v === tabStop ? 0 : -1}
          aria-label=${name(v)}
          aria-describedby=${v === min ? 'low-label' : v === max ? 'high-label' : nothing}
        /><span class="mark" aria-hidden="true"
          >${display === 'stars' ? star : display === 'faces' ? face(v) : number(v)}</span
        >
      </label>`,
    );
  }
  const onClick = (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (input.type === 'radio') view.onChoose(Number(input.value));
  };
  return html`
    <fieldset part="scale" role="radiogroup" aria-labelledby="question">
      <legend id="question" part="question" class="question">${view.question}</legend>
      <div class="scale-box">
        <div class="scale ${type} ${display}">
          <div part="options" class="options" @keydown=${view.onKeyDown} @click=${onClick}>${options}</div>
          <div class="ends">
            <span id="low-label" part="low-label" class="low">${config.lowLabel ?? text(`${type}Low`)}</span>
            <span id="high-label" part="high-label" class="high">${config.highLabel ?? text(`${type}High`)}</span>
          </div>
        </div>
      </div>
    </fieldset>
  `;
}

function followUpTemplate(view: SurveyView): TemplateResult {
  const { text, commentError } = view;
  const required = view.config.comment === 'required';
  return html`
    <form part="form" novalidate @submit=${view.onSubmit}>
      <label part="follow-up" class="follow-up" for="comment">
        ${view.followUp} ${required ? nothing : html`<span class="hint">${text('optional')}</span>`}
      </label>
      <textarea
        id="comment"
        part="comment"
        dir="auto"
        maxlength="2000"
        ?required=${required}
        aria-invalid=${commentError ? 'true' : 'false'}
        aria-describedby="comment-error"
        @input=${view.onCommentInput}
      ></textarea>
      <p id="comment-error" part="error" class="error" aria-live="assertive">
        ${commentError ? text(commentError) : ''}
      </p>
      <div class="actions">
        <button part="submit" class="button" type="submit">${text('submit')}</button>
        ${
          required
            ? nothing
            : html`<button part="skip" class="button secondary" type="button" @click=${view.onSkip}>
                ${text('skip')}
              </button>`
        }
      </div>
    </form>
  `;
}

/** The popover: non-modal, so nothing moves focus there; the announcement lives outside it, so it is heard. */
export function popoverTemplate(
  view: SurveyView,
  state: { visible: boolean; leaving: boolean; announcement: string; label: string },
): TemplateResult {
  const { config } = view;
  return html`
    <div class="announcer" role="status">${state.announcement}</div>
    ${
      state.visible
        ? html`<div
            part="popover"
            class="popover ${config.type} ${config.position} ${state.leaving ? 'leaving' : ''}"
            popover="manual"
            role="dialog"
            aria-modal="false"
            aria-label=${state.label}
            dir=${view.dir}
            @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && view.onClose()}
          >
            ${surveyTemplate(view)}
          </div>`
        : nothing
    }
  `;
}
