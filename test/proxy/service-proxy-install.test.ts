/**
 * An operator installs a provider through the real API server's service proxy, end to end:
 *
 * - the real proxy (backend-proxy/src/main.ts) runs inside a test host registered as Service
 *   `airunway-proxy`, port `http`, in airunway-system (the airunway-* roles name that Service);
 * - inside the test host the proxy (and the helm it spawns) reaches the API server at the host side of the
 *   veth pair (kube-apiserver binds 0.0.0.0), with a kubeconfig whose `tls-server-name` is a name the API
 *   server certificate lists: the address itself is not in it, and nothing skips verification;
 * - its Kubernetes identity is a ServiceAccount token with exactly the rules of
 *   headlamp-config/proxy/rbac.yaml (as test/proxy/rbac.test.ts grants them), and the charts come from the
 *   loopback chart repository served on the host side of the veth pair;
 * - an airunway-operator token POSTs install and uninstall through
 *   /api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/..., and a real Helm release
 *   appears and disappears; an airunway-viewer token is refused by the API server and changes nothing.
 *
 * The provider is KAITO in its real namespace (kaito-workspace): the process is configured only by its
 * environment, which has no namespace override.
 */
import { type ChildProcess, execFile, execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildRegistry } from '../../backend-proxy/src/helm/registry';
import { bin, connect, kubectl, TEST_CLUSTER } from '../cluster/cluster';
import {
  API_SERVER_TLS_NAME,
  identityWithRules,
  type PolicyRule,
  type TestIdentity,
  testNamespace,
  waitForAccess,
  writeTokenKubeconfig,
} from '../cluster/fixtures';
import { type KubeClient, type KubeResponse, waitFor } from '../cluster/kube';
import { createTestHost, registerServiceEndpoint, type TestHost } from '../cluster/netns';
import { kwokWorkdir, repoRoot } from '../cluster/paths';
import { type ChartRepo, startChartRepo } from './chart-repo';

const execFileAsync = promisify(execFile);
const cluster = connect(TEST_CLUSTER);
const kube = cluster.kube;
const helmBin = bin('helm');

const SYSTEM_NS = 'airunway-system';
const PROXY = `/api/v1/namespaces/${SYSTEM_NS}/services/airunway-proxy:http/proxy`;
const PORT = 8080;
const KAITO = buildRegistry().get('kaito')!;
const RELEASE = KAITO.release;
const RELEASE_NS = KAITO.namespace;
const KAITO_PIN = KAITO.chart.version;
const CRD = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/workspaces.kaito.sh';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';
/** A name the API server's serving certificate lists (checked in beforeAll). */

const manifests = parseAllDocuments(
  readFileSync(join(repoRoot, 'headlamp-config/proxy/rbac.yaml'), 'utf8')
).map(d => d.toJSON());
const clusterRole = (name: string): PolicyRule[] =>
  manifests.find(m => m?.kind === 'ClusterRole' && m.metadata.name === name)!.rules;

let host: TestHost | undefined;
let repo: ChartRepo | undefined;
let proxy: ChildProcess | undefined;
let proxyLog = '';
let tmp: string | undefined;
let saNs: Awaited<ReturnType<typeof testNamespace>> | undefined;
let callerNs: Awaited<ReturnType<typeof testNamespace>> | undefined;
let proxySa: TestIdentity | undefined;
let viewer: TestIdentity | undefined;
let operator: TestIdentity | undefined;
/** kaito-workspace did not exist before this file ran: remove it afterwards. */
let createdReleaseNs = false;
const callerBindings: string[] = [];

/** The API server's serving certificate (kwok: pki/admin.crt, signed by the cluster CA). */
function servingCertificate(): X509Certificate {
  return new X509Certificate(
    readFileSync(join(kwokWorkdir, 'clusters', TEST_CLUSTER.name, 'pki/admin.crt'))
  );
}

function applyRoles(): void {
  // airunway-viewer / airunway-operator (headlamp-config/rbac), as the config test applies them.
  kubectl(TEST_CLUSTER, ['apply', '--server-side', '-k', join(repoRoot, 'headlamp-config/rbac')]);
}

async function bindCaller(
  role: 'airunway-viewer' | 'airunway-operator',
  identity: TestIdentity,
  saName: string
): Promise<void> {
  const name = `${role}-${callerNs!.name}`;
  await kube.apply(`${RBAC}/namespaces/${SYSTEM_NS}/rolebindings/${name}`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace: SYSTEM_NS, labels: { 'airunway.ai/test': 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: [{ kind: 'ServiceAccount', name: saName, namespace: callerNs!.name }],
  });
  callerBindings.push(name);
  await waitForAccess(identity.kube, {
    verb: 'get',
    resource: 'services',
    subresource: 'proxy',
    name: 'airunway-proxy',
    namespace: SYSTEM_NS,
  });
}

/** POST through the API server's service proxy, with no body (the install routes take none). */
function postViaServiceProxy(caller: KubeClient, path: string): Promise<KubeResponse> {
  // helm runs with --wait behind this request: longer than the client's 30 s default.
  return caller.request('POST', `${PROXY}/api${path}`, undefined, { timeoutMs: 180_000 });
}

function expectRefusedByApiServer(res: KubeResponse): void {
  expect(res.status).toBe(403);
  // The authorizer's Status, naming the services/proxy subresource: the proxy never saw the request.
  expect(res.body).toMatchObject({
    kind: 'Status',
    status: 'Failure',
    reason: 'Forbidden',
    code: 403,
  });
  expect(res.body.message).toContain('cannot create resource "services/proxy"');
}

/** Helm's release records (Secrets `sh.helm.release.v1.<release>.v<N>`), as name → resourceVersion. */
async function releaseSecrets(): Promise<Record<string, string>> {
  const res = await kube.request('GET', `/api/v1/namespaces/${RELEASE_NS}/secrets`, undefined, {
    query: { labelSelector: `owner=helm,name=${RELEASE}` },
  });
  if (res.status === 404) return {};
  expect(res.status).toBe(200);
  return Object.fromEntries(
    (res.body.items ?? []).map((s: any) => [s.metadata.name, s.metadata.resourceVersion])
  );
}

/** `helm status` with the cluster's admin credentials, from the test process (not through the proxy). */
async function helmStatus(): Promise<{ found: boolean; release?: any; error?: string }> {
  try {
    const { stdout } = await execFileAsync(
      helmBin,
      [
        'status',
        RELEASE,
        '--namespace',
        RELEASE_NS,
        '--output',
        'json',
        '--kubeconfig',
        cluster.kubeconfig,
        '--kube-context',
        cluster.context,
      ],
      { env: { ...process.env, ...repo!.helmEnv } }
    );
    return { found: true, release: JSON.parse(stdout) };
  } catch (e) {
    return { found: false, error: String((e as { stderr?: string }).stderr ?? e) };
  }
}

/** `helm list` of the release namespace, admin credentials. */
async function helmList(): Promise<any[]> {
  const { stdout } = await execFileAsync(
    helmBin,
    [
      'list',
      '--namespace',
      RELEASE_NS,
      '--all',
      '--output',
      'json',
      '--kubeconfig',
      cluster.kubeconfig,
      '--kube-context',
      cluster.context,
    ],
    { env: { ...process.env, ...repo!.helmEnv } }
  );
  return JSON.parse(stdout);
}

async function crdExists(): Promise<boolean> {
  return (await kube.request('GET', CRD)).status === 200;
}

async function deleteCrdAndWait(): Promise<void> {
  await kube.request('DELETE', CRD);
  await waitFor(
    'the kaito CRD to be gone',
    async () => ((await crdExists()) ? undefined : true),
    60_000
  );
}

/** Leftovers of an interrupted earlier run: the release and the CRD. */
async function removeLeftovers(): Promise<void> {
  if (Object.keys(await releaseSecrets()).length > 0) {
    execFileSync(
      helmBin,
      [
        'uninstall',
        RELEASE,
        '--namespace',
        RELEASE_NS,
        '--wait',
        '--timeout',
        '60s',
        '--kubeconfig',
        cluster.kubeconfig,
        '--kube-context',
        cluster.context,
      ],
      { env: { ...process.env, ...repo!.helmEnv }, stdio: 'pipe' }
    );
  }
  await deleteCrdAndWait();
}

/** kaito-workspace exists and is Active afterwards; returns whether this call created it. */
async function ensureReleaseNamespace(): Promise<boolean> {
  const path = `/api/v1/namespaces/${RELEASE_NS}`;
  // One still terminating from an earlier run has to finish first.
  const existing = await waitFor(
    `namespace ${RELEASE_NS} not terminating`,
    async () => {
      const res = await kube.request('GET', path);
      if (res.status === 404) return { exists: false };
      return res.body?.status?.phase === 'Terminating' ? undefined : { exists: true };
    },
    120_000
  );
  if (existing.exists) return false;
  await kube.post('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: RELEASE_NS, labels: { 'airunway.ai/test': 'true' } },
  });
  return true;
}

beforeAll(async () => {
  // The certificate does not list the address the test host uses, but does list API_SERVER_TLS_NAME.
  const cert = servingCertificate();
  expect(cert.checkHost(API_SERVER_TLS_NAME)).toBe(API_SERVER_TLS_NAME);
  expect(cert.verify(new X509Certificate(kube.creds.ca!).publicKey)).toBe(true);

  host = createTestHost();
  expect(cert.checkIP(host.hostIp)).toBeUndefined();
  repo = await startChartRepo(helmBin, [{ name: 'workspace', versions: [KAITO_PIN] }], {
    host: host.hostIp,
  });
  await removeLeftovers();
  createdReleaseNs = await ensureReleaseNamespace();
  applyRoles();

  // The proxy's identity: the ClusterRole of headlamp-config/proxy/rbac.yaml, and release storage
  // (Secrets) only where the manifests grant it: the provider namespace and the proxy's own namespace.
  saNs = await testNamespace(kube, 'svc-install');
  proxySa = await identityWithRules(
    kube,
    saNs.name,
    'airunway-proxy',
    clusterRole('airunway-proxy'),
    {
      clusterWide: true,
    }
  );
  await kube.post(`${RBAC}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: `${saNs.name}-release-storage`, labels: { 'airunway.ai/test': 'true' } },
    rules: clusterRole('airunway-proxy-release-storage'),
  });
  for (const ns of [RELEASE_NS, saNs.name]) {
    await kube.apply(`${RBAC}/namespaces/${ns}/rolebindings/${saNs.name}-release-storage`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: {
        name: `${saNs.name}-release-storage`,
        namespace: ns,
        labels: { 'airunway.ai/test': 'true' },
      },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: `${saNs.name}-release-storage`,
      },
      subjects: [{ kind: 'ServiceAccount', name: 'airunway-proxy', namespace: saNs.name }],
    });
  }
  await waitForAccess(proxySa.kube, { verb: 'create', resource: 'secrets', namespace: RELEASE_NS });
  await waitForAccess(proxySa.kube, {
    verb: 'create',
    resource: 'leases',
    group: 'coordination.k8s.io',
    namespace: saNs.name,
  });

  // The callers: airunway-viewer and airunway-operator, bound in airunway-system.
  callerNs = await testNamespace(kube, 'svc-callers');
  viewer = await identityWithRules(kube, callerNs.name, 'viewer', []);
  operator = await identityWithRules(kube, callerNs.name, 'operator', []);
  await bindCaller('airunway-viewer', viewer, 'viewer');
  await bindCaller('airunway-operator', operator, 'operator');

  // The proxy's kubeconfig: the API server at the host side of the veth pair, verified as API_SERVER_TLS_NAME.
  tmp = mkdtempSync(join(tmpdir(), 'svc-install-'));
  const kubeconfig = join(tmp, 'kubeconfig');
  writeTokenKubeconfig(kubeconfig, {
    server: `https://${host.hostIp}:${TEST_CLUSTER.port}`,
    ca: kube.creds.ca!,
    token: proxySa.token,
    tlsServerName: API_SERVER_TLS_NAME,
  });

  proxy = host.spawn(process.execPath, ['--import', 'tsx', 'backend-proxy/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: tmp,
      PORT: String(PORT),
      HOST: host.ip,
      KUBECONFIG: kubeconfig,
      KUBE_CONTEXT: 'proxy',
      HELM_BIN: helmBin,
      HELM_TIMEOUT_SECONDS: '120',
      ...repo.helmEnv,
      CHART_REPO_KAITO: repo.url,
      POD_NAMESPACE: saNs.name,
      POD_NAME: 'svc-install-replica',
      LEASE_DURATION_SECONDS: '15',
      LOG_LEVEL: 'warn',
      APP_VERSION: 'service-proxy-install-test',
    },
  });
  proxy.stdout?.on('data', d => (proxyLog += d));
  proxy.stderr?.on('data', d => (proxyLog += d));
  await registerServiceEndpoint(kube, {
    namespace: SYSTEM_NS,
    name: 'airunway-proxy',
    ip: host.ip,
    port: PORT,
  });
  let last: unknown;
  await waitFor(
    'the proxy to answer through the service proxy',
    async () => {
      if (proxy?.exitCode !== null) throw new Error(`the proxy exited (${proxy?.exitCode})`);
      const res = await kube.request('GET', `${PROXY}/api/health/version`);
      last = { status: res.status, body: res.body };
      return res.status === 200 && res.body?.version === 'service-proxy-install-test'
        ? true
        : undefined;
    },
    60_000
  ).catch(async e => {
    const sys = `/api/v1/namespaces/${SYSTEM_NS}`;
    const endpoints = await kube.request('GET', `${sys}/endpoints/airunway-proxy`);
    const pod = await kube.request('GET', `${sys}/pods/airunway-proxy-test-host`);
    throw new Error(
      `${e.message}; last answer: ${JSON.stringify(last)}; endpoints: ${JSON.stringify(
        endpoints.body?.subsets
      )}; pod: ${JSON.stringify(pod.body?.status)}; proxy exit: ${
        proxy?.exitCode
      }; proxy log: ${proxyLog}`
    );
  });
}, 240_000);

afterAll(async () => {
  host?.destroy();
  const sys = `/api/v1/namespaces/${SYSTEM_NS}`;
  // Leave no selector-less airunway-proxy Service behind (the config tests register their own).
  for (const path of [
    `${sys}/services/airunway-proxy`,
    `${sys}/endpoints/airunway-proxy`,
    `${sys}/pods/airunway-proxy-test-host`,
    ...callerBindings.map(b => `${RBAC}/namespaces/${SYSTEM_NS}/rolebindings/${b}`),
  ]) {
    await kube.request('DELETE', path, undefined, { query: { gracePeriodSeconds: 0 } });
  }
  // A failed run may have left the release: remove it with admin rights before its namespace.
  if (repo) await removeLeftovers().catch(() => undefined);
  if (saNs) {
    await kube.request(
      'DELETE',
      `${RBAC}/namespaces/${RELEASE_NS}/rolebindings/${saNs.name}-release-storage`
    );
    for (const n of [`${saNs.name}-airunway-proxy`, `${saNs.name}-release-storage`]) {
      await kube.request('DELETE', `${RBAC}/clusterroles/${n}`);
      await kube.request('DELETE', `${RBAC}/clusterrolebindings/${n}`);
    }
  }
  if (createdReleaseNs) {
    await kube.request('DELETE', `/api/v1/namespaces/${RELEASE_NS}`);
    // Gone before the next file (the config tests create it from the manifests).
    await waitFor(
      `namespace ${RELEASE_NS} deleted`,
      async () =>
        (await kube.request('GET', `/api/v1/namespaces/${RELEASE_NS}`)).status === 404
          ? true
          : undefined,
      120_000
    ).catch(() => undefined);
  }
  for (const ns of [saNs, callerNs]) await ns?.dispose();
  for (const id of [proxySa, viewer, operator]) id?.kube.close();
  await repo?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  kube.close();
}, 240_000);

describe('installing KAITO through the API server service proxy', () => {
  it('a viewer is refused by the API server and nothing is installed', async () => {
    // GET reaches the proxy, which reads the cluster with its own token from inside the test host.
    const before = await viewer!.kube.request(
      'GET',
      `${PROXY}/api/installation/providers/kaito/status`
    );
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    expect(before.body).toMatchObject({ providerId: 'kaito', installed: false, crdFound: false });

    const res = await postViaServiceProxy(viewer!.kube, '/installation/providers/kaito/install');
    expectRefusedByApiServer(res);
    expect(await releaseSecrets()).toEqual({});
    expect((await helmStatus()).found).toBe(false);
    expect(await crdExists()).toBe(false);
  });

  it('an operator installs it: a real Helm release and the CRD exist afterwards', async () => {
    const res = await postViaServiceProxy(operator!.kube, '/installation/providers/kaito/install');
    expect(res.status, `${JSON.stringify(res.body)}\nproxy log: ${proxyLog}`).toBe(200);
    // The proxy's own answer, not a Kubernetes Status.
    expect(res.body.kind).toBeUndefined();
    expect(res.body).toMatchObject({
      success: true,
      results: [{ step: `Install Helm chart: ${RELEASE}`, success: true }],
      installationStatus: { installed: true, crdFound: true },
    });
    expect(repo!.downloads.get(`workspace-${KAITO_PIN}.tgz`)).toBeGreaterThan(0);

    const status = await helmStatus();
    expect(status.found, status.error).toBe(true);
    expect(status.release).toMatchObject({
      name: RELEASE,
      namespace: RELEASE_NS,
      version: 1,
      info: { status: 'deployed' },
    });
    expect(await helmList()).toEqual([
      expect.objectContaining({
        name: RELEASE,
        namespace: RELEASE_NS,
        revision: '1',
        status: 'deployed',
        chart: `workspace-${KAITO_PIN}`,
      }),
    ]);
    const secrets = await releaseSecrets();
    expect(Object.keys(secrets)).toEqual([`sh.helm.release.v1.${RELEASE}.v1`]);
    const secret = await kube.get(
      `/api/v1/namespaces/${RELEASE_NS}/secrets/sh.helm.release.v1.${RELEASE}.v1`
    );
    expect(secret.metadata.labels).toMatchObject({
      owner: 'helm',
      name: RELEASE,
      status: 'deployed',
    });

    const crd = await kube.get(CRD);
    expect(
      crd.status?.conditions?.some((c: any) => c.type === 'Established' && c.status === 'True')
    ).toBe(true);
  }, 200_000);

  it('a viewer cannot uninstall it: refused by the API server, the release unchanged', async () => {
    const before = await releaseSecrets();
    expect(Object.keys(before)).toHaveLength(1);
    expectRefusedByApiServer(
      await postViaServiceProxy(viewer!.kube, '/installation/providers/kaito/uninstall')
    );
    expectRefusedByApiServer(
      await postViaServiceProxy(viewer!.kube, '/installation/providers/kaito/install')
    );
    expect(await releaseSecrets()).toEqual(before);
    expect((await helmStatus()).release).toMatchObject({
      version: 1,
      info: { status: 'deployed' },
    });
    expect(await crdExists()).toBe(true);
  });

  it('an operator uninstalls it: the release is gone, the CRD preserved', async () => {
    const res = await postViaServiceProxy(
      operator!.kube,
      '/installation/providers/kaito/uninstall'
    );
    expect(res.status, `${JSON.stringify(res.body)}\nproxy log: ${proxyLog}`).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      results: [{ step: `Uninstall Helm chart: ${RELEASE}`, success: true }],
      installationStatus: { installed: false, crdFound: true },
    });
    expect(await releaseSecrets()).toEqual({});
    const status = await helmStatus();
    expect(status.found).toBe(false);
    expect(status.error).toContain('release: not found');
    expect(await helmList()).toEqual([]);
    expect(
      (await kube.request('GET', `/apis/apps/v1/namespaces/${RELEASE_NS}/deployments/${RELEASE}`))
        .status
    ).toBe(404);
  }, 200_000);
});
