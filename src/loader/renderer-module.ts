/** What the renderer gives the page loader: the element class, and the two functions that reach its registry. */
import { CsatSurveyElement } from '../csat-survey.js';
import { registerTranslation } from '../i18n/translation.js';
import { track } from '../triggers.js';
import type { RendererChunk } from './hook.js';

export const renderer: RendererChunk = { CsatSurveyElement, registerTranslation, track };
