import { describe, expect, it } from 'vitest';
import { steadyEngineState, vllmV1Scrape } from './fixtures/vllm-v1';
import { snapshotFromText } from './rates';
import { snapshotFromReplicas } from './replicas';
import { appendScrape, EMPTY_WINDOW } from './window';

const pod = (replica: string, step: number, kv: number) => ({
  replica,
  text: vllmV1Scrape([steadyEngineState(step, kv)]),
});

describe('snapshotFromReplicas', () => {
  it('sums counters, queue gauges and histogram buckets over pods and keeps the fullest KV cache', () => {
    const { snapshot, errors } = snapshotFromReplicas([pod('a', 2, 0.4), pod('b', 5, 0.95)], 0);
    const one = (step: number) => snapshotFromText(vllmV1Scrape([steadyEngineState(step, 0)]), 0);
    const a = one(2).snapshot.metrics;
    const b = one(5).snapshot.metrics;
    expect(errors).toEqual([]);
    expect(snapshot.sources).toEqual(['a', 'b']);
    expect(snapshot.metrics.generationTokensTotal).toBe(
      a.generationTokensTotal! + b.generationTokensTotal!
    );
    expect(snapshot.metrics.requestsRunning).toBe(24);
    expect(snapshot.metrics.kvCacheUsage).toBe(0.95);
    const buckets = snapshot.metrics.histograms.ttft!.buckets;
    expect(buckets.map(x => x.count)).toEqual(
      a.histograms.ttft!.buckets.map((x, i) => x.count + b.histograms.ttft!.buckets[i]!.count)
    );
  });
});

describe('a window over replicas', () => {
  it('reads the rate of all replicas together, where alternating single-pod scrapes would not', () => {
    // Pod a has served for long (step 100…), pod b for less (step 20…): both add 1,500 tokens a scrape.
    let window = EMPTY_WINDOW;
    for (let i = 0; i < 3; i++) {
      const scrape = snapshotFromReplicas(
        [pod('a', 100 + i, 0.5), pod('b', 1 + i, 0.5)],
        i * 10_000
      );
      window = appendScrape(window, scrape.snapshot);
    }
    expect(window.points.slice(1).map(p => p.generationTokensPerSecond)).toEqual([300, 300]);

    // The same pods reached one at a time through a Service: pod b's lower counter reads as a restart.
    let alternating = EMPTY_WINDOW;
    for (let i = 0; i < 3; i++) {
      const { text } = i % 2 ? pod('b', 20 + i, 0.5) : pod('a', 100 + i, 0.5);
      alternating = appendScrape(alternating, snapshotFromText(text, i * 10_000).snapshot);
    }
    // b's whole lifetime counted as one interval's traffic: 31,500 tokens in 10 s.
    expect(alternating.points[1]!.generationTokensPerSecond).toBe(3150);
  });

  it('starts its intervals afresh when a replica joins, instead of reading the jump as traffic', () => {
    let window = appendScrape(EMPTY_WINDOW, snapshotFromReplicas([pod('a', 10, 0.5)], 0).snapshot);
    window = appendScrape(
      window,
      snapshotFromReplicas([pod('a', 11, 0.5), pod('b', 50, 0.5)], 10_000).snapshot
    );
    const [, joined] = window.points;
    expect(joined!.requestsRunning).toBe(24);
    expect(joined!.generationTokensPerSecond).toBeUndefined();
    window = appendScrape(
      window,
      snapshotFromReplicas([pod('a', 12, 0.5), pod('b', 51, 0.5)], 20_000).snapshot
    );
    expect(window.points[2]!.generationTokensPerSecond).toBe(300);
  });
});
