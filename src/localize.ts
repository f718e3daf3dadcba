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

const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(code: string): Intl.NumberFormat {
  let format = formats.get(code);
  if (!format) {
    format = new Intl.NumberFormat(code, { useGrouping: false });
    formats.set(code, format);
  }
  return format;
}

export function resolveLocale(el: HTMLElement): Locale {
  const own = el.getAttribute('lang')?.trim();
  const lang = (own && isLanguageTag(own) ? own : undefined) ?? inheritedLang(el) ?? 'en';
  const t = translationFor(lang);
  const ownDir = el.getAttribute('dir')?.toLowerCase();
  const dir = ownDir === 'rtl' || ownDir === 'ltr' ? ownDir : t.$dir;
  const format = numberFormat(t.$code);
  return { lang, dir, t, number: (n) => format.format(n) };
}

/**
 * Tells every subscribed element when a `lang` or `dir` changes anywhere in the document, or a
 * translation is registered. One observer serves all instances.
 */
const watchers = new Set<() => void>();
let observer: MutationObserver | undefined;

export function watchLocale(onChange: () => void): () => void {
  if (!observer) {
    observer = new MutationObserver(() => watchers.forEach((w) => w()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
    onTranslationsChange(() => watchers.forEach((w) => w()));
  }
  watchers.add(onChange);
  return () => watchers.delete(onChange);
}
