/**
 * Language and direction resolution (SPEC §3): the element's own `lang`, else the nearest
 * ancestor's (across shadow roots), else <html lang>, else English. Direction comes from the
 * element's `dir` when it is "ltr" or "rtl", else from the language.
 */
import { onTranslationsChange, translationFor, type Translation } from './i18n/translation.js';

export interface Locale {
  /** The language tag in effect, as written by the page ("fa-IR"), or "en". */
  lang: string;
  dir: 'ltr' | 'rtl';
  t: Translation;
  /** Formats an integer with the language's digits: ۹ in Persian. */
  number: (n: number) => string;
}

export function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

function inheritedLang(el: Element): string | undefined {
  let node: Node | null = el.parentNode;
  while (node) {
    if (node instanceof Element) {
      const lang = node.getAttribute('lang')?.trim();
      if (lang && isLanguageTag(lang)) return lang;
    }
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return undefined;
}

/** Digits written without Intl for the built-in languages: no first-use cost on the way to the first paint. */
const DIGITS: Record<string, string> = { fa: '۰۱۲۳۴۵۶۷۸۹', en: '0123456789' };

const formats = new Map<string, Intl.NumberFormat>();

/** Formats non-negative integers (scores, counts) the way the language writes them. */
function numberFormat(code: string): (n: number) => string {
  const digits = DIGITS[code];
  if (digits) return (n) => String(Math.trunc(n)).replace(/\d/g, (d) => digits.charAt(Number(d)));
  let intl = formats.get(code);
  if (!intl) formats.set(code, (intl = new Intl.NumberFormat(code, { useGrouping: false, maximumFractionDigits: 0 })));
  return (n) => (intl as Intl.NumberFormat).format(n);
}

export function resolveLocale(el: HTMLElement): Locale {
  const own = el.getAttribute('lang')?.trim();
  const requested = (own && isLanguageTag(own) ? own : undefined) ?? inheritedLang(el) ?? 'en';
  const t = translationFor(requested);
  // The language actually shown: the page's tag when its texts exist, else the fallback's code.
  const lang = requested.toLowerCase().split('-')[0] === t.$code ? requested : t.$code;
  const ownDir = el.getAttribute('dir')?.toLowerCase();
  const dir = ownDir === 'rtl' || ownDir === 'ltr' ? ownDir : t.$dir;
  return { lang, dir, t, number: numberFormat(t.$code) };
}

/**
 * Tells every subscribed element when a `lang` or `dir` changes anywhere in the document, or a
 * translation is registered. One observer serves all instances.
 */
const watchers = new Set<() => void>();
let observer: MutationObserver | undefined;

const OBSERVE: MutationObserverInit = { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true };

const notifyWatchers = () => watchers.forEach((w) => w());

/**
 * Made outside `watchLocale`, so the long-lived observer and listener share no closure scope with an
 * element: a closure created there would keep the first element (and its `onChange`) alive forever.
 */
function startObserving(): MutationObserver {
  const created = new MutationObserver(notifyWatchers);
  created.observe(document.documentElement, OBSERVE);
  onTranslationsChange(notifyWatchers);
  return created;
}

export function watchLocale(el: Element, onChange: () => void): () => void {
  observer ??= startObserving();
  // A document-wide observer does not see into shadow roots: watch each one around the element.
  for (let root = el.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) {
    observer.observe(root, OBSERVE);
  }
  watchers.add(onChange);
  return () => watchers.delete(onChange);
}
