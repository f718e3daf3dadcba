// What the loopback receiver accepts: wire format v1 (SPEC §4), checked by hand so the suite
// needs nothing compiled from src/. Returns the first problem found, or undefined. A request of
// answers carries `responses`; a request of displays (surveys shown) carries `displays` alone.
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

function displayProblem(d, i) {
  const at = `displays[${i}]`;
  if (typeof d !== 'object' || d === null) return `${at} is not an object`;
  const allowed = ['id', 'surveyId', 'type', 'shownAt', 'locale', 'touchpoint', 'page'];
  const extra = Object.keys(d).filter((key) => !allowed.includes(key));
  // Nothing beyond the documented fields: no visitor id, nothing that links a display to an answer.
  if (extra.length) return `${at} has fields the wire format does not list: ${extra.join(', ')}`;
  if (!UUID.test(d.id ?? '')) return `${at}.id is not a UUID`;
  if (!/^[a-z0-9_-]{1,64}$/.test(d.surveyId ?? '')) return `${at}.surveyId`;
  if (!SCALES[d.type]) return `${at}.type`;
  if (typeof d.locale !== 'string' || d.locale.length < 2) return `${at}.locale`;
  if (d.touchpoint !== undefined && (typeof d.touchpoint !== 'string' || d.touchpoint.length > 64))
    return `${at}.touchpoint`;
  if (typeof d.page?.url !== 'string' || Object.keys(d.page).length !== 1) return `${at}.page`;
  if (!ISO.test(d.shownAt ?? '')) return `${at}.shownAt`;
  return undefined;
}

/** True for a body that carries displays and no responses (what the widget sends for displays). */
export const isDisplays = (batch) =>
  typeof batch === 'object' && batch !== null && 'displays' in batch && !('responses' in batch);

export function displayBatchProblem(batch) {
  if (batch.v !== 1) return 'v is not 1';
  if (!ISO.test(batch.sentAt ?? '')) return 'sentAt is not an ISO time';
  const keys = Object.keys(batch).filter((key) => !['v', 'sentAt', 'displays'].includes(key));
  if (keys.length) return `fields besides v, sentAt and displays: ${keys.join(', ')}`;
  if (!Array.isArray(batch.displays) || !batch.displays.length || batch.displays.length > 500) {
    return 'displays is not a list of 1–500';
  }
  for (const [i, d] of batch.displays.entries()) {
    const problem = displayProblem(d, i);
    if (problem) return problem;
  }
  return undefined;
}
