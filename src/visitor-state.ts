/**
 * What this visitor did with each survey, by survey-id (database "csat-survey-visitor"): the
 * sampling draw, made once and remembered, and when they last answered or dismissed it. Where
 * IndexedDB is unavailable, localStorage, else memory for this page. Stored only in the storage mode `full`
 * (storage-mode.ts); in the others nothing of it is read or written, and it holds for this page view only.
 */
import { closableStore, request, withTimeout, type UseStore } from './idb.js';
import { toJson } from './json.js';
import { INDEX_KEY, VISIT_KEY, VISITOR_DB } from './loader/keys.js';

export { VISITOR_DB };
import { keeps, pageStorage, surveyStorage, type StorageMode } from './storage-mode.js';

export interface VisitorState {
  /** A number in [0, 1): the visitor is in the sample when it is below `sample`. */
  draw: number;
  /** When the visitor last chose a score (ms, device clock). */
  answeredAt?: number;
  /** When the visitor last closed the survey without finishing (ms). */
  dismissedAt?: number;
}

const DAY_MS = 86_400_000;

const memory = new Map<string, VisitorState>();
/** The surveys whose own `storage` keeps their state in memory whatever the page's mode. */
const memoryOnly = new Set<string>();
/** Whether this survey's state is stored now, given its own `storage` (which can only lower the page's mode). */
const stored = (surveyId: string, own: StorageMode | undefined) => {
  if (own && !keeps(own, 'all')) memoryOnly.add(surveyId);
  return keeps(surveyStorage(own), 'all');
};
let store: UseStore | undefined;
const idb = () => (store ??= closableStore(VISITOR_DB, 'surveys'));

function isState(v: unknown): v is VisitorState {
  const s = v as VisitorState | null;
  return typeof s === 'object' && s !== null && typeof s.draw === 'number' && s.draw >= 0 && s.draw < 1;
}

/** The localStorage copy (see writeIndex), else `missing` where it holds none; throws where it cannot be read. */
function storedCopy(surveyId: string, missing: string): VisitorState | undefined {
  const copy: unknown = JSON.parse(localStorage.getItem(INDEX_KEY + surveyId) ?? missing);
  return isState(copy) ? copy : undefined;
}

async function read(surveyId: string): Promise<VisitorState | undefined> {
  try {
    const stored: unknown = await withTimeout(request(idb(), 'readonly', (s) => s.get(surveyId)));
    return isState(stored) ? stored : undefined;
  } catch {
    try {
      return storedCopy(surveyId, 'null') ?? memory.get(surveyId);
    } catch {
      return memory.get(surveyId);
    }
  }
}

/**
 * `localStorage["csat-survey-visitor:<id>"]`: a synchronous copy of the state, which the loader (dist/csat-survey.js)
 * decides from before anything else loads, and the store where IndexedDB is unavailable. IndexedDB stays the store
 * of record; the copy only lets a page skip loading a survey that will not show.
 */
function writeIndex(surveyId: string, state: VisitorState | undefined): void {
  try {
    if (state) localStorage.setItem(INDEX_KEY + surveyId, toJson(state));
    else localStorage.removeItem(INDEX_KEY + surveyId);
  } catch {
    // No localStorage: the loader loads the survey and it decides from IndexedDB.
  }
}

async function write(surveyId: string, state: VisitorState, own: StorageMode | undefined): Promise<void> {
  memory.set(surveyId, state);
  if (!stored(surveyId, own)) return;
  writeIndex(surveyId, state);
  try {
    await withTimeout(request(idb(), 'readwrite', (s) => s.put(state, surveyId)));
  } catch {
    // The localStorage copy, else memory only: the survey may be asked again on the next page.
  }
}

/** States decided from without IndexedDB in this page, until IndexedDB has been read: see visitorStateNow. */
const provisional = new Map<string, VisitorState>();

/**
 * The state to decide from now, without waiting for IndexedDB: this page's, else the localStorage copy, else (where
 * localStorage works and holds none: a new visitor) a new draw. Undefined where localStorage is unavailable.
 * `visitorState` then reads IndexedDB, the store of record, which keeps that draw when it holds nothing.
 * Where the mode stores nothing of it, a draw for this page view.
 */
export function visitorStateNow(surveyId: string, own?: StorageMode): VisitorState | undefined {
  const known = memory.get(surveyId) ?? provisional.get(surveyId);
  if (known) return known;
  let copy: VisitorState | undefined;
  try {
    copy = stored(surveyId, own) ? storedCopy(surveyId, `{"draw":${Math.random()}}`) : { draw: Math.random() };
  } catch {
    return undefined;
  }
  if (copy) provisional.set(surveyId, copy);
  return copy;
}

/** The visitor's state for a survey, drawing (and remembering) their sampling number the first time. */
export async function visitorState(surveyId: string, own?: StorageMode): Promise<VisitorState> {
  const known = memory.get(surveyId) ?? (stored(surveyId, own) ? await read(surveyId) : undefined);
  if (known) {
    if (!memory.has(surveyId) && stored(surveyId, own)) writeIndex(surveyId, known);
    memory.set(surveyId, known);
    provisional.delete(surveyId);
    return known;
  }
  const fresh = provisional.get(surveyId) ?? { draw: Math.random() };
  provisional.delete(surveyId);
  await write(surveyId, fresh, own);
  return fresh;
}

export async function noteVisitor(surveyId: string, change: Partial<VisitorState>, own?: StorageMode): Promise<void> {
  await write(surveyId, { ...(await visitorState(surveyId, own)), ...change }, own);
}

/**
 * The page's mode now stores the visitor's state (it did not before): what this page view holds is stored, merged
 * with what is stored already (its draw stays; the later answer and dismissal count).
 */
export async function storeVisitorMemory(): Promise<void> {
  if (!keeps(pageStorage(), 'all')) return;
  for (const [surveyId, state] of memory) {
    if (memoryOnly.has(surveyId)) continue;
    const before = await read(surveyId);
    const later = (key: 'answeredAt' | 'dismissedAt') => {
      const at = Math.max(state[key] ?? 0, before?.[key] ?? 0);
      return at ? { [key]: at } : {};
    };
    await write(
      surveyId,
      { draw: before?.draw ?? state.draw, ...later('answeredAt'), ...later('dismissedAt') },
      undefined,
    );
  }
  const ids = [...visitInMemory].filter((id) => !memoryOnly.has(id));
  if (ids.length) storeVisit([...new Set([...(storedVisit() ?? []), ...ids])]);
}

/**
 * The surveys answered in this visit (this tab's session), so an answered inline survey shows its
 * thank-you on the next pages of the visit and nothing afterwards. Kept in sessionStorage as
 * survey ids separated by spaces (no JSON: a page may have replaced it); in memory for this page
 * where sessionStorage is unavailable.
 */
const visitInMemory = new Set<string>();

/** The ids in sessionStorage, or undefined where it cannot be read. */
function storedVisit(): string[] | undefined {
  try {
    return (sessionStorage.getItem(VISIT_KEY) ?? '').split(' ').filter(Boolean);
  } catch {
    return undefined;
  }
}

function storeVisit(ids: string[]): void {
  try {
    if (ids.length) sessionStorage.setItem(VISIT_KEY, ids.join(' '));
    else sessionStorage.removeItem(VISIT_KEY);
  } catch {
    // Memory only: the thank-you shows in this page view.
  }
}

export function answeredThisVisit(surveyId: string, own?: StorageMode): boolean {
  return ((stored(surveyId, own) && storedVisit()) || [...visitInMemory]).includes(surveyId);
}

export function noteAnsweredThisVisit(surveyId: string, own?: StorageMode): void {
  visitInMemory.add(surveyId);
  if (!stored(surveyId, own)) return;
  const ids = storedVisit() ?? [];
  if (!ids.includes(surveyId)) storeVisit([...ids, surveyId]);
}

/** `reset()`: forgets the draw, the answer and the dismissal. */
export async function forgetVisitor(surveyId: string, own?: StorageMode): Promise<void> {
  memory.delete(surveyId);
  provisional.delete(surveyId);
  visitInMemory.delete(surveyId);
  if (!stored(surveyId, own)) return;
  writeIndex(surveyId, undefined);
  storeVisit((storedVisit() ?? []).filter((id) => id !== surveyId));
  try {
    await withTimeout(request(idb(), 'readwrite', (s) => s.delete(surveyId)));
  } catch {
    // Nothing stored.
  }
}

export type Eligibility = 'ask' | 'answered' | 'dismissed' | 'not-sampled' | 'cooldown';

/** Whether to ask now, given the sample share and the two waiting periods in days. */
export function eligibility(
  state: VisitorState,
  rules: { sample: number; recontactDays: number; dismissDays: number },
  now = Date.now(),
): Eligibility {
  if (!(state.draw < rules.sample)) return 'not-sampled';
  const within = (at: number | undefined, days: number) => at !== undefined && at <= now && now - at < days * DAY_MS;
  if (within(state.answeredAt, rules.recontactDays)) return 'answered';
  if (within(state.dismissedAt, rules.dismissDays)) return 'dismissed';
  return 'ask';
}
