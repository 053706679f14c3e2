/**
 * A pod container's log, read from `GET /api/v1/namespaces/<ns>/pods/<pod>/log` through Headlamp's backend
 * with the user's own credentials (RBAC: `get` on `pods/log`). With `follow` the response stays open and its
 * chunks are appended as they arrive.
 *
 * Not Headlamp's `Pod.getLogs`: it streams over a WebSocket that reports neither the HTTP status (a 403 and a
 * pod that has not started look the same) nor a bound on the lines it accumulates. Here the body is read as
 * a stream, at most MAX_KEPT_LINES lines are kept (shared-client LogTail), and the request is aborted when
 * the options change or the component unmounts.
 */
import { type LogLine, LogTail, MAX_KEPT_LINES } from '@airunway/shared-client/logs';
import { ApiProxy } from '@kinvolk/headlamp-plugin/lib';
import { useEffect, useState } from 'react';

export interface PodLogOptions {
  namespace: string;
  pod: string;
  container: string;
  tailLines: number;
  timestamps: boolean;
  follow: boolean;
  /** The log of the container's previous run (after a restart, e.g. an OOM kill). */
  previous?: boolean;
}

export interface PodLogs {
  lines: LogLine[];
  /** Lines dropped from the front because more than MAX_KEPT_LINES arrived while following. */
  dropped: number;
  /** loading: no answer yet; streaming: following and open; ended: the whole answer arrived. */
  state: 'loading' | 'streaming' | 'ended' | 'error';
  error: { status?: number; message?: string } | null;
}

export function podLogPath(options: PodLogOptions): string {
  const query = new URLSearchParams({
    container: options.container,
    tailLines: String(options.tailLines),
    timestamps: String(options.timestamps),
    follow: String(options.follow),
  });
  if (options.previous) query.set('previous', 'true');
  return `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods/${encodeURIComponent(
    options.pod
  )}/log?${query.toString()}`;
}

/** While following, how often new lines are rendered at most. */
const FOLLOW_RENDER_INTERVAL_MS = 100;

const INITIAL: PodLogs = { lines: [], dropped: 0, state: 'loading', error: null };

/** `options` null: nothing to read (no pod chosen, or the container has not started). */
export function usePodLogs(options: PodLogOptions | null): PodLogs {
  const [logs, setLogs] = useState<PodLogs>(INITIAL);
  const path = options ? podLogPath(options) : null;
  const follow = options?.follow ?? false;
  const timestamps = options?.timestamps ?? false;

  useEffect(() => {
    setLogs(INITIAL);
    if (!path) return;
    const controller = new AbortController();
    const tail = new LogTail({ timestamps, maxLines: MAX_KEPT_LINES });
    const publish = (state: PodLogs['state']) => {
      if (controller.signal.aborted) return;
      setLogs({ lines: tail.lines(), dropped: tail.dropped, state, error: null });
    };
    // A chatty pod sends many small chunks; rendering 10,000 lines for each would hog the page, so chunks
    // arriving close together are shown together.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publishSoon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        publish('streaming');
      }, FOLLOW_RENDER_INTERVAL_MS);
    };
    controller.signal.addEventListener('abort', () => clearTimeout(timer));

    (async () => {
      const response: Response = await ApiProxy.request(path, {
        isJSON: false,
        // Replaces the signal of Headlamp's request timeout: a followed log stays open as long as it is shown.
        signal: controller.signal,
      } as ApiProxy.RequestParams);
      publish(follow ? 'streaming' : 'loading');
      const reader = response.body?.getReader();
      if (!reader) {
        tail.push(await response.text());
      } else {
        controller.signal.addEventListener('abort', () => void reader.cancel().catch(() => {}));
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          if (tail.push(decoder.decode(value, { stream: true })) && follow) publishSoon();
        }
        tail.push(decoder.decode());
      }
      tail.end();
      clearTimeout(timer);
      publish('ended');
    })().catch((err: { status?: number; message?: string; name?: string }) => {
      if (controller.signal.aborted) return;
      setLogs({
        lines: tail.lines(),
        dropped: tail.dropped,
        state: 'error',
        error: { status: err?.status, message: err?.message },
      });
    });

    return () => controller.abort();
  }, [path, follow, timestamps]);

  return logs;
}
