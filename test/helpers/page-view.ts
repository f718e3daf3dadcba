// Each test is a new page view of a new visit: no popover shown yet, no cooldown, the page's default settings.
// (All tests of a file share one page, and all files one browser profile.)
import { hook } from '../../src/loader/hook.js';
import { COOLDOWN_KEY, POPOVERS_KEY } from '../../src/loader/keys.js';

export function newPageView(): void {
  const h = hook();
  h.view = {};
  h.settings = {};
  localStorage.removeItem(COOLDOWN_KEY);
  sessionStorage.removeItem(POPOVERS_KEY);
}
