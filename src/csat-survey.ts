/**
 * <csat-survey>: asks one NPS, CSAT or CES question, keeps the answer durably and delivers it.
 * Data flows one way: attributes -> validated config -> survey state -> outbox -> transport -> events.
 * The inputs are declared in inputs.ts; what is drawn is in templates/; the rules it follows are in survey/.
 */
import { nothing } from 'lit/html.js';
import styles from './csat-survey.styles.js';
import { inputsOf, validateConfig, type ConfigResult } from './config.js';
import { INPUTS, type InputProperties } from './inputs.js';
import { ReactiveHost, type PropertyOptions } from './reactive-host.js';
import { resolveLocale, watchLocale, type Locale } from './localize.js';
import { DeliveryController } from './controllers/delivery-controller.js';
import { toJson } from './json.js';
import { CsatAnswerEvent, CsatDismissEvent, CsatErrorEvent, CsatShowEvent, CsatSubmitEvent } from './events.js';
import type { CsatSurveyEventMap } from './events.js';
import { fontsFor } from './font.js';
import { armTrigger } from './triggers.js';
import { answeredThisVisit, forgetVisitor, noteAnsweredThisVisit, noteVisitor } from './visitor-state.js';
import type { Eligibility } from './visitor-state.js';
import { leaveTurn, takeTurn } from './popover-queue.js';
import type { SurveyResponse } from './wire.js';
import { popoverTemplate, surveyTemplate, type Phase, type SurveyView } from './templates/survey.js';
import { followUpQuestion, plainQuestion, questionText, textOf, type Text } from './survey/texts.js';
import { keyAction } from './survey/keyboard.js';
import { displayRecord, nextRevision } from './survey/records.js';
import { commentProblem, tooLongMessage, type CommentProblem } from './survey/comment.js';
import { decideAsking } from './survey/decision.js';
import { PopoverController } from './survey/popover.js';

/** The reactive properties: the inputs (but `lang` and `dir`, read as they are), then the internal state. */
const PROPERTIES = new Map<PropertyKey, PropertyOptions>();
for (const row of INPUTS) {
  if (row.attribute !== 'native')
    PROPERTIES.set(row.name, { attribute: row.attribute, type: 'type' in row ? row.type : undefined });
}
for (const name of ['phase', 'announcement', 'selected', 'active', 'visible', 'commentError'])
  PROPERTIES.set(name, { state: true });

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
    if (!customElements.get(tag)) customElements.define(tag, tag === 'csat-survey' ? this : class extends this {});
  }

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
  private announcement = '';
  /** The text shown under the comment box, when the comment cannot be sent as it is. */
  private commentError: CommentProblem = false;
  /** This visitor's standing with the survey, decided when it connects. */
  private verdict?: Eligibility;
  private deciding: Promise<void> = Promise.resolve();
  private decisions = 0;
  private decidedFor = '';
  private disarm?: () => void;

  private readonly delivery = new DeliveryController(this);
  private readonly popoverControl = new PopoverController(this, {
    isPopover: () => this.isPopover(),
    isVisible: () => this.visible,
    hide: () => (this.visible = false),
    close: () => this.handleClose(),
  });
  private response?: SurveyResponse;
  private result!: ConfigResult;
  private locale!: Locale;
  private reportedError = '';
  private shown = false;
  private unwatch?: () => void;

  constructor() {
    super();
    for (const row of INPUTS) if ('default' in row) (this as Record<string, unknown>)[row.name] = row.default;
  }

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
    this.stopAsking();
  }

  /** Resolves once the survey decided whether to ask this visitor, and rendered that. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await super.getUpdateComplete();
    await this.deciding;
    await this.saving;
    return super.getUpdateComplete();
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

  /** Tries to deliver every buffered answer now. Never rejects. */
  flush(): Promise<void> {
    return this.delivery.flush();
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
    this.result = validateConfig(inputsOf(this));
    if (!this.result.ok) return;
    const config = this.result.config;
    const apply = (verdict: Eligibility) => {
      this.verdict = verdict;
      if (verdict === 'answered' && config.mode === 'inline') {
        if (config.afterAnswer === 'thanks' || answeredThisVisit(config.surveyId)) {
          this.phase = 'thanks';
          this.visible = true;
        }
      } else if (verdict === 'ask') {
        this.disarm = armTrigger(config.trigger, () => this.open());
      }
    };
    const undo = () => {
      this.stopAsking();
      this.visible = false;
    };
    this.deciding = decideAsking(config, apply, undo, () => run === this.decisions && this.isConnected);
  }

  private open(): void {
    if (!this.result.ok || this.verdict !== 'ask') return;
    const config = this.result.config;
    if (config.mode === 'inline') {
      this.visible = true;
      return;
    }
    takeTurn(this, () => {
      this.popoverControl.leaving = false;
      this.visible = true;
      this.announcement = this.text('surveyOpened').replace('{question}', plainQuestion(config, this.text));
    });
  }

  /** Clears the answer in progress. */
  private restart(): void {
    this.response = undefined;
    this.selected = undefined;
    this.active = undefined;
    this.phase = 'ask';
    this.commentError = false;
    this.popoverControl.cancel();
  }

  protected override willUpdate(): void {
    this.locale = resolveLocale(this);
    if (this.visible) this.fonts = fontsFor(this, this.locale.t.$code);
    this.result = validateConfig(inputsOf(this));
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
        // A display (the question shown) is counted once per survey per page load, and sent after the answers.
        if (phase === 'ask') {
          const { config } = this.result;
          this.delivery.display(displayRecord(config, this.locale.lang), config.endpoint, config.headers);
        }
      });
    }
    this.shown = isShown;
    // The font goes through the CSSOM, never a style attribute: strict CSP allows only this.
    const base = this.renderRoot.querySelector<HTMLElement>('.base');
    if (base && base.style.getPropertyValue('--_font') !== this.fonts) base.style.setProperty('--_font', this.fonts);
  }

  /** One text: the page's override, else the language's. A popover may open before the first update. */
  private readonly text: Text = (key) => textOf(this.strings, (this.locale ??= resolveLocale(this)))(key);

  protected override render(): unknown {
    if (!this.result.ok) return nothing;
    const { config } = this.result;
    const score = this.selected ?? this.response?.score ?? 0;
    const view: SurveyView = {
      config,
      phase: this.phase,
      selected: this.selected,
      active: this.active,
      commentError: this.commentError,
      lang: this.locale.lang,
      dir: this.locale.dir,
      number: this.locale.number,
      text: this.text,
      question: questionText(config, this.text),
      followUp: this.phase === 'follow-up' ? followUpQuestion(config, score, this.strings, this.text) : '',
      onClose: () => this.handleClose(),
      onChoose: (v) => void this.choose(v),
      onKeyDown: (e) => this.handleKeyDown(e),
      onSubmit: (e) => this.handleSubmit(e),
      onSkip: () => void this.finish(),
      onCommentInput: () => (this.commentError = false),
    };
    if (config.mode === 'inline') return this.visible ? surveyTemplate(view) : nothing;
    const { visible, announcement } = this;
    return popoverTemplate(view, {
      visible,
      announcement,
      leaving: this.popoverControl.leaving,
      label: plainQuestion(config, this.text),
    });
  }

  /** Arrows move the focus, never choose; Space or Enter choose (see survey/keyboard.ts). */
  private handleKeyDown(event: KeyboardEvent): void {
    const input = event.target as HTMLInputElement;
    if (input.type !== 'radio') return;
    const radios = [...this.renderRoot.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    const action = keyAction(event.key, radios.indexOf(input), radios.length, this.locale.dir === 'rtl');
    if (action === undefined) return;
    event.preventDefault();
    if (action === 'choose') return void this.choose(Number(input.value));
    const target = radios[action] as HTMLInputElement;
    target.focus();
    this.active = Number(target.value);
  }

  private handleSubmit(event: Event): void {
    event.preventDefault();
    const textarea = this.renderRoot.querySelector('textarea') as HTMLTextAreaElement;
    const comment = textarea.value.trim();
    const problem = this.result.ok && commentProblem(comment, this.result.config.comment === 'required');
    if (!problem) return void this.finish(comment);
    this.commentError = problem;
    textarea.focus();
    if (problem === 'commentRequired') return;
    // The score already stored stays, and is sent as it is.
    const message = tooLongMessage(comment.length);
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
  }

  private handleClose(): void {
    if (this.popoverControl.leaving || !this.visible) return;
    const response = this.response;
    const finished = this.phase === 'thanks';
    this.popoverControl.leave();
    if (finished || !this.result.ok) return;
    // The dismissal is stored before it is announced, so a reload right after the close keeps it away.
    const detail = { surveyId: this.surveyId as string, ...(response && { responseId: response.id }) };
    const noting = noteVisitor(this.result.config.surveyId, { dismissedAt: Date.now() });
    this.saving = noting;
    void noting.then(() => this.dispatchEvent(new CsatDismissEvent(detail)));
    if (response) void this.save(response.score, true, undefined);
  }

  /** Makes the next revision, stores it durably, then sends everything buffered. */
  private async save(score: number, complete: boolean, comment?: string): Promise<SurveyResponse | undefined> {
    if (!this.result.ok) return undefined;
    const config = this.result.config;
    const response = nextRevision(this.response, config, this.locale.lang, score, complete, comment);
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
    if (finished && this.isPopover()) this.popoverControl.leaveAfterThanks();
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
    if (this.isPopover()) this.popoverControl.leaveAfterThanks();
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
