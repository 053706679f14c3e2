/**
 * What the Performance tab charts: one entry per chart, each naming the DerivedPoint fields it plots. Kept
 * apart from the view so the list reads as the product's metric vocabulary.
 */
import type { NormalizedMetrics } from '@airunway/shared-client/prometheus/normalize';
import type { DerivedPoint } from '@airunway/shared-client/prometheus/rates';

type Translate = (text: string) => string;
export type Unit = 'seconds' | 'percent' | 'perSecond' | 'count';
export type NumericField = {
  [K in keyof DerivedPoint]-?: DerivedPoint[K] extends number | undefined ? K : never;
}[keyof DerivedPoint];

export interface ChartSeries {
  field: NumericField;
  label: (t: Translate) => string;
}

export interface ChartSpec {
  id: string;
  title: (t: Translate) => string;
  unit: Unit;
  series: ChartSeries[];
  /**
   * Whether the server exposes what this chart is computed from. A chart with no values is then either
   * "not exposed by this engine" or "exposed, but nothing happened between scrapes" (no finished requests).
   */
  exposed: (metrics: NormalizedMetrics) => boolean;
}

const percentiles = (prefix: 'ttft' | 'itl' | 'e2e'): ChartSeries[] => [
  { field: `${prefix}P50`, label: () => 'p50' },
  { field: `${prefix}P95`, label: () => 'p95' },
  { field: `${prefix}P99`, label: () => 'p99' },
];

export const CHARTS: readonly ChartSpec[] = [
  {
    id: 'ttft',
    title: t => t('Time to first token'),
    unit: 'seconds',
    series: percentiles('ttft'),
    exposed: m => m.histograms.ttft !== undefined,
  },
  {
    id: 'itl',
    title: t => t('Inter-token latency'),
    unit: 'seconds',
    series: percentiles('itl'),
    exposed: m => m.histograms.itl !== undefined,
  },
  {
    id: 'e2e',
    title: t => t('End-to-end latency'),
    unit: 'seconds',
    series: percentiles('e2e'),
    exposed: m => m.histograms.e2e !== undefined,
  },
  {
    id: 'tokens',
    title: t => t('Tokens per second'),
    unit: 'perSecond',
    series: [
      { field: 'promptTokensPerSecond', label: t => t('Prompt (in)') },
      { field: 'generationTokensPerSecond', label: t => t('Generated (out)') },
    ],
    exposed: m => m.promptTokensTotal !== undefined || m.generationTokensTotal !== undefined,
  },
  {
    id: 'kv',
    title: t => t('KV-cache use'),
    unit: 'percent',
    series: [{ field: 'kvCacheUsage', label: t => t('KV-cache use') }],
    exposed: m => m.kvCacheUsage !== undefined,
  },
  {
    id: 'requests',
    title: t => t('Requests'),
    unit: 'count',
    series: [
      { field: 'requestsRunning', label: t => t('Running') },
      { field: 'requestsWaiting', label: t => t('Waiting') },
    ],
    exposed: m => m.requestsRunning !== undefined || m.requestsWaiting !== undefined,
  },
  {
    id: 'preemptions',
    title: t => t('Preemptions per second'),
    unit: 'perSecond',
    series: [{ field: 'preemptionsPerSecond', label: t => t('Preemptions') }],
    exposed: m => m.preemptionsTotal !== undefined,
  },
  {
    id: 'prefix',
    title: t => t('Prefix-cache hit rate'),
    unit: 'percent',
    series: [{ field: 'prefixCacheHitRate', label: t => t('Hit rate') }],
    exposed: m => m.prefixCacheQueriesTotal !== undefined || m.prefixCacheHitRate !== undefined,
  },
];

/** The unit of each derived metric that is shown as a single value (bottlenecks, before vs after). */
const FIELD_UNITS: Readonly<Partial<Record<NumericField, Unit>>> = {
  ttftP95: 'seconds',
  itlP95: 'seconds',
  e2eP95: 'seconds',
  generationTokensPerSecond: 'perSecond',
  preemptionsPerSecond: 'perSecond',
  kvCacheUsage: 'percent',
  prefixCacheHitRate: 'percent',
  requestsWaiting: 'count',
};

/** The unit of a DerivedPoint field by name; a count when it has none. */
export function unitOf(field: string): Unit {
  return FIELD_UNITS[field as NumericField] ?? 'count';
}

/** A value as people read it: 0.0123 s → "12 ms", 0.9 → "90%". */
export function formatValue(value: number | undefined, unit: Unit): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'seconds':
      return value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`;
    case 'percent':
      return `${Math.round(value * 100)}%`;
    case 'perSecond':
      return `${value < 10 ? value.toFixed(2) : Math.round(value)}/s`;
    case 'count':
      return String(Math.round(value));
  }
}

/** The most recent value of a field in the window. */
export function latest(points: readonly DerivedPoint[], field: NumericField): number | undefined {
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i]![field];
    if (value !== undefined) return value;
  }
  return undefined;
}
