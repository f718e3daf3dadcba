#!/usr/bin/env node
// `npm run bench:page` (and the first part of `npm run bench`): what <csat-survey> costs the page that carries it,
// measured in one run beside two floors built in the same run, and printed as ratios to those floors, because the
// milliseconds move with the machine's load and the ratios much less:
//   - the bare lit floor: a LitElement that renders the survey card's visible shape (a question, 11 buttons, two
//     labels) and nothing else, bundled with vite into one classic script as the widget is;
//   - the vanilla floor: a custom element that builds the same card with DOM calls;
//   - for click-to-durable, one IndexedDB write: one small record put in a fresh database.
// Timed figures are medians over RUNS alternating runs (the widget and the floors take turns, in a rotating order,
// each page in a fresh browser context: a cold cache and an empty IndexedDB). Every page is the README's
// script-tag snippet (the stub, then the deferred script) or the floor's equivalent, served from loopback.
//
// What is measured (see the report's rows):
//   JS bytes per page kind: every script response the page received (classic or module, the loader and any chunk
//     it loads), mapped to the file dist/ served, gzip -9 of that file's bytes, summed. Inline scripts (the
//     snippet's stub) are not counted. Kinds: nothing due (an inline survey with sample="0": this visitor is never
//     asked), answers waiting (the same page, after an earlier page left an answer in the outbox while the
//     endpoint refused it; the page runs until the endpoint has it), survey shown (an inline survey, trigger load).
//     dist/csat-survey.bundle.js alone, when the build makes one.
//   Survey in DOM, at 1x and RATE (CDP Emulation.setCPUThrottlingRate): from the start of the navigation to the end
//     of the first frame rendered once the card is in the element's shadow root (probe.mjs).
//   Long tasks and total blocking time at RATE: PerformanceObserver 'longtask', from the start of the navigation
//     until both the load event and the card are 2 s behind and no long task came for 2 s; TBT is the sum of
//     each long task's time over 50 ms.
//   Widget load task at RATE: in a trace of the load, the longest main-thread task that evaluated a script of the
//     subject (any file under /dist/ for the widget, the floor's own file for a floor). Beside it, the main
//     thread's busy time from the start of the navigation to the card's frame. Traced loads are separate from
//     the loads above, so tracing does not touch those figures.
//   Click to durable at RATE: in a trace around one click on a score of a shown survey (comment="off"), the main
//     thread's busy time (the union of its top-level tasks) from the start of the `click` event's dispatch to the
//     dispatch of `csat-answer`, which the widget fires once the answer and the visitor's "answered" mark are
//     committed to IndexedDB. It counts the widget's click handling, its IndexedDB requests and their callbacks,
//     the first send it starts, and anything else the page's main thread ran meanwhile (style, layout, paint);
//     not the time the storage and network spent off the main thread, which is in the elapsed time beside it.
//     The floor is the same measure on a page whose click puts one record in a fresh, already open database, up to
//     that transaction's complete event.
//   CLS: an inline survey between a heading, a paragraph and more paragraphs, without and with RESERVATION_CSS in
//     the page; the largest session window (shifts at most 1 s apart, 5 s at most) of layout shifts, until 1 s
//     passed without one after the card showed.
//   Heap per survey: Runtime.getHeapUsage after two HeapProfiler.collectGarbage, on a page with 10 shown surveys
//     minus the same page with none (the script loaded, no element), divided by 10; JS heap (usedSize) and
//     Blink's DOM heap (embedderHeapUsedSize). The same for the floors' cards. (Once the script is split, the page
//     with none loads no renderer, so the figure also holds a tenth of the renderer's code.)
//
// Options: --runs N (or BENCH_RUNS; default 5), --quick (1 run, no CPU throttling, short quiet periods: only proves
// that every row is measured), --out FILE (default .test-results/bench/page-cost.json; a dated copy is kept
// beside it). Builds dist/ first when it is missing. CHROME_PATH picks the browser (default /usr/bin/chromium).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launch, openBlank, outbox } from '../test/e2e/browser.mjs';
import { buildFloors } from './page-cost/floors.mjs';
import { openSession } from './page-cost/session.mjs';
import { startPageServer } from './page-cost/server.mjs';
import {
  TRACE_CATEGORIES,
  busyBetween,
  busySpans,
  enclosing,
  evaluationsOf,
  markOf,
  tasksAt,
  timeOrigin,
  traceEvents,
} from './page-cost/trace.mjs';

/**
 * The space an inline survey holds before its script has run, as the README will document it. The CLS rows measure
 * the page without it and with it; tune it here.
 */
export const RESERVATION_CSS =
  "csat-survey:not([mode='popover'], [data-csat-survey]):not(:defined) { display: block; min-block-size: 12rem }";

const KB = 1000;
/** Budgets (the gzip ones are gated by CI elsewhere) and aims; a ratio's budget is reported only. */
export const BUDGETS = {
  loader: { budget: 2.0 * KB, aim: 1.5 * KB },
  nothingDue: { budget: 2.0 * KB, aim: 1.5 * KB },
  answersWaiting: { budget: 8 * KB, aim: 6 * KB },
  surveyShown: { budget: 20 * KB, aim: 16 * KB },
  bundle: { budget: 21 * KB, aim: 17 * KB },
  inDom: { aim: 1.5 },
  loadTask: { aim: 1.3 },
  clickToDurable: { aim: 2 },
  clsReserved: { aim: 0 },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const RATE = 4;
const HEAP_SURVEYS = 10;

const SUBJECTS = {
  widget: {
    name: 'csat-survey',
    query: { subject: 'widget', id: 'bench', probe: 'csat-survey', card: '.base' },
    script: (path) => path.startsWith('/dist/'),
    click: 'csat-survey input[type=radio] >> nth=9',
  },
  lit: {
    name: 'bare lit',
    query: { subject: 'lit', probe: 'lit-card', card: '.card' },
    script: (path) => path === '/floors/lit-card.js',
  },
  vanilla: {
    name: 'vanilla',
    query: { subject: 'vanilla', probe: 'vanilla-card', card: '.card' },
    script: (path) => path === '/floors/vanilla-card.js',
  },
  idb: { name: 'one IndexedDB write', query: { subject: 'idb' }, click: '#write' },
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values) => {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return undefined;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};
/** `list` rotated by `n`, so no subject always goes first. */
const rotate = (list, n) => list.map((_, i) => list[(i + n) % list.length]);
const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** The largest session window of layout shifts (not after input): gaps under 1 s, 5 s at most. */
function cumulativeLayoutShift(shifts) {
  let largest = 0;
  let current = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const shift of shifts.filter((s) => !s.input).sort((a, b) => a.start - b.start)) {
    if (shift.start - last > 1000 || shift.start - first > 5000) {
      current = 0;
      first = shift.start;
    }
    current += shift.value;
    last = shift.start;
    largest = Math.max(largest, current);
  }
  return largest;
}

export async function pageCost({ runs = 5, quick = false, out, log = console.log } = {}) {
  const started = performance.now();
  if (!existsSync(join(dist, 'csat-survey.js'))) {
    log('::: dist/csat-survey.js is missing; building');
    const built = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  const rate = quick ? 1 : RATE;
  const quietMs = quick ? 300 : 2000;
  const shortQuiet = quick ? 300 : 1000;
  const sideRuns = quick ? 1 : Math.min(runs, 3);
  const floors = mkdtempSync(join(tmpdir(), 'csat-page-cost-'));
  await buildFloors(floors);
  const server = await startPageServer({ dist, floors, reservation: RESERVATION_CSS });
  const url = (query) => `${server.origin}/page.html?${new URLSearchParams(query)}`;
  const browser = await launch();
  const chromium = browser.version();
  const samples = { inDom: {}, longTasks: {}, traced: {}, click: {}, cls: { without: [], with: [] }, heap: {} };
  const push = (group, key, value) => (group[key] ??= []).push(value);

  /** The JS a page received: each script file once, raw and gzip -9 bytes. */
  const scriptBytes = (session) => {
    const files = new Map();
    for (const { url: address, status } of session.scripts) {
      const path = new URL(address).pathname;
      const file = server.fileFor(path);
      if (status !== 200 || !file) throw new Error(`${address} answered ${status}: not a file the server serves`);
      files.set(path, { file: path.slice(1), raw: readFileSync(file).length, gzip: gzipSize(file) });
    }
    const list = [...files.values()];
    return { files: list, raw: list.reduce((s, f) => s + f.raw, 0), gzip: list.reduce((s, f) => s + f.gzip, 0) };
  };

  /** A page load: the card's time at 1x or `rate`; long tasks until everything is `quietMs` behind. */
  async function load(key, cpu, { settle = false } = {}) {
    const s = await openSession(browser, { rate: cpu });
    try {
      await s.goto(url(SUBJECTS[key].query));
      await s.waitFor('card');
      await s.waitFor('load');
      if (settle) await s.quiet(quietMs, ['load', 'card', 'longtask']);
      const record = await s.record();
      push(samples.inDom, `${key}@${cpu}`, record.card);
      if (settle) {
        const tasks = record.longTasks;
        push(samples.longTasks, key, {
          count: tasks.length,
          total: tasks.reduce((sum, t) => sum + t.duration, 0),
          tbt: tasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0),
        });
      }
      return s;
    } catch (error) {
      await s.close();
      throw error;
    }
  }

  /** A traced load at `rate`: the longest task that evaluated the subject's script; busy time before the card. */
  async function tracedLoad(key) {
    const s = await openSession(browser, { rate });
    try {
      await browser.startTracing(s.page, { categories: TRACE_CATEGORIES });
      let buffer;
      try {
        await s.goto(url(SUBJECTS[key].query));
        await s.waitFor('card');
        await s.waitFor('load');
        await sleep(100);
      } finally {
        buffer = await browser.stopTracing();
      }
      const events = traceEvents(buffer);
      const card = markOf(events, 'bench:card');
      if (!card) throw new Error(`${key}: no bench:card mark in the trace`);
      const evaluations = evaluationsOf(events, card, SUBJECTS[key].script);
      if (!evaluations.length) throw new Error(`${key}: no evaluation of its script in the trace`);
      const loadTask = Math.max(...evaluations.map((e) => tasksAt(events, card, e.ts)[0]?.dur ?? e.dur)) / 1000;
      const beforeCard = busyBetween(busySpans(events, card), timeOrigin(card), card.ts) / 1000;
      const evaluation = evaluations.reduce((sum, e) => sum + e.dur, 0) / 1000;
      push(samples.traced, key, { loadTask, beforeCard, evaluation });
    } finally {
      await s.close();
    }
  }

  /** One traced click on a loaded, settled page, up to the durable event. */
  async function click(key, s) {
    const box = await s.page.locator(SUBJECTS[key].click).boundingBox();
    if (!box) throw new Error(`${key}: nothing to click`);
    await sleep(300);
    await browser.startTracing(s.page, { categories: TRACE_CATEGORIES });
    let buffer;
    try {
      await s.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await s.waitFor('durable', 30_000);
      await sleep(100);
    } finally {
      buffer = await browser.stopTracing();
    }
    const events = traceEvents(buffer);
    const clicked = markOf(events, 'bench:click');
    const durable = markOf(events, 'bench:durable');
    if (!clicked || !durable) throw new Error(`${key}: the click or the durable mark is missing from the trace`);
    const dispatch = enclosing(events, clicked, 'EventDispatch', clicked.ts, { type: 'click' });
    const from = dispatch?.ts ?? clicked.ts;
    push(samples.click, key, {
      busy: busyBetween(busySpans(events, clicked), from, durable.ts) / 1000,
      elapsed: (durable.ts - from) / 1000,
      from: dispatch ? 'click dispatch' : 'click mark',
    });
  }

  async function clickFloor() {
    const s = await openSession(browser, { rate });
    try {
      await s.goto(url(SUBJECTS.idb.query));
      await s.waitFor('ready');
      await s.waitFor('load');
      await s.quiet(shortQuiet / 2, ['load', 'ready']);
      await click('idb', s);
    } finally {
      await s.close();
    }
  }

  async function cls(reserve) {
    const s = await openSession(browser);
    try {
      await s.goto(url({ ...SUBJECTS.widget.query, id: 'bench-cls', filler: 1, reserve: reserve ? 1 : 0 }));
      await s.waitFor('card');
      await s.waitFor('load');
      await s.quiet(shortQuiet, ['load', 'card', 'shift']);
      samples.cls[reserve ? 'with' : 'without'].push(cumulativeLayoutShift((await s.record()).shifts));
    } finally {
      await s.close();
    }
  }

  async function heap(key, n) {
    const s = await openSession(browser);
    try {
      await s.goto(url({ ...SUBJECTS[key].query, n, count: n }));
      if (n) await s.waitFor('card');
      await s.waitFor('load');
      await s.quiet(shortQuiet / 2, ['load', 'card', 'longtask', 'response']);
      await s.cdp.send('HeapProfiler.collectGarbage');
      await s.cdp.send('HeapProfiler.collectGarbage');
      const usage = await s.cdp.send('Runtime.getHeapUsage');
      push(samples.heap, `${key}@${n}`, { js: usage.usedSize, dom: usage.embedderHeapUsedSize });
    } finally {
      await s.close();
    }
  }

  /** The JS each page kind loads, and the floors' pages. */
  async function bytes() {
    const kinds = {};
    // Long enough for a loader that reads storage before it fetches a chunk.
    const settle = (s) => s.quiet(quietMs, ['load', 'card', 'response']);
    const nothingDue = { subject: 'widget', id: 'bench-nothing-due', sample: '0' };

    let s = await openSession(browser);
    try {
      await s.goto(url(nothingDue));
      await s.waitFor('load');
      await settle(s);
      kinds.nothingDue = scriptBytes(s);
    } finally {
      await s.close();
    }

    // Answers waiting: an earlier page stored an answer the endpoint refused; this page sends it.
    s = await openSession(browser);
    const context = s.context;
    try {
      server.collect = 'refuse';
      await s.goto(url({ ...SUBJECTS.widget.query, id: 'bench-seed' }));
      await s.waitFor('card');
      await s.page.locator(SUBJECTS.widget.click).click({ force: true });
      await s.waitFor('durable');
      await s.page.close();
      const blank = await openBlank(context, server);
      const waiting = (await outbox(blank)).length;
      await blank.close();
      if (!waiting) throw new Error('answers waiting: the outbox is empty after the seeding page');
      server.collect = 'accept';
      const before = server.ids.size;
      const page = await openSession(browser, { context });
      await page.goto(url(nothingDue));
      await page.waitFor(() => server.ids.size >= before + waiting, 30_000);
      await settle(page);
      kinds.answersWaiting = { ...scriptBytes(page), waiting, delivered: server.ids.size - before };
    } finally {
      server.collect = 'accept';
      await context.close();
    }

    for (const [kind, key] of [
      ['surveyShown', 'widget'],
      ['lit', 'lit'],
      ['vanilla', 'vanilla'],
    ]) {
      s = await openSession(browser);
      try {
        await s.goto(url({ ...SUBJECTS[key].query, id: 'bench-shown' }));
        await s.waitFor('card');
        await settle(s);
        kinds[kind] = scriptBytes(s);
      } finally {
        await s.close();
      }
    }
    return kinds;
  }

  let kinds;
  const phases = {};
  const phase = async (name, fn) => {
    const t = performance.now();
    const result = await fn();
    phases[name] = Math.round(performance.now() - t);
    return result;
  };
  try {
    log(
      `page cost: Chromium ${chromium}, ${quick ? 'quick (1 run, no throttling)' : `${runs} alternating runs, CPU 1x and ${rate}x`}`,
    );
    kinds = await phase('bytes', bytes);
    await phase('timed runs', async () => {
      for (let run = 0; run < runs; run++) {
        const order = rotate(['widget', 'lit', 'vanilla'], run);
        if (!quick) for (const key of order) await (await load(key, 1)).close();
        for (const key of order) {
          const s = await load(key, rate, { settle: true });
          try {
            if (key === 'widget') await click('widget', s);
          } finally {
            await s.close();
          }
        }
        await clickFloor();
        for (const key of order) await tracedLoad(key);
      }
    });
    await phase('CLS', async () => {
      for (let run = 0; run < sideRuns; run++) {
        for (const reserve of run % 2 ? [true, false] : [false, true]) await cls(reserve);
      }
    });
    await phase('heap', async () => {
      for (let run = 0; run < sideRuns; run++) {
        for (const key of rotate(['widget', 'lit', 'vanilla'], run)) {
          for (const n of run % 2 ? [HEAP_SURVEYS, 0] : [0, HEAP_SURVEYS]) await heap(key, n);
        }
      }
    });
  } finally {
    await browser.close();
    await server.close();
    rmSync(floors, { recursive: true, force: true });
  }

  const m = {
    inDom: (key, cpu) => median(samples.inDom[`${key}@${cpu}`] ?? []),
    longTasks: (key, field) => median((samples.longTasks[key] ?? []).map((x) => x[field])),
    traced: (key, field) => median((samples.traced[key] ?? []).map((x) => x[field])),
    click: (key, field) => median((samples.click[key] ?? []).map((x) => x[field])),
    heap: (key, field) => {
      const withSome = median((samples.heap[`${key}@${HEAP_SURVEYS}`] ?? []).map((x) => x[field]));
      const none = median((samples.heap[`${key}@0`] ?? []).map((x) => x[field]));
      return withSome === undefined || none === undefined ? undefined : (withSome - none) / HEAP_SURVEYS;
    },
  };
  const bundleFile = join(dist, 'csat-survey.bundle.js');
  const bundle = existsSync(bundleFile) ? gzipSize(bundleFile) : undefined;
  const floorBytes = { lit: kinds.lit.gzip, vanilla: kinds.vanilla.gzip };
  const cpu = quick ? '1x (quick)' : `${rate}x`;

  /** One row of the report: `unit` formats the values; `vs` the floors (lit, vanilla) or the IndexedDB write. */
  const rows = [
    {
      key: 'loader',
      what: 'loader dist/csat-survey.js, gzip (every page)',
      unit: 'kB',
      value: gzipSize(join(dist, 'csat-survey.js')),
      floors: floorBytes,
      ...BUDGETS.loader,
    },
    {
      key: 'nothingDue',
      what: 'page, nothing due: all JS, gzip',
      unit: 'kB',
      value: kinds.nothingDue.gzip,
      floors: floorBytes,
      ...BUDGETS.nothingDue,
    },
    {
      key: 'answersWaiting',
      what: 'page, answers waiting: all JS, gzip',
      unit: 'kB',
      value: kinds.answersWaiting.gzip,
      floors: floorBytes,
      ...BUDGETS.answersWaiting,
    },
    {
      key: 'surveyShown',
      what: 'page, survey shown: all JS, gzip',
      unit: 'kB',
      value: kinds.surveyShown.gzip,
      floors: floorBytes,
      ...BUDGETS.surveyShown,
    },
    {
      key: 'bundle',
      what: 'dist/csat-survey.bundle.js, gzip',
      unit: 'kB',
      value: bundle,
      absent: 'not built',
      floors: floorBytes,
      ...BUDGETS.bundle,
    },
    {
      key: 'inDom1',
      what: 'survey in DOM, 1x CPU',
      unit: 'ms',
      value: m.inDom('widget', 1),
      floors: { lit: m.inDom('lit', 1), vanilla: m.inDom('vanilla', 1) },
      ...BUDGETS.inDom,
    },
    {
      key: 'inDomRate',
      what: `survey in DOM, ${cpu} CPU`,
      unit: 'ms',
      value: m.inDom('widget', rate),
      floors: { lit: m.inDom('lit', rate), vanilla: m.inDom('vanilla', rate) },
      ...BUDGETS.inDom,
    },
    {
      key: 'loadTask',
      what: `widget load task, ${cpu} (traced)`,
      unit: 'ms',
      value: m.traced('widget', 'loadTask'),
      floors: { lit: m.traced('lit', 'loadTask'), vanilla: m.traced('vanilla', 'loadTask') },
      ...BUDGETS.loadTask,
    },
    {
      key: 'beforeCard',
      what: `main thread busy before the card, ${cpu}`,
      unit: 'ms',
      value: m.traced('widget', 'beforeCard'),
      floors: { lit: m.traced('lit', 'beforeCard'), vanilla: m.traced('vanilla', 'beforeCard') },
    },
    {
      key: 'longTasks',
      what: `long tasks, ${cpu} (count)`,
      unit: '',
      value: m.longTasks('widget', 'count'),
      floors: { lit: m.longTasks('lit', 'count'), vanilla: m.longTasks('vanilla', 'count') },
    },
    {
      key: 'longTaskTime',
      what: `long tasks, ${cpu} (total time)`,
      unit: 'ms',
      value: m.longTasks('widget', 'total'),
      floors: { lit: m.longTasks('lit', 'total'), vanilla: m.longTasks('vanilla', 'total') },
    },
    {
      key: 'tbt',
      what: `total blocking time, ${cpu}`,
      unit: 'ms',
      value: m.longTasks('widget', 'tbt'),
      floors: { lit: m.longTasks('lit', 'tbt'), vanilla: m.longTasks('vanilla', 'tbt') },
    },
    {
      key: 'clickToDurable',
      what: `click to durable, main thread, ${cpu}`,
      unit: 'ms',
      value: m.click('widget', 'busy'),
      floors: { idb: m.click('idb', 'busy') },
      ...BUDGETS.clickToDurable,
    },
    {
      key: 'clickElapsed',
      what: `click to durable, elapsed, ${cpu}`,
      unit: 'ms',
      value: m.click('widget', 'elapsed'),
      floors: { idb: m.click('idb', 'elapsed') },
    },
    { key: 'cls', what: 'CLS, inline survey, no reservation', unit: 'cls', value: median(samples.cls.without) },
    {
      key: 'clsReserved',
      what: 'CLS, with the reservation',
      unit: 'cls',
      value: median(samples.cls.with),
      ...BUDGETS.clsReserved,
    },
    {
      key: 'heapJs',
      what: 'JS heap per shown survey',
      unit: 'kB',
      value: m.heap('widget', 'js'),
      floors: { lit: m.heap('lit', 'js'), vanilla: m.heap('vanilla', 'js') },
    },
    {
      key: 'heapDom',
      what: 'DOM heap per shown survey',
      unit: 'kB',
      value: m.heap('widget', 'dom'),
      floors: { lit: m.heap('lit', 'dom'), vanilla: m.heap('vanilla', 'dom') },
    },
  ];
  for (const row of rows) {
    const first = row.floors && Object.keys(row.floors)[0];
    row.ratios = {};
    for (const [name, floor] of Object.entries(row.floors ?? {})) {
      row.ratios[name] = row.value !== undefined && floor ? row.value / floor : undefined;
    }
    row.ratio = first ? row.ratios[first] : undefined;
    row.verdict = verdict(row);
  }

  const elapsed = Math.round((performance.now() - started) / 1000);
  log(report(rows, kinds, { quick, runs, rate, sideRuns }));
  log(
    `\npage cost: ${elapsed} s (${Object.entries(phases)
      .map(([k, v]) => `${k} ${Math.round(v / 1000)} s`)
      .join(', ')})`,
  );

  const result = {
    date: new Date().toISOString(),
    commit: spawnSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || undefined,
    chromium,
    node: process.version,
    cpus: cpus().length,
    loadavg: loadavg(),
    quick,
    runs,
    rate,
    sideRuns,
    reservationCss: RESERVATION_CSS,
    seconds: elapsed,
    rows: rows.map(({ key, what, unit, value, budget, aim, floors, ratios, verdict }) => ({
      key,
      what,
      unit,
      value,
      budget,
      aim,
      floors,
      ratios,
      verdict,
    })),
    kinds,
    samples,
  };
  const file = out ?? join(root, '.test-results/bench/page-cost.json');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  if (!out)
    writeFileSync(join(dirname(file), `page-cost-${result.date.replace(/[:.]/g, '-')}.json`), readFileSync(file));
  const shown = file.startsWith(process.cwd()) ? relative(process.cwd(), file) : file;
  log(`page cost: written to ${shown}`);
  return result;
}

/** Within the budget and the aim, for the rows that have them (a ratio's aim is on its first floor's ratio). */
function verdict(row) {
  if (row.value === undefined) return row.absent ?? 'not measured';
  const measured = row.unit === 'kB' || row.unit === 'cls' ? row.value : row.ratio;
  if (measured === undefined) return '';
  if (row.budget !== undefined && measured > row.budget) return 'OVER BUDGET';
  if (row.aim !== undefined) return measured <= row.aim ? 'aim met' : 'aim missed';
  return row.budget !== undefined ? 'within budget' : '';
}

const FLOOR_NAMES = { lit: 'bare lit', vanilla: 'vanilla', idb: 'IndexedDB write' };

function formatValue(value, unit) {
  if (value === undefined) return '-';
  if (unit === 'kB') return `${(value / KB).toFixed(2)} kB`;
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 'cls') return value.toFixed(4);
  return String(Math.round(value * 10) / 10);
}

function formatLimit(row, which) {
  const limit = row[which];
  if (limit === undefined) return '';
  if (limit === 0) return '0';
  const isRatio = !(row.unit === 'kB' || row.unit === 'cls');
  return isRatio ? `<= ${limit}x` : `<= ${formatValue(limit, row.unit)}`;
}

const formatRatio = (ratio) => (ratio === undefined ? '-' : `${ratio.toFixed(2)}x`);

function report(rows, kinds, { quick, runs, rate, sideRuns }) {
  const header = ['what', 'budget', 'aim', 'csat-survey', 'floor', 'ratio', 'vanilla', 'ratio', ''];
  const table = rows.map((row) => {
    const [first, second] = Object.keys(row.floors ?? {});
    return [
      row.what,
      formatLimit(row, 'budget'),
      formatLimit(row, 'aim'),
      row.value === undefined && row.absent ? row.absent : formatValue(row.value, row.unit),
      first ? `${formatValue(row.floors[first], row.unit)} ${FLOOR_NAMES[first]}` : '',
      first ? formatRatio(row.ratios[first]) : '',
      second ? formatValue(row.floors[second], row.unit) : '',
      second ? formatRatio(row.ratios[second]) : '',
      row.verdict,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const lines = [
    '',
    `Page cost of <csat-survey> (${quick ? 'quick: 1 run, CPU not throttled' : `medians of ${runs} alternating runs; CLS and heap of ${sideRuns}`}; kB = 1000 bytes, gzip -9)`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...table.map(line),
    '',
    'JS each page kind loaded (gzip -9 of each served file):',
  ];
  const names = {
    nothingDue: 'nothing due',
    answersWaiting: 'answers waiting',
    surveyShown: 'survey shown',
    lit: 'bare lit floor',
    vanilla: 'vanilla floor',
  };
  for (const [kind, label] of Object.entries(names)) {
    const files = kinds[kind].files.map((f) => `${f.file} ${formatValue(f.gzip, 'kB')}`).join(', ') || 'none';
    const extra =
      kind === 'answersWaiting' ? ` (${kinds[kind].delivered} of ${kinds[kind].waiting} waiting answer(s) sent)` : '';
    lines.push(`  ${label.padEnd(16)} ${files}${extra}`);
  }
  lines.push(
    '',
    `Ratio = csat-survey / floor, both medians of the same runs (click to durable: / one IndexedDB write). ` +
      `Milliseconds move with the machine's load; compare ratios between runs.${quick ? '' : ` CPU ${rate}x is CDP throttling.`}`,
  );
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const quick = args.includes('--quick');
  const runs = quick ? 1 : Number(option('--runs') ?? process.env.BENCH_RUNS ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('--runs (or BENCH_RUNS) must be a whole number of at least 1');
    process.exit(2);
  }
  const out = option('--out');
  await pageCost({ runs, quick, out: out && resolve(out) });
}
