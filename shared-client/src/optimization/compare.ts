import type { DerivedPoint } from '../prometheus/rates';

/** The metrics compared before and after a change, each averaged over the points that have it. */
export const COMPARED_METRICS = [
  'ttftP95',
  'itlP95',
  'e2eP95',
  'generationTokensPerSecond',
  'kvCacheUsage',
  'requestsWaiting',
  'preemptionsPerSecond',
] as const satisfies readonly (keyof DerivedPoint)[];
export type ComparedMetric = (typeof COMPARED_METRICS)[number];

/** Lower is better for all but throughput. */
export const HIGHER_IS_BETTER: ReadonlySet<ComparedMetric> = new Set(['generationTokensPerSecond']);

/**
 * Mean of each compared metric over the points with `fromMs <= timestampMs < toMs`. A metric no point in
 * the range has is absent (not available), never 0.
 */
export function summarize(
  points: readonly DerivedPoint[],
  fromMs: number,
  toMs: number = Number.POSITIVE_INFINITY
): Record<string, number> {
  const inRange = points.filter(p => p.timestampMs >= fromMs && p.timestampMs < toMs);
  const summary: Record<string, number> = {};
  for (const metric of COMPARED_METRICS) {
    const values = inRange.map(p => p[metric]).filter((v): v is number => Number.isFinite(v));
    if (values.length > 0) summary[metric] = values.reduce((a, b) => a + b, 0) / values.length;
  }
  return summary;
}

export type Verdict = 'better' | 'worse' | 'same' | 'unknown';

export interface MetricComparison {
  metric: ComparedMetric;
  before?: number;
  after?: number;
  /** (after - before) / before; undefined without both values or with a zero baseline. */
  change?: number;
  verdict: Verdict;
}

/** Changes within ±`tolerance` (default 5 %) count as the same. */
export function compareSummaries(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
  tolerance = 0.05
): MetricComparison[] {
  return COMPARED_METRICS.map(metric => {
    const b = before[metric];
    const a = after[metric];
    if (b === undefined || a === undefined)
      return { metric, before: b, after: a, verdict: 'unknown' };
    if (b === 0) {
      const verdict: Verdict =
        a === 0 ? 'same' : a > 0 === HIGHER_IS_BETTER.has(metric) ? 'better' : 'worse';
      return { metric, before: b, after: a, verdict };
    }
    const change = (a - b) / Math.abs(b);
    const improved = HIGHER_IS_BETTER.has(metric) ? change > 0 : change < 0;
    const verdict: Verdict = Math.abs(change) <= tolerance ? 'same' : improved ? 'better' : 'worse';
    return { metric, before: b, after: a, change, verdict };
  });
}
