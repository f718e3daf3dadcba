/**
 * Where the script-tag loader and its chunks meet: one non-enumerable property of `window`, so a page's
 * scripts do not list it and no prototype a page patched (Array, Object, JSON, Function#bind) is involved.
 */
import type { Delivery } from '../delivery.js';
import type { CsatSurveyElement } from '../csat-survey.js';
import type { registerTranslation } from '../i18n/translation.js';
import type { track } from '../triggers.js';
import type { Shared } from './shared.js';

/** The delivery chunk leaves the page's delivery here. */
export type DeliveryChunk = Delivery;

export interface RendererChunk {
  CsatSurveyElement: typeof CsatSurveyElement;
  registerTranslation: typeof registerTranslation;
  track: typeof track;
}

export interface Hook {
  delivery?: DeliveryChunk;
  /** Modules both chunks use, kept once in the delivery chunk (shared.ts). */
  shared?: Shared;
  renderer?: RendererChunk;
}

export const HOOK = '__csatSurvey';

export function hook(): Hook {
  const w = window as unknown as Record<string, Hook | undefined>;
  let h = w[HOOK];
  if (!h) {
    h = {};
    Object.defineProperty(window, HOOK, { value: h });
  }
  return h;
}
