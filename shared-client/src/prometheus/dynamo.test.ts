import { describe, expect, it } from 'vitest';
import { dynamoFrontendScrape } from './fixtures/dynamo';
import { snapshotFromText } from './rates';
import { appendScrape, EMPTY_WINDOW, hasMetric } from './window';

describe("NVIDIA Dynamo's frontend metrics", () => {
  it('are recognised and give queue, latency percentiles and token rates; KV cache is not available', () => {
    const first = snapshotFromText(dynamoFrontendScrape(1), 0);
    expect(first.errors).toEqual([]);
    expect(first.snapshot.metrics.engine).toBe('dynamo');
    let window = appendScrape(EMPTY_WINDOW, first.snapshot);
    window = appendScrape(window, snapshotFromText(dynamoFrontendScrape(2), 10_000).snapshot);
    const point = window.points.at(-1)!;
    expect(point).toMatchObject({ engine: 'dynamo', requestsRunning: 9, requestsWaiting: 4 });
    // 4,000 output tokens and 20 prompts of ≤ 1,024 tokens per 10 s interval.
    expect(point.generationTokensPerSecond).toBe(400);
    expect(point.promptTokensPerSecond).toBe(2048);
    expect(point.ttftP50).toBeGreaterThan(0.05);
    expect(point.ttftP95).toBeLessThanOrEqual(0.25);
    expect(point.itlP99).toBeLessThanOrEqual(0.05);
    expect(point.e2eP95).toBeGreaterThan(5);
    expect(hasMetric(window.points, 'kvCacheUsage')).toBe(false);
    expect(hasMetric(window.points, 'successTotal')).toBe(false);
  });
});
