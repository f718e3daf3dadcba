/**
 * What a lowered storage mode no longer allows is deleted at once, on this origin: in `answers`, every database
 * and key but the answers' outbox and its count; in `none`, those too. The delivery (delivery.ts) has moved what
 * its stores held to memory first; the visitor's state and the cooldown marks stay in this page's memory.
 */
import { DEAD_LETTER_DB } from './dead-letters.js';
import { DISPLAYS_DB } from './displays.js';
import { VISITOR_DB, WAITING_KEY } from './loader/keys.js';
import { OUTBOX_DB } from './outbox.js';
import { keeps, type StorageMode } from './storage-mode.js';

export function forgetBeyond(mode: StorageMode): void {
  const answers = keeps(mode, 'answers');
  if (keeps(mode, 'all')) return;
  for (const name of [VISITOR_DB, DISPLAYS_DB, DEAD_LETTER_DB, ...(answers ? [] : [OUTBOX_DB])]) {
    try {
      // Each store lets go of its connection when asked (idb.ts), so the deletion is not blocked.
      indexedDB.deleteDatabase(name);
    } catch {
      // No IndexedDB here: nothing stored in it.
    }
  }
  for (const area of ['localStorage', 'sessionStorage'] as const) {
    try {
      const storage = window[area];
      for (let i = storage.length; i--;) {
        const key = storage.key(i);
        if (key?.startsWith('csat-survey') && !(answers && key === WAITING_KEY)) storage.removeItem(key);
      }
    } catch {
      // Unavailable: nothing stored in it.
    }
  }
}
