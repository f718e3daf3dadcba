/** A bad configuration is said once, until it changes: on the console, and as `csat-error` on the element. */
import type { ConfigResult } from '../config.js';
import { CsatErrorEvent } from '../events.js';

/** Says what is wrong unless it was said last (`said`); returns what is said now (nothing when valid). */
export function reportConfig(result: ConfigResult, said: string, target: EventTarget): string {
  if (result.ok) return '';
  const { message, issues } = result;
  if (message !== said) {
    console.error(message);
    target.dispatchEvent(new CsatErrorEvent({ code: 'invalid-config', message, issues }));
  }
  return message;
}
