/**
 * msw handlers that speak the Kubernetes wire format as the Headlamp backend relays it
 * (`http://localhost:4466/clusters/<cluster>/<api path>`): List objects with kind/apiVersion/
 * metadata.resourceVersion/items, and metav1.Status bodies for errors.
 */
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import enCatalog from '../../locales/en/translation.json';

/**
 * Answers every page may ask without the test caring, kept across `server.resetHandlers()`: the plugin's
 * English catalog, Services
 * without EndpointSlices, every CRD installed, a cluster without the `airunway-config` ConfigMap (so cost and AI Configurator options take their defaults). Tests
 * that need it override with `server.use`. Without this, the request would leave the test for
 * localhost:4466 and, with `npm start` running, read a real cluster.
 */
/** The English catalog Headlamp's plugin i18n fetches, as the build ships it (plugin/locales). */
const EN_CATALOG: Record<string, string> = enCatalog;

export const server = setupServer(
  // Headlamp's plugin i18n loads the catalog from the plugin's folder, as in the app (other locales: none).
  http.get('*/plugins/:plugin/locales/:locale/translation.json', ({ params }) =>
    params.locale === 'en' ? HttpResponse.json(EN_CATALOG) : HttpResponse.json({}, { status: 404 })
  ),
  // No Service has backends unless a test says so (the Performance tab reads them).
  http.get(
    '*/clusters/:cluster/apis/discovery.k8s.io/v1/namespaces/:namespace/endpointslices',
    ({ request }) =>
      new URL(request.url).searchParams.get('watch')
        ? new Promise<never>(() => undefined)
        : HttpResponse.json({
            kind: 'EndpointSliceList',
            apiVersion: 'discovery.k8s.io/v1',
            metadata: { resourceVersion: '1' },
            items: [],
          })
  ),
  // Every CRD is installed unless a test says otherwise (the create page checks its provider's CRD).
  http.get(
    '*/clusters/:cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions/:name',
    ({ params }) =>
      HttpResponse.json({
        kind: 'CustomResourceDefinition',
        apiVersion: 'apiextensions.k8s.io/v1',
        metadata: { name: String(params.name), resourceVersion: '1' },
        spec: { group: String(params.name).split('.').slice(1).join('.'), versions: [] },
        status: { conditions: [{ type: 'Established', status: 'True' }] },
      })
  ),
  http.get('*/clusters/:cluster/api/v1/namespaces/airunway-system/configmaps/airunway-config', () =>
    HttpResponse.json(
      {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'configmaps "airunway-config" not found',
        reason: 'NotFound',
        code: 404,
      },
      { status: 404 }
    )
  )
);

let resourceVersion = 1000;

export function list(kind: string, apiVersion: string, items: unknown[]) {
  resourceVersion += 1;
  return {
    kind: `${kind}List`,
    apiVersion,
    metadata: { resourceVersion: String(resourceVersion) },
    items,
  };
}

export function status(code: number, reason: string, message: string) {
  return HttpResponse.json(
    { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
    { status: code }
  );
}

export function forbidden(verb: string, plural: string, group: string, namespace?: string) {
  const groupText = group ? ` in API group "${group}"` : ' in API group ""';
  const scope = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  return status(
    403,
    'Forbidden',
    `${plural}${
      group ? `.${group}` : ''
    } is forbidden: User "alice" cannot ${verb} resource "${plural}"${groupText}${scope}`
  );
}

export function notFound(message = 'the server could not find the requested resource') {
  return status(404, 'NotFound', message);
}

/** A GET handler for a list or object path whose query string is ignored (watches are left pending by msw). */
export function getList(path: string, body: () => unknown | Response | Promise<never>) {
  return http.get(`*/clusters/test-cluster${path}`, async ({ request }) => {
    // Headlamp opens watches over WebSockets; a `?watch=` HTTP request is left unanswered here.
    if (new URL(request.url).searchParams.get('watch')) return new Promise(() => undefined);
    const value = await body();
    return value instanceof Response ? value : HttpResponse.json(value as JsonBodyType);
  });
}

/** A response that never arrives: the page stays in its loading state. */
export function pending() {
  return new Promise<never>(() => undefined);
}

/**
 * A request as path + query without `resourceVersion` (a watch resumes from whatever version the list
 * returned, which differs between runs), so request sets can be compared.
 */
export function requestKey(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('resourceVersion');
  const query = decodeURIComponent(parsed.searchParams.toString());
  return parsed.pathname + (query ? `?${query}` : '');
}

/** Counts requests that reach the (fake) Kubernetes API through the Headlamp backend. */
export function countApiRequests(): { count: () => number; urls: string[]; stop: () => void } {
  const urls: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.url.includes('/clusters/')) urls.push(request.url);
  };
  server.events.on('request:start', listener);
  return {
    count: () => urls.length,
    urls,
    stop: () => server.events.removeListener('request:start', listener),
  };
}

export const ACCESS_REVIEWS =
  '*/clusters/test-cluster/apis/authorization.k8s.io/v1/selfsubjectaccessreviews';

/**
 * The API server's SelfSubjectAccessReview: `allowed` true or false, or a failure of the review itself.
 * Every request body is kept, so a test can say what was asked and how often.
 */
export function accessReview(answer: boolean | (() => Response | Promise<Response>)): {
  handler: ReturnType<typeof http.post>;
  bodies: unknown[];
} {
  const bodies: unknown[] = [];
  const handler = http.post(ACCESS_REVIEWS, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    bodies.push(body);
    if (typeof answer === 'function') return answer();
    return HttpResponse.json({ ...body, status: { allowed: answer } }, { status: 201 });
  });
  return { handler, bodies };
}
