// Reading a Chromium trace (categories TRACE_CATEGORIES) of one page: its main thread, what that thread was
// busy with, and the page's clock. Trace times are microseconds on the trace clock; a user timing mark carries
// both its trace time and its performance.now() time, which ties the two clocks together.
export const TRACE_CATEGORIES = ['-*', 'toplevel', 'devtools.timeline', 'blink.user_timing'];

/** The events of a trace returned by browser.stopTracing(). */
export const traceEvents = (buffer) => {
  const trace = JSON.parse(buffer.toString('utf8'));
  return Array.isArray(trace) ? trace : trace.traceEvents;
};

/** The first user timing mark of that name, or undefined. */
export const markOf = (events, name) => events.find((e) => e.name === name && e.cat?.includes('blink.user_timing'));

/** The page's time origin (the start of its navigation) on the trace clock, from one of its marks. */
export const timeOrigin = (mark) => mark.ts - mark.args.data.startTime * 1000;

/**
 * The main thread's top-level work ('toplevel' complete events: the scheduler's tasks, and the microtask
 * checkpoints and messages run between them) on the thread of `mark`, merged into disjoint [start, end] spans.
 */
export function busySpans(events, mark) {
  const spans = events
    .filter((e) => e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid && e.cat?.split(',').includes('toplevel'))
    .map((e) => [e.ts, e.ts + (e.dur ?? 0)])
    .sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const [start, end] of spans) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** How long the spans cover between `from` and `to` (microseconds). */
export const busyBetween = (spans, from, to) =>
  spans.reduce((sum, [start, end]) => sum + Math.max(0, Math.min(end, to) - Math.max(start, from)), 0);

/** The main thread's top-level tasks (complete events) that contain the time `ts`, longest first. */
export const tasksAt = (events, mark, ts) =>
  events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.pid === mark.pid &&
        e.tid === mark.tid &&
        e.cat?.split(',').includes('toplevel') &&
        e.ts <= ts &&
        ts <= e.ts + (e.dur ?? 0),
    )
    .sort((a, b) => b.dur - a.dur);

/** Script evaluations (classic or module) on the thread of `mark` whose URL path passes `test`. */
export const evaluationsOf = (events, mark, test) =>
  events.filter((e) => {
    if (e.ph !== 'X' || e.pid !== mark.pid || e.tid !== mark.tid) return false;
    if (e.name !== 'EvaluateScript' && e.name !== 'v8.evaluateModule') return false;
    const url = e.args?.data?.url;
    if (!url) return false;
    try {
      return test(new URL(url).pathname);
    } catch {
      return false;
    }
  });

/** The outermost complete event of this name (and `data`) on the thread of `mark` that contains the time `ts`. */
export const enclosing = (events, mark, name, ts, data = {}) =>
  events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.name === name &&
        e.pid === mark.pid &&
        e.tid === mark.tid &&
        e.ts <= ts &&
        ts <= e.ts + (e.dur ?? 0) &&
        Object.entries(data).every(([k, v]) => e.args?.data?.[k] === v),
    )
    .sort((a, b) => a.ts - b.ts)[0];
