/**
 * Whether to ask this visitor: sampling, then the waiting periods. Decided at once from the synchronous copy of
 * the visitor's state (the card can be in the first frame); IndexedDB, the store of record, is read meanwhile,
 * and decides again only where it says something else.
 */
import type { SurveyConfig } from '../config.js';
import { eligibility, visitorState, visitorStateNow, type Eligibility } from '../visitor-state.js';

/**
 * Calls `apply` with the verdict now if the synchronous copy has one, and again, after `undo`, if IndexedDB's
 * differs, unless `current()` says a newer decision replaced this one. Resolves once IndexedDB answered.
 */
export function decideAsking(
  config: SurveyConfig,
  apply: (verdict: Eligibility) => void,
  undo: () => void,
  current: () => boolean,
): Promise<void> {
  const now = visitorStateNow(config.surveyId);
  const quick = now && eligibility(now, config);
  if (quick) apply(quick);
  return visitorState(config.surveyId).then((state) => {
    if (!current()) return;
    const verdict = eligibility(state, config);
    if (verdict === quick) return;
    undo();
    apply(verdict);
  });
}
