/**
 * The answer in progress and its phases: ask -> follow-up -> thanks. A score is stored before it shows as
 * chosen; the comment is checked before it is stored; each step is announced by its event once stored.
 */
import type { SurveyConfig } from '../config.js';
import { CsatAnswerEvent, CsatDismissEvent, CsatErrorEvent, CsatSubmitEvent } from '../events.js';
import { noteAnsweredThisVisit, noteVisitor } from '../visitor-state.js';
import { startCooldown } from '../cooldown.js';
import type { SurveyResponse } from '../wire.js';
import type { Phase } from '../templates/survey.js';
import { commentProblem, tooLongMessage, type CommentProblem } from './comment.js';
import { keyAction } from './keyboard.js';
import { nextRevision } from './records.js';

/** What the answer needs from the element. */
export interface AnswerHost {
  requestUpdate(): void;
  dispatchEvent(event: Event): void;
  /** Resolves once the element drew the latest change. */
  whenUpdated(): Promise<unknown>;
  /** Where the survey is drawn. */
  root(): ShadowRoot;
  /** The configuration, when it is valid. */
  config(): SurveyConfig | undefined;
  /** The language the answer is given in. */
  lang(): string;
  /** Stores a revision durably, then sends everything buffered. */
  keep(response: SurveyResponse, config: SurveyConfig): Promise<void>;
  /** A finished survey that floats leaves by itself after a moment. */
  finished(): void;
}

/** Answering or dismissing a popover (or an inline survey that respects the cooldown) starts the site-wide cooldown. */
function noteCooling(config: SurveyConfig): void {
  if (config.mode === 'popover' || config.respectCooldown) startCooldown(config.storage);
}

export class SurveyAnswer {
  phase: Phase = 'ask';
  /** The saved score: shown as chosen only once the answer is stored. */
  selected?: number;
  /** The option the arrow keys moved to: focused, not chosen. */
  active?: number;
  /** The text shown under the comment box, when the comment cannot be sent as it is. */
  commentError: CommentProblem = false;
  response?: SurveyResponse;
  /** The write of the latest revision, so `updateComplete` includes it. */
  saving: Promise<unknown> = Promise.resolve();
  /** True while the final revision is being stored. */
  private finishing = false;

  constructor(private readonly host: AnswerHost) {}

  /** Clears the answer in progress. */
  restart(): void {
    this.response = this.selected = this.active = undefined;
    this.phase = 'ask';
    this.commentError = false;
    this.host.requestUpdate();
  }

  /** The comment box was edited: its error goes. */
  edited(): void {
    this.commentError = false;
    this.host.requestUpdate();
  }

  /** Arrows move the focus, never choose; Space or Enter choose (see keyboard.ts). */
  keyDown(event: KeyboardEvent, rtl: boolean): void {
    const input = event.target as HTMLInputElement;
    if (input.type !== 'radio') return;
    const radios = [...this.host.root().querySelectorAll<HTMLInputElement>('input[type=radio]')];
    const action = keyAction(event.key, radios.indexOf(input), radios.length, rtl);
    if (action === undefined) return;
    event.preventDefault();
    if (action === 'choose') return void this.choose(Number(input.value));
    const target = radios[action] as HTMLInputElement;
    target.focus();
    this.active = Number(target.value);
    this.host.requestUpdate();
  }

  /** Makes the next revision, stores it durably, then sends everything buffered. */
  private async save(score: number, complete: boolean, comment?: string): Promise<SurveyResponse | undefined> {
    const config = this.host.config();
    if (!config) return undefined;
    const response = nextRevision(this.response, config, this.host.lang(), score, complete, comment);
    this.response = response;
    await this.host.keep(response, config);
    return response;
  }

  /** Stores the chosen score, then shows it as saved and moves on: to the comment, or to the thank-you. */
  async choose(score: number): Promise<void> {
    const config = this.host.config();
    if (this.phase === 'thanks' || this.finishing || !config || this.response?.score === score) return;
    const { comment, surveyId } = config;
    const finished = comment === 'off';
    const first = !this.response;
    // The answer and the visitor's "answered" mark are stored together, before anything says so:
    // a visitor who reloads at once is not asked again.
    if (first) {
      noteAnsweredThisVisit(surveyId, config.storage);
      noteCooling(config);
    }
    const noting = first ? noteVisitor(surveyId, { answeredAt: Date.now() }, config.storage) : undefined;
    const saving = this.save(score, finished);
    this.saving = Promise.all([saving, noting]);
    const [response] = await Promise.all([saving, noting]);
    if (!response) return;
    this.selected = score;
    this.active = undefined;
    this.moveOn(finished ? 'thanks' : 'follow-up');
    this.host.dispatchEvent(new CsatAnswerEvent(response));
    if (finished) this.host.dispatchEvent(new CsatSubmitEvent(response));
  }

  /** Sends the comment, unless it cannot go as it is. */
  submit(event: Event): void {
    event.preventDefault();
    const config = this.host.config();
    const textarea = this.host.root().querySelector('textarea') as HTMLTextAreaElement;
    const comment = textarea.value.trim();
    const problem = config && commentProblem(comment, config.comment === 'required');
    if (!config || !problem) return void this.finish(comment);
    this.commentError = problem;
    this.host.requestUpdate();
    textarea.focus();
    if (problem === 'commentRequired') return;
    // The score already stored stays, and is sent as it is.
    const message = tooLongMessage(comment.length);
    console.warn(`<csat-survey>: ${message}`);
    const response = this.response;
    this.host.dispatchEvent(
      new CsatErrorEvent({
        code: 'invalid-comment',
        message,
        surveyId: config.surveyId,
        ...(response && { responseId: response.id }),
      }),
    );
  }

  /** Stores the final revision (with the comment, if any), then thanks. */
  async finish(comment?: string): Promise<void> {
    const score = this.selected ?? this.response?.score;
    if (score === undefined || this.phase === 'thanks' || this.finishing) return;
    this.finishing = true;
    const saving = this.save(score, true, comment || undefined);
    this.saving = saving;
    const response = await saving;
    this.finishing = false;
    this.moveOn('thanks');
    if (response) this.host.dispatchEvent(new CsatSubmitEvent(response));
  }

  /** Closed before the end: the dismissal is stored before it is announced, so a reload right after keeps it away. */
  dismiss(config: SurveyConfig): void {
    const response = this.response;
    const detail = { surveyId: config.surveyId, ...(response && { responseId: response.id }) };
    noteCooling(config);
    const noting = noteVisitor(config.surveyId, { dismissedAt: Date.now() }, config.storage);
    this.saving = noting;
    void noting.then(() => this.host.dispatchEvent(new CsatDismissEvent(detail)));
    if (response) void this.save(response.score, true);
  }

  /**
   * The next phase. When the focused control disappears (the Next or Send button), focus moves to what comes
   * next in the survey (the comment box, else the close button), never to the page.
   */
  private moveOn(phase: Phase): void {
    this.phase = phase;
    this.host.requestUpdate();
    const root = this.host.root();
    if (root.activeElement)
      void this.host.whenUpdated().then(() => {
        if (root.activeElement) return;
        (root.querySelector('textarea') ?? root.querySelector<HTMLElement>('.close'))?.focus();
      });
    if (phase === 'thanks') this.host.finished();
  }
}
