import { BufferError } from './buffer-error.js';

// A pmf is cut once this little probability is left in its tail; targets are ≥ 1e-6.
const TAIL_CUT = 1e-13;
// Past the mean, a term this small means the rest of the tail is smaller than any target.
const NEGLIGIBLE_TERM = 1e-18;
// Beyond this many units the distribution is not a shelf's; stop rather than loop.
const MAX_UNITS = 1_000_000;

/**
 * Probabilities of 0, 1, 2, ... units for a Poisson(mean). Worked in logs so that a large mean
 * (a fast seller over a long window) does not underflow e^−mean to zero.
 */
export function poissonPmf(mean: number): number[] {
  if (mean === 0) return [1];

  const logMean = Math.log(mean);
  return massUntilTail(mean, (k, logPrevious) =>
    k === 0 ? -mean : logPrevious + logMean - Math.log(k),
  );
}

/**
 * Probabilities for a negative binomial with the given mean and variance (variance > mean):
 * a Poisson whose rate itself varies from level to level (a gamma mixture), which is how count
 * errors look: most levels are right, a few are off by several units.
 */
export function negativeBinomialPmf(mean: number, variance: number): number[] {
  if (!(variance > mean) || mean <= 0) {
    throw new BufferError(
      'invalid_policy',
      `a negative binomial needs 0 < mean < variance (${mean}, ${variance})`,
    );
  }

  const shape = (mean * mean) / (variance - mean);
  const logStay = Math.log(shape / (shape + mean));
  const logGo = Math.log(mean / (shape + mean));
  return massUntilTail(mean, (k, logPrevious) =>
    k === 0 ? shape * logStay : logPrevious + Math.log(k - 1 + shape) - Math.log(k) + logGo,
  );
}

function massUntilTail(
  mean: number,
  nextLog: (k: number, logPrevious: number) => number,
): number[] {
  const pmf: number[] = [];
  let logP = 0;
  let total = 0;
  for (let k = 0; k <= MAX_UNITS; k += 1) {
    logP = nextLog(k, logP);
    const p = Math.exp(logP);
    pmf.push(p);
    total += p;
    if (k >= mean && (1 - total < TAIL_CUT || p < NEGLIGIBLE_TERM)) return pmf;
  }
  throw new BufferError(
    'loss_distribution_too_wide',
    `loss distribution with mean ${mean} exceeds ${MAX_UNITS} units`,
  );
}

/** The distribution of the sum of two independent counts. */
export function convolve(a: readonly number[], b: readonly number[]): number[] {
  const sum = new Array<number>(a.length + b.length - 1).fill(0);
  for (const [i, pa] of a.entries()) {
    for (const [j, pb] of b.entries()) sum[i + j]! += pa * pb;
  }
  return sum;
}

/** P(loss > units) for a pmf. */
export function tailAbove(pmf: readonly number[], units: number): number {
  let cumulative = 0;
  for (let k = 0; k <= units && k < pmf.length; k += 1) cumulative += pmf[k]!;
  return Math.max(0, 1 - cumulative);
}

/**
 * The smallest b with P(loss > b) ≤ target, and that probability. A tolerance of 1e-12 keeps
 * float dust from pushing a b that meets the target exactly onto the next unit.
 */
export function smallestCoveringUnits(
  pmf: readonly number[],
  target: number,
): { units: number; tail: number } {
  let cumulative = 0;
  for (const [units, p] of pmf.entries()) {
    cumulative += p;
    const tail = Math.max(0, 1 - cumulative);
    if (tail <= target + 1e-12) return { units, tail };
  }
  return { units: pmf.length - 1, tail: 0 };
}
