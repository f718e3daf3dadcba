/**
 * Where the script-tag loader and its chunks meet: one non-enumerable property of `window`, so a page's
 * scripts do not list it and no prototype a page patched (Array, Object, JSON, Function#bind) is involved.
 */
import type { Delivery } from '../delivery.js';
import type { CsatSurveyElement } from '../csat-survey.js';
import type { registerTranslation } from '../i18n/translation.js';
import type { track } from '../triggers.js';
import type { Shared } from './shared.js';
import type { PageSettings } from '../storage-mode.js';

/** The delivery chunk leaves the page's delivery here. */
export type DeliveryChunk = Delivery;

export interface RendererChunk {
  CsatSurveyElement: typeof CsatSurveyElement;
  registerTranslation: typeof registerTranslation;
  track: typeof track;
  /** The page's storage mode changed: what lives in memory is stored where the mode now allows. */
  storageChanged(): void;
}

export interface Hook {
  delivery?: DeliveryChunk;
  /** Modules both chunks use, kept once in the delivery chunk (shared.ts). */
  shared?: Shared;
  renderer?: RendererChunk;
  /** The page's privacy settings (storage-mode.ts). */
  settings?: PageSettings;
  /** This page view's popovers (cooldown.ts). */
  view?: PageView;
}

/** What this page view knows of popovers, whatever the storage mode. */
export interface PageView {
  /** The popover shown in this page view: no other shows after it. */
  shown?: object;
  /** When a popover was last answered or dismissed, as this page knows it (ms). */
  lastAt?: number;
  /** Popovers shown in this visit, as this page knows it. */
  visit?: number;
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
