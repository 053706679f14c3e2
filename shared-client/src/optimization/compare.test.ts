import { describe, expect, it } from 'vitest';
import type { DerivedPoint } from '../prometheus/rates';
import { compareSummaries, summarize } from './compare';

const point = (timestampMs: number, fields: Partial<DerivedPoint>): DerivedPoint => ({
  timestampMs,
  engine: 'vllm',
  ...fields,
});

describe('summarize', () => {
  it('averages each metric over the range, leaving out metrics no point has', () => {
    const points = [
      point(0, { ttftP95: 1, kvCacheUsage: 0.5 }),
      point(10, { ttftP95: 3 }),
      point(20, { ttftP95: 100 }),
    ];
    expect(summarize(points, 0, 20)).toEqual({ ttftP95: 2, kvCacheUsage: 0.5 });
    expect(summarize(points, 20)).toEqual({ ttftP95: 100 });
    expect(summarize(points, 30)).toEqual({});
  });
});

describe('compareSummaries', () => {
  it('judges lower latency and higher throughput as better, small changes as the same', () => {
    const result = compareSummaries(
      { ttftP95: 2, generationTokensPerSecond: 100, kvCacheUsage: 0.9, requestsWaiting: 4 },
      { ttftP95: 1, generationTokensPerSecond: 80, kvCacheUsage: 0.92, itlP95: 0.1 }
    );
    const by = Object.fromEntries(result.map(r => [r.metric, r]));
    expect(by.ttftP95).toMatchObject({ verdict: 'better', change: -0.5 });
    expect(by.generationTokensPerSecond).toMatchObject({ verdict: 'worse' });
    expect(by.kvCacheUsage!.verdict).toBe('same');
    expect(by.requestsWaiting).toMatchObject({ verdict: 'unknown', before: 4, after: undefined });
    expect(by.itlP95!.verdict).toBe('unknown');
  });

  it('handles a zero baseline without dividing by it', () => {
    const [waiting] = compareSummaries({ requestsWaiting: 0 }, { requestsWaiting: 3 }).filter(
      r => r.metric === 'requestsWaiting'
    );
    expect(waiting).toMatchObject({ verdict: 'worse', before: 0, after: 3 });
    expect(waiting!.change).toBeUndefined();
  });
});
