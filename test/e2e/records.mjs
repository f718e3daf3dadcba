// Outbox records in wire format v1 (SPEC §4), for filling IndexedDB before the widget loads.
import { randomUUID } from 'node:crypto';

/** A valid NPS response as the widget would have made it on `origin`. */
export function makeResponse(origin, overrides = {}) {
  return {
    id: randomUUID(),
    revision: 1,
    complete: true,
    surveyId: 'e2e-stored',
    type: 'nps',
    score: 9,
    scale: { min: 0, max: 10 },
    locale: 'en',
    page: { url: `${origin}/page.html` },
    metadata: { e2e: true },
    answeredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** An outbox record ({ key, value }) holding `response`. */
export const outboxRecord = (response, endpoint = '/collect') => ({
  key: response.id,
  value: { endpoint, response, storedAt: Date.now(), attempts: 0 },
});

/** Records that are not outbox entries at all, or hold a response that breaks the wire format. */
export function corruptRecords() {
  const id = randomUUID();
  return [
    { key: 'not-even-an-object', value: 'garbage \u0000 here' },
    {
      key: id,
      value: {
        endpoint: '/collect',
        response: { id, revision: 'one', score: 'ten' },
        storedAt: 'yesterday',
        attempts: -1,
      },
    },
  ];
}
