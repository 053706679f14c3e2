import { describe, expect, it } from 'vitest';
import { LLAMACPP_SCRAPE, LLAMACPP_SCRAPE_WITHOUT_KV } from './fixtures/llamacpp';
import { SGLANG_NEWER_SCRAPE, SGLANG_SCRAPE } from './fixtures/sglang';
import { TGI_SCRAPE } from './fixtures/tgi';
import { VLLM_LEGACY_NO_PREFIX_CACHING, VLLM_LEGACY_SCRAPE } from './fixtures/vllm-legacy';
import { VLLM_V1_SCRAPE, VLLM_V1_T0 } from './fixtures/vllm-v1';
import { detectEngine, normalizeMetrics, type NormalizeOptions } from './normalize';
import { parsePrometheusText } from './parse';
import { histogramQuantile } from './quantile';

function normalize(text: string, options?: NormalizeOptions) {
  const { families, errors } = parsePrometheusText(text);
  expect(errors).toEqual([]);
  return normalizeMetrics(families, options);
}

describe('detectEngine', () => {
  it.each([
    ['vllm', VLLM_V1_SCRAPE],
    ['vllm', VLLM_LEGACY_SCRAPE],
    ['sglang', SGLANG_SCRAPE],
    ['tgi', TGI_SCRAPE],
    ['llamacpp', LLAMACPP_SCRAPE],
    ['unknown', '# TYPE process_cpu_seconds_total counter\nprocess_cpu_seconds_total 12.5\n'],
    ['unknown', ''],
  ])('recognises %s', (engine, text) => {
    expect(detectEngine(parsePrometheusText(text).families)).toBe(engine);
  });
});

describe('normalizeMetrics: vLLM V1', () => {
  it('reads every signal of a single-engine scrape', () => {
    const m = normalize(VLLM_V1_SCRAPE);
    expect(m).toMatchObject({
      engine: 'vllm',
      requestsRunning: 7,
      requestsWaiting: 2,
      kvCacheUsage: 0.3125,
      promptTokensTotal: 51200,
      generationTokensTotal: 12800,
      preemptionsTotal: 3,
      prefixCacheQueriesTotal: 48128,
      prefixCacheHitsTotal: 30720,
      prefixCacheHitRate: undefined,
      requestSuccessTotal: 100,
      requestSuccessByReason: { stop: 96, length: 3, abort: 1, error: 0 },
    });
    expect(m.histograms.ttft!.buckets).toHaveLength(23);
    expect(m.histograms.ttft!.buckets.at(-1)).toEqual({ le: Infinity, count: 100 });
    expect(m.histograms.ttft!.count).toBe(100);
    expect(m.histograms.itl!.sum).toBeCloseTo(190.31748270988464, 10);
    expect(m.histograms.e2e!.buckets[4]).toEqual({ le: 1.5, count: 20 });
  });

  it('sums counters and queue gauges over data-parallel engines, takes the fullest KV cache', () => {
    const m = normalize(VLLM_V1_T0);
    expect(m.requestsRunning).toBe(22);
    expect(m.requestsWaiting).toBe(7);
    expect(m.kvCacheUsage).toBe(0.57);
    expect(m.promptTokensTotal).toBe(80000);
    expect(m.generationTokensTotal).toBe(30000);
    expect(m.preemptionsTotal).toBe(2);
    expect(m.prefixCacheQueriesTotal).toBe(2000);
    expect(m.prefixCacheHitsTotal).toBe(600);
    expect(m.requestSuccessByReason).toEqual({ stop: 170, length: 14, abort: 3, error: 0 });
    // Both engines put 50 TTFT observations at or below 0.1 s.
    expect(m.histograms.ttft!.buckets.find(x => x.le === 0.1)!.count).toBe(100);
    expect(m.histograms.ttft!.count).toBe(200);
  });

  it('prefers inter_token_latency over the deprecated time_per_output_token', () => {
    const m = normalize(VLLM_V1_T0);
    // ITL observations are all in (0.025, 0.05]; the deprecated TPOT ones in (0.3, 0.4].
    expect(histogramQuantile(0.5, m.histograms.itl!.buckets)).toBeLessThanOrEqual(0.05);
  });

  it('can narrow to one label set', () => {
    const m = normalize(VLLM_V1_T0, { labels: { engine: '1' } });
    expect(m.requestsRunning).toBe(10);
    expect(m.promptTokensTotal).toBe(30000);
    expect(m.histograms.ttft!.count).toBe(100);
  });
});

describe('normalizeMetrics: vLLM legacy (V0)', () => {
  it('falls back to the V0 names and the hit-rate gauge', () => {
    const m = normalize(VLLM_LEGACY_SCRAPE);
    expect(m).toMatchObject({
      engine: 'vllm',
      requestsRunning: 31,
      requestsWaiting: 9,
      kvCacheUsage: 0.9712,
      promptTokensTotal: 2185392,
      generationTokensTotal: 604511,
      preemptionsTotal: 57,
      prefixCacheQueriesTotal: undefined,
      prefixCacheHitsTotal: undefined,
      prefixCacheHitRate: 0.2134,
      requestSuccessByReason: { stop: 2201, length: 149 },
    });
    expect(m.histograms.itl!.count).toBe(602161);
    expect(m.histograms.ttft!.buckets.at(-1)!.count).toBe(2350);
  });

  it('reads the -1 hit rate of disabled prefix caching as not available', () => {
    expect(normalize(VLLM_LEGACY_NO_PREFIX_CACHING).prefixCacheHitRate).toBeUndefined();
  });
});

describe('normalizeMetrics: SGLang', () => {
  it('maps the older SGLang names', () => {
    const m = normalize(SGLANG_SCRAPE);
    expect(m).toMatchObject({
      engine: 'sglang',
      requestsRunning: 162,
      requestsWaiting: 2826,
      kvCacheUsage: 0.28,
      promptTokensTotal: 8128902,
      generationTokensTotal: 7557572,
      prefixCacheHitRate: 0.007507552643049313,
      // No cached-token counter in this release, so no query/hit pair either.
      prefixCacheQueriesTotal: undefined,
      prefixCacheHitsTotal: undefined,
      preemptionsTotal: undefined,
      requestSuccessTotal: undefined,
    });
    expect(m.histograms.ttft!.count).toBe(11008);
    expect(m.histograms.itl!.count).toBe(7400757);
    expect(m.histograms.e2e!.count).toBe(11228);
  });

  it('uses cached-token counters, retractions and inter_token_latency of newer releases', () => {
    const m = normalize(SGLANG_NEWER_SCRAPE);
    expect(m).toMatchObject({
      requestsRunning: 8,
      requestsWaiting: 0,
      prefixCacheQueriesTotal: 40000,
      prefixCacheHitsTotal: 30000,
      preemptionsTotal: 4,
    });
    expect(histogramQuantile(0.5, m.histograms.itl!.buckets)).toBeLessThanOrEqual(0.02);
    expect(m.histograms.ttft).toBeUndefined();
  });
});

describe('normalizeMetrics: TGI', () => {
  it('maps queue and batch gauges, token sums and suffix-less counters', () => {
    const m = normalize(TGI_SCRAPE);
    expect(m).toMatchObject({
      engine: 'tgi',
      requestsRunning: 32,
      requestsWaiting: 14,
      promptTokensTotal: 512000,
      generationTokensTotal: 160000,
      requestSuccessTotal: 1280,
    });
    expect(m.histograms.e2e!.count).toBe(1280);
    expect(m.histograms.itl!.buckets.map(x => x.le)).toEqual([0.01, 0.02, 0.04, 0.08, Infinity]);
  });

  it('leaves what TGI does not expose undefined rather than 0', () => {
    const m = normalize(TGI_SCRAPE);
    expect(m.kvCacheUsage).toBeUndefined();
    expect(m.preemptionsTotal).toBeUndefined();
    expect(m.prefixCacheHitRate).toBeUndefined();
    expect(m.requestSuccessByReason).toBeUndefined();
    expect(m.histograms.ttft).toBeUndefined();
  });
});

describe('normalizeMetrics: llama.cpp', () => {
  it('maps processing/deferred requests, token counters and the KV ratio', () => {
    expect(normalize(LLAMACPP_SCRAPE)).toEqual({
      engine: 'llamacpp',
      requestsRunning: 1,
      requestsWaiting: 2,
      kvCacheUsage: 0.0415039,
      promptTokensTotal: 33065,
      generationTokensTotal: 7801,
      preemptionsTotal: undefined,
      prefixCacheQueriesTotal: undefined,
      prefixCacheHitsTotal: undefined,
      prefixCacheHitRate: undefined,
      requestSuccessTotal: undefined,
      requestSuccessByReason: undefined,
      histograms: { ttft: undefined, itl: undefined, e2e: undefined },
    });
  });

  it('reports a build without the KV gauge as not exposing it', () => {
    const m = normalize(LLAMACPP_SCRAPE_WITHOUT_KV);
    expect(m.kvCacheUsage).toBeUndefined();
    expect(m.requestsRunning).toBe(1);
  });
});

describe('normalizeMetrics: edge cases', () => {
  it('returns only the engine for a scrape of no known engine', () => {
    expect(normalize('up 1\n')).toEqual({ engine: 'unknown', histograms: {} });
  });

  it('treats a NaN gauge as no data', () => {
    const m = normalize(
      '# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running NaN\nvllm:num_requests_waiting 0\n'
    );
    expect(m.requestsRunning).toBeUndefined();
    expect(m.requestsWaiting).toBe(0);
  });

  it('converts a KV usage reported in percent to a fraction', () => {
    expect(normalize('vllm:gpu_cache_usage_perc 45.2\n').kvCacheUsage).toBeCloseTo(0.452, 12);
  });

  it('merges histograms whose label sets use different bucket layouts without breaking monotonicity', () => {
    const m = normalize(
      [
        '# TYPE vllm:e2e_request_latency_seconds histogram',
        'vllm:e2e_request_latency_seconds_bucket{pod="a",le="1"} 4',
        'vllm:e2e_request_latency_seconds_bucket{pod="a",le="+Inf"} 10',
        'vllm:e2e_request_latency_seconds_bucket{pod="b",le="0.5"} 1',
        'vllm:e2e_request_latency_seconds_bucket{pod="b",le="2"} 3',
        'vllm:e2e_request_latency_seconds_bucket{pod="b",le="+Inf"} 5',
      ].join('\n')
    );
    expect(m.histograms.e2e!.buckets).toEqual([
      { le: 0.5, count: 1 },
      { le: 1, count: 5 },
      { le: 2, count: 7 },
      { le: Infinity, count: 15 },
    ]);
    expect(m.histograms.e2e!.sum).toBeUndefined();
  });
});
