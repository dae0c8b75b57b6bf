import { median } from './stats';

/** One line of the results table, and of the JSON. */
export interface Figure {
  /** Stable key for comparing runs, e.g. "scan.p95". */
  id: string;
  name: string;
  value: number | null;
  unit: 'ms' | 'kB' | 'MB' | 'requests' | '%' | 'records/s';
  /** The figure must be at most (or under) this; absent when the issue sets no target for it. */
  target?: { op: '<=' | '<'; value: number };
  /** Measured in the same run, for the ratio column. */
  baseline?: number;
  /** A second condition the pass verdict also depends on (e.g. requests no more than the baseline). */
  extraPass?: boolean;
  /** Why the value is missing or what it depends on. */
  note?: string;
}

export interface BenchResult {
  figures: Figure[];
  /** Raw summaries and parameters, written to the JSON only. */
  details: Record<string, unknown>;
}

export function passes(figure: Figure): boolean | null {
  if (figure.value === null || !figure.target) return figure.extraPass ?? null;
  const within = figure.target.op === '<=' ? figure.value <= figure.target.value : figure.value < figure.target.value;
  return within && (figure.extraPass ?? true);
}

export function ratio(figure: Figure): number | null {
  if (figure.value === null || figure.baseline === undefined || figure.baseline === 0) return null;
  return figure.value / figure.baseline;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;

/** The usual figure: the median of some timings, in ms. */
export function medianMs(id: string, name: string, samples: readonly number[], target?: Figure['target']): Figure {
  return { id, name, value: round1(median(samples)), unit: 'ms', ...(target ? { target } : {}) };
}
