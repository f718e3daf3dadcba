/**
 * `CsatSurvey.configure({ storage, cooldownDays, popoversPerVisit })`, and the same as the script tag's
 * `data-storage`, `data-cooldown-days` and `data-popovers-per-visit`: the page's privacy settings
 * (storage-mode.ts). A bad value never throws: one console error names the option, the value and what is allowed,
 * and that option keeps its value. Small on purpose: the loader carries it.
 */
import { pageSettings, STORAGE_MODES, type PageSettings } from './storage-mode.js';

export type ConfigureOptions = PageSettings;

/** What each option accepts, as told to the page author. */
const ALLOWED: Record<keyof PageSettings, string> = {
  storage: '"full", "answers" or "none"',
  cooldownDays: 'a number of days from 0 to 3650',
  popoversPerVisit: 'a whole number from 1 to 100',
};

const valid = (key: string, v: unknown): boolean =>
  key === 'storage'
    ? STORAGE_MODES.indexOf(v as never) >= 0
    : typeof v === 'number' && (key === 'cooldownDays' ? v >= 0 && v <= 3650 : v % 1 === 0 && v >= 1 && v <= 100);

const shown = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** Sets one option, or says in the console why not (`what`: the option as the page wrote it). */
function set(key: string, value: unknown, what: string): void {
  // Own keys only: `toString` is not an option, whatever Object.prototype holds.
  const allowed = Object.prototype.hasOwnProperty.call(ALLOWED, key) ? ALLOWED[key as keyof PageSettings] : undefined;
  if (allowed && valid(key, value)) (pageSettings() as Record<string, unknown>)[key] = value;
  else
    console.error(
      `<csat-survey>: ${what} is ignored: expected ${allowed ?? `an object of ${Object.keys(ALLOWED).join(', ')}`}.`,
    );
}

/** Applies the options given (an object; a key left out keeps its value). */
export function configure(options: unknown): void {
  if (typeof options !== 'object' || !options || Array.isArray(options))
    return set('', options, `configure(${shown(options)})`);
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    set(key, value, `configure({ ${key}: ${shown(value)} })`);
  }
}

/** The settings a script tag carries as `data-` attributes (`cooldownDays`: `data-cooldown-days`). */
export function configureFromScript(script: Element | null): void {
  for (const key of Object.keys(ALLOWED)) {
    const attribute = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const text = script?.getAttribute(attribute);
    if (text != null) set(key, key === 'storage' ? text : text.trim() ? Number(text) : NaN, `${attribute}="${text}"`);
  }
}
