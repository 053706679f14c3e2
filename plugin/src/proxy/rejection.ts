/**
 * Headlamp's ApiProxy rejects a non-2xx answer with an Error whose message is `<statusText> - <body or
 * body.message>` and whose `status` is the HTTP status; a request that got no answer at all has no status.
 * This recovers the parts, so callers can decode the API server's Status or the proxy's error shape.
 */
export interface Rejection {
  /** Undefined when no HTTP answer arrived (a network failure). */
  status?: number;
  statusText: string;
  body: string;
}

export function splitRejection(err: unknown): Rejection {
  const e = err as { status?: unknown; message?: unknown };
  const status = typeof e?.status === 'number' && e.status !== 0 ? e.status : undefined;
  const message = typeof e?.message === 'string' ? e.message : '';
  const sep = message.indexOf(' - ');
  return {
    status,
    statusText: sep >= 0 ? message.slice(0, sep) : message,
    body: sep >= 0 ? message.slice(sep + 3) : '',
  };
}
