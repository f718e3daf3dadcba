// What the loopback receiver accepts: wire format v1 (SPEC §4), checked by hand so the suite
// needs nothing compiled from src/. Returns the first problem found, or undefined.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/;
const SCALES = { nps: [0, 10], csat: [1, 5], ces: [1, 7] };

function responseProblem(r, i) {
  const at = `responses[${i}]`;
  if (typeof r !== 'object' || r === null) return `${at} is not an object`;
  if (!UUID.test(r.id ?? '')) return `${at}.id is not a UUID`;
  if (!Number.isInteger(r.revision) || r.revision < 1) return `${at}.revision`;
  if (typeof r.complete !== 'boolean') return `${at}.complete`;
  if (!/^[a-z0-9_-]{1,64}$/.test(r.surveyId ?? '')) return `${at}.surveyId`;
  const scale = SCALES[r.type];
  if (!scale) return `${at}.type`;
  if (r.scale?.min !== scale[0] || r.scale?.max !== scale[1]) return `${at}.scale`;
  if (!Number.isInteger(r.score) || r.score < scale[0] || r.score > scale[1]) return `${at}.score`;
  if (r.comment !== undefined && (typeof r.comment !== 'string' || r.comment.length > 2000)) return `${at}.comment`;
  if (typeof r.locale !== 'string' || r.locale.length < 2) return `${at}.locale`;
  if (r.touchpoint !== undefined && (typeof r.touchpoint !== 'string' || r.touchpoint.length > 64))
    return `${at}.touchpoint`;
  if (typeof r.page?.url !== 'string') return `${at}.page.url`;
  if (r.metadata !== undefined && (typeof r.metadata !== 'object' || r.metadata === null)) return `${at}.metadata`;
  if (!ISO.test(r.answeredAt ?? '')) return `${at}.answeredAt`;
  return undefined;
}

export function batchProblem(batch) {
  if (typeof batch !== 'object' || batch === null) return 'the body is not a JSON object';
  if (batch.v !== 1) return 'v is not 1';
  if (!ISO.test(batch.sentAt ?? '')) return 'sentAt is not an ISO time';
  if (!Array.isArray(batch.responses) || !batch.responses.length || batch.responses.length > 500) {
    return 'responses is not a list of 1–500';
  }
  for (const [i, r] of batch.responses.entries()) {
    const problem = responseProblem(r, i);
    if (problem) return problem;
  }
  return undefined;
}
