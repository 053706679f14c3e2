import { derive, type DerivedPoint, type Snapshot } from './rates';

/**
 * The rolling window the Performance tab charts: the derived points of consecutive scrapes, bounded in
 * count so memory stays flat however long the tab is open, plus the last snapshot to derive the next
 * point from.
 */
export interface MetricsWindow {
  points: DerivedPoint[];
  last?: Snapshot;
}

/** One hour of points at the default 15 s interval. */
export const DEFAULT_MAX_POINTS = 240;

export const EMPTY_WINDOW: MetricsWindow = { points: [] };

/**
 * The window with the scrape added. A scrape older than the last one (a late answer to an earlier
 * request) is ignored rather than producing a negative interval.
 */
export function appendScrape(
  window: MetricsWindow,
  snapshot: Snapshot,
  maxPoints: number = DEFAULT_MAX_POINTS
): MetricsWindow {
  if (window.last && snapshot.timestampMs <= window.last.timestampMs) return window;
  // A replica joined or left: the summed counters jump, so this point has gauges but no rates.
  const comparable = window.last && sameSources(window.last.sources, snapshot.sources);
  const point = derive(comparable ? window.last : undefined, snapshot);
  const points = [...window.points, point];
  return {
    points: points.slice(Math.max(0, points.length - Math.max(1, maxPoints))),
    last: snapshot,
  };
}

function sameSources(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((source, i) => source === b[i]);
}

/** Whether any point in the window has a value for the field: "not available" rather than zero. */
export function hasMetric(points: readonly DerivedPoint[], field: keyof DerivedPoint): boolean {
  return points.some(p => p[field] !== undefined);
}
