/** Building the response record of wire format v1 (SPEC §4). */
export function newResponseId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Outside secure contexts randomUUID is missing: build a version 4 UUID by hand.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The page's URL without fragment, and without query unless the owner opted in. */
export function pageUrl(includeQuery: boolean): string {
  const { origin, pathname, search } = location;
  return origin + pathname + (includeQuery ? search : '');
}
