// Pages and geometry for the layout tests: a survey page served at the receiver's origin (so the
// built dist/ is same-origin), what a visitor sees of each survey measured from boxes, and
// screenshots kept under .test-results/screenshots/ for a person to look at (never committed).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
export const SHOTS = join(root, '.test-results/screenshots');

export const VARIANTS = [
  { name: 'nps', type: 'nps', n: 11, rows: [[11], [6, 5]] },
  { name: 'csat-numbers', type: 'csat', display: 'numbers', n: 5, rows: [[5], [3, 2]] },
  { name: 'csat-stars', type: 'csat', display: 'stars', n: 5, rows: [[5]] },
  { name: 'csat-faces', type: 'csat', display: 'faces', n: 5, rows: [[5]] },
  { name: 'ces', type: 'ces', n: 7, rows: [[7], [4, 3]] },
];

export const PHONES = [320, 360, 390, 412];
export const WIDTHS = [...PHONES, 768, 1280];

const attrs = (o) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${String(v).replace(/"/g, '&quot;')}"`)
    .join(' ');

/**
 * A plain page in `lang` with the given surveys (attribute objects), optional extra CSS and head
 * markup. The page has the browser's default 8 px body margin, as most pages start with.
 */
export function surveyPage({ lang = 'en', surveys = [], css = '', head = '', body = '' }) {
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'fa' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>layout</title>
${head}
<style>${css}</style>
</head>
<body>
${body}
${surveys.map((s) => `<csat-survey ${attrs(s)}></csat-survey>`).join('\n')}
<script src="/dist/csat-survey.js"></script>
</body>
</html>`;
}

/** Serves `html` at `${rx.origin}${path}` for this context, and files from node_modules under /vendor/. */
export async function servePage(context, rx, path, html) {
  await context.route(`${rx.origin}${path}`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
  );
}

export async function serveVendor(context, rx) {
  await context.route(`${rx.origin}/vendor/**`, (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.slice('/vendor/'.length));
    const file = join(root, 'node_modules', rel);
    if (!file.startsWith(join(root, 'node_modules'))) return route.fulfill({ status: 404 });
    const type = file.endsWith('.woff2') ? 'font/woff2' : file.endsWith('.css') ? 'text/css' : 'text/javascript';
    try {
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
}

/** Waits until every survey on the page has rendered its options (or its popover). */
export async function waitForSurveys(page, count) {
  await page.waitForFunction(
    (n) => {
      const els = [...document.querySelectorAll('csat-survey')];
      return els.length === n && els.every((el) => el.shadowRoot?.querySelector('.option'));
    },
    count,
    { timeout: 15_000 },
  );
  // Let the popover's entry motion finish.
  await page.waitForTimeout(250);
}

/** Boxes of everything the layout promises are about, for the survey at `index`. */
export function measure(page, index) {
  return page.evaluate((i) => {
    const el = document.querySelectorAll('csat-survey')[i];
    const root = el.shadowRoot;
    const box = (node) => {
      if (!node) return null;
      const r = node.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    const card = root.querySelector('[part~="base"]');
    return {
      dir: getComputedStyle(card).direction,
      card: box(card),
      question: box(root.querySelector('[part~="question"]')),
      close: box(root.querySelector('[part~="close"]')),
      options: [...root.querySelectorAll('.option')].map((o) => ({
        value: Number(o.querySelector('input').value),
        ...box(o),
      })),
      low: box(root.querySelector('[part~="low-label"]')),
      high: box(root.querySelector('[part~="high-label"]')),
      viewport: { width: innerWidth, height: innerHeight },
      scrollWidth: document.scrollingElement.scrollWidth,
      popover: box(root.querySelector('[part~="popover"]')),
    };
  }, index);
}

const near = (a, b, slack = 1) => Math.abs(a - b) <= slack;

/**
 * What is wrong with a measured survey, as sentences (empty when the layout keeps its promises):
 * equal cells of at least 24 px, rows of the intended sizes only, values in reading order, the
 * low label at the start of the first row and the high label at the end of the last, nothing
 * outside the card, no sideways scrolling.
 */
export function layoutProblems(m, variant) {
  const problems = [];
  const rtl = m.dir === 'rtl';
  const { options } = m;
  if (options.length !== variant.n) problems.push(`${options.length} options, expected ${variant.n}`);
  const widths = options.map((o) => o.width);
  if (Math.max(...widths) - Math.min(...widths) > 0.5)
    problems.push(`cells of unequal width: ${widths.map((w) => w.toFixed(1)).join(', ')}`);
  for (const o of options) {
    if (o.width < 24 || o.height < 24)
      problems.push(`option ${o.value} is ${o.width.toFixed(1)}×${o.height.toFixed(1)} px`);
  }
  // Rows, in order from the top.
  const rows = [];
  for (const o of [...options].sort((a, b) => a.top - b.top)) {
    const row = rows.find((r) => near(r[0].top, o.top, 2));
    if (row) row.push(o);
    else rows.push([o]);
  }
  const sizes = rows.map((r) => r.length);
  if (!variant.rows.some((intended) => intended.join() === sizes.join()))
    problems.push(`rows of ${sizes.join(' + ')}, expected ${variant.rows.map((r) => r.join(' + ')).join(' or ')}`);
  // Reading order: lowest first, along the writing direction, row after row.
  const reading = rows.flatMap((r) => [...r].sort((a, b) => (rtl ? b.left - a.left : a.left - b.left)));
  const values = reading.map((o) => o.value);
  const sorted = [...values].sort((a, b) => a - b);
  if (values.join() !== sorted.join()) problems.push(`values read ${values.join(' ')}`);
  // Rows start at the same edge.
  const start = (box) => (rtl ? box.right : box.left);
  const end = (box) => (rtl ? box.left : box.right);
  const rowBox = (r) => ({
    left: Math.min(...r.map((o) => o.left)),
    right: Math.max(...r.map((o) => o.right)),
    top: Math.min(...r.map((o) => o.top)),
    bottom: Math.max(...r.map((o) => o.bottom)),
  });
  const first = rowBox(rows[0]);
  const last = rowBox(rows[rows.length - 1]);
  for (const r of rows.slice(1)) {
    if (!near(start(rowBox(r)), start(first))) problems.push('rows do not start at the same edge');
  }
  // The end labels.
  const { low, high } = m;
  if (!near(start(low), start(first)))
    problems.push(`the low label starts at ${start(low).toFixed(1)}, the first row at ${start(first).toFixed(1)}`);
  if (!near(end(high), end(last)))
    problems.push(`the high label ends at ${end(high).toFixed(1)}, the last row at ${end(last).toFixed(1)}`);
  if (rows.length === 1) {
    if (low.top < first.bottom - 0.5) problems.push('the low label is not under the row');
  } else if (low.bottom > first.top + 0.5) {
    problems.push('the low label is not above the first row');
  }
  if (high.top < last.bottom - 0.5) problems.push('the high label is not under the last row');
  // Labels within the scale's width (stars and faces: as wide as the icons) and apart from each other.
  const scaleLeft = Math.min(...options.map((o) => o.left));
  const scaleRight = Math.max(...options.map((o) => o.right));
  for (const [name, label] of [
    ['low', low],
    ['high', high],
  ]) {
    if (label.left < scaleLeft - 1 || label.right > scaleRight + 1)
      problems.push(`the ${name} label is wider than the scale`);
  }
  const overlap =
    low.left < high.right - 0.5 &&
    high.left < low.right - 0.5 &&
    low.top < high.bottom - 0.5 &&
    high.top < low.bottom - 0.5;
  if (overlap) problems.push('the end labels overlap');
  // Nothing outside the card; the card inside the viewport; no sideways scrolling.
  const inside = (b) =>
    b.left >= m.card.left - 0.5 &&
    b.right <= m.card.right + 0.5 &&
    b.top >= m.card.top - 0.5 &&
    b.bottom <= m.card.bottom + 0.5;
  for (const [name, b] of [
    ['question', m.question],
    ['close button', m.close],
    ['low label', low],
    ['high label', high],
    ...options.map((o) => [`option ${o.value}`, o]),
  ]) {
    if (b && !inside(b)) problems.push(`the ${name} overflows the card`);
  }
  if (m.card.left < -0.5 || m.card.right > m.viewport.width + 0.5) problems.push('the card is wider than the viewport');
  if (m.scrollWidth > m.viewport.width)
    problems.push(`the page scrolls sideways (${m.scrollWidth} > ${m.viewport.width})`);
  return problems;
}

export function shotPath(...parts) {
  mkdirSync(SHOTS, { recursive: true });
  return join(SHOTS, `${parts.join('-')}.png`);
}
