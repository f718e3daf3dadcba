/**
 * dist/csat-survey.js, the file a site owner pastes: a small classic script (no lit) that sets
 * `window.CsatSurvey`, decides from the synchronous index (page-loader.ts) whether any survey on the page may
 * show, and only then loads the rest from its own folder as `<script>` elements, each with the integrity value
 * the build wrote here:
 *   - the delivery chunk where answers wait (or the index cannot tell) or a survey may show;
 *   - the renderer chunk, which registers `<csat-survey>`, where a survey may show.
 * A page where nothing is due and nothing waits loads nothing more. A chunk the browser refuses (its
 * integrity, the page's policy, the network) is reported as `csat-error` and no survey shows; answers
 * already stored are still delivered when the delivery chunk is intact.
 */
import { hook } from './hook.js';
import { startPageLoader, type Chunks, type LoadChunk } from './page-loader.js';
import { configureFromScript } from '../configure.js';

declare const __VERSION__: string;
/** [file, integrity] of each chunk, written by the build. */
declare const __CHUNKS__: { delivery: [string, string]; renderer: [string, string] };

type Policy = { createScriptURL(url: string): string };

const w = window as unknown as Window & {
  CsatSurvey?: { version?: string; q?: Array<[string, unknown[]]> };
  trustedTypes?: { createPolicy(name: string, rules: Policy): Policy };
};
const doc = document;
const shared = hook();
const stub = w.CsatSurvey;
const current = doc.currentScript as HTMLScriptElement | null;
/** The loader's own folder: the chunks sit beside it. */
const folder = current && current.src ? new URL('.', current.src).href : '';
/** Read once: the build writes the value in at each use. */
const chunks = __CHUNKS__;
const urls = [chunks.delivery[0], chunks.renderer[0]].map((file) => folder + file);
let policy: Policy | undefined;
const loads: { [K in keyof Chunks]?: Promise<unknown> } = {};

/** A chunk the browser refused: one console error, and `csat-error` on each survey (or the document). */
function refused(file: string): void {
  const message = `<csat-survey>: ${file} did not load (refused by its integrity value, the page's policy or the network); no survey is shown.`;
  console.error(message);
  const els = doc.getElementsByTagName('csat-survey');
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
const load: LoadChunk = <K extends keyof Chunks>(name: K) =>
  (loads[name] ??= new Promise<Chunks[K]>((resolve, reject) => {
    const [file, integrity] = chunks[name];
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

if (!stub || !stub.version) {
  // The script tag's settings, then the calls the page queued before the script ran, in order: all before the
  // loader decides (page-loader.ts decides a microtask later).
  configureFromScript(current);
  const api = Object.assign(startPageLoader(load), { version: __VERSION__ });
  w.CsatSurvey = api as never;
  for (const [method, args] of Array.isArray(stub?.q) ? stub.q : []) {
    if (method === 'track') api.track(String(args[0]));
    else if (method === 'flush') void api.flush();
    else if (method === 'configure') api.configure(args[0]);
  }
}
