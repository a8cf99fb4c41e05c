/** Summary statistics of repeated measurements (nearest-rank quantiles, no interpolation). */

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank quantile `q` (0..1) of `sorted` (ascending). @throws on an empty list. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** min, p50 (median), p99, max and mean of `samples` (any order; not modified). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0]!,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
  };
}

/** The median of `samples`. */
export const median = (samples: readonly number[]): number => summarize(samples).p50;

/** Nanoseconds since an arbitrary origin, as a number (process.hrtime.bigint). */
export const nowNs = (): number => Number(process.hrtime.bigint());

/** Round to `digits` significant decimals for tables and JSON. */
export function round(x: number, digits = 3): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
