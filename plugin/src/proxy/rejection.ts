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

/**
 * `/api/v1/namespaces/<ns>/<services|pods>/<name>[:<port>]/proxy<path>`: the API server's proxy to a
 * Service or a pod, with the user's RBAC on `services/proxy` or `pods/proxy`.
 */
export function apiServerProxyPath(
  namespace: string,
  resource: 'services' | 'pods',
  name: string,
  port: number | string | undefined,
  path: string
): string {
  const target =
    port !== undefined
      ? `${encodeURIComponent(name)}:${encodeURIComponent(String(port))}`
      : encodeURIComponent(name);
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}/${target}/proxy${path}`;
}
