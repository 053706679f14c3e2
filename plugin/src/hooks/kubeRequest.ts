/**
 * The shared-client workflow's request function over Headlamp's ApiProxy, for one cluster: the user's own
 * credentials, so RBAC decides. Headlamp rejects a non-2xx answer with `<statusText> - <Status.message>`;
 * the status and message are handed back as a response so the shared code can classify them.
 */
import type { KubeRequest } from '@airunway/shared-client/optimization/workflow';
import { ApiProxy } from '@kinvolk/headlamp-plugin/lib';
import { splitRejection } from '../proxy/rejection';

export function kubeRequest(cluster: string): KubeRequest {
  return async (path, init) => {
    try {
      const res: Response = await ApiProxy.request(path, {
        cluster,
        method: init.method,
        headers: { 'Content-Type': init.contentType ?? 'application/json' },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        isJSON: false,
      } as any);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    } catch (err) {
      const { status, statusText, body } = splitRejection(err);
      if (status === undefined) throw err;
      return { status, body: { message: body || statusText } };
    }
  };
}
