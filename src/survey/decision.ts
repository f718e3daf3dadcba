/**
 * Whether to ask this visitor: sampling, then the waiting periods, then the trigger. Decided at once from the
 * synchronous copy of the visitor's state (the card can be in the first frame); IndexedDB, the store of record,
 * is read meanwhile, and decides again only where it says something else.
 */
import type { SurveyConfig } from '../config.js';
import { leaveTurn } from '../popover-queue.js';
import { armTrigger } from '../triggers.js';
import { answeredThisVisit, eligibility, visitorState, visitorStateNow, type Eligibility } from '../visitor-state.js';

/** What a decision does to the survey. */
export interface DecisionHost {
  /** An answered inline survey shows its thank-you. */
  thank(): void;
  /** The trigger fired. */
  open(): void;
  /** Hides the survey while it is decided again. */
  hide(): void;
}

export class Decision {
  /** This visitor's standing with the survey. */
  verdict?: Eligibility;
  /** Resolves once IndexedDB confirmed the latest decision. */
  deciding: Promise<void> = Promise.resolve();
  private decisions = 0;
  private shown = false;
  private disarm?: () => void;

  /** `owner` is the element: it takes and leaves its popover's turn. */
  constructor(
    private readonly owner: HTMLElement,
    private readonly host: DecisionHost,
  ) {}

  /** Resolves once IndexedDB confirmed the decision, the latest one (a decision may be remade meanwhile). */
  settled(): Promise<void> {
    const { deciding } = this;
    return deciding.then(() => (deciding === this.deciding ? undefined : this.settled()));
  }

  /**
   * The survey was drawn, shown or not: once it is shown, `say` runs when IndexedDB confirmed the decision, the
   * latest one (the card may be drawn earlier, from the synchronous copy, before a server-rendered app has
   * hydrated and listens).
   */
  drawn(shown: boolean, say: () => void): void {
    if (shown && !this.shown) void this.settled().then(say);
    this.shown = shown;
  }

  /** Disarms the trigger and gives up the popover's turn. */
  stop(): void {
    this.disarm?.();
    this.disarm = undefined;
    leaveTurn(this.owner);
  }

  /**
   * An answered inline survey shows its thank-you for the rest of the visit in which it was answered (always,
   * with `after-answer="thanks"`), then nothing; an answered or dismissed popover stays away; otherwise the
   * trigger is armed. Without a valid configuration, nothing is asked.
   */
  decide(config: SurveyConfig | undefined): void {
    const run = ++this.decisions;
    this.undo();
    if (!config) return;
    const apply = (verdict: Eligibility) => {
      this.verdict = verdict;
      if (verdict === 'answered' && config.mode === 'inline') {
        if (config.afterAnswer === 'thanks' || answeredThisVisit(config.surveyId)) this.host.thank();
      } else if (verdict === 'ask') {
        this.disarm = armTrigger(config.trigger, () => this.host.open());
      }
    };
    const now = visitorStateNow(config.surveyId);
    const quick = now && eligibility(now, config);
    if (quick) apply(quick);
    this.deciding = visitorState(config.surveyId).then((state) => {
      if (run !== this.decisions || !this.owner.isConnected) return;
      const verdict = eligibility(state, config);
      if (verdict === quick) return;
      this.undo();
      apply(verdict);
    });
  }

  private undo(): void {
    this.stop();
    this.host.hide();
  }
}
