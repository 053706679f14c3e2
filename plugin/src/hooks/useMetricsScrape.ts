/**
 * Scrapes a deployment's `/metrics` through the API server's service proxy (`services/proxy`, the user's
 * own RBAC), every `intervalMs`, into a bounded rolling window. Scraping pauses while the page is hidden
 * (the browser tab in the background) and stops when the component unmounts (the user left the tab).
 * A scrape that fails keeps the window and reports the error; the next tick tries again.
 */
import { snapshotFromText } from '@airunway/shared-client/prometheus/rates';
import {
  appendScrape,
  EMPTY_WINDOW,
  type MetricsWindow,
} from '@airunway/shared-client/prometheus/window';
import { ApiProxy, K8s } from '@kinvolk/headlamp-plugin/lib';
import { useEffect, useState } from 'react';
import { apiServerProxyPath } from '../proxy/rejection';

export interface ServiceEndpoint {
  namespace: string;
  service: string;
  port?: number;
}

export interface MetricsScrape {
  window: MetricsWindow;
  error: { status?: number; message?: string } | null;
  /** Lines of the last scrape that were not valid exposition format (the rest was still used). */
  parseErrors: number;
  lastScrapeMs?: number;
  paused: boolean;
}

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== 'hidden');
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}

export function useMetricsScrape(
  endpoint: ServiceEndpoint | undefined,
  intervalMs: number
): MetricsScrape {
  const cluster = K8s.useCluster() ?? '';
  const visible = usePageVisible();
  const [state, setState] = useState<MetricsScrape>({
    window: EMPTY_WINDOW,
    error: null,
    parseErrors: 0,
    paused: false,
  });
  const path = endpoint
    ? apiServerProxyPath(
        endpoint.namespace,
        'services',
        endpoint.service,
        endpoint.port,
        '/metrics'
      )
    : undefined;

  // A different cluster or endpoint starts a new window: its counters are not comparable.
  useEffect(() => {
    setState({ window: EMPTY_WINDOW, error: null, parseErrors: 0, paused: false });
  }, [cluster, path]);

  useEffect(() => {
    setState(s => (s.paused === !visible ? s : { ...s, paused: !visible }));
    if (!path || !visible) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();

    async function scrape() {
      try {
        const res: Response = await ApiProxy.request(
          path as string,
          {
            cluster,
            isJSON: false,
            signal: controller.signal,
          } as any
        );
        const text = await res.text();
        const now = Date.now();
        const { snapshot, errors } = snapshotFromText(text, now);
        if (stopped) return;
        setState(s => ({
          ...s,
          window: appendScrape(s.window, snapshot),
          error: null,
          parseErrors: errors.length,
          lastScrapeMs: now,
        }));
      } catch (err) {
        if (stopped) return;
        const e = err as { status?: number; message?: string };
        setState(s => ({ ...s, error: { status: e?.status, message: e?.message } }));
      }
      if (!stopped) timer = setTimeout(scrape, intervalMs);
    }
    scrape();
    return () => {
      stopped = true;
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [cluster, path, intervalMs, visible]);

  return state;
}
