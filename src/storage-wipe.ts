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

/** Resolves once the databases are deleted (or their deletion waits for another tab to let go). */
export async function forgetBeyond(mode: StorageMode): Promise<void> {
  const answers = keeps(mode, 'answers');
  if (keeps(mode, 'all')) return;
  const names = [VISITOR_DB, DISPLAYS_DB, DEAD_LETTER_DB, ...(answers ? [] : [OUTBOX_DB])];
  try {
    // Only those that exist: deleting one that does not briefly lists it.
    const existing = await indexedDB.databases?.().catch(() => undefined);
    await Promise.all(
      names
        .filter((name) => !existing || existing.some((db) => db.name === name))
        .map(
          (name) =>
            new Promise((done) => {
              // Each store lets go of its connection when asked (idb.ts), so the deletion is not blocked.
              const request = indexedDB.deleteDatabase(name);
              request.onsuccess = request.onerror = request.onblocked = done;
            }),
        ),
    );
  } catch {
    // No IndexedDB here: nothing stored in it.
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
