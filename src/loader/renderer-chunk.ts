/**
 * dist/csat-survey.renderer.js: the element (lit, templates, styles, strings, config checks), loaded by the
 * loader when a survey may show. The loader registers the tag once the page's queued translations are in.
 */
import { renderer } from './renderer-module.js';
import { hook } from './hook.js';

hook().renderer = renderer;
