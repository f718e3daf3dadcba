/**
 * What the script-tag loader and the npm entry share: from the synchronous index (keys.ts), decide whether any
 * survey on the page may show and whether answers wait, and only then load the delivery and the renderer, by a
 * `load` the caller injects (`<script integrity>` elements for the script tag, `import()` for the npm entry).
 * Returns the page's API, which works before, during and after the loads.
 */
import type { DeliveryChunk, RendererChunk } from './hook.js';
import type { DeliveryStatus } from '../delivery.js';
import { INDEX_KEY, VISIT_KEY, WAITING_KEY } from './keys.js';

export type Chunks = { delivery: DeliveryChunk; renderer: RendererChunk };
/** Loads a chunk once; rejects (after reporting it) when the chunk cannot be had. */
export type LoadChunk = <K extends keyof Chunks>(name: K) => Promise<Chunks[K]>;

export interface PageApi {
  flush(): Promise<void>;
  track(name: string): void;
  readonly status: DeliveryStatus;
  clear(): Promise<void>;
  registerTranslation(translation: unknown): void;
  readonly CsatSurveyElement: RendererChunk['CsatSurveyElement'] | undefined;
}

const DAY_MS = 864e5;
const TAG = 'csat-survey';

const stored = (area: 'localStorage' | 'sessionStorage', key: string): string | null | undefined => {
  try {
    return window[area].getItem(key);
  } catch {
    return undefined;
  }
};

/** Whether answers or displays may wait in this browser: "0" says none; unreadable storage cannot tell. */
function waiting(): boolean {
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
    storage: 'indexeddb' as const,
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
  let rendering = false;
  const delivery = () => load('delivery').then((d) => (chunks.delivery = d));

  /** Loads delivery and the renderer, replays what the page asked for meanwhile, then registers the tag. */
  function render(): void {
    if (rendering) return;
    rendering = true;
    observer.disconnect();
    Promise.all([delivery(), load('renderer')])
      .then(([, renderer]) => {
        chunks.renderer = renderer;
        for (const translation of translations) renderer.registerTranslation(translation as never);
        renderer.CsatSurveyElement.define();
        for (const name of tracked) renderer.track(name);
      })
      .catch(() => undefined);
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
  // Answers earlier pages left behind are sent at page load, even where no survey is shown. No count yet: this
  // browser is new to the widget (nothing waits), unless it holds other keys of it (an earlier version's visitor).
  if (waiting()) delivery().catch(() => undefined);
  scan();
  if (!rendering) {
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    doc.addEventListener('DOMContentLoaded', scan);
  }
  return api;
}
