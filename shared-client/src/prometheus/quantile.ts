import { z } from 'zod';

/**
 * Classic (bucketed) histogram maths: quantiles with PromQL's histogram_quantile interpolation, and the
 * difference of two cumulative scrapes so quantiles can be taken over an interval rather than over the
 * whole life of the process.
 */

export const BucketSchema = z.object({
  /** Upper bound of the bucket (`le`), +Infinity for the last one. */
  le: z.number(),
  /** Cumulative count of observations <= le. */
  count: z.number(),
});
export type Bucket = z.infer<typeof BucketSchema>;

export const HistogramSchema = z.object({
  /** Sorted by `le`; a complete histogram ends with the +Inf bucket. */
  buckets: z.array(BucketSchema),
  sum: z.number().optional(),
  count: z.number().optional(),
});
export type Histogram = z.infer<typeof HistogramSchema>;

/**
 * The q-quantile (0 <= q <= 1) of a cumulative histogram, interpolated linearly inside the bucket that
 * holds the rank, as PromQL's histogram_quantile does:
 * - q < 0 gives -Infinity and q > 1 gives +Infinity (PromQL's convention);
 * - a rank that falls in the +Inf bucket gives the highest finite upper bound;
 * - the first bucket is interpolated from 0 unless its upper bound is <= 0;
 * - counts that decrease between buckets (a scrape racing an update) are forced monotonic.
 * Returns undefined when there is no answer: fewer than two buckets, no +Inf bucket, no observations,
 * or q is NaN.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number | undefined {
  if (Number.isNaN(q)) return undefined;
  const sorted = normalizeBuckets(buckets);
  if (sorted.length < 2 || sorted[sorted.length - 1]!.le !== Infinity) return undefined;
  const observations = sorted[sorted.length - 1]!.count;
  if (!(observations > 0)) return undefined;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;

  let rank = q * observations;
  let b = 0;
  while (b < sorted.length - 1 && sorted[b]!.count < rank) b++;
  if (b === sorted.length - 1) return sorted[sorted.length - 2]!.le;
  if (b === 0 && sorted[0]!.le <= 0) return sorted[0]!.le;

  const bucketEnd = sorted[b]!.le;
  let bucketStart = 0;
  let count = sorted[b]!.count;
  if (b > 0) {
    bucketStart = sorted[b - 1]!.le;
    count -= sorted[b - 1]!.count;
    rank -= sorted[b - 1]!.count;
  }
  // Only reachable with rank 0 over an empty bucket, where PromQL would divide 0 by 0.
  if (count <= 0) return bucketStart;
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Sorted by bound, duplicate bounds merged, non-finite counts dropped, counts made non-decreasing. */
function normalizeBuckets(buckets: readonly Bucket[]): Bucket[] {
  const sorted = buckets
    .filter(b => !Number.isNaN(b.le) && Number.isFinite(b.count))
    .sort((a, b) => a.le - b.le);
  const out: Bucket[] = [];
  let max = 0;
  for (const bucket of sorted) {
    max = Math.max(max, bucket.count);
    const last = out[out.length - 1];
    if (last && last.le === bucket.le) {
      last.count = max;
    } else {
      out.push({ le: bucket.le, count: max });
    }
  }
  return out;
}

/**
 * The observations that arrived between two scrapes of the same histogram.
 *
 * A process restart resets the histogram; when any bucket or the count went down, or the bucket layout
 * changed, `curr` alone is taken as the increase (the same rule as for counters). Without `prev` there is
 * no interval, so the result is undefined.
 */
export function histogramDelta(
  prev: Histogram | undefined,
  curr: Histogram | undefined
): Histogram | undefined {
  if (!prev || !curr) return undefined;
  if (isReset(prev, curr)) return cloneHistogram(curr);
  const buckets = curr.buckets.map((bucket, i) => ({
    le: bucket.le,
    count: bucket.count - prev.buckets[i]!.count,
  }));
  return {
    buckets,
    sum: prev.sum !== undefined && curr.sum !== undefined ? curr.sum - prev.sum : undefined,
    count:
      prev.count !== undefined && curr.count !== undefined ? curr.count - prev.count : undefined,
  };
}

function isReset(prev: Histogram, curr: Histogram): boolean {
  if (prev.buckets.length !== curr.buckets.length) return true;
  for (let i = 0; i < curr.buckets.length; i++) {
    const before = prev.buckets[i]!;
    const after = curr.buckets[i]!;
    if (before.le !== after.le || after.count < before.count) return true;
  }
  return prev.count !== undefined && curr.count !== undefined && curr.count < prev.count;
}

function cloneHistogram(histogram: Histogram): Histogram {
  return {
    buckets: histogram.buckets.map(b => ({ le: b.le, count: b.count })),
    sum: histogram.sum,
    count: histogram.count,
  };
}

/** The q-quantile of the observations made between two scrapes; undefined if none arrived. */
export function intervalQuantile(
  q: number,
  prev: Histogram | undefined,
  curr: Histogram | undefined
): number | undefined {
  const delta = histogramDelta(prev, curr);
  return delta ? histogramQuantile(q, delta.buckets) : undefined;
}

/** Mean observation (sum / count), for a snapshot or a delta; undefined without observations. */
export function histogramMean(histogram: Histogram | undefined): number | undefined {
  if (
    !histogram ||
    histogram.sum === undefined ||
    histogram.count === undefined ||
    !(histogram.count > 0)
  ) {
    return undefined;
  }
  return histogram.sum / histogram.count;
}
