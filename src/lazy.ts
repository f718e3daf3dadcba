/**
 * `import 'csat-survey/lazy'`: the script tag's two stages for apps. It decides as the script-tag loader does,
 * from the synchronous index, and only then loads the delivery and the element with `import()`, so an app's
 * bundler puts them in chunks of their own that a page with no survey due never fetches. The tag is registered
 * once the element is loaded: set `metadata`, `strings` and `headers` after `customElements.whenDefined`, or
 * use `csat-survey`, which registers it at once (frameworks that bind properties need that).
 * On a server it does nothing and touches no browser global.
 */
import { startPageLoader, indexStatus, type Chunks, type LoadChunk } from './loader/page-loader.js';
import type { DeliveryStatus } from './delivery.js';
import type { Translation } from './i18n/translation.js';
import type { ConfigureOptions } from './configure.js';

export * from './events.js';
export type { CsatSurveyElement } from './csat-survey.js';
export type { Translation, StringKey, Strings } from './i18n/translation.js';
export type { SurveyResponse, SurveyDisplay, Batch, DisplayBatch } from './wire.js';
export type { SurveyType } from './scales.js';
export type { DeliveryStatus } from './delivery.js';
export type { ConfigureOptions } from './configure.js';
export type { StorageMode } from './storage-mode.js';

const loads: { [K in keyof Chunks]?: Promise<unknown> } = {};
const load: LoadChunk = <K extends keyof Chunks>(name: K) =>
  (loads[name] ??=
    name === 'delivery'
      ? import('./delivery.js').then(({ pageDelivery }) => {
          const delivery = pageDelivery();
          delivery.startDelivery();
          return delivery;
        })
      : import('./loader/renderer-module.js').then(({ renderer }) => renderer)) as Promise<Chunks[K]>;

const page = typeof document === 'undefined' ? undefined : startPageLoader(load);

/**
 * The page's privacy settings: `{ storage: 'full' | 'answers' | 'none', cooldownDays, popoversPerVisit }`. Call it
 * right after the import to decide before anything is read; call it again when consent is given or withdrawn.
 */
export const configure = (options: ConfigureOptions): void => page?.configure(options);
/** Tries to deliver every buffered answer now (loading the delivery if need be). Never rejects. */
export const flush = (): Promise<void> => (page ? page.flush() : Promise.resolve());
/** The outbox now and what happened to responses since this page loaded. */
export const deliveryStatus = (): DeliveryStatus => (page ? page.status : indexStatus());
/** Forgets every buffered response, dead letter and display on this device. */
export const clearStoredResponses = (): Promise<void> => (page ? page.clear() : Promise.resolve());
/** Fires the `event:<name>` triggers of the surveys on this page, now and once the element is loaded. */
export const track = (name: string): void => page?.track(name);
/** Adds or replaces a language, now or once the element is loaded. */
export const registerTranslation = (translation: Translation): void => page?.registerTranslation(translation);
/** Resolves with the element class once it is loaded and `<csat-survey>` registered. */
export const whenDefined = (): Promise<CustomElementConstructor> =>
  page ? customElements.whenDefined('csat-survey') : new Promise(() => undefined);
