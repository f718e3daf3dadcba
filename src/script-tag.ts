/**
 * The self-contained script-tag build (dist/csat-survey.js): registers <csat-survey> and
 * sets window.CsatSurvey. Loading it twice, or next to another copy, changes nothing.
 */
import { CsatSurveyElement } from './csat-survey.js';
import { pageDelivery, type DeliveryStatus } from './delivery.js';
import { registerTranslation } from './i18n/translation.js';
import { track } from './triggers.js';
import { configureFromScript, type ConfigureOptions } from './configure.js';
import { configure } from './page-configure.js';

declare const __VERSION__: string;

export interface CsatSurveyGlobal {
  version: string;
  /** The page's privacy settings: storage mode, cooldown, popovers per visit. */
  configure(options: ConfigureOptions): void;
  flush(): Promise<void>;
  /** Fires the `event:<name>` triggers of the surveys on this page. */
  track(name: string): void;
  /** The outbox now and what happened to responses since this page loaded. Read-only. */
  readonly status: DeliveryStatus;
  /** Forgets every buffered response and dead letter on this device. */
  clear(): Promise<void>;
  registerTranslation: typeof registerTranslation;
  CsatSurveyElement: typeof CsatSurveyElement;
}

declare global {
  interface Window {
    CsatSurvey?: CsatSurveyGlobal;
  }
}

/** The snippet's pre-load stub: calls made before this script ran, queued as [method, args]. */
interface PreloadStub {
  version?: undefined;
  q?: Array<[string, unknown[]]>;
}

const stub = window.CsatSurvey as PreloadStub | undefined;
if (!stub?.version) {
  // The script tag's settings and the queued configure calls apply before anything is read or shown.
  configureFromScript(document.currentScript);
  for (const [method, args] of Array.isArray(stub?.q) ? stub.q : [])
    if (method === 'configure') configure(args[0] as ConfigureOptions);
}
CsatSurveyElement.define();
if (!stub?.version) {
  const delivery = pageDelivery();
  // Answers earlier pages left behind are sent at page load, even where no survey is shown.
  delivery.startDelivery();
  const api: CsatSurveyGlobal = {
    version: __VERSION__,
    configure,
    flush: delivery.flush,
    track,
    get status() {
      return delivery.deliveryStatus();
    },
    clear: delivery.clearStoredResponses,
    registerTranslation,
    CsatSurveyElement,
  };
  window.CsatSurvey = api;
  for (const [method, args] of Array.isArray(stub?.q) ? stub.q : []) {
    if (method === 'track') api.track(String(args[0]));
    else if (method === 'flush') void api.flush();
  }
}
