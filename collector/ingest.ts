/**
 * POST /v1/responses: wire format v1 as application/json or text/plain (beacons), checked with the
 * widget's own schemas. A batch is stored whole or not at all; each response is upserted by id,
 * keeping the highest revision, so a retried or beaconed duplicate changes nothing.
 */
import { batchSchema, responseSchema, type SurveyResponse } from '../src/wire.js';
import type { Db } from './db.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** What is wrong with each invalid response of a batch, by index and id. */
function invalidItems(responses: unknown[]): Array<{ index: number; id?: string; problems: string[] }> {
  const items = [];
  for (const [index, value] of responses.entries()) {
    const result = responseSchema.safeParse(value);
    if (result.success) continue;
    const id = (value as { id?: unknown } | null)?.id;
    items.push({
      index,
      ...(typeof id === 'string' && { id: id.slice(0, 64) }),
      problems: result.error.issues.map((i) => `${i.path.join('.') || '(response)'}: ${i.message}`),
    });
  }
  return items;
}

/** Checks a request body; on success the batch's responses, highest revision per id. */
export function parseBatch(
  text: string,
): { ok: true; responses: SurveyResponse[]; sentAt: string } | { ok: false; reply: Reply } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reply: { status: 400, body: { error: 'The body is not JSON.' } } };
  }
  const batch = batchSchema.safeParse(json);
  if (!batch.success) {
    const responses = (json as { responses?: unknown } | null)?.responses;
    if (Array.isArray(responses) && responses.length > 0 && responses.length <= 500) {
      const invalid = invalidItems(responses);
      if (invalid.length) {
        return {
          ok: false,
          reply: {
            status: 422,
            body: { error: 'Some responses are invalid; none of this batch was stored.', invalid },
          },
        };
      }
    }
    return {
      ok: false,
      reply: {
        status: 400,
        body: {
          error: 'The body is not wire format v1: {"v":1,"sentAt":"<ISO time>","responses":[1 to 500 responses]}.',
          problems: batch.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`),
        },
      },
    };
  }
  const highest = new Map<string, SurveyResponse>();
  for (const r of batch.data.responses) {
    const kept = highest.get(r.id);
    if (!kept || kept.revision < r.revision) highest.set(r.id, r);
  }
  return { ok: true, responses: [...highest.values()], sentAt: batch.data.sentAt };
}

const COLUMNS = [
  'id',
  'revision',
  'complete',
  'survey_id',
  'type',
  'score',
  'comment',
  'locale',
  'touchpoint',
  'page_url',
  'metadata',
  'answered_at',
  'sent_at',
  'received_at',
  'first_received_at',
];
const UPDATED = COLUMNS.filter((c) => c !== 'id' && c !== 'first_received_at');

/** Upserts the responses in one statement (one transaction): all stored, or none. */
export async function storeResponses(
  db: Db,
  responses: SurveyResponse[],
  sentAt: string,
  now = new Date(),
): Promise<void> {
  const params: unknown[] = [];
  const rows = responses.map((r) => {
    const values = [
      r.id,
      r.revision,
      r.complete,
      r.surveyId,
      r.type,
      r.score,
      r.comment ?? null,
      r.locale,
      r.touchpoint ?? null,
      r.page.url,
      r.metadata ? JSON.stringify(r.metadata) : null,
      r.answeredAt,
      sentAt,
      now.toISOString(),
      now.toISOString(),
    ];
    const placeholders = values.map((v) => {
      params.push(v);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  await db.query(
    `INSERT INTO responses (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}
     ON CONFLICT (id) DO UPDATE SET ${UPDATED.map((c) => `${c} = excluded.${c}`).join(', ')}
     WHERE responses.revision < excluded.revision`,
    params,
  );
}

export async function ingest(db: Db, text: string): Promise<Reply> {
  const parsed = parseBatch(text);
  if (!parsed.ok) return parsed.reply;
  await storeResponses(db, parsed.responses, parsed.sentAt);
  return { status: 200, body: { accepted: parsed.responses.length } };
}
