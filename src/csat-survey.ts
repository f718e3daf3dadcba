/**
 * <csat-survey>: asks one NPS, CSAT or CES question, keeps the answer durably and delivers it.
 * Data flows one way: attributes -> validated config -> survey state -> outbox -> transport -> events.
 * The inputs are declared in inputs.ts; what is drawn is in templates/; the rules it follows are in survey/.
 */
import { nothing } from 'lit/html.js';
import styles from './csat-survey.styles.js';
import { inputsOf, validateConfig, type ConfigResult } from './config.js';
import { inputProperties, type InputProperties } from './inputs.js';
import { ReactiveHost } from './reactive-host.js';
import { resolveLocale, watchLocale, type Locale } from './localize.js';
import { DeliveryController } from './controllers/delivery-controller.js';
import { toJson } from './json.js';
import { CsatShowEvent } from './events.js';
import { reportConfig } from './survey/config-report.js';
import type { CsatSurveyEventMap } from './events.js';
import { fontsFor } from './font.js';
import { forgetVisitor } from './visitor-state.js';
import { forgetCooldown, showPopover } from './cooldown.js';
import { popoverTemplate, surveyTemplate, type SurveyView } from './templates/survey.js';
import { followUpQuestion, plainQuestion, questionText, textOf, type Text } from './survey/texts.js';
import { displayRecord } from './survey/records.js';
import { Decision } from './survey/decision.js';
import { PopoverController } from './survey/popover.js';
import { SurveyAnswer } from './survey/answer.js';

/** The reactive properties: the inputs (but `lang` and `dir`, read as they are), then the internal state. */
const PROPERTIES = inputProperties();
for (const name of ['announcement', 'visible']) PROPERTIES.set(name, { state: true });

// The inputs' properties (from the table) are the element's own.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface CsatSurveyElement extends InputProperties {}

/**
 * Asks one NPS, CSAT or CES question, in Persian or English, keeps the answer in IndexedDB the moment it is
 * chosen and delivers it to `endpoint`.
 *
 * @summary An embeddable NPS, CSAT or CES survey.
 * @tag csat-survey
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
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class CsatSurveyElement extends ReactiveHost {
  static override styles = styles;
  static override elementProperties = PROPERTIES;

  /** Registers the element under `tag` (default `csat-survey`) unless that name is taken. */
  static define(tag = 'csat-survey'): void {
    if (typeof customElements !== 'undefined' && !customElements.get(tag))
      customElements.define(tag, tag === 'csat-survey' ? this : class extends this {});
  }

  private fonts = '';
  private visible = false;
  private announcement = '';
  private decidedFor = '';

  private readonly delivery = new DeliveryController(this);
  private readonly popoverControl = new PopoverController(this, {
    isPopover: () => this.isPopover(),
    isVisible: () => this.visible,
    hide: () => (this.visible = false),
    close: () => this.handleClose(),
  });
  private readonly answer = new SurveyAnswer({
    requestUpdate: () => this.requestUpdate(),
    dispatchEvent: (event) => this.dispatchEvent(event),
    whenUpdated: () => this.updateComplete,
    root: () => this.renderRoot,
    config: () => (this.result.ok ? this.result.config : undefined),
    lang: () => this.locale.lang,
    keep: (response, { endpoint, headers, storage }) => this.delivery.keep(response, endpoint, headers, storage),
    finished: () => this.isPopover() && this.popoverControl.leaveAfterThanks(),
  });
  private readonly decision = new Decision(this, {
    thank: () => {
      this.answer.phase = 'thanks';
      this.visible = true;
    },
    open: () => this.open(),
    hide: () => (this.visible = false),
  });
  private result!: ConfigResult;
  private locale!: Locale;
  private reportedError = '';
  private unwatch?: () => void;

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'dir'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang' || name === 'dir') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwatch = watchLocale(this, () => this.requestUpdate());
    this.decide();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatch?.();
    this.decision.stop();
  }

  /** Resolves once the survey decided whether to ask this visitor, and rendered that. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.decision.deciding;
    await this.answer.saving;
    return super.getUpdateComplete();
  }

  /**
   * Shows the survey now, whatever its trigger (also after `hide()` or the close button), unless
   * this visitor is outside the sample or within the recontact or dismiss days.
   */
  show(): void {
    void this.decision.deciding.then(() => this.open());
  }

  /** Hides the survey without counting it as a dismissal. */
  hide(): void {
    this.visible = false;
  }

  /** Forgets this visitor's state for this survey (sampling draw, answer, dismissal) and decides again. */
  reset(): void {
    this.restart();
    const config = this.result?.ok ? this.result.config : undefined;
    const { decision } = this;
    forgetCooldown(this);
    decision.deciding = (config ? forgetVisitor(config.surveyId, config.storage) : Promise.resolve()).then(() => {
      // Removed meanwhile: nothing to decide (and never the promise itself to wait for).
      if (!this.isConnected) return;
      this.decide();
      return decision.deciding;
    });
  }

  /** Tries to deliver every buffered answer now. Never rejects. */
  flush(): Promise<void> {
    return this.delivery.flush();
  }

  /** What the decision to ask depends on: when it changes, the survey decides again. */
  private rulesKey(): string {
    const { type, surveyId, mode, trigger, sample, recontactDays, dismissDays, afterAnswer, storage } = this;
    const rules = [mode, trigger, sample, recontactDays, dismissDays, afterAnswer, storage, this.respectCooldown];
    return toJson([type, surveyId, ...rules, this.result?.ok]);
  }

  private isPopover(): boolean {
    return this.result?.ok === true && this.result.config.mode === 'popover';
  }

  /** Decides again whether to ask this visitor (see survey/decision.ts). */
  private decide(): void {
    this.decidedFor = this.rulesKey();
    this.result = validateConfig(inputsOf(this));
    this.decision.decide(this.result.ok ? this.result.config : undefined);
  }

  private open(): void {
    if (!this.result.ok || this.decision.verdict !== 'ask') return;
    const config = this.result.config;
    if (config.mode === 'inline') {
      this.visible = true;
      return;
    }
    showPopover(
      this,
      () => {
        this.popoverControl.leaving = false;
        this.visible = true;
        this.announcement = this.text('surveyOpened').replace('{question}', plainQuestion(config, this.text));
      },
      config.storage,
    );
  }

  /** Clears the answer in progress. */
  private restart(): void {
    this.answer.restart();
    this.popoverControl.cancel();
  }

  protected override willUpdate(): void {
    this.locale = resolveLocale(this);
    if (this.visible) this.fonts = fontsFor(this, this.locale.t.$code);
    this.result = validateConfig(inputsOf(this));
    this.reportedError = reportConfig(this.result, this.reportedError, this);
    if (this.isConnected && this.rulesKey() !== this.decidedFor) {
      this.restart();
      this.decide();
    }
  }

  protected override updated(): void {
    const { phase } = this.answer;
    this.decision.drawn(this.result.ok && this.visible, () => {
      if (!this.visible || !this.result.ok) return;
      this.dispatchEvent(new CsatShowEvent({ surveyId: this.surveyId as string }));
      // A display (the question shown) is counted once per survey per page load, and sent after the answers.
      const { config } = this.result;
      if (phase === 'ask')
        this.delivery.display(displayRecord(config, this.locale.lang), config.endpoint, config.headers, config.storage);
    });
    // The font goes through the CSSOM, never a style attribute: strict CSP allows only this.
    const base = this.renderRoot.querySelector<HTMLElement>('.base');
    if (base && base.style.getPropertyValue('--_font') !== this.fonts) base.style.setProperty('--_font', this.fonts);
  }

  /** One text: the page's override, else the language's. A popover may open before the first update. */
  private readonly text: Text = (key) => textOf(this.strings, (this.locale ??= resolveLocale(this)))(key);

  protected override render(): unknown {
    if (!this.result.ok) return nothing;
    const { config } = this.result;
    const { answer, text } = this;
    const { phase } = answer;
    const score = answer.selected ?? answer.response?.score ?? 0;
    const view: SurveyView = {
      config,
      phase,
      selected: answer.selected,
      active: answer.active,
      commentError: answer.commentError,
      lang: this.locale.lang,
      dir: this.locale.dir,
      number: this.locale.number,
      text,
      question: questionText(config, text),
      followUp: phase === 'follow-up' ? followUpQuestion(config, score, this.strings, text) : '',
      onClose: () => this.handleClose(),
      onChoose: (v) => void answer.choose(v),
      onKeyDown: (e) => answer.keyDown(e, this.locale.dir === 'rtl'),
      onSubmit: (e) => answer.submit(e),
      onSkip: () => void answer.finish(),
      onCommentInput: () => answer.edited(),
    };
    if (config.mode === 'inline') return this.visible ? surveyTemplate(view) : nothing;
    const { visible, announcement } = this;
    const label = plainQuestion(config, text);
    return popoverTemplate(view, { visible, announcement, leaving: this.popoverControl.leaving, label });
  }

  /** The close button, or Escape: a survey closed before its end counts as dismissed. */
  private handleClose(): void {
    if (this.popoverControl.leaving || !this.visible) return;
    const finished = this.answer.phase === 'thanks';
    this.popoverControl.leave();
    if (!finished && this.result.ok) this.answer.dismiss(this.result.config);
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
