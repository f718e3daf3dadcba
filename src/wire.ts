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

/** The fields a response and a display share. */
const shared = {
  id: z.string().check(z.regex(UUID)),
  surveyId: z.string().check(z.regex(SURVEY_ID)),
  type: z.enum(SURVEY_TYPES),
  locale: z.string().check(z.minLength(2), z.maxLength(64)),
  touchpoint: z.optional(z.string().check(z.maxLength(64))),
  page: z.object({ url: z.string().check(z.maxLength(4096)) }),
};

export const responseSchema = z
  .object({
    ...shared,
    revision: z.int().check(z.gte(1)),
    complete: z.boolean(),
    score: z.int(),
    scale: z.object({ min: z.int(), max: z.int() }),
    comment: z.optional(z.string().check(z.maxLength(2000))),
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

/**
 * A display: the survey became visible to a visitor (its question, not a thank-you), counted once
 * per survey per page load. Nothing in it names the visitor or links it to an answer.
 */
export const displaySchema = z.object({ ...shared, shownAt: isoTime });

export type SurveyDisplay = z.infer<typeof displaySchema>;

const head = { v: z.literal(1), sentAt: isoTime };
const items = <T extends z.core.SomeType>(item: T) => z.array(item).check(z.minLength(1), z.maxLength(500));
const upTo500 = <T extends z.core.SomeType>(item: T) => z.optional(z.array(item).check(z.maxLength(500)));

/** What the widget sends with answers: 1–500 responses. */
export const batchSchema = z.object({ ...head, responses: items(responseSchema) });

export type Batch = z.infer<typeof batchSchema>;

/** What the widget sends with displays, in requests of their own: 1–500 displays. */
export const displayBatchSchema = z.object({ ...head, displays: items(displaySchema) });

export type DisplayBatch = z.infer<typeof displayBatchSchema>;

/**
 * What a receiver must accept: `responses`, `displays` or both, each 0–500 items, and at least
 * one item in all. The widget itself never mixes them in one request.
 */
export const envelopeSchema = z
  .object({ ...head, responses: upTo500(responseSchema), displays: upTo500(displaySchema) })
  .check(
    z.refine((e) => !!(e.responses?.length || e.displays?.length), {
      message: 'expected responses, displays or both, with at least one item',
      path: ['responses'],
    }),
  );

export type Envelope = z.infer<typeof envelopeSchema>;
