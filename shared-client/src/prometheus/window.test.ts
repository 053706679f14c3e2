import { describe, expect, it } from 'vitest';
import { LLAMACPP_SCRAPE_WITHOUT_KV } from './fixtures/llamacpp';
import { VLLM_V1_SCRAPE } from './fixtures/vllm-v1';
import { snapshotFromText } from './rates';
import { appendScrape, EMPTY_WINDOW, hasMetric } from './window';

const at = (text: string, ms: number) => snapshotFromText(text, ms).snapshot;

describe('appendScrape', () => {
  it('derives a point per scrape and keeps at most maxPoints, newest last', () => {
    let window = EMPTY_WINDOW;
    for (let i = 0; i < 10; i++) window = appendScrape(window, at(VLLM_V1_SCRAPE, i * 15_000), 4);
    expect(window.points.map(p => p.timestampMs)).toEqual([90_000, 105_000, 120_000, 135_000]);
    expect(window.last?.timestampMs).toBe(135_000);
    expect(window.points[0]!.intervalSeconds).toBe(15);
  });

  it('ignores a late answer older than the last scrape', () => {
    const window = appendScrape(EMPTY_WINDOW, at(VLLM_V1_SCRAPE, 30_000));
    expect(appendScrape(window, at(VLLM_V1_SCRAPE, 15_000))).toBe(window);
  });

  it('first point has gauges but no interval values', () => {
    const [point] = appendScrape(EMPTY_WINDOW, at(VLLM_V1_SCRAPE, 0)).points;
    expect(point!.requestsRunning).toBe(7);
    expect(point!.generationTokensPerSecond).toBeUndefined();
  });
});

describe('hasMetric', () => {
  it('tells a metric the engine does not expose from one that is zero', () => {
    const window = appendScrape(EMPTY_WINDOW, at(LLAMACPP_SCRAPE_WITHOUT_KV, 0));
    expect(hasMetric(window.points, 'kvCacheUsage')).toBe(false);
    expect(hasMetric(window.points, 'requestsRunning')).toBe(true);
  });
});
