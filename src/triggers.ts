/**
 * When a survey appears (SPEC §3 `trigger`): load, delay:<n>s, scroll:<n>%, exit, event:<name>
 * or manual. A trigger is armed for the current page; when a single-page app moves to another
 * route (History API, popstate, hashchange) a trigger that has not fired is cancelled and armed
 * again for the new page.
 */
export type Trigger =
  | { kind: 'load' }
  | { kind: 'delay'; ms: number }
  | { kind: 'scroll'; percent: number }
  | { kind: 'exit' }
  | { kind: 'event'; name: string }
  | { kind: 'manual' };

/** Dispatched on `window` when a single-page app moves to another route: a new page view. */
export const NAVIGATE = 'csat-survey-navigate';
const TRACK = 'csat-survey-track';
/** Events tracked on the current page, so a trigger armed after the event still fires. */
const tracked = new Set<string>();
let routeKey = '';

export function parseTrigger(value: string): Trigger | undefined {
  if (value === 'load' || value === 'exit' || value === 'manual') return { kind: value };
  let m = /^delay:(\d{1,5}(?:\.\d+)?)s$/.exec(value);
  if (m) return { kind: 'delay', ms: Number(m[1]) * 1000 };
  m = /^scroll:(\d{1,3})%$/.exec(value);
  if (m && Number(m[1]) <= 100) return { kind: 'scroll', percent: Number(m[1]) };
  m = /^event:([\w.:-]{1,64})$/.exec(value);
  return m ? { kind: 'event', name: m[1] as string } : undefined;
}

/** `CsatSurvey.track(name)`: fires `event:<name>` triggers, now and for the rest of this page. */
export function track(name: string): void {
  if (typeof name !== 'string' || !name) return;
  tracked.add(name);
  if (typeof dispatchEvent === 'function') dispatchEvent(new CustomEvent(TRACK, { detail: name }));
}

/** The page as a single-page app sees it: the path, plus the hash when it is a route ("#/…", "#!…"). */
const currentRoute = () => location.pathname + (/^#!?\//.test(location.hash) ? location.hash : '');

/** Makes History API navigations observable, once per page (even with two copies of the script). */
function watchRoutes(): void {
  if (routeKey) return;
  routeKey = currentRoute();
  const changed = () => {
    const next = currentRoute();
    if (next === routeKey) return;
    routeKey = next;
    tracked.clear();
    dispatchEvent(new Event(NAVIGATE));
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      changed();
    };
  }
  addEventListener('popstate', changed);
  addEventListener('hashchange', changed);
}

/** How far down the page the visitor has scrolled, 0–100; a page that cannot scroll counts as 100. */
function scrolledPercent(): number {
  const room = document.documentElement.scrollHeight - innerHeight;
  return room <= 0 ? 100 : (scrollY / room) * 100;
}

/** Watches for the moment; calls `fire` once per page. Returns a function that disarms it. */
function armOnce(trigger: Trigger, fire: () => void): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = () => {
    controller.abort();
    clearTimeout(timer);
    fire();
  };
  switch (trigger.kind) {
    case 'load':
      done();
      break;
    case 'delay':
      timer = setTimeout(done, trigger.ms);
      break;
    case 'scroll': {
      const check = () => scrolledPercent() >= trigger.percent && done();
      addEventListener('scroll', check, { passive: true, signal });
      addEventListener('resize', check, { passive: true, signal });
      check();
      break;
    }
    case 'exit': {
      // Desktop: the pointer leaves through the top edge, towards the tabs and address bar.
      document.addEventListener('mouseout', (e) => !e.relatedTarget && e.clientY <= 0 && done(), { signal });
      // Touch screens have no pointer to watch: a quick scroll back up (a third of the screen
      // within half a second), the usual move towards the address bar, counts as leaving.
      let last = { y: scrollY, at: performance.now() };
      addEventListener(
        'scroll',
        () => {
          const now = { y: scrollY, at: performance.now() };
          if (matchMedia('(hover: none)').matches && last.y - now.y > innerHeight / 3 && now.at - last.at < 500) done();
          if (now.at - last.at >= 500 || now.y > last.y) last = now;
        },
        { passive: true, signal },
      );
      break;
    }
    case 'event':
      if (tracked.has(trigger.name)) done();
      else addEventListener(TRACK, (e) => (e as CustomEvent<string>).detail === trigger.name && done(), { signal });
      break;
    case 'manual':
      break;
  }
  return () => {
    controller.abort();
    clearTimeout(timer);
  };
}

/**
 * Arms `trigger` for this page and again after each route change until it fires; a delayed
 * survey still waiting when the visitor moves on is cancelled. Returns a function that disarms it.
 */
export function armTrigger(value: string, fire: () => void): () => void {
  const trigger = parseTrigger(value);
  if (!trigger) return () => {};
  watchRoutes();
  let disarm = () => {};
  const arm = () => {
    disarm();
    disarm = armOnce(trigger, () => {
      removeEventListener(NAVIGATE, arm);
      fire();
    });
  };
  addEventListener(NAVIGATE, arm);
  arm();
  return () => {
    removeEventListener(NAVIGATE, arm);
    disarm();
  };
}
