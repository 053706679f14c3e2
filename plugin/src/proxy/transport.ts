/**
 * The shared-client proxy client's transport in Headlamp: every call goes through `ApiProxy.request` to the
 * API server's service proxy of the selected cluster, with Headlamp's own credentials for that cluster. The
 * API server then applies RBAC on services/proxy (GET → get, POST → create, …) for the real user.
 */
import type { ProxyTransport, TransportResponse } from '@airunway/shared-client/client';
import { ApiProxy } from '@kinvolk/headlamp-plugin/lib';
import { type ProxyLocation, serviceProxyBase } from './location';
import { splitRejection } from './rejection';

function textResponse(status: number, text: string): TransportResponse {
  return {
    status,
    text: async () => text,
    json: async () => JSON.parse(text),
  };
}

/**
 * Headlamp rejects non-2xx answers with an Error whose message is `<statusText> - <body or body.message>`.
 * The proxy's error body (`{error, code, details}`) has no `message`, so the whole body is in the message:
 * recover it so the shared client can decode the documented error shape (and the API server's own Status
 * for 403s from RBAC).
 */
function fromRejection(err: unknown): TransportResponse {
  const { status, body } = splitRejection(err);
  if (status === undefined) throw err; // no answer at all: a network failure for the client to classify
  return textResponse(status, body);
}

export function serviceProxyTransport(cluster: string, location: ProxyLocation): ProxyTransport {
  const base = serviceProxyBase(location);
  return async (path, init) => {
    try {
      const res: Response = await ApiProxy.request(`${base}${path}`, {
        cluster,
        method: init.method,
        headers: init.headers,
        body: init.body,
        isJSON: false,
      } as any);
      return textResponse(res.status, await res.text());
    } catch (err) {
      return fromRejection(err);
    }
  };
}
