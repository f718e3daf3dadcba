/**
 * <csat-survey>: asks one NPS, CSAT or CES question, keeps the answer durably and delivers it.
 * Data flows one way: attributes -> validated config -> survey state -> outbox -> transport -> events.
 */
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import styles from './csat-survey.styles.js';
import { validateConfig, type ConfigResult, type SurveyConfig } from './config.js';
import { resolveLocale, watchLocale, type Locale } from './localize.js';
import { SCALES, scoreGroup, type ScoreGroup, type SurveyType } from './scales.js';
import type { StringKey, Strings } from './i18n/translation.js';
import { DeliveryController } from './controllers/delivery-controller.js';
import { newResponseId, pageUrl } from './response.js';
import { toJson } from './json.js';
import { booleanAttribute } from './attribute-converters.js';
import { MAX_COMMENT } from './metadata.js';
import {
  CsatAnswerEvent,
  CsatDismissEvent,
  CsatErrorEvent,
  CsatShowEvent,
  CsatSubmitEvent,
  type CsatSurveyEventMap,
} from './events.js';
import { closeIcon, face, star } from './templates/icons.js';
import { fontsFor } from './font.js';
import { armTrigger } from './triggers.js';
import type { TriggerValue } from './frameworks/attributes.js';
import {
  answeredThisVisit,
  eligibility,
  forgetVisitor,
  noteAnsweredThisVisit,
  noteVisitor,
  visitorState,
  visitorStateNow,
  type Eligibility,
  type VisitorState,
} from './visitor-state.js';
import { leaveTurn, takeTurn } from './popover-queue.js';
import type { SurveyResponse } from './wire.js';

type Phase = 'ask' | 'follow-up' | 'thanks';
type Metadata = Record<string, string | number | boolean>;

const FOLLOW_UP_KEY: Record<ScoreGroup, StringKey> = {
  detractor: 'followUpDetractor',
  passive: 'followUpPassive',
  promoter: 'followUpPromoter',
  low: 'followUpLow',
  high: 'followUpHigh',
};

/**
 * Asks one NPS, CSAT or CES question, in Persian or English, keeps the answer in IndexedDB the moment it is
 * chosen and delivers it to `endpoint`.
 *
 * @summary An embeddable NPS, CSAT or CES survey.
 * @tag csat-survey
 *
 * @attr {string} lang - Language (BCP 47); built in: `fa`, `en`. Default: the nearest `lang` on an ancestor, else the document's, else `en`.
 * @attr {'rtl' | 'ltr'} dir - Writing direction. Default: from the language.
 *
 * @fires {CsatShowEvent} csat-show - The survey became visible. `detail`: `{ surveyId }`.
 * @fires {CsatAnswerEvent} csat-answer - A score was chosen, or changed, and is already stored. `detail`: the response.
 * @fires {CsatSubmitEvent} csat-submit - The visitor finished (comment sent or skipped). `detail`: the response, `complete: true`.
 * @fires {CsatDismissEvent} csat-dismiss - Closed without finishing. `detail`: `{ surveyId, responseId? }`.
 * @fires {CsatDeliveredEvent} csat-delivered - The endpoint confirmed these responses (2xx or 409). `detail`: `{ ids }`.
 * @fires {CsatErrorEvent} csat-error - Bad configuration, or a response that will not be delivered or stored. `detail`: `{ code, message, … }`.
 *
 * @csspart base - The card.
 * @csspart popover - The floating container in `mode="popover"`.
 * @csspart close - The close button.
 * @csspart scale - The group of options (a `fieldset`).
 * @csspart question - The question (its `legend`).
 * @csspart options - The options (their cells take part in the scale's grid).
 * @csspart option - One option.
 * @csspart option-selected - The selected option (it also has `option`).
 * @csspart low-label - The label of the lowest score.
 * @csspart high-label - The label of the highest score.
 * @csspart next - The Next button, shown after moving with the arrow keys (which move focus, never choose).
 * @csspart form - The follow-up form.
 * @csspart follow-up - The follow-up question (the comment box's label).
 * @csspart comment - The comment box (`textarea`).
 * @csspart error - The message asking for a comment when one is required.
 * @csspart submit - The Send button.
 * @csspart skip - The Skip button.
 * @csspart status - The status line: the thank-you, and the hidden "score saved".
 *
 * @cssprop [--csat-bg=light-dark(#ffffff, #1c1f24)] - Card background.
 * @cssprop [--csat-fg=light-dark(#1f2328, #e6edf3)] - Text.
 * @cssprop [--csat-muted=light-dark(#57606a, #b1bac4)] - End labels, hints, the close icon, empty stars.
 * @cssprop [--csat-border=light-dark(#6e7781, #8b949e)] - Option and comment-box borders.
 * @cssprop [--csat-card-border=light-dark(#d0d7de, #3d444d)] - Card border.
 * @cssprop [--csat-accent=light-dark(#0b57d0, #8ab4f8)] - The selected option, buttons, focus rings.
 * @cssprop [--csat-on-accent=light-dark(#ffffff, #0b1b33)] - Text on the accent colour.
 * @cssprop [--csat-star=#f5b301] - The fill of chosen stars (a lighter tint of it while hovered or focused).
 * @cssprop [--csat-star-stroke=light-dark(#9a6700, #d39a00)] - The outline of chosen and previewed stars (3:1 against the card).
 * @cssprop [--csat-error=light-dark(#b3261e, #ffb4ab)] - The comment error.
 * @cssprop [--csat-field-bg=light-dark(#ffffff, #0d1117)] - Comment box background.
 * @cssprop [--csat-hover=light-dark(#eef1f4, #2d333b)] - Hover background.
 * @cssprop [--csat-font-family=the page's font] - All text. Default: the page's own `font-family`, then a stack for the language (Persian-first for Persian).
 * @cssprop [--csat-font-size=16px] - Base size; everything else scales from it.
 * @cssprop [--csat-radius=12px] - Card corners; options and buttons use two thirds of it.
 * @cssprop [--csat-padding=1em clamp(0.75em, 4vw, 1.25em)] - Card padding.
 * @cssprop [--csat-gap=6px] - Space between options (down to 2 px where the one-row scale needs it).
 * @cssprop [--csat-max-width=40em] - Maximum card width.
 */
export class CsatSurveyElement extends LitElement {
  static override styles = styles;

  static override properties = {
    type: {},
    surveyId: { attribute: 'survey-id' },
    endpoint: {},
    subject: {},
    question: {},
    lowLabel: { attribute: 'low-label' },
    highLabel: { attribute: 'high-label' },
    followUp: { attribute: 'follow-up' },
    thanks: {},
    display: {},
    comment: {},
    touchpoint: {},
    theme: {},
    includeQuery: { type: Boolean, attribute: 'include-query', converter: booleanAttribute },
    metadata: { attribute: false },
    strings: { attribute: false },
    headers: { attribute: false },
    mode: {},
    position: {},
    trigger: {},
    sample: { type: Number },
    recontactDays: { type: Number, attribute: 'recontact-days' },
    dismissDays: { type: Number, attribute: 'dismiss-days' },
    afterAnswer: { attribute: 'after-answer' },
    phase: { state: true },
    leaving: { state: true },
    announcement: { state: true },
    selected: { state: true },
    active: { state: true },
    visible: { state: true },
    commentError: { state: true },
  };

  /** Registers the element under `tag` (default `csat-survey`) unless that name is taken. */
  static define(tag = 'csat-survey'): void {
    if (!customElements.get(tag)) customElements.define(tag, tag === 'csat-survey' ? this : class extends this {});
  }

  /** `nps` (0–10), `csat` (1–5) or `ces` (1–7). Required. */
  type?: SurveyType;
  /** 1–64 characters of a–z, 0–9, `-`, `_`. Required. */
  surveyId?: string;
  /** Where answers are POSTed: an https: URL, a same-origin path, or http://localhost. Required. */
  endpoint?: string;
  /** Text inserted into the default question ("How satisfied are you with {subject}?"). */
  subject?: string;
  /** Replaces the question. */
  question?: string;
  /** Replaces the label of the lowest score. */
  lowLabel?: string;
  /** Replaces the label of the highest score. */
  highLabel?: string;
  /** Replaces the follow-up question for every score group. */
  followUp?: string;
  /** Replaces the thank-you. */
  thanks?: string;
  /** CSAT only: `numbers`, `stars` or `faces`. */
  display: 'numbers' | 'stars' | 'faces' = 'numbers';
  /** The open question after the score: `off`, `optional` or `required`. */
  comment: 'off' | 'optional' | 'required' = 'optional';
  /** Where in the customer journey this was asked (≤ 64 characters). */
  touchpoint?: string;
  /** `light`, `dark` or `auto` (follows the visitor's system). */
  theme: 'light' | 'dark' | 'auto' = 'auto';
  /** Sends the page URL's query string too. */
  includeQuery = false;
  /** Up to 20 flat values sent with the answer. Property only. */
  metadata?: Metadata;
  /** Overrides any built-in text, by name (see the README). Property only. */
  strings?: Strings;
  /** Extra request headers for the endpoint. Property only. */
  headers?: Record<string, string>;
  /** `inline` (in the page flow) or `popover` (floating, non-modal). */
  mode: 'inline' | 'popover' = 'inline';
  /** Popover corner, logical (flips in RTL): `bottom-end`, `bottom-start`, `top-end`, `top-start`. */
  position: 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start' = 'bottom-end';
  /** When it appears: `load`, `delay:<n>s`, `scroll:<n>%`, `exit`, `event:<name>` or `manual`. */
  trigger: TriggerValue = 'load';
  /** Share of visitors ever shown the survey, 0–1; each visitor's draw is remembered. */
  sample = 1;
  /** Days not to ask again after an answer. */
  recontactDays = 90;
  /** Days not to ask again after the survey was closed without an answer. */
  dismissDays = 7;
  /**
   * What an answered inline survey shows on later page views within `recontact-days`: `hide`
   * (nothing, once the visit in which it was answered is over) or `thanks` (the thank-you).
   */
  afterAnswer: 'hide' | 'thanks' = 'hide';

  private phase: Phase = 'ask';
  /** The saved score: shown as chosen only once the answer is stored. */
  private selected?: number;
  /** The option the arrow keys moved to: focused, not chosen. */
  private active?: number;
  /** The write of the latest revision, so `updateComplete` includes it. */
  private saving: Promise<unknown> = Promise.resolve();
  /** True while the final revision is being stored. */
  private finishing = false;
  /** The font stack, from the page's own font and the language. */
  private fonts = '';
  private visible = false;
  private leaving = false;
  private announcement = '';
  /** The text shown under the comment box, when the comment cannot be sent as it is. */
  private commentError: false | 'commentRequired' | 'commentTooLong' = false;
  /** This visitor's standing with the survey, decided when it connects. */
  private verdict?: Eligibility;
  private deciding: Promise<void> = Promise.resolve();
  private decisions = 0;
  private decidedFor = '';
  private disarm?: () => void;
  private returnFocus?: HTMLElement;
  private thanksTimer?: ReturnType<typeof setTimeout>;

  private readonly delivery = new DeliveryController(this);
  private response?: SurveyResponse;
  private result!: ConfigResult;
  private locale!: Locale;
  private reportedError = '';
  private shown = false;
  private cleanups: Array<() => void> = [];

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' || name === 'dir') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.cleanups = [watchLocale(this, () => this.requestUpdate())];
    this.addEventListener('focusin', this.rememberFocus);
    this.cleanups.push(
      () => this.removeEventListener('focusin', this.rememberFocus),
      () => this.stopAsking(),
      () => clearTimeout(this.thanksTimer),
    );
    const onViewport = () => this.followKeyboard();
    visualViewport?.addEventListener('resize', onViewport);
    this.cleanups.push(() => visualViewport?.removeEventListener('resize', onViewport));
    const onEscape = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && this.isPopover() && this.visible && document.activeElement === document.body)
        this.handleClose();
    };
    document.addEventListener('keydown', onEscape);
    this.cleanups.push(() => document.removeEventListener('keydown', onEscape));
    this.decide();
  }

  /** Resolves once the survey decided whether to ask this visitor, and rendered that. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.deciding;
    await this.saving;
    return super.getUpdateComplete();
  }

  /** What the decision to ask depends on: when it changes, the survey decides again. */
  private rulesKey(): string {
    const { type, surveyId, mode, trigger, sample, recontactDays, dismissDays, afterAnswer } = this;
    return toJson([type, surveyId, mode, trigger, sample, recontactDays, dismissDays, afterAnswer, this.result?.ok]);
  }

  private isPopover(): boolean {
    return this.result?.ok === true && this.result.config.mode === 'popover';
  }

  private stopAsking(): void {
    this.disarm?.();
    this.disarm = undefined;
    leaveTurn(this);
  }

  /**
   * Sampling, then the waiting periods, then the trigger. An answered inline survey shows its
   * thank-you for the rest of the visit in which it was answered (always, with
   * `after-answer="thanks"`), then nothing; an answered or dismissed popover stays away;
   * otherwise the trigger is armed.
   */
  private decide(): void {
    const run = ++this.decisions;
    this.decidedFor = this.rulesKey();
    this.stopAsking();
    this.visible = false;
    this.result = validateConfig(this.configInput());
    if (!this.result.ok) return;
    const config = this.result.config;
    const apply = (state: VisitorState) => {
      this.verdict = eligibility(state, config);
      if (this.verdict === 'answered' && config.mode === 'inline') {
        if (config.afterAnswer === 'thanks' || answeredThisVisit(config.surveyId)) {
          this.phase = 'thanks';
          this.visible = true;
        }
      } else if (this.verdict === 'ask') {
        this.disarm = armTrigger(config.trigger, () => this.open());
      }
    };
    // Decided at once from the synchronous copy (the card can be in the first frame); IndexedDB, the store of
    // record, is read meanwhile, and decides again only where it says something else.
    const now = visitorStateNow(config.surveyId);
    if (now) apply(now);
    this.deciding = visitorState(config.surveyId).then((state) => {
      if (run !== this.decisions || !this.isConnected) return;
      if (now && eligibility(now, config) === eligibility(state, config)) return;
      this.stopAsking();
      this.visible = false;
      apply(state);
    });
  }

  private open(): void {
    if (!this.result.ok || this.verdict !== 'ask') return;
    const config = this.result.config;
    if (config.mode === 'inline') {
      this.visible = true;
      return;
    }
    takeTurn(this, () => {
      this.leaving = false;
      this.visible = true;
      this.announcement = this.text('surveyOpened').replace('{question}', this.plainQuestion(config));
    });
  }

  private readonly rememberFocus = (event: FocusEvent): void => {
    const from = event.relatedTarget as HTMLElement | null;
    if (from && from !== this && !this.shadowRoot?.contains(from)) this.returnFocus = from;
  };

  /** Keeps a bottom sheet above the on-screen keyboard. */
  private followKeyboard(): void {
    const viewport = visualViewport;
    if (!viewport || !this.isPopover()) return;
    const covered = Math.max(0, innerHeight - viewport.height - viewport.offsetTop);
    this.style.setProperty('--_keyboard', `${Math.round(covered)}px`);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.cleanups.forEach((cleanup) => cleanup());
    this.cleanups = [];
  }

  /**
   * Shows the survey now, whatever its trigger (also after `hide()` or the close button), unless
   * this visitor is outside the sample or within the recontact or dismiss days.
   */
  show(): void {
    void this.deciding.then(() => this.open());
  }

  /** Hides the survey without counting it as a dismissal. */
  hide(): void {
    this.visible = false;
    leaveTurn(this);
  }

  /** Forgets this visitor's state for this survey (sampling draw, answer, dismissal) and decides again. */
  reset(): void {
    this.restart();
    const surveyId = this.result?.ok ? this.result.config.surveyId : undefined;
    this.deciding = (surveyId ? forgetVisitor(surveyId) : Promise.resolve()).then(() => {
      if (this.isConnected) this.decide();
      return this.deciding;
    });
  }

  /** Clears the answer in progress. */
  private restart(): void {
    this.response = undefined;
    this.selected = undefined;
    this.active = undefined;
    this.phase = 'ask';
    this.commentError = false;
    clearTimeout(this.thanksTimer);
  }

  /** Tries to deliver every buffered answer now. Never rejects. */
  flush(): Promise<void> {
    return this.delivery.flush();
  }

  private configInput(): Record<keyof SurveyConfig, unknown> {
    const dir = this.getAttribute('dir');
    return {
      type: this.type,
      surveyId: this.surveyId,
      endpoint: this.endpoint,
      lang: this.getAttribute('lang') || undefined,
      dir: dir && dir !== 'auto' ? dir : undefined,
      subject: this.subject,
      question: this.question,
      lowLabel: this.lowLabel,
      highLabel: this.highLabel,
      followUp: this.followUp,
      thanks: this.thanks,
      display: this.display,
      comment: this.comment,
      touchpoint: this.touchpoint,
      theme: this.theme,
      includeQuery: this.includeQuery,
      metadata: this.metadata,
      strings: this.strings,
      headers: this.headers,
      mode: this.mode,
      position: this.position,
      trigger: this.trigger,
      sample: this.sample,
      recontactDays: this.recontactDays,
      dismissDays: this.dismissDays,
      afterAnswer: this.afterAnswer,
    };
  }

  protected override willUpdate(): void {
    this.locale = resolveLocale(this);
    if (this.visible) this.fonts = fontsFor(this, this.locale.t.$code);
    this.result = validateConfig(this.configInput());
    if (!this.result.ok) {
      if (this.result.message !== this.reportedError) {
        this.reportedError = this.result.message;
        console.error(this.result.message);
        this.dispatchEvent(
          new CsatErrorEvent({ code: 'invalid-config', message: this.result.message, issues: this.result.issues }),
        );
      }
    } else {
      this.reportedError = '';
    }
    if (this.isConnected && this.rulesKey() !== this.decidedFor) {
      this.restart();
      this.decide();
    }
  }

  protected override updated(): void {
    const isShown = this.result.ok && this.visible;
    if (isShown && !this.shown) {
      // Said (and counted) once IndexedDB confirmed the decision, the latest one: the card may be drawn earlier,
      // from the synchronous copy, before a server-rendered app has hydrated and listens.
      const { phase } = this;
      const settled = (): Promise<void> => {
        const deciding = this.deciding;
        return deciding.then(() => (deciding === this.deciding ? undefined : settled()));
      };
      void settled().then(() => {
        if (!this.visible || !this.result.ok) return;
        this.dispatchEvent(new CsatShowEvent({ surveyId: this.surveyId as string }));
        if (phase === 'ask') this.countDisplay();
      });
    }
    this.shown = isShown;
    // The font goes through the CSSOM, never a style attribute: strict CSP allows only this.
    const base = this.renderRoot.querySelector<HTMLElement>('.base');
    if (base && base.style.getPropertyValue('--_font') !== this.fonts) base.style.setProperty('--_font', this.fonts);
    const popover = this.renderRoot.querySelector<HTMLElement>('.popover');
    if (popover && 'showPopover' in popover && !popover.matches(':popover-open')) popover.showPopover();
    if (popover) this.followKeyboard();
  }

  /** The question as plain text, for the announcement. */
  private plainQuestion(config: SurveyConfig): string {
    if (config.question) return config.question;
    if (!config.subject) return this.text(`${config.type}QuestionNoSubject`);
    return this.text(`${config.type}Question`).replace('{subject}', config.subject);
  }

  private text(key: StringKey): string {
    // A popover may open before the first update resolved the language.
    return this.strings?.[key] ?? (this.locale ??= resolveLocale(this)).t[key];
  }

  private questionText(config: SurveyConfig): TemplateResult | string {
    if (config.question) return config.question;
    if (!config.subject) return this.text(`${config.type}QuestionNoSubject`);
    // The subject is isolated so a Latin name keeps its place in a Persian sentence.
    const question = this.text(`${config.type}Question`);
    // An overriding text may leave the subject out.
    if (!question.includes('{subject}')) return question;
    const [before = '', after = ''] = question.split('{subject}');
    return html`${before}<bdi>${config.subject}</bdi>${after}`;
  }

  protected override render(): unknown {
    if (!this.result.ok) return nothing;
    const config = this.result.config;
    if (config.mode === 'inline') return this.visible ? this.renderSurvey(config) : nothing;
    const { dir } = this.locale;
    // Non-modal: nothing moves focus here. The announcement lives outside, so it is heard.
    return html`
      <div class="announcer" role="status">${this.announcement}</div>
      ${
        this.visible
          ? html`<div
              part="popover"
              class="popover ${config.type} ${config.position} ${this.leaving ? 'leaving' : ''}"
              popover="manual"
              role="dialog"
              aria-modal="false"
              aria-label=${this.plainQuestion(config)}
              dir=${dir}
              @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.handleClose()}
            >
              ${this.renderSurvey(config)}
            </div>`
          : nothing
      }
    `;
  }

  private renderSurvey(config: SurveyConfig): TemplateResult {
    const { lang, dir } = this.locale;
    const { phase } = this;
    const status =
      phase === 'thanks'
        ? (config.thanks ?? this.text('thanks'))
        : phase === 'follow-up'
          ? this.text('scoreSaved')
          : '';
    return html`
      <section part="base" class="base ${config.theme}" lang=${lang} dir=${dir}>
        <button part="close" class="close" type="button" aria-label=${this.text('close')} @click=${this.handleClose}>
          ${closeIcon}
        </button>
        ${phase === 'thanks' ? nothing : this.renderScale(config)}
        ${
          phase === 'ask' && this.active !== undefined
            ? html`<div class="actions">
                <button part="next" class="button" type="button" @click=${() => this.choose(this.active as number)}>
                  ${config.comment === 'off' ? this.text('submit') : this.text('next')}
                </button>
              </div>`
            : nothing
        }
        ${phase === 'follow-up' ? this.renderFollowUp(config) : nothing}
        <p part="status" class="status ${phase === 'thanks' ? 'thanks' : 'saved'}" role="status">${status}</p>
      </section>
    `;
  }

  private renderScale(config: SurveyConfig): TemplateResult {
    const type = config.type;
    const { min, max } = SCALES[type];
    const display = type === 'csat' ? config.display : 'numbers';
    const { number } = this.locale;
    const name = (v: number) =>
      display === 'faces'
        ? this.text(`face${v}` as StringKey)
        : this.text(display === 'stars' ? 'starOption' : 'option')
            .replace('{n}', number(v))
            .replace('{max}', number(max));
    const mark = (v: number) => (display === 'stars' ? star : display === 'faces' ? face(v) : number(v));
    // The second row of the narrow layout starts after the middle: NPS 6, CES 5, CSAT 4.
    const secondRow = min + Math.ceil((max - min + 1) / 2);
    // One tab stop: the option the arrow keys were on, else the saved one, else the lowest.
    const tabStop = this.active ?? this.selected ?? min;
    const options: TemplateResult[] = [];
    for (let v = min; v <= max; v++) {
      const saved = v === this.selected;
      const filled = display === 'stars' && this.selected !== undefined && v <= this.selected;
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
          /><span class="mark" aria-hidden="true">${mark(v)}</span>
        </label>`,
      );
    }
    return html`
      <fieldset part="scale" role="radiogroup" aria-labelledby="question">
        <legend id="question" part="question" class="question">${this.questionText(config)}</legend>
        <div class="scale-box">
          <div class="scale ${type} ${display}">
            <div part="options" class="options" @keydown=${this.handleKeyDown} @click=${this.handleClick}>
              ${options}
            </div>
            <div class="ends">
              <span id="low-label" part="low-label" class="low">${config.lowLabel ?? this.text(`${type}Low`)}</span>
              <span id="high-label" part="high-label" class="high"
                >${config.highLabel ?? this.text(`${type}High`)}</span
              >
            </div>
          </div>
        </div>
      </fieldset>
    `;
  }

  private renderFollowUp(config: SurveyConfig): TemplateResult {
    const group = scoreGroup(config.type, this.selected ?? this.response?.score ?? 0);
    const key = FOLLOW_UP_KEY[group];
    const question = config.followUp ?? this.strings?.[key] ?? this.strings?.followUp ?? this.locale.t[key];
    const required = config.comment === 'required';
    return html`
      <form part="form" novalidate @submit=${this.handleSubmit}>
        <label part="follow-up" class="follow-up" for="comment">
          ${question} ${required ? nothing : html`<span class="hint">${this.text('optional')}</span>`}
        </label>
        <textarea
          id="comment"
          part="comment"
          dir="auto"
          maxlength="2000"
          ?required=${required}
          aria-invalid=${this.commentError ? 'true' : 'false'}
          aria-describedby="comment-error"
          @input=${() => (this.commentError = false)}
        ></textarea>
        <p id="comment-error" part="error" class="error" aria-live="assertive">
          ${this.commentError ? this.text(this.commentError) : ''}
        </p>
        <div class="actions">
          <button part="submit" class="button" type="submit">${this.text('submit')}</button>
          ${
            required
              ? nothing
              : html`<button part="skip" class="button secondary" type="button" @click=${() => this.finish()}>
                  ${this.text('skip')}
                </button>`
          }
        </div>
      </form>
    `;
  }

  private radios(): HTMLInputElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]')];
  }

  /**
   * Arrows move the keyboard focus the way they point on screen (mirrored in RTL); they never
   * choose. Only Space, Enter, the Next button or a click choose, and the option looks saved only
   * once the answer is stored.
   */
  private handleKeyDown(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    if (input.type !== 'radio') return;
    const radios = this.radios();
    const index = radios.indexOf(input);
    const forward = this.locale.dir === 'rtl' ? -1 : 1;
    const moves: Record<string, number> = {
      ArrowRight: index + forward,
      ArrowLeft: index - forward,
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: radios.length - 1,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void this.choose(Number(input.value));
      return;
    }
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const target = radios[Math.min(Math.max(to, 0), radios.length - 1)] as HTMLInputElement;
    target.focus();
    this.active = Number(target.value);
  }

  private handleClick(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.type === 'radio') void this.choose(Number(input.value));
  }

  private handleSubmit(event: Event): void {
    event.preventDefault();
    const textarea = this.renderRoot.querySelector('textarea') as HTMLTextAreaElement;
    const comment = textarea.value.trim();
    if (this.result.ok && this.result.config.comment === 'required' && !comment) {
      this.commentError = 'commentRequired';
      textarea.focus();
      return;
    }
    // `maxlength` stops typing, not a value set by a script: refused here, before anything is stored.
    // The score already stored stays, and is sent as it is.
    if (comment.length > MAX_COMMENT) {
      this.commentError = 'commentTooLong';
      textarea.focus();
      const message = `the comment is ${comment.length} characters long, more than the ${MAX_COMMENT} allowed, so it was neither stored nor sent; the score already chosen is kept and sent.`;
      console.warn(`<csat-survey>: ${message}`);
      const response = this.response;
      this.dispatchEvent(
        new CsatErrorEvent({
          code: 'invalid-comment',
          message,
          ...(this.surveyId && { surveyId: this.surveyId }),
          ...(response && { responseId: response.id }),
        }),
      );
      return;
    }
    void this.finish(comment);
  }

  private handleClose(): void {
    if (this.leaving || !this.visible) return;
    const response = this.response;
    const finished = this.phase === 'thanks';
    this.leave();
    if (finished || !this.result.ok) return;
    // The dismissal is stored before it is announced, so a reload right after the close keeps it away.
    const detail = { surveyId: this.surveyId as string, ...(response && { responseId: response.id }) };
    const noting = noteVisitor(this.result.config.surveyId, { dismissedAt: Date.now() });
    this.saving = noting;
    void noting.then(() => this.dispatchEvent(new CsatDismissEvent(detail)));
    if (response) void this.save(response.score, true, undefined);
  }

  /** Hides the survey; a popover plays its exit motion first and gives focus back to where the visitor was. */
  private leave(): void {
    clearTimeout(this.thanksTimer);
    if (!this.isPopover() || !this.visible) {
      this.visible = false;
      return;
    }
    const hadFocus = !!this.shadowRoot?.activeElement;
    this.leaving = true;
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    setTimeout(
      () => {
        if (!this.leaving) return;
        this.leaving = false;
        this.visible = false;
        leaveTurn(this);
        if (hadFocus && this.returnFocus?.isConnected) this.returnFocus.focus();
      },
      still ? 0 : 160,
    );
  }

  /** A finished popover leaves by itself after a moment, unless the visitor is on it. */
  private leaveAfterThanks(): void {
    clearTimeout(this.thanksTimer);
    this.thanksTimer = setTimeout(() => {
      if (this.matches(':hover') || this.shadowRoot?.activeElement) this.leaveAfterThanks();
      else this.leave();
    }, 6000);
  }

  private makeResponse(config: SurveyConfig, score: number, complete: boolean, comment?: string): SurveyResponse {
    const previous = this.response;
    return {
      id: previous?.id ?? newResponseId(),
      revision: (previous?.revision ?? 0) + 1,
      complete,
      surveyId: config.surveyId,
      type: config.type,
      score,
      scale: { ...SCALES[config.type] },
      ...(comment && { comment }),
      locale: this.locale.lang,
      ...(config.touchpoint && { touchpoint: config.touchpoint }),
      page: { url: pageUrl(config.includeQuery) },
      ...(config.metadata && { metadata: { ...config.metadata } }),
      answeredAt: new Date().toISOString(),
    };
  }

  /**
   * Records a display (the question shown) once per survey per page load, and sends it after the
   * answers. Nothing in it links it to the visitor or to an answer.
   */
  private countDisplay(): void {
    if (!this.result.ok) return;
    const { surveyId, type, touchpoint, endpoint, headers, includeQuery } = this.result.config;
    this.delivery.display(
      {
        id: newResponseId(),
        surveyId,
        type,
        shownAt: new Date().toISOString(),
        locale: this.locale.lang,
        ...(touchpoint && { touchpoint }),
        page: { url: pageUrl(includeQuery) },
      },
      endpoint,
      headers,
    );
  }

  /** Makes the next revision, stores it durably, then sends everything buffered. */
  private async save(
    score: number,
    complete: boolean,
    comment: string | undefined,
  ): Promise<SurveyResponse | undefined> {
    if (!this.result.ok) return undefined;
    const config = this.result.config;
    const response = this.makeResponse(config, score, complete, comment);
    this.response = response;
    await this.delivery.keep(response, config.endpoint, config.headers);
    return response;
  }

  /** Stores the chosen score, then shows it as saved and moves on: to the comment, or to the thank-you. */
  private async choose(score: number): Promise<void> {
    if (this.phase === 'thanks' || this.finishing || !this.result.ok || this.response?.score === score) return;
    const { comment, surveyId } = this.result.config;
    const finished = comment === 'off';
    const first = !this.response;
    // The answer and the visitor's "answered" mark are stored together, before anything says so:
    // a visitor who reloads at once is not asked again.
    if (first) noteAnsweredThisVisit(surveyId);
    const noting = first ? noteVisitor(surveyId, { answeredAt: Date.now() }) : undefined;
    const saving = this.save(score, finished, undefined);
    this.saving = Promise.all([saving, noting]);
    const [response] = await Promise.all([saving, noting]);
    if (!response) return;
    this.selected = score;
    this.active = undefined;
    this.phase = finished ? 'thanks' : 'follow-up';
    this.keepFocus();
    if (finished && this.isPopover()) this.leaveAfterThanks();
    this.dispatchEvent(new CsatAnswerEvent(response));
    if (finished) this.dispatchEvent(new CsatSubmitEvent(response));
  }

  private async finish(comment?: string): Promise<void> {
    const score = this.selected ?? this.response?.score;
    if (score === undefined || this.phase === 'thanks' || this.finishing) return;
    this.finishing = true;
    const saving = this.save(score, true, comment || undefined);
    this.saving = saving;
    const response = await saving;
    this.finishing = false;
    this.phase = 'thanks';
    this.keepFocus();
    if (this.isPopover()) this.leaveAfterThanks();
    if (response) this.dispatchEvent(new CsatSubmitEvent(response));
  }

  /**
   * When the focused control disappears (the Next or Send button), focus moves to what comes
   * next in the survey (the comment box, else the close button), never to the page.
   */
  private keepFocus(): void {
    if (!this.shadowRoot?.activeElement) return;
    void this.updateComplete.then(() => {
      if (this.shadowRoot?.activeElement) return;
      const next = this.renderRoot.querySelector('textarea') ?? this.renderRoot.querySelector<HTMLElement>('.close');
      next?.focus();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'csat-survey': CsatSurveyElement;
  }
  // Merges the element's events into the DOM's map, so addEventListener('csat-answer', …) is typed.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends CsatSurveyEventMap {}
  // They bubble and are composed, so document.addEventListener('csat-delivered', …) is typed too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends CsatSurveyEventMap {}
}
