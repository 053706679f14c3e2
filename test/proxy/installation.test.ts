/**
 * The proxy's installation routes against the real local control plane and the real helm CLI, with
 * test charts served from a loopback chart repository.
 */
import { ErrorBodySchema } from '@airunway/shared-client/schemas/errors';
import { ProviderReleaseStatusResponseSchema } from '@airunway/shared-client/schemas/installation';
import { ProviderActionResponseSchema } from '@airunway/shared-client/schemas/proxy';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistry } from '../../backend-proxy/src/helm/registry';
import { bin, connect, TEST_CLUSTER } from '../cluster/cluster';
import { testNamespace } from '../cluster/fixtures';
import { waitFor } from '../cluster/kube';
import { type ChartRepo, startChartRepo } from './chart-repo';
import { markLatestRevision, proxyFor, type ProxyUnderTest } from './harness';

const execFileAsync = promisify(execFile);
const cluster = connect(TEST_CLUSTER);
const kube = cluster.kube;
const helmBin = bin('helm');
const suffix = randomBytes(3).toString('hex');
const KAITO_NS = `kaito-${suffix}`;
const RAY_NS = `ray-${suffix}`;
const KAITO_CRDS = ['workspaces.kaito.sh'];
const RAY_CRDS = ['rayclusters.ray.io', 'rayjobs.ray.io', 'rayservices.ray.io'];
const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
// The pinned versions the proxy installs, and a newer one a later proxy would pin.
const KAITO_PIN = buildRegistry().get('kaito')!.chart.version;
const RAY_PIN = buildRegistry().get('kuberay')!.chart.version;
const NEWER = '99.0.0';

let repo: ChartRepo;
let leaseNs: Awaited<ReturnType<typeof testNamespace>>;
const proxies: ProxyUnderTest[] = [];

function newProxy(identity: string, versions: Record<string, string> = {}) {
  const p = proxyFor(cluster, {
    helmBin,
    helmEnv: repo.helmEnv,
    leaseNamespace: leaseNs.name,
    identity,
    registry: {
      chartRepos: { kaito: repo.url, kuberay: repo.url },
      namespaces: { kaito: KAITO_NS, kuberay: RAY_NS },
      versions,
    },
  });
  proxies.push(p);
  return p;
}

async function crdExists(name: string) {
  return (await kube.request('GET', `${CRD_PATH}/${name}`)).status === 200;
}

async function deleteCrdsAndWait(names: string[]) {
  for (const n of names) await kube.request('DELETE', `${CRD_PATH}/${n}`);
  await waitFor(
    'CRDs gone',
    async () => ((await Promise.all(names.map(crdExists))).some(Boolean) ? undefined : true),
    60_000
  );
}

function action(body: unknown) {
  const parsed = ProviderActionResponseSchema.safeParse(body);
  expect(parsed.success, JSON.stringify(body)).toBe(true);
  return body as any;
}

beforeAll(async () => {
  repo = await startChartRepo(helmBin, [
    { name: 'workspace', versions: [KAITO_PIN, NEWER] },
    { name: 'kuberay-operator', versions: [RAY_PIN] },
  ]);
  leaseNs = await testNamespace(kube, 'proxy-lease');
  // Leftovers of an earlier, interrupted run.
  await deleteCrdsAndWait([...KAITO_CRDS, ...RAY_CRDS]);
});

afterAll(async () => {
  for (const ns of [KAITO_NS, RAY_NS]) await kube.request('DELETE', `/api/v1/namespaces/${ns}`);
  await deleteCrdsAndWait([...KAITO_CRDS, ...RAY_CRDS]).catch(() => undefined);
  await leaseNs?.dispose();
  for (const p of proxies) p.close();
  await repo?.close();
  kube.close();
});

describe('helm', () => {
  it('reports the real helm CLI', async () => {
    const res = await newProxy('helm-check').request('GET', '/installation/helm/status');
    expect(res).toEqual({ status: 200, body: { available: true, version: 'v3.18.6' } });
  });
});

describe('provider lifecycle (kaito): install → upgrade → uninstall keeps CRDs → uninstall-crds', () => {
  it('runs the whole lifecycle against the cluster', async () => {
    const proxy = newProxy('replica-a');

    const before = await proxy.request('GET', '/installation/providers/kaito/status');
    expect(before.status).toBe(200);
    expect(ProviderReleaseStatusResponseSchema.safeParse(before.body).success).toBe(true);
    expect(before.body).toMatchObject({
      providerId: 'kaito',
      installed: false,
      crdFound: false,
      operatorRunning: false,
      pending: false,
    });

    const install = await proxy.request('POST', '/installation/providers/kaito/install');
    expect(install.status).toBe(200);
    action(install.body);
    expect(install.body.success).toBe(true);
    expect(install.body.results).toHaveLength(1);
    expect(install.body.results[0]).toMatchObject({
      step: 'Install Helm chart: kaito-workspace',
      success: true,
    });
    expect(install.body.installationStatus).toMatchObject({ installed: true, crdFound: true });
    expect(repo.downloads.get(`workspace-${KAITO_PIN}.tgz`)).toBeGreaterThan(0);

    // kwok runs the operator pod on a simulated CPU node.
    const healthy = await waitFor('kaito operator running', async () => {
      const s = await proxy.request('GET', '/installation/providers/kaito/status');
      return s.body.operatorRunning ? s.body : undefined;
    });
    expect(healthy).toMatchObject({
      installed: true,
      crdFound: true,
      operatorRunning: true,
      version: `workspace-${KAITO_PIN}`,
      pinnedVersion: KAITO_PIN,
      message: 'KAITO is installed and running',
      release: {
        name: 'kaito-workspace',
        namespace: KAITO_NS,
        status: 'deployed',
        revision: 1,
        chartVersion: KAITO_PIN,
      },
    });

    const again = await proxy.request('POST', '/installation/providers/kaito/install');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ success: true, alreadyInstalled: true, results: [] });

    // A proxy shipping a newer pin upgrades the release.
    const newer = newProxy('replica-b', { kaito: NEWER });
    const upgrade = await newer.request('POST', '/installation/providers/kaito/upgrade');
    expect(upgrade.status).toBe(200);
    action(upgrade.body);
    expect(upgrade.body.success).toBe(true);
    expect(upgrade.body.results[0]).toMatchObject({
      step: `Upgrade Helm chart: kaito-workspace to workspace ${NEWER}`,
      success: true,
    });
    const cm = await kube.get(`/api/v1/namespaces/${KAITO_NS}/configmaps/kaito-workspace-version`);
    expect(cm.data.chartVersion).toBe(NEWER);
    const upgraded = await newer.request('GET', '/installation/providers/kaito/status');
    expect(upgraded.body.release).toMatchObject({
      status: 'deployed',
      revision: 2,
      chartVersion: NEWER,
    });

    // CRDs cannot be removed while the release is installed.
    const early = await proxy.request('POST', '/installation/providers/kaito/uninstall-crds');
    expect(early.status).toBe(409);
    expect(ErrorBodySchema.parse(early.body).code).toBe('CONFLICT');
    expect(await crdExists('workspaces.kaito.sh')).toBe(true);

    const uninstall = await proxy.request('POST', '/installation/providers/kaito/uninstall');
    expect(uninstall.status).toBe(200);
    action(uninstall.body);
    expect(uninstall.body).toMatchObject({
      success: true,
      message: "KAITO uninstalled (CRDs preserved - use 'Uninstall CRDs' for complete removal)",
      installationStatus: { installed: false, crdFound: true, operatorRunning: false },
      results: [
        {
          step: 'Uninstall Helm chart: kaito-workspace',
          success: true,
          output: 'release "kaito-workspace" uninstalled',
        },
      ],
    });
    expect(await crdExists('workspaces.kaito.sh')).toBe(true);
    expect(
      (
        await kube.request(
          'GET',
          `/apis/apps/v1/namespaces/${KAITO_NS}/deployments/kaito-workspace`
        )
      ).status
    ).toBe(404);

    const uninstallAgain = await proxy.request('POST', '/installation/providers/kaito/uninstall');
    expect(uninstallAgain.body).toMatchObject({ success: true, results: [] });

    const removeCrds = await proxy.request('POST', '/installation/providers/kaito/uninstall-crds');
    expect(removeCrds.status).toBe(200);
    action(removeCrds.body);
    expect(removeCrds.body).toMatchObject({
      success: true,
      message: 'Provider CRDs uninstalled',
      installationStatus: { installed: false, crdFound: false, operatorRunning: false },
      results: [
        {
          step: 'Delete CRD: workspaces.kaito.sh',
          success: true,
          output: 'CRD workspaces.kaito.sh deleted',
        },
      ],
    });
    expect(await crdExists('workspaces.kaito.sh')).toBe(false);

    const upgradeMissing = await proxy.request('POST', '/installation/providers/kaito/upgrade');
    expect(upgradeMissing.status).toBe(424);
    expect(ErrorBodySchema.parse(upgradeMissing.body).code).toBe('PROVIDER_NOT_INSTALLED');

    // Every operation released its Lease.
    const leases = await kube.get(`/apis/coordination.k8s.io/v1/namespaces/${leaseNs.name}/leases`);
    expect(leases.items).toEqual([]);
  }, 240_000);
});

describe('one operation per release (kuberay)', () => {
  it('two replicas installing the same release at once: exactly one gets 409 CONFLICT', async () => {
    const a = newProxy('replica-1');
    const b = newProxy('replica-2');
    const answers = await Promise.all([
      a.request('POST', '/installation/providers/kuberay/install'),
      b.request('POST', '/installation/providers/kuberay/install'),
    ]);
    const statuses = answers.map(r => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = answers.find(r => r.status === 409)!;
    expect(ErrorBodySchema.parse(loser.body)).toMatchObject({
      code: 'CONFLICT',
      details: { release: 'kuberay-operator', namespace: RAY_NS },
    });
    const winner = answers.find(r => r.status === 200)!;
    expect(winner.body.success).toBe(true);
    const status = await a.request('GET', '/installation/providers/kuberay/status');
    expect(status.body.release).toMatchObject({ status: 'deployed', revision: 1 });
  }, 180_000);

  it('a live Lease held by another replica blocks; an expired one is taken over', async () => {
    const proxy = newProxy('replica-3');
    const leasePath = `/apis/coordination.k8s.io/v1/namespaces/${leaseNs.name}/leases`;
    const name = `airunway-helm.${RAY_NS}.kuberay-operator`;
    const micro = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    await kube.post(leasePath, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name },
      spec: {
        holderIdentity: 'other-replica/op',
        leaseDurationSeconds: 60,
        acquireTime: micro(new Date()),
        renewTime: micro(new Date()),
      },
    });
    const blocked = await proxy.request('POST', '/installation/providers/kuberay/upgrade');
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('CONFLICT');
    const getBlocked = await proxy.request('GET', '/installation/providers/kuberay/status');
    expect(getBlocked.status).toBe(200);

    const stale = await kube.get(`${leasePath}/${name}`);
    stale.spec.renewTime = micro(new Date(Date.now() - 120_000));
    await kube.put(`${leasePath}/${name}`, stale);
    const taken = await proxy.request('POST', '/installation/providers/kuberay/upgrade');
    expect(taken.status).toBe(200);
    expect(taken.body.success).toBe(true);
    expect((await kube.request('GET', `${leasePath}/${name}`)).status).toBe(404);
  }, 180_000);
});

describe('a release left pending is recovered (kuberay)', () => {
  it('pending-upgrade: status reports it, upgrade rolls back first and then upgrades', async () => {
    const proxy = newProxy('replica-4');
    const revision = await markLatestRevision(kube, RAY_NS, 'kuberay-operator', 'pending-upgrade');
    expect(revision).toBe(2);
    const status = await proxy.request('GET', '/installation/providers/kuberay/status');
    expect(status.body).toMatchObject({
      installed: false,
      pending: true,
      release: { status: 'pending-upgrade', revision: 2 },
    });
    expect(status.body.message).toContain('stuck in pending-upgrade');
    // Without recovery, helm itself refuses to touch the release.
    // (async: the loopback chart repository runs in this process)
    const direct = await execFileAsync(
      helmBin,
      [
        'upgrade',
        'kuberay-operator',
        'kuberay-operator',
        '--repo',
        repo.url,
        '--version',
        RAY_PIN,
        '--namespace',
        RAY_NS,
        '--kubeconfig',
        cluster.kubeconfig,
        '--kube-context',
        cluster.context,
      ],
      { env: { ...process.env, ...repo.helmEnv }, encoding: 'utf8' }
    ).then(
      () => ({ status: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ status: e.code, stderr: e.stderr })
    );
    expect(direct.status).not.toBe(0);
    expect(direct.stderr).toContain('another operation (install/upgrade/rollback) is in progress');

    const upgrade = await proxy.request('POST', '/installation/providers/kuberay/upgrade');
    expect(upgrade.status).toBe(200);
    action(upgrade.body);
    expect(upgrade.body.success).toBe(true);
    expect(upgrade.body.results.map((r: any) => r.step)).toEqual([
      'Recover kuberay-operator from pending-upgrade: roll back to revision 1',
      `Upgrade Helm chart: kuberay-operator to kuberay-operator ${RAY_PIN}`,
    ]);
    const after = await proxy.request('GET', '/installation/providers/kuberay/status');
    expect(after.body).toMatchObject({
      installed: true,
      pending: false,
      release: { status: 'deployed', revision: 4 },
    });
  }, 180_000);

  it('pending-install: install uninstalls the stuck release and installs it again', async () => {
    const proxy = newProxy('replica-5');
    // Start from a single pending-install revision, as a replica killed during its first install leaves it.
    const removed = await proxy.request('POST', '/installation/providers/kuberay/uninstall');
    expect(removed.body.success).toBe(true);
    await waitFor('kuberay pods gone', async () => {
      const pods = await kube.get(`/api/v1/namespaces/${RAY_NS}/pods`, {
        query: { labelSelector: 'app.kubernetes.io/name=kuberay-operator' },
      });
      return pods.items.length === 0 ? true : undefined;
    });
    expect(
      (await proxy.request('POST', '/installation/providers/kuberay/install')).body.success
    ).toBe(true);
    await markLatestRevision(kube, RAY_NS, 'kuberay-operator', 'pending-install');

    const status = await proxy.request('GET', '/installation/providers/kuberay/status');
    expect(status.body).toMatchObject({
      installed: false,
      pending: true,
      release: { status: 'pending-install' },
    });
    const install = await proxy.request('POST', '/installation/providers/kuberay/install');
    expect(install.status).toBe(200);
    action(install.body);
    expect(install.body.results.map((r: any) => [r.step, r.success])).toEqual([
      ['Recover kuberay-operator from pending-install: uninstall', true],
      ['Install Helm chart: kuberay-operator', true],
    ]);
    expect(install.body.installationStatus).toMatchObject({ installed: true, crdFound: true });
    const after = await proxy.request('GET', '/installation/providers/kuberay/status');
    expect(after.body.release).toMatchObject({ status: 'deployed', revision: 1 });

    // Clean up through the API as well.
    expect(
      (await proxy.request('POST', '/installation/providers/kuberay/uninstall')).body.success
    ).toBe(true);
    const crds = await proxy.request('POST', '/installation/providers/kuberay/uninstall-crds');
    expect(crds.body.results.map((r: any) => r.step)).toEqual(
      RAY_CRDS.map(n => `Delete CRD: ${n}`)
    );
    expect(crds.body.installationStatus).toMatchObject({ installed: false, crdFound: false });
  }, 240_000);
});
