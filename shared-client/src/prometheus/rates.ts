import { z } from 'zod';
import {
  EngineSchema,
  NormalizedMetricsSchema,
  normalizeMetrics,
  type NormalizeOptions,
} from './normalize';
import { type ParseError, parsePrometheusText } from './parse';
import { type Histogram, histogramDelta, histogramQuantile } from './quantile';

/**
 * Turns consecutive scrapes into the time-series points the metrics page charts and the advisor reads:
 * counters become per-second rates, histograms become quantiles of what happened in the interval.
 */

export const SnapshotSchema = z.object({
  /** When the scrape was taken (client clock), ms since the epoch. */
  timestampMs: z.number(),
  metrics: NormalizedMetricsSchema,
  /**
   * The replicas (pods) the snapshot sums over, when scraped one by one. Counters of a different set are
   * not comparable: the window starts its intervals afresh when the set changes.
   */
  sources: z.array(z.string()).optional(),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

const optionalNumber = z.number().optional();

export const DerivedPointSchema = z.object({
  timestampMs: z.number(),
  engine: EngineSchema,
  /** Seconds since the previous snapshot; undefined for the first one. */
  intervalSeconds: optionalNumber,
  ttftP50: optionalNumber,
  ttftP95: optionalNumber,
  ttftP99: optionalNumber,
  itlP50: optionalNumber,
  itlP95: optionalNumber,
  itlP99: optionalNumber,
  e2eP50: optionalNumber,
  e2eP95: optionalNumber,
  e2eP99: optionalNumber,
  promptTokensPerSecond: optionalNumber,
  generationTokensPerSecond: optionalNumber,
  kvCacheUsage: optionalNumber,
  requestsRunning: optionalNumber,
  requestsWaiting: optionalNumber,
  preemptionsPerSecond: optionalNumber,
  /** Preemptions in the interval. */
  preemptions: optionalNumber,
  /** Hits / queries over the interval (or the engine's own rate gauge), 0..1. */
  prefixCacheHitRate: optionalNumber,
  /** Tokens looked up in the prefix cache over the interval; the sample size behind the hit rate. */
  prefixCacheQueries: optionalNumber,
  /** Requests finished successfully in the interval. */
  successTotal: optionalNumber,
  successByReason: z.record(z.string(), z.number()).optional(),
});
export type DerivedPoint = z.infer<typeof DerivedPointSchema>;

/**
 * Increase of a counter between two readings. A drop means the process restarted and the counter began
 * again from zero, so the new reading is itself the increase. Undefined if either reading is missing.
 */
export function counterDelta(
  prev: number | undefined,
  curr: number | undefined
): number | undefined {
  if (prev === undefined || curr === undefined) return undefined;
  return curr < prev ? curr : curr - prev;
}

/** Per-second increase of a counter over `intervalSeconds`; undefined without a positive interval. */
export function counterRate(
  prev: number | undefined,
  curr: number | undefined,
  intervalSeconds: number | undefined
): number | undefined {
  const delta = counterDelta(prev, curr);
  if (delta === undefined || intervalSeconds === undefined || !(intervalSeconds > 0))
    return undefined;
  return delta / intervalSeconds;
}

/** Parse and normalise one scrape. Parse errors are returned, not thrown: the rest of the scrape is usable. */
export function snapshotFromText(
  text: string,
  timestampMs: number,
  options?: NormalizeOptions
): { snapshot: Snapshot; errors: ParseError[] } {
  const { families, errors } = parsePrometheusText(text);
  return { snapshot: { timestampMs, metrics: normalizeMetrics(families, options) }, errors };
}

const QUANTILES = [0.5, 0.95, 0.99] as const;

function intervalQuantiles(prev: Histogram | undefined, curr: Histogram | undefined) {
  const delta = histogramDelta(prev, curr);
  const [p50, p95, p99] = QUANTILES.map(q =>
    delta ? histogramQuantile(q, delta.buckets) : undefined
  );
  return { p50, p95, p99 };
}

/**
 * The chart point for the interval between two snapshots.
 *
 * Gauges (running, waiting, KV-cache use) are the current snapshot's. Interval values (rates, quantiles,
 * hit rate, successes) need `prev`; they are undefined for the first snapshot and when the engine changed
 * between the two (a replaced pod running another engine has no comparable counters).
 */
export function derive(prev: Snapshot | undefined, curr: Snapshot): DerivedPoint {
  const now = curr.metrics;
  const before = prev && prev.metrics.engine === now.engine ? prev.metrics : undefined;
  const intervalSeconds = prev && before ? (curr.timestampMs - prev.timestampMs) / 1000 : undefined;
  const seconds =
    intervalSeconds !== undefined && intervalSeconds > 0 ? intervalSeconds : undefined;

  const ttft = intervalQuantiles(before?.histograms.ttft, now.histograms.ttft);
  const itl = intervalQuantiles(before?.histograms.itl, now.histograms.itl);
  const e2e = intervalQuantiles(before?.histograms.e2e, now.histograms.e2e);
  const preemptions = counterDelta(before?.preemptionsTotal, now.preemptionsTotal);
  const cache = intervalPrefixCache(before, now);
  const success = intervalSuccess(before, now);

  return {
    timestampMs: curr.timestampMs,
    engine: now.engine,
    intervalSeconds,
    ttftP50: ttft.p50,
    ttftP95: ttft.p95,
    ttftP99: ttft.p99,
    itlP50: itl.p50,
    itlP95: itl.p95,
    itlP99: itl.p99,
    e2eP50: e2e.p50,
    e2eP95: e2e.p95,
    e2eP99: e2e.p99,
    promptTokensPerSecond: counterRate(before?.promptTokensTotal, now.promptTokensTotal, seconds),
    generationTokensPerSecond: counterRate(
      before?.generationTokensTotal,
      now.generationTokensTotal,
      seconds
    ),
    kvCacheUsage: now.kvCacheUsage,
    requestsRunning: now.requestsRunning,
    requestsWaiting: now.requestsWaiting,
    preemptionsPerSecond:
      preemptions !== undefined && seconds !== undefined ? preemptions / seconds : undefined,
    preemptions,
    prefixCacheHitRate: cache.hitRate,
    prefixCacheQueries: cache.queries,
    successTotal: success.total,
    successByReason: success.byReason,
  };
}

type Metrics = Snapshot['metrics'];

function intervalPrefixCache(
  before: Metrics | undefined,
  now: Metrics
): { hitRate: number | undefined; queries: number | undefined } {
  const queries = counterDelta(before?.prefixCacheQueriesTotal, now.prefixCacheQueriesTotal);
  const hits = counterDelta(before?.prefixCacheHitsTotal, now.prefixCacheHitsTotal);
  if (queries !== undefined && hits !== undefined) {
    // No lookups in the interval means no hit rate, not a rate of 0.
    return { hitRate: queries > 0 ? Math.min(1, Math.max(0, hits / queries)) : undefined, queries };
  }
  if (now.prefixCacheHitRate !== undefined) {
    // Engines with only a rate gauge: prompt tokens processed are the lookups that gauge describes.
    return {
      hitRate: now.prefixCacheHitRate,
      queries: counterDelta(before?.promptTokensTotal, now.promptTokensTotal),
    };
  }
  return { hitRate: undefined, queries: undefined };
}

function intervalSuccess(
  before: Metrics | undefined,
  now: Metrics
): { total: number | undefined; byReason: Record<string, number> | undefined } {
  const total = counterDelta(before?.requestSuccessTotal, now.requestSuccessTotal);
  if (!before || !now.requestSuccessByReason || !before.requestSuccessByReason) {
    return { total, byReason: undefined };
  }
  const previous = new Map(Object.entries(before.requestSuccessByReason));
  const byReason = Object.entries(now.requestSuccessByReason).map(([reason, count]) => {
    // A reason first seen in this scrape started from zero within the interval.
    return [reason, counterDelta(previous.get(reason) ?? 0, count)!] as const;
  });
  return { total, byReason: Object.fromEntries(byReason) };
}
