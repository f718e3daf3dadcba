/**
 * Whether to ask this visitor: sampling, then the waiting periods, then the trigger. Decided at once from the
 * synchronous copy of the visitor's state (the card can be in the first frame); IndexedDB, the store of record,
 * is read meanwhile, and decides again only where it says something else.
 */
import type { SurveyConfig } from '../config.js';
import { armTrigger } from '../triggers.js';
import { inCooldown } from '../cooldown.js';
import {
  answeredThisVisit,
  eligibility,
  visitorState,
  visitorStateNow,
  type Eligibility,
  type VisitorState,
} from '../visitor-state.js';

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

  /** `owner` is the element. */
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

  /** Disarms the trigger. */
  stop(): void {
    this.disarm?.();
    this.disarm = undefined;
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
        if (config.afterAnswer === 'thanks' || answeredThisVisit(config.surveyId, config.storage)) this.host.thank();
      } else if (verdict === 'ask') {
        this.disarm = armTrigger(config.trigger, () => this.host.open());
      }
    };
    const { surveyId, storage } = config;
    // A popover (or an inline survey that respects it) waits out the site-wide cooldown.
    const verdictOf = (state: VisitorState): Eligibility => {
      const verdict = eligibility(state, config);
      return verdict === 'ask' && (config.mode === 'popover' || config.respectCooldown) && inCooldown()
        ? 'cooldown'
        : verdict;
    };
    const now = visitorStateNow(surveyId, storage);
    const quick = now && verdictOf(now);
    if (quick) apply(quick);
    this.deciding = visitorState(surveyId, storage).then((state) => {
      if (run !== this.decisions || !this.owner.isConnected) return;
      const verdict = verdictOf(state);
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
