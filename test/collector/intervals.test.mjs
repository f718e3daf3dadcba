// The 95 % intervals hold their coverage: a seeded simulation draws 2 000 samples in every cell
// (n = 5, 10, 30, 100 and 1 000; true values across the whole range, the edges included) and counts
// how often each interval covers the true value. Every cell must reach 93 %, and no interval may
// have zero width. The worst cell of each interval is printed. Hand-computed values check the
// formulas themselves.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const { wilson, npsInterval, adjustedWaldNps, meanInterval, changeInterval, studentTQuantile } = await import(
  new URL('../../collector/dist/collector/intervals.js', import.meta.url).href
);

const measures = await import(new URL('../../collector/dist/collector/measures.js', import.meta.url).href);

const SIZES = [5, 10, 30, 100, 1000];
const DRAWS = 2000;
const FLOOR = 0.93;

/** A seeded uniform generator in [0, 1) (mulberry32), so every run draws the same samples. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts of each category in n draws with the given probabilities. */
function draw(next, n, probabilities) {
  const counts = probabilities.map(() => 0);
  for (let i = 0; i < n; i++) {
    let u = next();
    let k = 0;
    while (k < probabilities.length - 1 && u >= probabilities[k]) u -= probabilities[k++];
    counts[k]++;
  }
  return counts;
}

const SHARES = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98, 0.99, 1];

/** (promoters, detractors) shares: a 0.1 grid over the whole triangle, and points close to its corners. */
const NPS_CELLS = (() => {
  const cells = [];
  for (let i = 0; i <= 10; i++) for (let j = 0; i + j <= 10; j++) cells.push([i / 10, j / 10]);
  for (const cell of [
    [0.95, 0],
    [0, 0.95],
    [0.95, 0.05],
    [0.05, 0.95],
    [0.02, 0],
    [0, 0.02],
    [0.85, 0],
    [0, 0.85],
  ])
    cells.push(cell);
  return cells;
})();

/** CES distributions over 1…7: each value alone, two-point mixes of 1, 4 and 7, uniform, a typical shape. */
const CES_CELLS = (() => {
  const cells = [];
  for (let v = 1; v <= 7; v++) cells.push(Array.from({ length: 7 }, (_, i) => (i === v - 1 ? 1 : 0)));
  for (const [a, b] of [
    [1, 7],
    [1, 4],
    [4, 7],
  ]) {
    for (const p of [0.02, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.98]) {
      const d = Array(7).fill(0);
      d[a - 1] += p;
      d[b - 1] += 1 - p;
      cells.push(d);
    }
  }
  cells.push(Array(7).fill(1 / 7));
  cells.push([0.03, 0.04, 0.08, 0.15, 0.25, 0.3, 0.15]);
  return cells;
})();

const meanOf = (d) => d.reduce((s, p, i) => s + p * (i + 1), 0);
const moments = (counts) => ({
  n: counts.reduce((s, c) => s + c, 0),
  sum: counts.reduce((s, c, i) => s + c * (i + 1), 0),
  sumOfSquares: counts.reduce((s, c, i) => s + c * (i + 1) ** 2, 0),
});

/**
 * Runs the simulation: `cells` × SIZES, each cell `DRAWS` samples of `sample(next, n, cell)` →
 * { interval, truth }. Returns the worst cell and every zero-width interval met.
 */
function simulate(name, cells, sample, seed) {
  const next = random(seed);
  let worst = { coverage: 2 };
  let zeroWidth = 0;
  for (const n of SIZES) {
    for (const cell of cells) {
      let covered = 0;
      let truth;
      for (let k = 0; k < DRAWS; k++) {
        const result = sample(next, n, cell);
        truth = result.truth;
        const { lower, upper } = result.interval;
        if (!(upper > lower)) zeroWidth++;
        if (lower - 1e-9 <= truth && truth <= upper + 1e-9) covered++;
      }
      const coverage = covered / DRAWS;
      if (coverage < worst.coverage) worst = { coverage, n, cell: JSON.stringify(cell), truth };
    }
  }
  console.log(
    `${name}: worst coverage ${(worst.coverage * 100).toFixed(1)} % at n = ${worst.n}, true value ${Number(worst.truth).toFixed(3)} (${worst.cell}); zero-width intervals: ${zeroWidth}`,
  );
  return { worst, zeroWidth };
}

/** Memoises an interval function of integer counts per n (small samples repeat themselves). */
function memo(fn) {
  const cache = new Map();
  return (...args) => {
    const key = args.join(',');
    let value = cache.get(key);
    if (!value) cache.set(key, (value = fn(...args)));
    return value;
  };
}

describe('interval coverage by seeded simulation (2 000 samples per cell, floor 93 %)', () => {
  it('shares: Wilson with continuity correction', () => {
    const interval = memo(wilson);
    const { worst, zeroWidth } = simulate(
      'share (Wilson, continuity-corrected)',
      SHARES,
      (next, n, p) => {
        const [x] = draw(next, n, [p, 1 - p]);
        return { interval: interval(x, n), truth: p };
      },
      1,
    );
    assert.ok(worst.coverage >= FLOOR, `worst cell ${JSON.stringify(worst)}`);
    assert.equal(zeroWidth, 0);
  });

  it('NPS: the continuity-corrected score interval, over the whole triangle of promoter and detractor shares', () => {
    const interval = memo(npsInterval);
    const { worst, zeroWidth } = simulate(
      'NPS (score interval)',
      NPS_CELLS,
      (next, n, [p, d]) => {
        const [promoters, detractors] = draw(next, n, [p, d, Math.max(0, 1 - p - d)]);
        return { interval: interval(promoters, detractors, n), truth: p - d };
      },
      2,
    );
    assert.ok(worst.coverage >= FLOOR, `worst cell ${JSON.stringify(worst)}`);
    assert.equal(zeroWidth, 0);
  });

  it('NPS: Rocks’ adjusted Wald interval falls below the floor where a group is empty (why it is not used)', () => {
    const interval = memo(adjustedWaldNps);
    const { worst } = simulate(
      'NPS (adjusted Wald, Rocks 2016; for comparison)',
      NPS_CELLS,
      (next, n, [p, d]) => {
        const [promoters, detractors] = draw(next, n, [p, d, Math.max(0, 1 - p - d)]);
        return { interval: interval(promoters, detractors, n), truth: p - d };
      },
      2,
    );
    assert.ok(worst.coverage < FLOOR, 'the comparison interval is below the floor somewhere');
  });

  it('CES mean: Student’s t with a pseudo-answer at each end', () => {
    const { worst, zeroWidth } = simulate(
      'CES mean (t, one pseudo-answer at 1 and at 7)',
      CES_CELLS,
      (next, n, dist) => ({ interval: meanInterval(moments(draw(next, n, dist)), 1, 7), truth: meanOf(dist) }),
      3,
    );
    assert.ok(worst.coverage >= FLOOR, `worst cell ${JSON.stringify(worst)}`);
    assert.equal(zeroWidth, 0);
  });

  it('changes between two periods: shares, NPS and CES means (MOVER)', () => {
    const share = memo(wilson);
    const nps = memo(npsInterval);
    const pairs = [
      [0, 0],
      [0, 0.1],
      [0.05, 0.5],
      [0.3, 0.5],
      [0.5, 0.5],
      [0.9, 1],
      [1, 1],
    ];
    const shares = simulate(
      'change of a share',
      pairs,
      (next, n, [a, b]) => {
        const [x] = draw(next, n, [a, 1 - a]);
        const [y] = draw(next, n, [b, 1 - b]);
        const interval = changeInterval(
          { estimate: x / n, interval: share(x, n) },
          { estimate: y / n, interval: share(y, n) },
        );
        return { interval, truth: b - a };
      },
      4,
    );
    const npsPairs = [
      [
        [0.2, 0.5],
        [0.4, 0.3],
      ],
      [
        [0, 0.85],
        [0, 0.95],
      ],
      [
        [0.6, 0.1],
        [0.6, 0.1],
      ],
      [
        [1, 0],
        [0.9, 0.05],
      ],
      [
        [0.5, 0.5],
        [0.3, 0.3],
      ],
    ];
    const npsChanges = simulate(
      'change of the NPS',
      npsPairs,
      (next, n, [[p1, d1], [p2, d2]]) => {
        const [a1, b1] = draw(next, n, [p1, d1, Math.max(0, 1 - p1 - d1)]);
        const [a2, b2] = draw(next, n, [p2, d2, Math.max(0, 1 - p2 - d2)]);
        const interval = changeInterval(
          { estimate: (a1 - b1) / n, interval: nps(a1, b1, n) },
          { estimate: (a2 - b2) / n, interval: nps(a2, b2, n) },
        );
        return { interval, truth: p2 - d2 - (p1 - d1) };
      },
      5,
    );
    const cesPairs = [
      [CES_CELLS[0], CES_CELLS[6]],
      [CES_CELLS[CES_CELLS.length - 1], CES_CELLS[CES_CELLS.length - 2]],
      [CES_CELLS[CES_CELLS.length - 1], CES_CELLS[CES_CELLS.length - 1]],
    ];
    const means = simulate(
      'change of the CES mean',
      cesPairs,
      (next, n, [d1, d2]) => {
        // As the reports compute it (measures.ts): the plain mean, its interval widened to hold it.
        const counts = (dist) => new Map(draw(next, n, dist).map((c, i) => [i + 1, c]));
        const delta = measures.change(measures.figure('ces', counts(d1)), measures.figure('ces', counts(d2)));
        const interval = { lower: delta.lower, upper: delta.upper };
        return { interval, truth: meanOf(d2) - meanOf(d1) };
      },
      6,
    );
    for (const { worst, zeroWidth } of [shares, npsChanges, means]) {
      assert.ok(worst.coverage >= FLOOR, `worst cell ${JSON.stringify(worst)}`);
      assert.equal(zeroWidth, 0);
    }
  });
});

describe('hand-computed values', () => {
  const close = (actual, expected, digits = 4) =>
    assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not ${expected}`);

  it('Wilson with continuity correction: 20 of 20, 0 of 5, 3 of 10', () => {
    // Newcombe (1998), method 4, computed by hand from the formula.
    close(wilson(20, 20).lower, 0.79955);
    assert.equal(wilson(20, 20).upper, 1);
    assert.equal(wilson(0, 5).lower, 0);
    close(wilson(0, 5).upper, 0.53706);
    close(wilson(3, 10).lower, 0.08095);
    close(wilson(3, 10).upper, 0.64633);
    assert.equal(wilson(0, 0), null);
  });

  it('Student’s t quantiles', () => {
    close(studentTQuantile(0.975, 1), 12.7062, 3);
    close(studentTQuantile(0.975, 4), 2.7764, 3);
    close(studentTQuantile(0.975, 29), 2.0452, 3);
    close(studentTQuantile(0.975, 999), 1.9623, 3);
  });

  it('CES: none under 2 answers; four identical answers have a real width', () => {
    assert.equal(meanInterval({ n: 1, sum: 2, sumOfSquares: 4 }, 1, 7), null);
    const four = meanInterval({ n: 4, sum: 8, sumOfSquares: 16 }, 1, 7);
    assert.ok(four.upper - four.lower > 2, JSON.stringify(four));
  });

  it('NPS: all five promoters is not "100 ± 0"; the interval contains the estimate', () => {
    const all = npsInterval(5, 0, 5);
    assert.equal(all.upper, 1);
    assert.ok(all.lower < 0.5);
    for (const [p, d, n] of [
      [50, 25, 100],
      [0, 3, 5],
      [7, 7, 20],
    ]) {
      const { lower, upper } = npsInterval(p, d, n);
      assert.ok(lower <= (p - d) / n && (p - d) / n <= upper);
    }
  });
});
