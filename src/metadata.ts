/** Rules the element's configuration and the wire format share. */
import { ownEntries } from './json.js';

export const SURVEY_ID = /^[a-z0-9_-]{1,64}$/;
/** The longest comment, in UTF-16 code units (as `maxlength` and JavaScript count). */
export const MAX_COMMENT = 2000;

const isFlatValue = (v: unknown) =>
  (typeof v === 'string' && v.length <= 500) || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** A flat object of at most 20 keys (1–64 characters) with string (≤ 500), finite number or boolean values. */
export function isMetadata(value: unknown): value is Record<string, string | number | boolean> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = ownEntries(value);
  return entries.length <= 20 && entries.every(([k, v]) => k.length > 0 && k.length <= 64 && isFlatValue(v));
}

/** An object of string values whose keys all pass `isKey`. */
export function isStringMap(value: unknown, isKey: (key: string) => boolean): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return ownEntries(value).every(([k, v]) => isKey(k) && typeof v === 'string' && v.length <= 1000);
}
