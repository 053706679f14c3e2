/**
 * Scrapes a deployment's `/metrics` through the API server's proxy (the user's own RBAC), every
 * `intervalMs`, into a bounded rolling window. Scraping pauses while the page is hidden (the browser tab in
 * the background) and stops when the component unmounts (the user left the tab). A scrape that fails keeps
 * the window and reports the error; the next tick tries again.
 *
 * With two or more ready replicas, each pod is read through `pods/<pod>:<port>/proxy/metrics` and the
 * scrapes are summed (shared-client prometheus/replicas): through the Service each scrape would come from
 * whichever pod it picked, and rates between two different pods' counters mean nothing. With one replica
 * the Service reaches that pod anyway. When pods cannot be read (no `get` on pods/proxy, or no pod
 * answers), the Service is used and the page says that the figures are one replica's at a time.
 */
import { snapshotFromText } from '@airunway/shared-client/prometheus/rates';
import { snapshotFromReplicas } from '@airunway/shared-client/prometheus/replicas';
import {
  appendScrape,
  EMPTY_WINDOW,
  type MetricsWindow,
} from '@airunway/shared-client/prometheus/window';
import { ApiProxy, K8s } from '@kinvolk/headlamp-plugin/lib';
import { useEffect, useMemo, useState } from 'react';
import { type Clock, useClock } from '../platform/clock';
import { apiServerProxyPath } from '../proxy/location';
import { splitRejection } from '../proxy/rejection';

export interface MetricsSource {
  namespace: string;
  service: string;
  port?: number;
  /** The deployment's ready pods and their model-server ports. */
  pods: { name: string; port?: number }[];
}

/** How the last scrape was read. */
export type ScrapeMode =
  | { kind: 'pods'; answered: number; asked: number }
  | { kind: 'service'; reason: 'single-replica' | 'pods-forbidden' | 'pods-unreachable' };

export interface MetricsScrape {
  window: MetricsWindow;
  error: { status?: number; message?: string } | null;
  /** Lines of the last scrape that were not valid exposition format (the rest was still used). */
  parseErrors: number;
  lastScrapeMs?: number;
  mode?: ScrapeMode;
  paused: boolean;
}

/** A pod that does not answer within this long is left out of the scrape. */
const POD_TIMEOUT_MS = 5_000;

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}

async function fetchText(
  cluster: string,
  path: string,
  signal: AbortSignal,
  timeout?: { clock: Clock; ms: number }
): Promise<string> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal.addEventListener('abort', abort);
  const timer = timeout ? timeout.clock.setTimeout(abort, timeout.ms) : undefined;
  try {
    const res: Response = await ApiProxy.request(path, {
      cluster,
      isJSON: false,
      signal: controller.signal,
    } as any);
    return await res.text();
  } finally {
    if (timer !== undefined) timeout!.clock.clearTimeout(timer);
    signal.removeEventListener('abort', abort);
  }
}

export function useMetricsScrape(
  source: MetricsSource | undefined,
  intervalMs: number
): MetricsScrape {
  const cluster = K8s.useCluster() ?? '';
  const clock = useClock();
  const visible = usePageVisible();
  const [state, setState] = useState<MetricsScrape>({
    window: EMPTY_WINDOW,
    error: null,
    parseErrors: 0,
    paused: false,
  });
  // Once pods proved unreadable for this deployment, stay on the Service rather than retrying each tick.
  const [podsFallback, setPodsFallback] = useState<'pods-forbidden' | 'pods-unreachable' | null>(
    null
  );
  // The pod list object changes with every watch event; only names and ports matter here.
  const key = source ? JSON.stringify(source) : '';
  const target = useMemo(() => (key ? (JSON.parse(key) as MetricsSource) : undefined), [key]);
  const serviceKey = target ? `${target.namespace}/${target.service}:${target.port}` : '';

  // A different cluster or endpoint starts a new window: its counters are not comparable.
  useEffect(() => {
    setState({ window: EMPTY_WINDOW, error: null, parseErrors: 0, paused: false });
    setPodsFallback(null);
  }, [cluster, serviceKey]);

  useEffect(() => {
    setState(s => (s.paused === !visible ? s : { ...s, paused: !visible }));
    if (!target || !visible) return;
    let stopped = false;
    let timer: unknown;
    const controller = new AbortController();
    const perPod = target.pods.length >= 2 && !podsFallback;

    async function scrapePods(): Promise<Parameters<typeof snapshotFromReplicas>[0]> {
      const results = await Promise.allSettled(
        target!.pods.map(async pod => ({
          replica: pod.name,
          text: await fetchText(
            cluster,
            apiServerProxyPath(target!.namespace, 'pods', pod.name, pod.port, '/metrics'),
            controller.signal,
            { clock, ms: POD_TIMEOUT_MS }
          ),
        }))
      );
      const answered = results.flatMap(r => (r.status === 'fulfilled' ? [r.value] : []));
      const refusals = results.flatMap(r => (r.status === 'rejected' ? [r.reason] : []));
      if (refusals.some(e => splitRejection(e).status === 403))
        throw { fallback: 'pods-forbidden' };
      if (answered.length === 0) throw { fallback: 'pods-unreachable' };
      return answered;
    }

    async function scrape() {
      if (stopped) return;
      // The time the scrape was taken, from the clock in context: rates divide by differences of these.
      const now = clock.now();
      try {
        let read: ReturnType<typeof snapshotFromText>;
        let mode: ScrapeMode;
        if (perPod) {
          const scrapes = await scrapePods();
          read = snapshotFromReplicas(scrapes, now);
          mode = { kind: 'pods', answered: scrapes.length, asked: target!.pods.length };
        } else {
          const text = await fetchText(
            cluster,
            apiServerProxyPath(
              target!.namespace,
              'services',
              target!.service,
              target!.port,
              '/metrics'
            ),
            controller.signal
          );
          read = snapshotFromText(text, now);
          mode = { kind: 'service', reason: podsFallback ?? 'single-replica' };
        }
        if (stopped) return;
        setState(s => ({
          ...s,
          window: appendScrape(s.window, read.snapshot),
          error: null,
          parseErrors: read.errors.length,
          lastScrapeMs: now,
          mode,
        }));
      } catch (err) {
        if (stopped) return;
        const fallback = (err as { fallback?: 'pods-forbidden' | 'pods-unreachable' })?.fallback;
        if (fallback) {
          // Re-runs this effect on the Service at once.
          setPodsFallback(fallback);
          return;
        }
        const { status, body, statusText } = splitRejection(err);
        setState(s => ({ ...s, error: { status, message: body || statusText } }));
      }
      if (!stopped) timer = clock.setTimeout(scrape, intervalMs);
    }
    scrape();
    return () => {
      stopped = true;
      controller.abort();
      if (timer !== undefined) clock.clearTimeout(timer);
    };
  }, [cluster, clock, target, intervalMs, visible, podsFallback]);

  return state;
}
