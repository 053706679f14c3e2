import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LLAMACPP_SCRAPE } from './fixtures/llamacpp';
import { SGLANG_SCRAPE } from './fixtures/sglang';
import { VLLM_V1_RESTARTED, VLLM_V1_T0, VLLM_V1_T1 } from './fixtures/vllm-v1';
import {
  counterDelta,
  counterRate,
  derive,
  DerivedPointSchema,
  type Snapshot,
  snapshotFromText,
} from './rates';

const T0_MS = 1_753_296_000_000;

function snapshot(text: string, timestampMs: number): Snapshot {
  const { snapshot: s, errors } = snapshotFromText(text, timestampMs);
  expect(errors).toEqual([]);
  return s;
}

describe('counterDelta and counterRate', () => {
  it('subtracts readings and divides by the interval', () => {
    expect(counterDelta(100, 250)).toBe(150);
    expect(counterRate(100, 250, 10)).toBe(15);
    expect(counterDelta(7, 7)).toBe(0);
  });

  it('takes the new reading as the increase after a reset', () => {
    expect(counterDelta(1000, 40)).toBe(40);
    expect(counterRate(1000, 40, 4)).toBe(10);
  });

  it('is undefined when a reading or a positive interval is missing', () => {
    expect(counterDelta(undefined, 5)).toBeUndefined();
    expect(counterDelta(5, undefined)).toBeUndefined();
    expect(counterRate(1, 5, 0)).toBeUndefined();
    expect(counterRate(1, 5, -3)).toBeUndefined();
    expect(counterRate(1, 5, undefined)).toBeUndefined();
  });

  it('never reports a negative increase', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (prev, curr) => {
        expect(counterDelta(prev, curr)!).toBeGreaterThanOrEqual(0);
        expect(counterDelta(prev, curr)!).toBeLessThanOrEqual(Math.max(curr, curr - prev));
      })
    );
  });
});

describe('derive over vLLM V1 scrapes (two data-parallel engines)', () => {
  const t0 = snapshot(VLLM_V1_T0, T0_MS);
  const t1 = snapshot(VLLM_V1_T1, T0_MS + 10_000);
  const restarted = snapshot(VLLM_V1_RESTARTED, T0_MS + 20_000);

  it('turns counters into per-second rates over the interval', () => {
    const point = derive(t0, t1);
    expect(point.intervalSeconds).toBe(10);
    expect(point.promptTokensPerSecond).toBe(1000);
    expect(point.generationTokensPerSecond).toBe(500);
    expect(point.preemptions).toBe(3);
    expect(point.preemptionsPerSecond).toBeCloseTo(0.3, 12);
  });

  it('takes gauges from the newer scrape', () => {
    const point = derive(t0, t1);
    expect(point.timestampMs).toBe(T0_MS + 10_000);
    expect(point.engine).toBe('vllm');
    expect(point.kvCacheUsage).toBe(0.95);
    expect(point.requestsRunning).toBe(38);
    expect(point.requestsWaiting).toBe(13);
  });

  it('computes the prefix-cache hit rate of the interval, not since start', () => {
    const point = derive(t0, t1);
    expect(point.prefixCacheQueries).toBe(2000);
    expect(point.prefixCacheHitRate).toBe(0.25);
  });

  it('counts successes by finish reason in the interval', () => {
    const point = derive(t0, t1);
    expect(point.successTotal).toBe(25);
    expect(point.successByReason).toEqual({ stop: 20, length: 5, abort: 0, error: 0 });
  });

  it('gives latency percentiles of the requests served in the interval', () => {
    const point = derive(t0, t1);
    // 100 new TTFTs in (1, 2.5] and 100 in (2.5, 5].
    expect(point.ttftP50).toBeCloseTo(2.5, 12);
    expect(point.ttftP95).toBeCloseTo(4.75, 12);
    expect(point.ttftP99).toBeCloseTo(4.95, 12);
    // 2000 new inter-token gaps in (0.05, 0.075]; the deprecated TPOT histogram is ignored.
    expect(point.itlP50).toBeCloseTo(0.0625, 12);
    expect(point.itlP95).toBeCloseTo(0.07375, 12);
    // 50 new requests in (10, 15].
    expect(point.e2eP50).toBeCloseTo(12.5, 12);
    expect(point.e2eP99).toBeCloseTo(14.95, 12);
  });

  it('survives a pod restart: dropped counters count from zero', () => {
    const point = derive(t1, restarted);
    expect(point.promptTokensPerSecond).toBe(300);
    expect(point.generationTokensPerSecond).toBe(100);
    expect(point.preemptions).toBe(0);
    expect(point.prefixCacheQueries).toBe(200);
    expect(point.prefixCacheHitRate).toBeCloseTo(0.15, 12);
    expect(point.successByReason).toEqual({ stop: 5, length: 0, abort: 0, error: 0 });
    // All 20 TTFTs since the restart are in (0.04, 0.06].
    expect(point.ttftP50).toBeCloseTo(0.05, 12);
    expect(point.itlP50).toBeGreaterThan(0.01);
    expect(point.itlP50).toBeLessThanOrEqual(0.025);
  });

  it('has gauges but no interval values for the first scrape', () => {
    const point = derive(undefined, t0);
    expect(point.requestsRunning).toBe(22);
    expect(point.kvCacheUsage).toBe(0.57);
    expect(point.intervalSeconds).toBeUndefined();
    expect(point.promptTokensPerSecond).toBeUndefined();
    expect(point.ttftP95).toBeUndefined();
    expect(point.prefixCacheHitRate).toBeUndefined();
    expect(point.successByReason).toBeUndefined();
  });

  it('has no rates when the clock did not advance, and no percentiles without new requests', () => {
    const same = derive(t1, { ...t1 });
    expect(same.promptTokensPerSecond).toBeUndefined();
    expect(same.ttftP50).toBeUndefined();
    expect(same.prefixCacheHitRate).toBeUndefined();
    expect(same.prefixCacheQueries).toBe(0);
  });

  it('does not compare counters across a change of engine', () => {
    const sglang = snapshot(SGLANG_SCRAPE, T0_MS + 10_000);
    const point = derive(t0, sglang);
    expect(point.engine).toBe('sglang');
    expect(point.promptTokensPerSecond).toBeUndefined();
    expect(point.requestsWaiting).toBe(2826);
  });

  it('produces points that satisfy the published schema', () => {
    expect(DerivedPointSchema.safeParse(derive(t0, t1)).success).toBe(true);
  });
});

describe('derive with engines that expose less', () => {
  it('llama.cpp: token rates and KV use, no latency percentiles', () => {
    const later = LLAMACPP_SCRAPE.replace(
      'llamacpp:tokens_predicted_total 7801',
      'llamacpp:tokens_predicted_total 8001'
    );
    const point = derive(snapshot(LLAMACPP_SCRAPE, T0_MS), snapshot(later, T0_MS + 5_000));
    expect(point.generationTokensPerSecond).toBe(40);
    expect(point.promptTokensPerSecond).toBe(0);
    expect(point.kvCacheUsage).toBe(0.0415039);
    expect(point.ttftP95).toBeUndefined();
    expect(point.itlP95).toBeUndefined();
    expect(point.preemptionsPerSecond).toBeUndefined();
    expect(point.successTotal).toBeUndefined();
  });

  it('SGLang without cache counters: hit rate from its gauge, sample size from prompt tokens', () => {
    const later = SGLANG_SCRAPE.replace(
      'sglang:prompt_tokens_total{model_name="meta-llama/Llama-3.1-8B-Instruct"} 8.128902e+06',
      'sglang:prompt_tokens_total{model_name="meta-llama/Llama-3.1-8B-Instruct"} 8.138902e+06'
    );
    const point = derive(snapshot(SGLANG_SCRAPE, T0_MS), snapshot(later, T0_MS + 10_000));
    expect(point.prefixCacheHitRate).toBe(0.007507552643049313);
    expect(point.prefixCacheQueries).toBe(10000);
    expect(point.promptTokensPerSecond).toBe(1000);
  });
});

describe('derive properties', () => {
  it('never reports negative rates, whatever the counters do between scrapes', () => {
    const scrapeArb = fc.record({
      prompt: fc.nat(1e9),
      gen: fc.nat(1e9),
      pre: fc.nat(1000),
      q: fc.nat(1e6),
      h: fc.nat(1e6),
    });
    const text = (s: { prompt: number; gen: number; pre: number; q: number; h: number }) =>
      [
        `vllm:prompt_tokens_total ${s.prompt}`,
        `vllm:generation_tokens_total ${s.gen}`,
        `vllm:num_preemptions_total ${s.pre}`,
        `vllm:prefix_cache_queries_total ${s.q}`,
        `vllm:prefix_cache_hits_total ${Math.min(s.h, s.q)}`,
      ].join('\n');
    fc.assert(
      fc.property(scrapeArb, scrapeArb, fc.integer({ min: 1, max: 600_000 }), (a, b, gapMs) => {
        const point = derive(snapshot(text(a), 0), snapshot(text(b), gapMs));
        expect(point.promptTokensPerSecond!).toBeGreaterThanOrEqual(0);
        expect(point.generationTokensPerSecond!).toBeGreaterThanOrEqual(0);
        expect(point.preemptionsPerSecond!).toBeGreaterThanOrEqual(0);
        if (point.prefixCacheHitRate !== undefined) {
          expect(point.prefixCacheHitRate).toBeGreaterThanOrEqual(0);
          expect(point.prefixCacheHitRate).toBeLessThanOrEqual(1);
        }
      })
    );
  });
});
