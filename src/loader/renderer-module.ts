/**
 * What the renderer gives the page loader: the element class, the two functions that reach its registry, and what
 * it does when the page's storage mode changes.
 */
import { CsatSurveyElement } from '../csat-survey.js';
import { registerTranslation } from '../i18n/translation.js';
import { track } from '../triggers.js';
import { storeVisitorMemory } from '../visitor-state.js';
import { storeCooldown } from '../cooldown.js';
import type { RendererChunk } from './hook.js';

export const renderer: RendererChunk = {
  CsatSurveyElement,
  registerTranslation,
  track,
  // A mode that now stores the visitor's state: this page view's draws, answers, dismissals and marks are kept.
  storageChanged: () => {
    storeCooldown();
    void storeVisitorMemory();
  },
};
