/**
 * `configure()` where the whole widget is loaded at once (the one-file script and `import 'csat-survey'`): the
 * page's privacy settings (configure.ts); a changed storage mode is applied at once to the page's delivery (which
 * deletes what a lowered mode does not allow) and to the visitor's state and cooldown marks (stored where a raised
 * mode allows).
 */
import { configure as applySettings, type ConfigureOptions } from './configure.js';
import { storeCooldown } from './cooldown.js';
import { pageDelivery } from './delivery.js';
import { pageStorage } from './storage-mode.js';
import { storeVisitorMemory } from './visitor-state.js';

export function configure(options: ConfigureOptions): void {
  // On a server: nothing to keep or read.
  if (typeof document === 'undefined') return;
  const before = pageStorage();
  applySettings(options);
  if (pageStorage() === before) return;
  void pageDelivery().storageChanged();
  storeCooldown();
  void storeVisitorMemory();
}
