/**
 * 95 % intervals that hold their coverage, at 5 answers as at 100 000: pure functions, no I/O.
 *
 * Every interval here was chosen by simulation (test/collector/intervals.test.mjs, seeded): for
 * n = 5, 10, 30, 100 and 1 000 and true values across the whole range, the edges included, it
 * covers the true value in at least 93 % of 2 000 samples, and it never has zero width. The
 * textbook intervals do not: see each function for what was measured and what is used instead.
 *
 *  - A share (CSAT %, CES % of 5–7, each NPS group): the Wilson score interval with continuity
 *    correction. R. G. Newcombe, "Two-sided confidence intervals for the single proportion:
 *    comparison of seven methods", Statistics in Medicine 17 (1998) 857–872, method 4.
 *  - NPS (promoters − detractors, from one sample of three groups): the score interval for a
 *    difference of two proportions of one multinomial sample — the test of H0: NPS = θ with the
 *    variance at the maximum-likelihood estimate under H0, inverted, continuity-corrected — in the
 *    form T. Tango, "Equivalence test and confidence interval for the difference in proportions for
 *    the paired-sample design", Statistics in Medicine 17 (1998) 891–908, gives for the same
 *    three-cell design. B. Rocks, "Interval estimation for the net promoter score", The American
 *    Statistician 70(4) (2016) 365–372, compares intervals for the NPS and recommends an adjusted
 *    Wald interval (¾ added to promoters and detractors, 3 to n); `adjustedWaldNps` implements it.
 *    Its coverage falls to 84 % at n = 5 and 92 % at n = 30 where a group is empty (for example no
 *    promoters and 85 % detractors), below the floor; the score interval holds 96.9 % at n = 5 and
 *    94.6 % or more from n = 10 (computed exactly over a 0.05 grid), and is about 5 % wider than
 *    Rocks' in the middle of the range.
 *  - A mean on a bounded scale (CES 1–7): Student's t interval on the answers and one pseudo-answer
 *    at each end of the scale (the idea of A. Agresti and B. Coull, "Approximate is better than
 *    'exact' for interval estimation of binomial proportions", The American Statistician 52 (1998)
 *    119–126, carried to a mean). Plain t has zero width when every answer is the same, and covers
 *    6.7 (95 % of 7s, 5 % of 1s) in 8 % of samples of 5; the two pseudo-answers give 93.7 % or
 *    more. None under 2 answers.
 *  - Changes between two periods (independent samples): the MOVER method (G. Y. Zou and A. Donner,
 *    "Construction of confidence limits about effect measures: a general approach", Statistics in
 *    Medicine 27 (2008) 1693–1702), which combines the two periods' own intervals above; for shares
 *    it is Newcombe's hybrid score interval (Newcombe 1998, "Interval estimation for the difference
 *    between independent proportions", Statistics in Medicine 17, 873–890, method 10).
 */

/** The normal quantile of 97.5 %: two-sided 95 %. */
export const Z95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** Under this many answers a figure says "few answers: read with care". */
export const FEW_ANSWERS = 30;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/**
 * The Wilson score interval with continuity correction for `x` of `n` (a share in 0…1), or null
 * without answers. Newcombe (1998), method 4.
 */
export function wilson(x: number, n: number, z = Z95): Interval | null {
  if (!(n > 0) || x < 0 || x > n) return null;
  const p = x / n;
  const q = 1 - p;
  const z2 = z * z;
  const denominator = 2 * (n + z2);
  const lower =
    x === 0 ? 0 : (2 * n * p + z2 - 1 - z * Math.sqrt(Math.max(0, z2 - 2 - 1 / n + 4 * p * (n * q + 1)))) / denominator;
  const upper =
    x === n ? 1 : (2 * n * p + z2 + 1 + z * Math.sqrt(Math.max(0, z2 + 2 - 1 / n + 4 * p * (n * q - 1)))) / denominator;
  return { lower: clamp(lower, 0, 1), upper: clamp(upper, 0, 1) };
}

/**
 * The NPS of a sample on the −1…1 scale (promoters − detractors, as shares of `n`), with the
 * continuity-corrected score interval (see the top of this file), or null without answers.
 */
export function npsInterval(promoters: number, detractors: number, n: number, z = Z95): Interval | null {
  if (!(n > 0) || promoters < 0 || detractors < 0 || promoters + detractors > n) return null;
  const estimate = (promoters - detractors) / n;
  // Three quarters of the 1/n step of the estimate: at n = 5 half a step leaves 93.75 % coverage
  // where there are no passives (the outcomes all-promoters or all-detractors), three quarters 96.9 %;
  // from n = 10 on the two agree within 0.1 point, and the interval is 1–2 % wider.
  const correction = 3 / (4 * n);
  /** The score statistic of H0: NPS = θ, with the variance at the constrained maximum-likelihood estimate. */
  const statistic = (theta: number): number => {
    // Detractors' share x under H0 maximises the likelihood on the line promoters = x + θ: the root of
    // 2n·x² − B·x − D·θ·(1 − θ) = 0 in the feasible range.
    const b = promoters + detractors - theta * (2 * n - promoters + detractors);
    const root = (b + Math.sqrt(Math.max(0, b * b + 8 * n * detractors * theta * (1 - theta)))) / (4 * n);
    const x = clamp(root, Math.max(0, -theta), (1 - theta) / 2);
    const variance = 2 * x + theta - theta * theta;
    const distance = Math.max(0, Math.abs(estimate - theta) - correction);
    if (variance <= 1e-15) return distance > 1e-12 ? Infinity : 0;
    return distance / Math.sqrt(variance / n);
  };
  const inside = (theta: number) => statistic(theta) <= z;
  return { lower: edge(-1, estimate, inside, 'lower'), upper: edge(estimate, 1, inside, 'upper') };
}

/**
 * The end of an interval {θ : inside(θ)} between `from` and `to` by bisection, where the estimate
 * (`to` for the lower end, `from` for the upper) is inside.
 */
function edge(from: number, to: number, inside: (theta: number) => boolean, which: 'lower' | 'upper'): number {
  if (which === 'lower' && inside(from)) return from;
  if (which === 'upper' && inside(to)) return to;
  let outside = which === 'lower' ? from : to;
  let within = which === 'lower' ? to : from;
  for (let i = 0; i < 52; i++) {
    const middle = (outside + within) / 2;
    if (inside(middle)) within = middle;
    else outside = middle;
  }
  return within;
}

/** Rocks (2016): the adjusted Wald interval for the NPS (−1…1), for comparison; see the top of this file. */
export function adjustedWaldNps(promoters: number, detractors: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  const m = n + 3;
  const p = (promoters + 0.75) / m;
  const d = (detractors + 0.75) / m;
  const estimate = p - d;
  const half = z * Math.sqrt((p + d - estimate * estimate) / m);
  return { lower: clamp(estimate - half, -1, 1), upper: clamp(estimate + half, -1, 1) };
}

/** What a mean needs: the count, the sum and the sum of squares of the answers. */
export interface Moments {
  n: number;
  sum: number;
  sumOfSquares: number;
}

/**
 * The mean of answers on the scale `min…max` with Student's t interval on the answers plus one
 * pseudo-answer at each end (see the top of this file); null under 2 answers.
 */
export function meanInterval({ n, sum, sumOfSquares }: Moments, min: number, max: number): Interval | null {
  if (!(n >= 2)) return null;
  const total = n + 2;
  const mean = (sum + min + max) / total;
  const squares = sumOfSquares + min * min + max * max - total * mean * mean;
  const standardError = Math.sqrt(Math.max(0, squares) / (total - 1) / total);
  const half = studentTQuantile(0.975, n - 1) * standardError;
  return { lower: clamp(mean - half, min, max), upper: clamp(mean + half, min, max) };
}

/**
 * The change from `before` to `after` (after − before) of two independent estimates with their own
 * intervals: the MOVER limits (Zou and Donner 2008; for shares, Newcombe's method 10).
 */
export function changeInterval(
  before: { estimate: number; interval: Interval },
  after: { estimate: number; interval: Interval },
): Interval {
  const change = after.estimate - before.estimate;
  const lower = change - Math.hypot(after.estimate - after.interval.lower, before.interval.upper - before.estimate);
  const upper = change + Math.hypot(after.interval.upper - after.estimate, before.estimate - before.interval.lower);
  return { lower, upper };
}

// ---- Student's t quantile ------------------------------------------------------------------------

/** ln Γ(x), Lanczos approximation (g = 7, n = 9), accurate to about 15 digits for x > 0. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularised incomplete beta function I_x(a, b), by its continued fraction (Lentz). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x)) / a;
  const tiny = 1e-300;
  let f = 1;
  let c = 1;
  let d = 0;
  for (let i = 0; i <= 400; i++) {
    const m = Math.floor(i / 2);
    let numerator: number;
    if (i === 0) numerator = 1;
    else if (i % 2 === 0) numerator = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    else numerator = -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 + numerator * d;
    if (Math.abs(d) < tiny) d = tiny;
    d = 1 / d;
    c = 1 + numerator / c;
    if (Math.abs(c) < tiny) c = tiny;
    const step = c * d;
    f *= step;
    if (Math.abs(1 - step) < 1e-15) break;
  }
  return front * (f - 1);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTDistribution(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Quantiles already computed, by `p` and `df`: a pure function's results, kept because reports ask often. */
const quantiles = new Map<string, number>();

/** The `p` quantile (0.5 < p < 1) of Student's t with `df` degrees of freedom, by bisection. */
export function studentTQuantile(p: number, df: number): number {
  const key = `${p} ${df}`;
  const known = quantiles.get(key);
  if (known !== undefined) return known;
  if (quantiles.size > 10_000) quantiles.clear();
  let low = 0;
  let high = 1;
  while (studentTDistribution(high, df) < p) high *= 2;
  for (let i = 0; i < 80; i++) {
    const middle = (low + high) / 2;
    if (studentTDistribution(middle, df) < p) low = middle;
    else high = middle;
  }
  const quantile = (low + high) / 2;
  quantiles.set(key, quantile);
  return quantile;
}
