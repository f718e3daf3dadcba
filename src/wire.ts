/**
 * Wire format v1 (SPEC §4): what the widget sends and the collector accepts.
 * Shared by both, so they can never disagree.
 */
import * as z from 'zod/mini';
import { SCALES, SURVEY_TYPES } from './scales.js';
import { SURVEY_ID, isMetadata } from './metadata.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;

const isoTime = z.string().check(z.regex(ISO_TIME));

export const responseSchema = z
  .object({
    id: z.string().check(z.regex(UUID)),
    revision: z.int().check(z.gte(1)),
    complete: z.boolean(),
    surveyId: z.string().check(z.regex(SURVEY_ID)),
    type: z.enum(SURVEY_TYPES),
    score: z.int(),
    scale: z.object({ min: z.int(), max: z.int() }),
    comment: z.optional(z.string().check(z.maxLength(2000))),
    locale: z.string().check(z.minLength(2), z.maxLength(64)),
    touchpoint: z.optional(z.string().check(z.maxLength(64))),
    page: z.object({ url: z.string().check(z.maxLength(4096)) }),
    metadata: z.optional(z.custom<Record<string, string | number | boolean>>(isMetadata)),
    answeredAt: isoTime,
  })
  .check(
    z.refine((r) => {
      const scale = SCALES[r.type];
      return r.scale.min === scale.min && r.scale.max === scale.max && r.score >= scale.min && r.score <= scale.max;
    }, 'score outside the scale of its type'),
  );

export type SurveyResponse = z.infer<typeof responseSchema>;

export const batchSchema = z.object({
  v: z.literal(1),
  sentAt: isoTime,
  responses: z.array(responseSchema).check(z.minLength(1), z.maxLength(500)),
});

export type Batch = z.infer<typeof batchSchema>;
