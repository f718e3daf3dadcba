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

/** Sets one option, or says in the console why not (`shown`: the option as the page wrote it). */
function set(key: string, value: unknown, shown: string): void {
  const allowed = ALLOWED[key as keyof PageSettings] as string | undefined;
  if (allowed && valid(key, value)) (pageSettings() as Record<string, unknown>)[key] = value;
  else console.error(`<csat-survey>: ${shown} is ignored: expected ${allowed ?? Object.keys(ALLOWED).join(', ')}.`);
}

/** Applies the options given (an object; a key left out keeps its value). */
export function configure(options: unknown): void {
  for (const key in Object(options))
    if (Object.prototype.hasOwnProperty.call(options, key)) {
      const value = (options as Record<string, unknown>)[key];
      set(key, value, `configure({ ${key}: ${typeof value === 'string' ? `"${value}"` : String(value)} })`);
    }
}

/** The settings a script tag carries as `data-` attributes (`cooldownDays`: `data-cooldown-days`). */
export function configureFromScript(script: Element | null): void {
  for (const key in ALLOWED) {
    const attribute = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    const text = script?.getAttribute(attribute);
    if (text != null) set(key, key === 'storage' ? text : text.trim() ? Number(text) : NaN, `${attribute}="${text}"`);
  }
}
