/**
 * dist/csat-survey.renderer.js: the element (lit, templates, styles, strings, config checks), loaded by the
 * loader when a survey may show. The loader registers the tag once the page's queued translations are in.
 */
import { CsatSurveyElement } from '../csat-survey.js';
import { registerTranslation } from '../i18n/translation.js';
import { track } from '../triggers.js';
import { hook } from './hook.js';

hook().renderer = { CsatSurveyElement, registerTranslation, track };
