/**
 * What the renderer chunk takes from the delivery chunk instead of bundling a second copy: the delivery chunk
 * leaves this object on the hook, and in the renderer build an import of one of these names from its module
 * reads it from there (vite.config.ts, `sharedFromDelivery`). A name the renderer needs that is missing here
 * fails the build.
 */
import { closableStore, request, withTimeout } from '../idb.js';
import { ownEntries, toJson } from '../json.js';
import { MAX_COMMENT, SURVEY_ID, isMetadata } from '../metadata.js';
import { newResponseId } from '../response.js';
import { SCALES, SURVEY_TYPES } from '../scales.js';
import { keeps, pageSettings, pageStorage, surveyStorage } from '../storage-mode.js';

export const shared = {
  closableStore,
  request,
  withTimeout,
  ownEntries,
  toJson,
  MAX_COMMENT,
  SURVEY_ID,
  isMetadata,
  newResponseId,
  SCALES,
  SURVEY_TYPES,
  keeps,
  pageSettings,
  pageStorage,
  surveyStorage,
};

export type Shared = typeof shared;
