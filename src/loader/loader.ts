/**
 * dist/csat-survey.js, the file a site owner pastes: a small classic script (no lit) that sets
 * `window.CsatSurvey`, decides from the synchronous index (keys.ts) whether any survey on the page may
 * show, and only then loads the rest from its own folder, each file with the integrity value the build
 * wrote here:
 *   - the delivery chunk where answers wait (or the index cannot tell) or a survey may show;
 *   - the renderer chunk, which registers `<csat-survey>`, where a survey may show.
 * A page where nothing is due and nothing waits loads nothing more. A chunk the browser refuses (its
 * integrity, the page's policy, the network) is reported as `csat-error` and no survey shows; answers
 * already stored are still delivered when the delivery chunk is intact.
 */
import { hook, type DeliveryChunk, type RendererChunk } from './hook.js';
import { INDEX_KEY, VISIT_KEY, WAITING_KEY } from './keys.js';

declare const __VERSION__: string;
/** [file, integrity] of each chunk, written by the build. */
declare const __CHUNKS__: { delivery: [string, string]; renderer: [string, string] };

type Chunks = { delivery: DeliveryChunk; renderer: RendererChunk };
type Name = keyof Chunks;
type Policy = { createScriptURL(url: string): string };

const w = window as unknown as Window & {
  CsatSurvey?: { version?: string; q?: Array<[string, unknown[]]> };
  trustedTypes?: { createPolicy(name: string, rules: Policy): Policy };
};
const doc = document;
const DAY_MS = 864e5;
const TAG = 'csat-survey';
const shared = hook();
const stub = w.CsatSurvey;
const current = doc.currentScript as HTMLScriptElement | null;
/** The loader's own folder: the chunks sit beside it. */
const folder = current && current.src ? new URL('.', current.src).href : '';
const urls = [__CHUNKS__.delivery[0], __CHUNKS__.renderer[0]].map((file) => folder + file);
let policy: Policy | undefined;
const loads: { [K in Name]?: Promise<unknown> } = {};
const translations: unknown[] = [];
const tracked: string[] = [];
let rendering = false;

const stored = (area: 'localStorage' | 'sessionStorage', key: string): string | null | undefined => {
  try {
    return w[area].getItem(key);
  } catch {
    return undefined;
  }
};

/** A chunk the browser refused: one console error, and `csat-error` on each survey (or the document). */
function refused(file: string): void {
  const message = `<csat-survey>: ${file} did not load (refused by its integrity value, the page's policy or the network); no survey is shown.`;
  console.error(message);
  const els = doc.getElementsByTagName(TAG);
  const targets: EventTarget[] = els.length ? [...els] : [doc];
  for (const target of targets)
    target.dispatchEvent(
      new CustomEvent('csat-error', {
        bubbles: true,
        composed: true,
        detail: { code: 'chunk-refused', message, file },
      }),
    );
}

/** Loads a chunk once, as a classic script with its integrity value, the URL made by the project's policy. */
function load<K extends Name>(name: K): Promise<Chunks[K]> {
  return (loads[name] ??= new Promise<Chunks[K]>((resolve, reject) => {
    const [file, integrity] = __CHUNKS__[name];
    const script = doc.createElement('script');
    const fail = () => {
      refused(file);
      reject(new Error(file));
    };
    script.integrity = integrity;
    script.crossOrigin = 'anonymous';
    // Executed in the order inserted: delivery always runs before the renderer.
    script.async = false;
    script.onerror = fail;
    script.onload = () => {
      const chunk = shared[name] as Chunks[K] | undefined;
      if (chunk) resolve(chunk);
      else fail();
    };
    try {
      policy ??= w.trustedTypes?.createPolicy('csat-survey', {
        createScriptURL: (url) => (urls.includes(url) ? url : ''),
      });
      script.src = (policy ? policy.createScriptURL(folder + file) : folder + file) as string;
    } catch {
      return fail();
    }
    (doc.head || doc.documentElement).appendChild(script);
  })) as Promise<Chunks[K]>;
}

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

/** Loads delivery and the renderer, replays what the page asked for meanwhile, then registers the tag. */
function render(): void {
  if (rendering) return;
  rendering = true;
  observer.disconnect();
  Promise.all([load('delivery'), load('renderer')])
    .then(([, renderer]) => {
      for (const translation of translations) renderer.registerTranslation(translation as never);
      renderer.CsatSurveyElement.define();
      for (const name of tracked) renderer.track(name);
    })
    .catch(() => undefined);
}

/**
 * Every survey that may show starts the renderer; one that will not is marked `data-csat-survey="skip"`, which ends
 * the README's reservation (`:not([data-csat-survey])`) at once, before the first paint where the script is not
 * deferred.
 */
function scan(): void {
  for (const el of doc.getElementsByTagName(TAG)) {
    if (rendering) return;
    if (!mayShow(el)) el.setAttribute('data-csat-survey', 'skip');
    // A survey that waits for its trigger is fetched in idle time, so it shows at once when the trigger fires.
    else if (readInput(el, 'trigger', '')) (w.requestIdleCallback || setTimeout)(render);
    else render();
  }
}

const observer = new MutationObserver(scan);

if (!stub || !stub.version) {
  const api = {
    version: __VERSION__,
    flush: (): Promise<void> =>
      load('delivery').then(
        (d) => d.flush(),
        () => undefined,
      ),
    track(name: string): void {
      if (typeof name !== 'string' || !name) return;
      tracked.push(name);
      shared.renderer?.track(name);
    },
    get status() {
      return shared.delivery
        ? shared.delivery.deliveryStatus()
        : Object.freeze({
            pending: Number(stored('localStorage', WAITING_KEY)) || 0,
            displaysPending: 0,
            storage: 'indexeddb',
            paused: [],
            delivered: 0,
            refused: 0,
            expired: 0,
            corrupt: 0,
            unbuffered: 0,
            displaysDelivered: 0,
            displaysDropped: 0,
          });
    },
    clear: (): Promise<void> => load('delivery').then((d) => d.clearStoredResponses()),
    registerTranslation(translation: unknown): void {
      if (shared.renderer) shared.renderer.registerTranslation(translation as never);
      else translations.push(translation);
    },
    get CsatSurveyElement() {
      return shared.renderer?.CsatSurveyElement;
    },
  };
  w.CsatSurvey = api as never;
  // Answers earlier pages left behind are sent at page load, even where no survey is shown. No count yet: this
  // browser is new to the widget (nothing waits), unless it holds other keys of it (an earlier version's visitor).
  if (waiting()) load('delivery').catch(() => undefined);
  scan();
  if (!rendering) {
    observer.observe(doc.documentElement, { childList: true, subtree: true });
    doc.addEventListener('DOMContentLoaded', scan);
  }
  for (const [method, args] of Array.isArray(stub?.q) ? stub.q : []) {
    if (method === 'track') api.track(String(args[0]));
    else if (method === 'flush') void api.flush();
  }
}
