/**
 * msw handlers for the AI Runway proxy as the plugin reaches it: through the Headlamp backend to the API
 * server's service proxy (`…/clusters/test-cluster/api/v1/namespaces/airunway-system/services/
 * airunway-proxy:http/proxy/api/<route>`). Bodies are checked against the shared schemas so the fakes
 * cannot drift from what the real proxy sends.
 */
import {
  ErrorBodySchema,
  type ErrorCode,
  httpStatusForErrorCode,
} from '@airunway/shared-client/schemas/errors';
import { PROXY_ENDPOINTS, type ProxyEndpointName } from '@airunway/shared-client/schemas/proxy';
import { http, HttpResponse, type JsonBodyType } from 'msw';

export const PROXY_PREFIX =
  '*/clusters/test-cluster/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/api';

type Answer = unknown | Response | Promise<never>;

function handler(name: ProxyEndpointName, answer: (request: Request) => Answer) {
  const endpoint = PROXY_ENDPOINTS[name];
  const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  return http[method](`${PROXY_PREFIX}${endpoint.path}`, async ({ request }) => {
    const value = await answer(request);
    if (value instanceof Response) return value;
    // Throws (and fails the test) when a fake answer is not what the real proxy could send.
    return HttpResponse.json(endpoint.response.parse(value) as JsonBodyType);
  });
}

export const proxy = {
  on: handler,
  error(code: ErrorCode, error: string) {
    return HttpResponse.json(ErrorBodySchema.parse({ error, code }), {
      status: httpStatusForErrorCode(code),
    });
  },
};

/** What the API server answers itself on the service-proxy path (RBAC denial, no endpoints). */
export function apiServerStatus(code: number, message: string) {
  return HttpResponse.json(
    { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code },
    { status: code }
  );
}
