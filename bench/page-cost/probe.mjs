// The init script every measured page gets (context.addInitScript), before any script of the page runs.
// It keeps in `window.__bench`:
//   longTasks  every long task (PerformanceObserver 'longtask': start, duration), from navigation on;
//   shifts     every layout shift (value, whether it followed input);
//   load       when the load event fired;
//   cardDom    when the card first was in the shadow root of the probed element(s) (a MutationObserver on each
//              shadow root the element attaches), and `card`: the end of the first frame rendered after that
//              (a message posted from that frame's requestAnimationFrame runs once the frame is done), also
//              marked as the user timing `bench:card`;
//   durable    when `csat-answer` (the widget: the answer is committed to IndexedDB) or `bench-durable` (the
//              one-IndexedDB-write floor) fired, marked `bench:durable`; a click is marked `bench:click`.
// Each of these is also told to the benchmark as a console message (`bench:load`, `bench:card`, `bench:longtask`,
// `bench:shift`, `bench:durable`), so it waits on events instead of evaluating anything in the page while it
// is measured (an evaluation is a task of its own, and the first one compiles the driver's helper script).
// The query of the page says what to probe: probe=<tag> card=<selector in its shadow root> count=<elements>.
// Every time is on the page's clock: performance.now(), 0 at the start of the navigation.
export function probe() {
  const b = { longTasks: [], shifts: [], load: undefined, cardDom: undefined, card: undefined, durable: undefined };
  window.__bench = b;
  const tell = (what) => console.debug(`bench:${what}`);
  const observe = (type, each) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({ type, buffered: true });
    } catch {
      // Not supported by this browser: the figure stays empty.
    }
  };
  observe('longtask', (e) => {
    b.longTasks.push({ start: e.startTime, duration: e.duration });
    tell('longtask');
  });
  observe('layout-shift', (e) => {
    b.shifts.push({ start: e.startTime, value: e.value, input: e.hadRecentInput });
    tell('shift');
  });
  addEventListener('load', () => {
    b.load = performance.now();
    tell('load');
  });
  addEventListener('click', () => performance.mark('bench:click'), true);
  const durable = () => {
    if (b.durable !== undefined) return;
    b.durable = performance.now();
    performance.mark('bench:durable');
    tell('durable');
  };
  addEventListener('csat-answer', durable, true);
  addEventListener('bench-durable', durable, true);

  const query = new URLSearchParams(location.search);
  const tag = query.get('probe');
  const card = query.get('card');
  const count = Number(query.get('count') ?? 1);
  if (!tag || !card || !(count > 0)) return;
  const roots = [];
  const observers = [];
  const check = () => {
    if (b.cardDom !== undefined || roots.filter((root) => root.querySelector(card)).length < count) return;
    b.cardDom = performance.now();
    observers.forEach((o) => o.disconnect());
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        b.card = performance.now();
        performance.mark('bench:card');
        tell('card');
      };
      channel.port2.postMessage(null);
    });
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.localName === tag) {
      roots.push(root);
      const observer = new MutationObserver(check);
      observer.observe(root, { childList: true, subtree: true });
      observers.push(observer);
      check();
    }
    return root;
  };
}
