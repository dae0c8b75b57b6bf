/** Nearest-rank percentile (p in 0..100) of samples; NaN for none. Nearest-rank never invents a value. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** A compact summary kept in the JSON next to each figure, so a later reader can see the spread. */
export function summarize(samples: readonly number[]): { n: number; min: number; p50: number; p95: number; max: number; mean: number } {
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: samples.length,
    min: round(Math.min(...samples)),
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    max: round(Math.max(...samples)),
    mean: round(mean(samples)),
  };
}

/** A seeded PRNG (mulberry32, the sandbox's own) so a run picks the same barcodes and payment moments every time. */
export { seededRandom as seeded } from '../../electron/services/sandbox/faults';
