/**
 * The survey's font: the page's own `font-family` by default, so the survey looks like part of the
 * site, followed by a stack for the language in case the page's fonts lack its letters. When the
 * page sets no font (the browser's default is all it has), the language's stack alone: Persian-first
 * for Persian (the system's own font often draws Persian poorly), the system's UI font otherwise.
 * Only the family is taken from the page; size, colour and the rest stay the survey's own.
 */

/** Fonts that draw Persian letters, Persian digits and the Persian decimal separator «٫» well. */
const PERSIAN = "Vazirmatn, Vazir, IRANSansX, IRANSans, 'Noto Sans Arabic', Tahoma, system-ui, sans-serif";
const SYSTEM = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif";

/** Generic families stand for "any font": they say nothing about the site's look. */
const GENERIC =
  /^(serif|sans-serif|monospace|cursive|fantasy|math|emoji|fangsong|system-ui|ui-[a-z-]+|-apple-system|blinkmacsystemfont)$/i;

/** The fallback stack for a language code ("fa", "en", …). */
export function fallbackFonts(code: string): string {
  return code === 'fa' ? PERSIAN : SYSTEM;
}

/** The families of a computed `font-family` list: split at the commas outside quotes. */
const families = (list: string): string[] => (list.match(/(?:"[^"]*"|'[^']*'|[^,"'])+/g) ?? []).map((f) => f.trim());

const unquote = (family: string) => family.replace(/^["']|["']$/g, '');

/**
 * The stack for the survey: the page's named families (its generic ones dropped), then the
 * language's fallback. `browserDefault` is the family the browser uses when a page sets none.
 */
export function surveyFonts(pageFamily: string, browserDefault: string, code: string): string {
  const fallback = fallbackFonts(code);
  if (!pageFamily || pageFamily === browserDefault) return fallback;
  const named = families(pageFamily).filter((f) => f && !GENERIC.test(unquote(f)));
  return named.length ? `${named.join(', ')}, ${fallback}` : fallback;
}

let browserDefault: string | undefined;

/** The family of an element with `font-family: initial`, measured once inside `root`. */
function defaultFamily(root: ShadowRoot | HTMLElement): string {
  if (browserDefault === undefined) {
    const probe = document.createElement('span');
    probe.style.setProperty('font-family', 'initial');
    root.append(probe);
    browserDefault = getComputedStyle(probe).fontFamily;
    probe.remove();
  }
  return browserDefault;
}

/** The stack for a survey element in language `code`: measured from the page around `host`. */
export function fontsFor(host: HTMLElement, code: string): string {
  try {
    const root = host.shadowRoot ?? host;
    return surveyFonts(getComputedStyle(host).fontFamily, defaultFamily(root), code);
  } catch {
    return fallbackFonts(code);
  }
}
