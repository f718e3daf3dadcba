// The dashboard's charts: inline SVG built with DOM APIs only (never markup from strings), so the
// data (touchpoints, comments…) can never become markup. Each chart is an image with a title and a
// description that say what it shows; the page also gives the same data as a table.
// Geometry is computed left to right and mirrored for right-to-left pages, so time and the score
// scale run in the reading direction.

const SVG = 'http://www.w3.org/2000/svg';
let uid = 0;

export function svg(name, attributes = {}, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The chart's root: an image named by its <title>, described by its <desc>. */
function frame({ width, height, title, description, rtl, className }) {
  const id = `chart-${++uid}`;
  const root = svg('svg', {
    class: `chart ${className}`,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': `${id}-title`,
    'aria-describedby': `${id}-desc`,
    direction: rtl ? 'rtl' : 'ltr',
    preserveAspectRatio: 'xMidYMid meet',
  });
  root.append(svg('title', { id: `${id}-title` }, title), svg('desc', { id: `${id}-desc` }, description));
  return root;
}

const round = (n) => Math.round(n * 10) / 10;

/**
 * `width` is the chart's width in CSS pixels (its viewBox), so its text keeps its size on any screen.
 *
 * The figure per day as a line with its 95 % interval as whiskers, on a time axis.
 * days: [{ day: 'YYYY-MM-DD', value, margin, label }], domain: [min, max], ticks: [{ value, label }],
 * dayLabel(day) for the axis.
 */
export function trendChart({ days, domain, ticks, dayLabel, title, description, rtl, width = 640 }) {
  const height = 260;
  const pad = { start: 64, end: 48, top: 16, bottom: 44 };
  const plotWidth = width - pad.start - pad.end;
  const plotHeight = height - pad.top - pad.bottom;
  const [low, high] = domain;
  const clamp = (v) => Math.min(high, Math.max(low, v));
  const y = (v) => round(pad.top + ((high - clamp(v)) / (high - low)) * plotHeight);
  const time = days.map((d) => Date.parse(`${d.day}T00:00:00Z`));
  const first = Math.min(...time);
  const last = Math.max(...time);
  const logicalX = (t) =>
    last === first ? pad.start + plotWidth / 2 : pad.start + ((t - first) / (last - first)) * plotWidth;
  const x = (t) => round(rtl ? width - logicalX(t) : logicalX(t));
  const root = frame({ width, height, title, description, rtl, className: 'trend' });

  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  for (const tick of ticks) {
    const ty = y(tick.value);
    const x1 = rtl ? width - pad.start : pad.start;
    const x2 = rtl ? pad.end : width - pad.end;
    grid.append(svg('line', { x1, x2, y1: ty, y2: ty, class: tick.value === 0 && low < 0 ? 'zero' : '' }));
    const labelX = rtl ? width - (pad.start - 8) : pad.start - 8;
    grid.append(svg('text', { x: labelX, y: ty, 'text-anchor': 'end', 'dominant-baseline': 'middle' }, tick.label));
  }
  root.append(grid);

  // Day labels, skipping those that would overlap the previous one.
  const axis = svg('g', { class: 'axis', 'aria-hidden': 'true' });
  let previous = -Infinity;
  days.forEach((d, i) => {
    const lx = logicalX(time[i]);
    if (lx - previous < 84) return;
    previous = lx;
    axis.append(svg('text', { x: x(time[i]), y: height - pad.bottom + 22, 'text-anchor': 'middle' }, dayLabel(d.day)));
  });
  root.append(axis);

  const whiskers = svg('g', { class: 'ci', 'aria-hidden': 'true' });
  days.forEach((d, i) => {
    if (d.value === null || d.margin === null) return;
    const px = x(time[i]);
    const [top, bottom] = [y(d.value + d.margin), y(d.value - d.margin)];
    whiskers.append(svg('line', { x1: px, x2: px, y1: top, y2: bottom }));
    for (const end of [top, bottom]) whiskers.append(svg('line', { x1: px - 5, x2: px + 5, y1: end, y2: end }));
  });
  root.append(whiskers);

  const points = days.map((d, i) => [x(time[i]), y(d.value ?? 0)]);
  if (points.length > 1) {
    root.append(
      svg('path', {
        class: 'line',
        d: points.map(([px, py], i) => `${i ? 'L' : 'M'}${px} ${py}`).join(' '),
        'aria-hidden': 'true',
      }),
    );
  }
  const dots = svg('g', { class: 'points' });
  days.forEach((d, i) => {
    const dot = svg('circle', { cx: points[i][0], cy: points[i][1], r: 4.5 });
    dot.append(svg('title', {}, d.label));
    dots.append(dot);
  });
  root.append(dots);
  return root;
}

/**
 * One bar per score (every score of the scale, zeros included), coloured by score group and
 * labelled with its count. bars: [{ score, count, group, scoreLabel, countLabel, label }].
 */
export function distributionChart({ bars, title, description, rtl, width = 640 }) {
  const height = 240;
  const pad = { start: 16, end: 16, top: 28, bottom: 36 };
  const plotWidth = width - pad.start - pad.end;
  const plotHeight = height - pad.top - pad.bottom;
  const most = Math.max(1, ...bars.map((b) => b.count));
  const slot = plotWidth / bars.length;
  const barWidth = round(slot * 0.68);
  const root = frame({ width, height, title, description, rtl, className: 'distribution' });
  const baseline = pad.top + plotHeight;
  root.append(
    svg('line', {
      class: 'baseline',
      x1: pad.start,
      x2: width - pad.end,
      y1: baseline,
      y2: baseline,
      'aria-hidden': 'true',
    }),
  );
  bars.forEach((bar, i) => {
    const logicalCenter = pad.start + slot * (i + 0.5);
    const cx = round(rtl ? width - logicalCenter : logicalCenter);
    const barHeight = round((bar.count / most) * plotHeight);
    const g = svg('g', { class: `bar group-${bar.group}` });
    const rect = svg('rect', {
      x: round(cx - barWidth / 2),
      y: round(baseline - barHeight),
      width: barWidth,
      height: Math.max(barHeight, bar.count ? 1 : 0),
      rx: 2,
    });
    rect.append(svg('title', {}, bar.label));
    g.append(
      rect,
      svg(
        'text',
        { class: 'count', x: cx, y: round(baseline - barHeight - 6), 'text-anchor': 'middle' },
        bar.countLabel,
      ),
      svg('text', { class: 'score', x: cx, y: baseline + 22, 'text-anchor': 'middle' }, bar.scoreLabel),
    );
    root.append(g);
  });
  return root;
}
