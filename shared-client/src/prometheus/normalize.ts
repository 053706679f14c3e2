import { z } from 'zod';
import { type MetricFamily, parsePrometheusFloat, type Sample } from './parse';
import { type Bucket, type Histogram, HistogramSchema } from './quantile';

/**
 * Maps the metrics of each inference engine onto one model, so charts and the advisor need not know
 * which engine served the model.
 *
 * A field is undefined when the engine does not expose it (or the scrape did not contain it), never 0:
 * "no queue metric" and "an empty queue" must stay distinguishable.
 */

/** Who published the metrics: an engine, or NVIDIA Dynamo's HTTP frontend in front of its workers. */
export const EngineSchema = z.enum(['vllm', 'sglang', 'tgi', 'llamacpp', 'dynamo', 'unknown']);
export type Engine = z.infer<typeof EngineSchema>;

export const EngineMetricsSchema = z.object({
  engine: EngineSchema,
  /** Requests being executed (in the running batch). */
  requestsRunning: z.number().optional(),
  /** Requests queued, not yet scheduled. */
  requestsWaiting: z.number().optional(),
  /** KV-cache use as a fraction 0..1 (the most loaded engine when several report). */
  kvCacheUsage: z.number().optional(),
  promptTokensTotal: z.number().optional(),
  generationTokensTotal: z.number().optional(),
  preemptionsTotal: z.number().optional(),
  /** Prefix-cache lookups and hits, in tokens. Reported only as a pair. */
  prefixCacheQueriesTotal: z.number().optional(),
  prefixCacheHitsTotal: z.number().optional(),
  /** Hit rate gauge 0..1 for engines that publish a rate rather than counters. */
  prefixCacheHitRate: z.number().optional(),
  requestSuccessTotal: z.number().optional(),
  /** Successful requests by finish reason (stop, length, abort, ...), when the engine labels them. */
  requestSuccessByReason: z.record(z.string(), z.number()).optional(),
});
export type EngineMetrics = z.infer<typeof EngineMetricsSchema>;

export const LatencyHistogramsSchema = z.object({
  /** Time to first token, seconds. */
  ttft: HistogramSchema.optional(),
  /** Inter-token latency (time per output token), seconds. */
  itl: HistogramSchema.optional(),
  /** End-to-end request latency, seconds. */
  e2e: HistogramSchema.optional(),
});
export type LatencyHistograms = z.infer<typeof LatencyHistogramsSchema>;

export const NormalizedMetricsSchema = EngineMetricsSchema.extend({
  histograms: LatencyHistogramsSchema,
});
export type NormalizedMetrics = z.infer<typeof NormalizedMetricsSchema>;

/** Where each engine publishes each signal: candidate names, first present wins. */
interface EngineSources {
  prefix: string;
  running: readonly string[];
  waiting: readonly string[];
  kvCacheUsage: readonly string[];
  promptTokens: readonly string[];
  generationTokens: readonly string[];
  preemptions: readonly string[];
  prefixCacheQueries: readonly string[];
  prefixCacheHits: readonly string[];
  prefixCacheHitRate: readonly string[];
  requestSuccess: readonly string[];
  /** Histogram base names (without _bucket). */
  ttft: readonly string[];
  itl: readonly string[];
  e2e: readonly string[];
}

export const ENGINE_SOURCES: Readonly<Record<Exclude<Engine, 'unknown'>, EngineSources>> = {
  vllm: {
    prefix: 'vllm:',
    running: ['vllm:num_requests_running'],
    waiting: ['vllm:num_requests_waiting'],
    // V1 renamed gpu_cache_usage_perc; both are fractions despite the name.
    kvCacheUsage: ['vllm:kv_cache_usage_perc', 'vllm:gpu_cache_usage_perc'],
    promptTokens: ['vllm:prompt_tokens_total'],
    generationTokens: ['vllm:generation_tokens_total'],
    preemptions: ['vllm:num_preemptions_total'],
    prefixCacheQueries: ['vllm:prefix_cache_queries_total'],
    prefixCacheHits: ['vllm:prefix_cache_hits_total'],
    prefixCacheHitRate: ['vllm:gpu_prefix_cache_hit_rate'],
    requestSuccess: ['vllm:request_success_total'],
    ttft: ['vllm:time_to_first_token_seconds'],
    itl: ['vllm:inter_token_latency_seconds', 'vllm:time_per_output_token_seconds'],
    e2e: ['vllm:e2e_request_latency_seconds'],
  },
  sglang: {
    prefix: 'sglang:',
    running: ['sglang:num_running_reqs'],
    waiting: ['sglang:num_queue_reqs'],
    kvCacheUsage: ['sglang:token_usage'],
    promptTokens: ['sglang:prompt_tokens_total'],
    generationTokens: ['sglang:generation_tokens_total'],
    // Retraction is SGLang's name for preempting a running request back to the queue.
    preemptions: ['sglang:num_retracted_requests_total'],
    // Cached prompt tokens over all prompt tokens is the token-based hit rate vLLM's counters give.
    prefixCacheQueries: ['sglang:prompt_tokens_total'],
    prefixCacheHits: ['sglang:cached_tokens_total'],
    prefixCacheHitRate: ['sglang:cache_hit_rate'],
    requestSuccess: [],
    ttft: ['sglang:time_to_first_token_seconds'],
    itl: ['sglang:inter_token_latency_seconds', 'sglang:time_per_output_token_seconds'],
    e2e: ['sglang:e2e_request_latency_seconds'],
  },
  tgi: {
    prefix: 'tgi_',
    running: ['tgi_batch_current_size'],
    waiting: ['tgi_queue_size'],
    kvCacheUsage: [],
    // TGI has no token counters; the per-request length histograms' sums are the running totals.
    promptTokens: ['tgi_request_input_length_sum'],
    generationTokens: ['tgi_request_generated_tokens_sum'],
    preemptions: [],
    prefixCacheQueries: [],
    prefixCacheHits: [],
    prefixCacheHitRate: [],
    // TGI's counters carry no _total suffix.
    requestSuccess: ['tgi_request_success'],
    ttft: [],
    itl: ['tgi_request_mean_time_per_token_duration'],
    e2e: ['tgi_request_duration'],
  },
  // NVIDIA Dynamo's HTTP frontend (the Service a Dynamo deployment publishes): request-level metrics for all
  // its workers. KV cache and preemptions live on the workers (dynamo_component_*), not here.
  dynamo: {
    prefix: 'dynamo_frontend_',
    running: ['dynamo_frontend_inflight_requests'],
    waiting: ['dynamo_frontend_queued_requests'],
    kvCacheUsage: [],
    // The per-request length histograms' sums are the running totals, as for TGI.
    promptTokens: ['dynamo_frontend_input_sequence_tokens_sum'],
    generationTokens: [
      'dynamo_frontend_output_tokens_total',
      'dynamo_frontend_output_sequence_tokens_sum',
    ],
    preemptions: [],
    prefixCacheQueries: [],
    prefixCacheHits: [],
    prefixCacheHitRate: [],
    // dynamo_frontend_requests_total counts errors too (status label): not a success count.
    requestSuccess: [],
    ttft: ['dynamo_frontend_time_to_first_token_seconds'],
    itl: ['dynamo_frontend_inter_token_latency_seconds'],
    e2e: ['dynamo_frontend_request_duration_seconds'],
  },
  llamacpp: {
    prefix: 'llamacpp:',
    running: ['llamacpp:requests_processing'],
    waiting: ['llamacpp:requests_deferred'],
    kvCacheUsage: ['llamacpp:kv_cache_usage_ratio'],
    promptTokens: ['llamacpp:prompt_tokens_total'],
    generationTokens: ['llamacpp:tokens_predicted_total'],
    preemptions: [],
    prefixCacheQueries: [],
    prefixCacheHits: [],
    prefixCacheHitRate: [],
    requestSuccess: [],
    ttft: [],
    itl: [],
    e2e: [],
  },
};

const FINISH_REASON_LABELS = ['finished_reason', 'stop_reason', 'finish_reason'] as const;

export interface NormalizeOptions {
  /** Keep only samples carrying all these labels (e.g. one model_name); the rest are summed over. */
  labels?: Record<string, string>;
}

/** The engine whose metric prefix the most families carry; `unknown` if none does. */
export function detectEngine(families: Record<string, MetricFamily>): Engine {
  const counts = new Map<Engine, number>();
  for (const name of Object.keys(families)) {
    for (const [engine, sources] of Object.entries(ENGINE_SOURCES) as [Engine, EngineSources][]) {
      if (name.startsWith(sources.prefix)) counts.set(engine, (counts.get(engine) ?? 0) + 1);
    }
  }
  let best: Engine = 'unknown';
  let bestCount = 0;
  for (const [engine, count] of counts) {
    if (count > bestCount) {
      best = engine;
      bestCount = count;
    }
  }
  return best;
}

/** Normalise one parsed scrape into the engine-independent model. */
export function normalizeMetrics(
  families: Record<string, MetricFamily>,
  options: NormalizeOptions = {}
): NormalizedMetrics {
  const engine = detectEngine(families);
  if (engine === 'unknown') return { engine, histograms: {} };
  const sources = ENGINE_SOURCES[engine];
  const index = indexSamples(families, options.labels);

  const queries = sumFirst(index, sources.prefixCacheQueries);
  const hits = sumFirst(index, sources.prefixCacheHits);
  const pairComplete = queries !== undefined && hits !== undefined;
  const success = firstPresent(index, sources.requestSuccess);

  return {
    engine,
    requestsRunning: sumFirst(index, sources.running),
    requestsWaiting: sumFirst(index, sources.waiting),
    kvCacheUsage: fraction(maxFirst(index, sources.kvCacheUsage)),
    promptTokensTotal: sumFirst(index, sources.promptTokens),
    generationTokensTotal: sumFirst(index, sources.generationTokens),
    preemptionsTotal: sumFirst(index, sources.preemptions),
    prefixCacheQueriesTotal: pairComplete ? queries : undefined,
    prefixCacheHitsTotal: pairComplete ? hits : undefined,
    prefixCacheHitRate: fraction(meanFirst(index, sources.prefixCacheHitRate)),
    requestSuccessTotal: success ? sumValues(success) : undefined,
    requestSuccessByReason: success ? sumByReason(success) : undefined,
    histograms: {
      ttft: histogramFirst(index, sources.ttft),
      itl: histogramFirst(index, sources.itl),
      e2e: histogramFirst(index, sources.e2e),
    },
  };
}

type SampleIndex = Map<string, Sample[]>;

/** Samples by sample name; NaN values mean "no data" and are dropped. */
function indexSamples(
  families: Record<string, MetricFamily>,
  match: Record<string, string> | undefined
): SampleIndex {
  const index: SampleIndex = new Map();
  const matchEntries = match ? Object.entries(match) : [];
  for (const family of Object.values(families)) {
    for (const sample of family.samples) {
      if (Number.isNaN(sample.value)) continue;
      if (matchEntries.length > 0 && !matchEntries.every(([k, v]) => sample.labels[k] === v))
        continue;
      const list = index.get(sample.name);
      if (list) list.push(sample);
      else index.set(sample.name, [sample]);
    }
  }
  return index;
}

function firstPresent(index: SampleIndex, names: readonly string[]): Sample[] | undefined {
  for (const name of names) {
    const samples = index.get(name);
    if (samples && samples.length > 0) return samples;
  }
  return undefined;
}

function sumValues(samples: readonly Sample[]): number {
  let total = 0;
  for (const sample of samples) total += sample.value;
  return total;
}

function sumFirst(index: SampleIndex, names: readonly string[]): number | undefined {
  const samples = firstPresent(index, names);
  return samples ? sumValues(samples) : undefined;
}

function maxFirst(index: SampleIndex, names: readonly string[]): number | undefined {
  const samples = firstPresent(index, names);
  return samples ? Math.max(...samples.map(s => s.value)) : undefined;
}

function meanFirst(index: SampleIndex, names: readonly string[]): number | undefined {
  const samples = firstPresent(index, names);
  return samples ? sumValues(samples) / samples.length : undefined;
}

/**
 * Fractions are 0..1 everywhere, but some exporters (and the earlier backend) report percent. vLLM V0
 * reports a hit rate of -1 when prefix caching is off: that is "not available", not a rate.
 */
function fraction(value: number | undefined): number | undefined {
  if (value === undefined || value < 0) return undefined;
  return value > 1 && value <= 100 ? value / 100 : value;
}

function sumByReason(samples: readonly Sample[]): Record<string, number> | undefined {
  const byReason = new Map<string, number>();
  for (const sample of samples) {
    const label = FINISH_REASON_LABELS.find(l =>
      Object.prototype.hasOwnProperty.call(sample.labels, l)
    );
    if (label === undefined) continue;
    const reason = sample.labels[label]!;
    byReason.set(reason, (byReason.get(reason) ?? 0) + sample.value);
  }
  // fromEntries defines own properties, so a reason spelled __proto__ cannot reach the prototype.
  return byReason.size > 0 ? Object.fromEntries(byReason) : undefined;
}

function histogramFirst(index: SampleIndex, baseNames: readonly string[]): Histogram | undefined {
  for (const base of baseNames) {
    const histogram = readHistogram(index, base);
    if (histogram) return histogram;
  }
  return undefined;
}

/**
 * One histogram summed over all its label sets (models, engines, pods).
 *
 * Series with different bucket layouts are merged on the union of bounds, each series counting at a
 * bound what it has at its own largest bound not above it; with equal layouts that is an exact sum.
 */
function readHistogram(index: SampleIndex, base: string): Histogram | undefined {
  const bucketSamples = index.get(`${base}_bucket`);
  if (!bucketSamples || bucketSamples.length === 0) return undefined;

  const seriesByKey = new Map<string, Bucket[]>();
  for (const sample of bucketSamples) {
    const le = parsePrometheusFloat(sample.labels.le ?? '');
    if (le === undefined || Number.isNaN(le)) continue;
    const key = seriesKey(sample.labels);
    const series = seriesByKey.get(key);
    if (series) series.push({ le, count: sample.value });
    else seriesByKey.set(key, [{ le, count: sample.value }]);
  }
  if (seriesByKey.size === 0) return undefined;

  const allSeries = [...seriesByKey.values()].map(s => s.sort((a, b) => a.le - b.le));
  const bounds = [...new Set(allSeries.flatMap(s => s.map(b => b.le)))].sort((a, b) => a - b);
  const buckets = bounds.map(le => ({
    le,
    count: allSeries.reduce((acc, s) => acc + countAtOrBelow(s, le), 0),
  }));

  const sumSamples = index.get(`${base}_sum`);
  const countSamples = index.get(`${base}_count`);
  return {
    buckets,
    sum: sumSamples && sumSamples.length > 0 ? sumValues(sumSamples) : undefined,
    count: countSamples && countSamples.length > 0 ? sumValues(countSamples) : undefined,
  };
}

function countAtOrBelow(series: readonly Bucket[], le: number): number {
  let count = 0;
  for (const bucket of series) {
    if (bucket.le > le) break;
    count = bucket.count;
  }
  return count;
}

function seriesKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .filter(k => k !== 'le')
    .sort()
    .map(k => `${k}\u0000${labels[k]}`)
    .join('\u0001');
}
