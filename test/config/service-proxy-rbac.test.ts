/**
 * The RBAC model exercised through the real API server's service proxy, not only by SubjectAccessReview:
 *
 * - the real proxy (backend-proxy/src/main.ts) runs in a test host registered as Service `airunway-proxy`,
 *   port `http`, in airunway-system;
 * - ServiceAccounts bound to airunway-viewer / airunway-operator by RoleBindings in airunway-system call
 *   /api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/api/... with their own tokens;
 * - the viewer's GET reaches the proxy and every mutating method is refused by the API server (403 Status),
 *   the operator's mutating requests reach the proxy (its own JSON error shape, not a Kubernetes Status);
 * - a token of the proxy's own ServiceAccount reads Secrets in a release namespace and is refused elsewhere.
 */
import { type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProxyRbac, connect, type LocalCluster, TEST_CLUSTER } from '../cluster/cluster';
import {
  identityWithRules,
  mintToken,
  type TestIdentity,
  testNamespace,
  waitForAccess,
} from '../cluster/fixtures';
import { type KubeClient, type KubeResponse, waitFor } from '../cluster/kube';
import { createTestHost, registerServiceEndpoint, type TestHost } from '../cluster/netns';
import { repoRoot } from '../cluster/paths';

const NS = 'airunway-system';
const PROXY = `/api/v1/namespaces/${NS}/services/airunway-proxy:http/proxy`;
const PORT = 8080;

let cluster: LocalCluster;
let ns: Awaited<ReturnType<typeof testNamespace>>;
let host: TestHost | undefined;
let proxy: ChildProcess | undefined;
let proxyLog = '';
let viewer: TestIdentity;
let operator: TestIdentity;
let nobody: TestIdentity;
const bindings: string[] = [];

async function bind(
  role: 'airunway-viewer' | 'airunway-operator',
  identity: TestIdentity,
  saName: string
) {
  const name = `${role}-${ns.name}`;
  await cluster.kube.apply(
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings/${name}`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace: NS, labels: { 'airunway.ai/test': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ kind: 'ServiceAccount', name: saName, namespace: ns.name }],
    }
  );
  bindings.push(name);
  await waitForAccess(identity.kube, {
    verb: 'get',
    resource: 'services',
    subresource: 'proxy',
    name: 'airunway-proxy',
    namespace: NS,
  });
}

/** A request through the service proxy; the body is parsed as JSON when it is JSON. */
function viaServiceProxy(kube: KubeClient, method: string, path: string): Promise<KubeResponse> {
  const body = method === 'GET' || method === 'DELETE' ? undefined : {};
  return kube.request(method, `${PROXY}${path}`, body, {
    contentType: method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
  });
}

function expectRefusedByApiServer(res: KubeResponse, verb: string): void {
  expect(res.status).toBe(403);
  // A Kubernetes Status from the authorizer, naming the services/proxy subresource: the proxy never saw it.
  expect(res.body).toMatchObject({
    kind: 'Status',
    status: 'Failure',
    reason: 'Forbidden',
    code: 403,
  });
  expect(res.body.message).toContain(`cannot ${verb} resource "services/proxy"`);
}

function expectAnsweredByProxy(res: KubeResponse): void {
  expect(res.body?.kind).toBeUndefined();
  expect(res.body).toMatchObject({ code: expect.any(String), error: expect.any(String) });
}

/** Bindings an interrupted earlier run left behind (their subjects' namespace is gone or going). */
async function removeStaleBindings(): Promise<void> {
  const list = await cluster.kube.get(
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`,
    {
      query: { labelSelector: 'airunway.ai/test=true' },
    }
  );
  for (const rb of list.items ?? []) {
    if (!/^airunway-(viewer|operator)-svcproxy-/.test(rb.metadata.name)) continue;
    const subjectNs = rb.subjects?.[0]?.namespace;
    const res = subjectNs
      ? await cluster.kube.request('GET', `/api/v1/namespaces/${subjectNs}`)
      : undefined;
    const live = res?.status === 200 && res.body?.status?.phase !== 'Terminating';
    if (!live) {
      await cluster.kube.request(
        'DELETE',
        `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings/${rb.metadata.name}`
      );
    }
  }
}

beforeAll(async () => {
  cluster = connect(TEST_CLUSTER);
  // The roles (headlamp-config/rbac) and the proxy's own ServiceAccount and RBAC (headlamp-config/proxy).
  applyProxyRbac(TEST_CLUSTER);
  await removeStaleBindings();
  ns = await testNamespace(cluster.kube, 'svcproxy');
  viewer = await identityWithRules(cluster.kube, ns.name, 'viewer', []);
  operator = await identityWithRules(cluster.kube, ns.name, 'operator', []);
  nobody = await identityWithRules(cluster.kube, ns.name, 'nobody', []);
  await bind('airunway-viewer', viewer, 'viewer');
  await bind('airunway-operator', operator, 'operator');

  // The real proxy, from source, inside a test host. Outside a cluster it needs a kubeconfig; /api/health and
  // the NOT_FOUND answers used here do not call the API server.
  host = createTestHost();
  proxy = host.spawn(process.execPath, ['--import', 'tsx', 'backend-proxy/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: host.ip,
      KUBECONFIG: cluster.kubeconfig,
      KUBE_CONTEXT: cluster.context,
      POD_NAMESPACE: NS,
      LOG_LEVEL: 'warn',
      APP_VERSION: 'service-proxy-test',
    },
  });
  proxy.stdout?.on('data', d => (proxyLog += d));
  proxy.stderr?.on('data', d => (proxyLog += d));
  await registerServiceEndpoint(cluster.kube, {
    namespace: NS,
    name: 'airunway-proxy',
    ip: host.ip,
    port: PORT,
  });
  let last: unknown;
  await waitFor(
    'the proxy to answer through the service proxy',
    async () => {
      if (proxy?.exitCode !== null)
        throw new Error(`the proxy exited (${proxy?.exitCode}): ${proxyLog}`);
      const res = await cluster.kube.request('GET', `${PROXY}/api/health`);
      last = { status: res.status, body: res.body };
      return res.status === 200 ? true : undefined;
    },
    60_000
  ).catch(e => {
    throw new Error(`${e.message}; last answer: ${JSON.stringify(last)}; proxy log: ${proxyLog}`);
  });
}, 180_000);

afterAll(async () => {
  host?.destroy();
  const base = `/api/v1/namespaces/${NS}`;
  // Leave no selector-less airunway-proxy Service behind: the manifests test applies the real one.
  for (const path of [
    `${base}/services/airunway-proxy`,
    `${base}/endpoints/airunway-proxy`,
    `${base}/pods/airunway-proxy-test-host`,
    ...bindings.map(b => `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings/${b}`),
  ]) {
    // No DeleteOptions body: a DELETE with a body breaks the next request on the kept-alive connection.
    await cluster?.kube.request('DELETE', path, undefined, {
      query: { gracePeriodSeconds: 0 },
    });
  }
  await ns?.dispose();
  for (const id of [viewer, operator, nobody]) id?.kube.close();
  cluster?.kube.close();
});

describe('airunway-viewer through the API server service proxy', () => {
  it('reaches the proxy with GET', async () => {
    const res = await viaServiceProxy(viewer.kube, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
    const version = await viaServiceProxy(viewer.kube, 'GET', '/api/health/version');
    expect(version.body).toMatchObject({ version: 'service-proxy-test' });
  });

  it('is refused POST, PUT, PATCH and DELETE by the API server', async () => {
    for (const [method, verb] of [
      ['POST', 'create'],
      ['PUT', 'update'],
      ['PATCH', 'patch'],
      ['DELETE', 'delete'],
    ] as const) {
      const res = await viaServiceProxy(
        viewer.kube,
        method,
        '/api/installation/providers/kaito/install'
      );
      expectRefusedByApiServer(res, verb);
    }
  });
});

describe('airunway-operator through the API server service proxy', () => {
  it('reaches the proxy with GET, POST, PUT and DELETE', async () => {
    const get = await viaServiceProxy(operator.kube, 'GET', '/api/health');
    expect(get.status).toBe(200);
    expect(get.body).toMatchObject({ status: 'ok' });
    // Requests the proxy itself rejects (unknown provider, no such method), so nothing is installed; the
    // answer is the proxy's error shape, which proves the API server let the request through.
    const post = await viaServiceProxy(
      operator.kube,
      'POST',
      '/api/installation/providers/no-such-provider/install'
    );
    expect(post.status).toBe(404);
    expectAnsweredByProxy(post);
    for (const method of ['PUT', 'DELETE']) {
      const res = await viaServiceProxy(operator.kube, method, '/api/health');
      expect(res.status).toBe(404);
      expectAnsweredByProxy(res);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  it('has no PATCH (the role grants get/create/update/delete only)', async () => {
    expectRefusedByApiServer(await viaServiceProxy(operator.kube, 'PATCH', '/api/health'), 'patch');
  });
});

describe('no role', () => {
  it('cannot even GET through the service proxy', async () => {
    expectRefusedByApiServer(await viaServiceProxy(nobody.kube, 'GET', '/api/health'), 'get');
  });
});

describe("the proxy's own ServiceAccount (real requests with its token)", () => {
  let sa: KubeClient;
  beforeAll(async () => {
    sa = cluster.kube.withToken(await mintToken(cluster.kube, NS, 'airunway-proxy', 600));
    await waitForAccess(sa, { verb: 'list', resource: 'secrets', namespace: 'kaito-workspace' });
  });
  afterAll(() => sa?.close());

  it('lists Secrets in the release namespaces it needs', async () => {
    for (const namespace of [
      'kaito-workspace',
      'ray-system',
      'dynamo-system',
      'gpu-operator',
      NS,
    ]) {
      const res = await sa.request('GET', `/api/v1/namespaces/${namespace}/secrets`);
      expect(res.status, namespace).toBe(200);
    }
  });

  it('is refused Secrets everywhere else', async () => {
    for (const path of [
      '/api/v1/namespaces/default/secrets',
      '/api/v1/namespaces/kube-system/secrets',
      `/api/v1/namespaces/${ns.name}/secrets`,
      '/api/v1/secrets',
    ]) {
      const res = await sa.request('GET', path);
      expect(res.status, path).toBe(403);
      expect(res.body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    }
  });

  it('cannot impersonate or call other Services through the service proxy', async () => {
    const other = await sa.request(
      'GET',
      '/api/v1/namespaces/default/services/kubernetes:https/proxy/'
    );
    expect(other.status).toBe(403);
    const res = await sa.request('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { verb: 'impersonate', resource: 'users', group: '' } },
    });
    expect(res.body.status.allowed).toBe(false);
  });
});
