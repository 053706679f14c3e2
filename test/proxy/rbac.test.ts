/**
 * The proxy with exactly the ServiceAccount rights of headlamp-config/proxy/rbac.yaml (documented in
 * backend-proxy/RBAC.md): a token of that ServiceAccount drives both the proxy's Kubernetes client and
 * helm through the whole provider lifecycle. Nothing more is granted than the manifests grant.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { buildRegistry } from '../../backend-proxy/src/helm/registry';
import { bin, connect, TEST_CLUSTER } from '../cluster/cluster';
import {
  identityWithRules,
  type PolicyRule,
  testNamespace,
  waitForAccess,
  writeTokenKubeconfig,
} from '../cluster/fixtures';
import { waitFor } from '../cluster/kube';
import { repoRoot } from '../cluster/paths';
import { type ChartRepo, startChartRepo } from './chart-repo';
import { proxyFor, type ProxyUnderTest } from './harness';

const cluster = connect(TEST_CLUSTER);
const kube = cluster.kube;
const helmBin = bin('helm');
const KAITO_PIN = buildRegistry().get('kaito')!.chart.version;
const CRD = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/workspaces.kaito.sh';
const RBAC = '/apis/rbac.authorization.k8s.io/v1';

const manifests = parseAllDocuments(
  readFileSync(join(repoRoot, 'headlamp-config/proxy/rbac.yaml'), 'utf8')
).map(d => d.toJSON());
const clusterRole = (name: string): PolicyRule[] =>
  manifests.find(m => m?.kind === 'ClusterRole' && m.metadata.name === name)!.rules;

let repo: ChartRepo;
let saNs: Awaited<ReturnType<typeof testNamespace>>;
let providerNs: Awaited<ReturnType<typeof testNamespace>>;
let otherNs: Awaited<ReturnType<typeof testNamespace>>;
let proxy: ProxyUnderTest;
let tmp: string;
let saKube: ReturnType<typeof kube.withToken>;

beforeAll(async () => {
  repo = await startChartRepo(helmBin, [{ name: 'workspace', versions: [KAITO_PIN] }]);
  saNs = await testNamespace(kube, 'proxy-sa');
  providerNs = await testNamespace(kube, 'kaito-rbac');
  otherNs = await testNamespace(kube, 'other');
  await kube.request('DELETE', CRD);
  await waitFor(
    'kaito CRD gone',
    async () => ((await kube.request('GET', CRD)).status === 404 ? true : undefined),
    60_000
  );

  // The proxy's ClusterRole, and Helm's release storage in the provider namespace only.
  const sa = await identityWithRules(
    kube,
    saNs.name,
    'airunway-proxy',
    clusterRole('airunway-proxy'),
    { clusterWide: true }
  );
  await kube.post(`${RBAC}/clusterroles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: `${saNs.name}-release-storage`, labels: { 'airunway.ai/test': 'true' } },
    rules: clusterRole('airunway-proxy-release-storage'),
  });
  for (const ns of [providerNs.name, saNs.name]) {
    await kube.post(`${RBAC}/namespaces/${ns}/rolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'airunway-proxy-release-storage' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: `${saNs.name}-release-storage`,
      },
      subjects: [{ kind: 'ServiceAccount', name: 'airunway-proxy', namespace: saNs.name }],
    });
  }
  saKube = sa.kube;
  await waitForAccess(sa.kube, { verb: 'create', resource: 'secrets', namespace: providerNs.name });
  await waitForAccess(sa.kube, {
    verb: 'create',
    resource: 'leases',
    group: 'coordination.k8s.io',
    namespace: saNs.name,
  });

  tmp = mkdtempSync(join(tmpdir(), 'proxy-sa-'));
  const kubeconfig = join(tmp, 'kubeconfig');
  writeTokenKubeconfig(kubeconfig, { server: cluster.server, ca: kube.creds.ca!, token: sa.token });
  proxy = proxyFor(cluster, {
    helmBin,
    helmEnv: repo.helmEnv,
    leaseNamespace: saNs.name,
    identity: 'rbac-replica',
    registry: { chartRepos: { kaito: repo.url }, namespaces: { kaito: providerNs.name } },
    kubeconfig: { path: kubeconfig, context: 'proxy' },
  });
});

afterAll(async () => {
  proxy?.close();
  for (const n of [`${saNs?.name}-airunway-proxy`, `${saNs?.name}-release-storage`]) {
    await kube.request('DELETE', `${RBAC}/clusterroles/${n}`);
    await kube.request('DELETE', `${RBAC}/clusterrolebindings/${n}`);
  }
  await kube.request('DELETE', CRD);
  for (const ns of [saNs, providerNs, otherNs]) await ns?.dispose();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  await repo?.close();
  saKube?.close();
  kube.close();
});

describe('the proxy with the rights of headlamp-config/proxy/rbac.yaml', () => {
  it('installs, reports, uninstalls and removes the CRDs of a provider', async () => {
    expect((await proxy.request('GET', '/installation/providers/kaito/status')).status).toBe(200);

    const install = await proxy.request('POST', '/installation/providers/kaito/install');
    expect(install.status).toBe(200);
    expect(install.body.results[0]).toMatchObject({ success: true });
    expect(install.body.success).toBe(true);

    const healthy = await waitFor('kaito operator running', async () => {
      const s = await proxy.request('GET', '/installation/providers/kaito/status');
      return s.body.operatorRunning ? s.body : undefined;
    });
    expect(healthy).toMatchObject({ installed: true, crdFound: true, operatorRunning: true });

    const upgrade = await proxy.request('POST', '/installation/providers/kaito/upgrade');
    expect(upgrade.body.success).toBe(true);

    const uninstall = await proxy.request('POST', '/installation/providers/kaito/uninstall');
    expect(uninstall.body).toMatchObject({
      success: true,
      installationStatus: { installed: false, crdFound: true },
    });

    const crds = await proxy.request('POST', '/installation/providers/kaito/uninstall-crds');
    expect(crds.body).toMatchObject({ success: true, installationStatus: { crdFound: false } });
  }, 180_000);

  it('cannot read Secrets outside the release namespaces', async () => {
    const res = await saKube.request('GET', `/api/v1/namespaces/${otherNs.name}/secrets`);
    expect(res.status).toBe(403);
  });
});
