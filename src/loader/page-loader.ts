/**
 * What the script-tag loader and the npm entry share: from the synchronous index (keys.ts), decide whether any
 * survey on the page may show and whether answers wait, and only then load the delivery and the renderer, by a
 * `load` the caller injects (`<script integrity>` elements for the script tag, `import()` for the npm entry).
 * Returns the page's API, which works before, during and after the loads.
 */
import type { DeliveryChunk, RendererChunk } from './hook.js';
import type { DeliveryStatus } from '../delivery.js';
import { COOLDOWN_KEY, INDEX_KEY, POPOVERS_KEY, VISIT_KEY, WAITING_KEY } from './keys.js';
import { configure as applySettings } from '../configure.js';
import { keeps, pageSettings, pageStorage, STORAGE_MODES } from '../storage-mode.js';

export type Chunks = { delivery: DeliveryChunk; renderer: RendererChunk };
/** Loads a chunk once; rejects (after reporting it) when the chunk cannot be had. */
export type LoadChunk = <K extends keyof Chunks>(name: K) => Promise<Chunks[K]>;

export interface PageApi {
  /** The page's privacy settings (configure.ts); a changed storage mode is applied to what is loaded. */
  configure(options: unknown): void;
  flush(): Promise<void>;
  track(name: string): void;
  readonly status: DeliveryStatus;
  clear(): Promise<void>;
  registerTranslation(translation: unknown): void;
  readonly CsatSurveyElement: RendererChunk['CsatSurveyElement'] | undefined;
}

const DAY_MS = 864e5;
const TAG = 'csat-survey';

/** A stored value, where the storage mode allows reading it (`answers`: the outbox's count only). */
const stored = (area: 'localStorage' | 'sessionStorage', key: string): string | null | undefined => {
  try {
    return keeps(pageStorage(), key === WAITING_KEY ? 'answers' : 'all') ? window[area].getItem(key) : null;
  } catch {
    return undefined;
  }
};

/** Whether answers or displays may wait in this browser: "0" says none; unreadable storage cannot tell. */
function waiting(): boolean {
  if (!keeps(pageStorage(), 'answers')) return false;
  const count = stored('localStorage', WAITING_KEY);
  if (count !== null) return count !== '0';
  for (let i = 0; i < localStorage.length; i++) if (/^csat-survey/.test(localStorage.key(i) as string)) return true;
  return false;
}

/** An input of a survey, as the element will read it: its property where set, else its attribute. */
function readInput(el: Element, attribute: string, fallback: string): string {
  const property = (el as unknown as Record<string, unknown>)[
    attribute.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())
  ];
  return property != null ? String(property) : (el.getAttribute(attribute) ?? fallback);
}

/** Whether this survey may show on this page, from the index alone; true whenever the index cannot tell. */
function mayShow(el: Element): boolean {
  const read = (attribute: string, fallback: string): string => readInput(el, attribute, fallback);
  const id = read('survey-id', '');
  let state: { draw?: number; answeredAt?: number; dismissedAt?: number } = {};
  try {
    state = JSON.parse(stored('localStorage', INDEX_KEY + id) || '{}') || {};
  } catch {
    // Unreadable: the element decides.
  }
  const { draw, answeredAt, dismissedAt } = state;
  const [sample, recontact, dismiss] = [
    read('sample', '1'),
    read('recontact-days', '90'),
    read('dismiss-days', '7'),
  ].map(Number) as number[];
  const now = Date.now();
  const within = (at: number | undefined, days: number | undefined) =>
    (at as number) <= now && now - (at as number) < (days as number) * DAY_MS;
  // The site-wide limits (cooldown.ts), from their stored marks: nothing has shown in this page yet.
  const { cooldownDays = 3, popoversPerVisit = 1 } = pageSettings();
  const cooling = within(Number(stored('localStorage', COOLDOWN_KEY)), cooldownDays);
  const own = el as unknown as { respectCooldown?: boolean };
  if (
    read('mode', 'inline') === 'popover'
      ? cooling || Number(stored('sessionStorage', POPOVERS_KEY)) >= popoversPerVisit
      : cooling && (own.respectCooldown ?? el.hasAttribute('respect-cooldown'))
  )
    return false;
  // No index, or values the element will refuse (it reports them): let the element decide.
  if ([sample, recontact, dismiss].some((n) => Number.isNaN(n))) return true;
  // Never asked (sample 0 or less), whatever the draw.
  if (!((sample as number) > 0)) return false;
  if (typeof draw != 'number') return true;
  if (!((draw as number) < (sample as number))) return false;
  if (within(answeredAt, recontact))
    return (
      read('mode', 'inline') !== 'popover' &&
      (read('after-answer', 'hide') === 'thanks' ||
        ` ${stored('sessionStorage', VISIT_KEY) ?? ''} `.includes(` ${id} `))
    );
  return !within(dismissedAt, dismiss);
}

/** The status before the delivery is loaded: what the index says waits, nothing else yet. */
export const indexStatus = (): DeliveryStatus =>
  Object.freeze({
    pending: Number(stored('localStorage', WAITING_KEY)) || 0,
    displaysPending: 0,
    // On a server there is no page, and no storage mode to read.
    storage:
      typeof document === 'undefined' || keeps(pageStorage(), 'answers') ? ('indexeddb' as const) : ('memory' as const),
    paused: [],
    delivered: 0,
    refused: 0,
    expired: 0,
    corrupt: 0,
    unbuffered: 0,
    displaysDelivered: 0,
    displaysDropped: 0,
  });

export function startPageLoader(load: LoadChunk): PageApi {
  const doc = document;
  const chunks: Partial<Chunks> = {};
  const translations: unknown[] = [];
  const tracked: string[] = [];
  let rendering: Promise<unknown> | undefined;
  let delivering: Promise<Chunks['delivery']> | undefined;
  const delivery = () => (delivering ??= load('delivery').then((d) => (chunks.delivery = d)));

  /** Loads delivery and the renderer, replays what the page asked for meanwhile, then registers the tag. */
  function render(): void {
    if (rendering) return;
    observer.disconnect();
    rendering = Promise.all([delivery(), load('renderer')]).then(([, renderer]) => {
      chunks.renderer = renderer;
      for (const translation of translations) renderer.registerTranslation(translation as never);
      renderer.CsatSurveyElement.define();
      for (const name of tracked) renderer.track(name);
    });
    rendering.catch(() => undefined);
  }

  /**
   * Every survey that may show starts the renderer; one that will not is marked `data-csat-survey="skip"`, which
   * ends the README's reservation (`:not([data-csat-survey])`) at once, before the first paint where the script is
   * not deferred.
   */
  function scan(): void {
    for (const el of doc.getElementsByTagName(TAG)) {
      if (rendering) return;
      if (!mayShow(el)) el.setAttribute('data-csat-survey', 'skip');
      // A survey that waits for its trigger is fetched in idle time, so it shows at once when the trigger fires.
      else if (readInput(el, 'trigger', '')) (window.requestIdleCallback || setTimeout)(render);
      else render();
    }
  }

  const observer = new MutationObserver(scan);

  const api: PageApi = {
    configure(options: unknown): void {
      const before = pageStorage();
      applySettings(options);
      const after = pageStorage();
      if (after === before) return;
      // Lowered: the delivery moves what its stores hold to memory and deletes what the mode does not allow.
      const lowered = STORAGE_MODES.indexOf(after) > STORAGE_MODES.indexOf(before);
      (lowered ? delivery() : delivering)?.then((d) => d.storageChanged()).catch(() => undefined);
      rendering?.then(() => chunks.renderer?.storageChanged()).catch(() => undefined);
    },
    flush: () =>
      delivery().then(
        (d) => d.flush(),
        () => undefined,
      ),
    track(name: string): void {
      if (typeof name !== 'string' || !name) return;
      tracked.push(name);
      chunks.renderer?.track(name);
    },
    get status() {
      return chunks.delivery ? chunks.delivery.deliveryStatus() : indexStatus();
    },
    clear: () => delivery().then((d) => d.clearStoredResponses()),
    registerTranslation(translation: unknown): void {
      if (chunks.renderer) chunks.renderer.registerTranslation(translation as never);
      else translations.push(translation);
    },
    get CsatSurveyElement() {
      return chunks.renderer?.CsatSurveyElement;
    },
  };
  // A microtask later, so that settings the page gives right after (configure) apply first.
  queueMicrotask(() => {
    // Answers earlier pages left behind are sent at page load, even where no survey is shown. No count yet: this
    // browser is new to the widget (nothing waits), unless it holds other keys of it (an earlier version's visitor).
    if (waiting()) delivery().catch(() => undefined);
    scan();
    if (!rendering) {
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      doc.addEventListener('DOMContentLoaded', scan);
    }
  });
  return api;
}
