import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Bucket,
  type Histogram,
  histogramDelta,
  histogramMean,
  histogramQuantile,
  intervalQuantile,
} from './quantile';

const b = (le: number, count: number): Bucket => ({ le, count });

// The Prometheus documentation's example histogram.
const REQUEST_DURATION: Bucket[] = [
  b(0.05, 24054),
  b(0.1, 33444),
  b(0.2, 100392),
  b(0.5, 129389),
  b(1, 133988),
  b(Infinity, 144320),
];

describe('histogramQuantile', () => {
  it('interpolates linearly inside the bucket holding the rank, like PromQL', () => {
    // rank 72160 falls in (0.1, 0.2]: 0.1 + 0.1 * (72160 - 33444) / (100392 - 33444)
    expect(histogramQuantile(0.5, REQUEST_DURATION)).toBeCloseTo(
      0.1 + (0.1 * (72160 - 33444)) / (100392 - 33444),
      12
    );
    // rank 14432 falls in the first bucket, interpolated from 0.
    expect(histogramQuantile(0.1, REQUEST_DURATION)).toBeCloseTo((0.05 * 14432) / 24054, 12);
  });

  it('answers the highest finite bound when the rank lands in the +Inf bucket', () => {
    expect(histogramQuantile(0.99, REQUEST_DURATION)).toBe(1);
  });

  it('returns exact bucket bounds at the edges of a bucket', () => {
    const buckets = [b(1, 10), b(2, 20), b(Infinity, 20)];
    expect(histogramQuantile(0.5, buckets)).toBe(1);
    expect(histogramQuantile(1, buckets)).toBe(2);
    expect(histogramQuantile(0.75, buckets)).toBe(1.5);
  });

  it('follows PromQL for q outside [0, 1]', () => {
    expect(histogramQuantile(-0.1, REQUEST_DURATION)).toBe(-Infinity);
    expect(histogramQuantile(1.1, REQUEST_DURATION)).toBe(Infinity);
    expect(histogramQuantile(NaN, REQUEST_DURATION)).toBeUndefined();
  });

  it('has no answer without observations, without a +Inf bucket, or with a single bucket', () => {
    expect(histogramQuantile(0.5, [b(1, 0), b(Infinity, 0)])).toBeUndefined();
    expect(histogramQuantile(0.5, [b(1, 5), b(2, 10)])).toBeUndefined();
    expect(histogramQuantile(0.5, [b(Infinity, 10)])).toBeUndefined();
    expect(histogramQuantile(0.5, [])).toBeUndefined();
  });

  it('returns the first bound when it is not positive', () => {
    expect(histogramQuantile(0.1, [b(-1, 5), b(0, 8), b(Infinity, 10)])).toBe(-1);
  });

  it('accepts buckets in any order and forces decreasing counts up', () => {
    const shuffled = [...REQUEST_DURATION].reverse();
    expect(histogramQuantile(0.5, shuffled)).toBe(histogramQuantile(0.5, REQUEST_DURATION));
    // A scrape racing an update: 0.2 reports fewer than 0.1. Treated as 10.
    expect(histogramQuantile(0.5, [b(0.1, 10), b(0.2, 8), b(0.4, 20), b(Infinity, 20)])).toBe(0.1);
  });

  it('returns the lower bound for rank 0 over an empty bucket instead of NaN', () => {
    expect(histogramQuantile(0, [b(1, 0), b(2, 5), b(Infinity, 5)])).toBe(0);
  });

  const histogramArb = fc
    .tuple(
      fc.uniqueArray(fc.double({ min: 0.001, max: 1000, noNaN: true }), {
        minLength: 1,
        maxLength: 10,
      }),
      fc.array(fc.nat(1000), { minLength: 11, maxLength: 11 })
    )
    .map(([bounds, increments]) => {
      const sorted = [...bounds].sort((x, y) => x - y);
      let cumulative = 0;
      const buckets = [...sorted, Infinity].map((le, i) => b(le, (cumulative += increments[i]!)));
      return buckets;
    })
    .filter(buckets => buckets[buckets.length - 1]!.count > 0);

  it('is non-decreasing in q and stays within [0, highest finite bound]', () => {
    fc.assert(
      fc.property(
        histogramArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (buckets, q1, q2) => {
          const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const a = histogramQuantile(lo, buckets)!;
          const c = histogramQuantile(hi, buckets)!;
          const maxFinite = buckets[buckets.length - 2]!.le;
          expect(a).toBeLessThanOrEqual(c);
          expect(a).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(maxFinite);
        }
      )
    );
  });

  it('puts the rank inside the bucket it answers', () => {
    fc.assert(
      fc.property(histogramArb, fc.double({ min: 0, max: 1, noNaN: true }), (buckets, q) => {
        const value = histogramQuantile(q, buckets)!;
        const rank = q * buckets[buckets.length - 1]!.count;
        // Fewer than rank observations lie strictly below the answer's bucket.
        const below = buckets
          .filter(x => x.le < value)
          .reduce((max, x) => Math.max(max, x.count), 0);
        expect(below).toBeLessThanOrEqual(rank);
      })
    );
  });
});

describe('histogramDelta and intervalQuantile', () => {
  const t0: Histogram = { buckets: [b(1, 10), b(2, 20), b(Infinity, 20)], sum: 25, count: 20 };
  const t1: Histogram = { buckets: [b(1, 10), b(2, 30), b(Infinity, 40)], sum: 60, count: 40 };

  it('subtracts the earlier scrape bucket by bucket', () => {
    expect(histogramDelta(t0, t1)).toEqual({
      buckets: [b(1, 0), b(2, 10), b(Infinity, 20)],
      sum: 35,
      count: 20,
    });
  });

  it('gives quantiles of the interval, not of the process lifetime', () => {
    // Lifetime median is in (1, 2]; everything new is in (1, 2] or above 2.
    expect(histogramQuantile(0.25, t1.buckets)).toBe(1);
    expect(intervalQuantile(0.25, t0, t1)).toBe(1.5);
    expect(intervalQuantile(0.9, t0, t1)).toBe(2);
  });

  it('treats a drop in any bucket or the count as a restart and takes the new scrape as the increase', () => {
    const restarted: Histogram = { buckets: [b(1, 2), b(2, 3), b(Infinity, 3)], sum: 3, count: 3 };
    expect(histogramDelta(t1, restarted)).toEqual(restarted);
    expect(intervalQuantile(0.5, t1, restarted)).toBeCloseTo(0.75, 12);
  });

  it('treats a changed bucket layout as a restart', () => {
    const relaid: Histogram = { buckets: [b(0.5, 50), b(Infinity, 60)], sum: 10, count: 60 };
    expect(histogramDelta(t1, relaid)).toEqual(relaid);
  });

  it('has no answer without an earlier scrape or without new observations', () => {
    expect(histogramDelta(undefined, t1)).toBeUndefined();
    expect(intervalQuantile(0.5, undefined, t1)).toBeUndefined();
    expect(intervalQuantile(0.5, t1, t1)).toBeUndefined();
  });

  it('does not alias the scrape it returns on a restart', () => {
    const restarted: Histogram = { buckets: [b(1, 2), b(Infinity, 3)], count: 3 };
    const delta = histogramDelta(t1, restarted)!;
    delta.buckets[0]!.count = 99;
    expect(restarted.buckets[0]!.count).toBe(2);
  });

  it('computes means of snapshots and deltas', () => {
    expect(histogramMean(t0)).toBe(1.25);
    expect(histogramMean(histogramDelta(t0, t1))).toBe(1.75);
    expect(histogramMean({ buckets: [], sum: 0, count: 0 })).toBeUndefined();
    expect(histogramMean({ buckets: [] })).toBeUndefined();
  });
});
