import { normalizeMetrics, type NormalizeOptions } from './normalize';
import { type MetricFamily, type ParseError, parsePrometheusText } from './parse';
import type { Snapshot } from './rates';

/**
 * A deployment with several replicas, scraped through its Service, answers from a different pod each time:
 * consecutive scrapes would then compare one pod's counters with another's and read nonsense rates. So the
 * Performance tab scrapes every ready pod and combines them here: each pod's samples get a `pod` label and
 * the families are merged, so the normaliser sums counters and histogram buckets over pods (and takes the
 * fullest KV cache), exactly as it does over a server's own engines.
 */

export const REPLICA_LABEL = 'pod';

export interface ReplicaScrape {
  replica: string;
  text: string;
}

export function mergeReplicaFamilies(
  scrapes: readonly { replica: string; families: Record<string, MetricFamily> }[]
): Record<string, MetricFamily> {
  const merged: Record<string, MetricFamily> = {};
  for (const { replica, families } of scrapes) {
    for (const family of Object.values(families)) {
      const target = (merged[family.name] ??= { ...family, samples: [] });
      for (const sample of family.samples) {
        target.samples.push({ ...sample, labels: { ...sample.labels, [REPLICA_LABEL]: replica } });
      }
    }
  }
  return merged;
}

/** One snapshot of all replicas, tagged with which replicas it covers (see appendScrape). */
export function snapshotFromReplicas(
  scrapes: readonly ReplicaScrape[],
  timestampMs: number,
  options?: NormalizeOptions
): { snapshot: Snapshot; errors: ParseError[] } {
  const errors: ParseError[] = [];
  const parsed = scrapes.map(({ replica, text }) => {
    const result = parsePrometheusText(text);
    errors.push(...result.errors);
    return { replica, families: result.families };
  });
  const metrics = normalizeMetrics(mergeReplicaFamilies(parsed), options);
  return {
    snapshot: { timestampMs, metrics, sources: scrapes.map(s => s.replica).sort() },
    errors,
  };
}
