/**
 * The Gateway API / Inference Extension CRD routes and the GPU operator routes against the real local
 * control plane (16 simulated GPUs) and the real helm CLI, charts from a loopback repository.
 */
import {
  GatewayInstallResponseSchema,
  GatewayStatusResponseSchema,
  GpuOperatorInstallResponseSchema,
  GpuOperatorStatusSchema,
} from '@airunway/shared-client/schemas/proxy';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRegistry } from '../../backend-proxy/src/helm/registry';
import { bin, connect, TEST_CLUSTER } from '../cluster/cluster';
import { testNamespace } from '../cluster/fixtures';
import { waitFor } from '../cluster/kube';
import { type ChartRepo, startChartRepo } from './chart-repo';
import { proxyFor, type ProxyUnderTest } from './harness';

const cluster = connect(TEST_CLUSTER);
const kube = cluster.kube;
const helmBin = bin('helm');
const suffix = randomBytes(3).toString('hex');
const GATEWAY_NS = `gw-${suffix}`;
const GPU_NS = `gpu-${suffix}`;
const GATEWAY_CRDS = [
  'gateways.gateway.networking.k8s.io',
  'httproutes.gateway.networking.k8s.io',
  'inferencepools.inference.networking.k8s.io',
];
const GPU_CRDS = ['clusterpolicies.nvidia.com', 'nvidiadrivers.nvidia.com'];
const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

let repo: ChartRepo;
let leaseNs: Awaited<ReturnType<typeof testNamespace>>;
let proxy: ProxyUnderTest;

async function deleteCrdsAndWait(names: string[]) {
  for (const n of names) await kube.request('DELETE', `${CRD_PATH}/${n}`);
  await waitFor(
    'CRDs gone',
    async () => {
      const codes = await Promise.all(
        names.map(n => kube.request('GET', `${CRD_PATH}/${n}`).then(r => r.status))
      );
      return codes.every(c => c === 404) ? true : undefined;
    },
    60_000
  );
}

beforeAll(async () => {
  repo = await startChartRepo(helmBin, [
    { name: 'gateway-crds', versions: [buildRegistry().get('gateway-api')!.chart.version] },
    { name: 'gpu-operator', versions: [buildRegistry().get('gpu-operator')!.chart.version] },
  ]);
  leaseNs = await testNamespace(kube, 'proxy-lease');
  await deleteCrdsAndWait([...GATEWAY_CRDS, ...GPU_CRDS]);
  proxy = proxyFor(cluster, {
    helmBin,
    helmEnv: repo.helmEnv,
    leaseNamespace: leaseNs.name,
    identity: 'replica-gw',
    registry: {
      chartRepos: { 'gateway-api': repo.url, 'gpu-operator': repo.url },
      namespaces: { 'gateway-api': GATEWAY_NS, 'gpu-operator': GPU_NS },
    },
  });
});

afterAll(async () => {
  await proxy
    ?.request('POST', '/installation/providers/gpu-operator/uninstall')
    .catch(() => undefined);
  for (const ns of [GATEWAY_NS, GPU_NS]) await kube.request('DELETE', `/api/v1/namespaces/${ns}`);
  await deleteCrdsAndWait([...GATEWAY_CRDS, ...GPU_CRDS]).catch(() => undefined);
  await leaseNs?.dispose();
  proxy?.close();
  await repo?.close();
  kube.close();
});

describe('Gateway API and Inference Extension CRDs', () => {
  it('status → install-crds → status', async () => {
    const before = await proxy.request('GET', '/installation/gateway/status');
    expect(before.status).toBe(200);
    expect(GatewayStatusResponseSchema.parse(before.body)).toMatchObject({
      gatewayApiInstalled: false,
      inferenceExtInstalled: false,
      pinnedVersion: buildRegistry().get('gateway-api')!.chart.version,
      gatewayAvailable: false,
    });
    expect(before.body.installCommands.at(-1)).toContain(
      'helm upgrade --install airunway-gateway-crds'
    );

    const install = await proxy.request('POST', '/installation/gateway/install-crds');
    expect(install.status).toBe(200);
    expect(GatewayInstallResponseSchema.parse(install.body)).toMatchObject({
      success: true,
      message: 'Gateway API and Inference Extension CRDs installed successfully',
      results: [{ step: 'Install Helm chart: airunway-gateway-crds', success: true }],
    });

    const after = await proxy.request('GET', '/installation/gateway/status');
    expect(after.body).toMatchObject({
      gatewayApiInstalled: true,
      inferenceExtInstalled: true,
      gatewayApiVersion: 'v1.2.1',
      inferenceExtVersion: 'v1.5.0',
      gatewayAvailable: false,
    });

    // A programmed Gateway makes the gateway available, with its address.
    const gw = await kube.post(
      `/apis/gateway.networking.k8s.io/v1/namespaces/${leaseNs.name}/gateways`,
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'inference' },
        spec: {
          gatewayClassName: 'test',
          listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
        },
      }
    );
    await kube.put(
      `/apis/gateway.networking.k8s.io/v1/namespaces/${leaseNs.name}/gateways/inference/status`,
      {
        ...gw,
        status: {
          addresses: [{ type: 'IPAddress', value: '10.0.0.50' }],
          conditions: [
            {
              type: 'Programmed',
              status: 'True',
              reason: 'Programmed',
              message: '',
              lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
            },
          ],
        },
      }
    );
    const available = await proxy.request('GET', '/installation/gateway/status');
    expect(available.body).toMatchObject({ gatewayAvailable: true, gatewayEndpoint: '10.0.0.50' });
    expect(available.body.message).toBe(
      'Gateway API and Inference Extension CRDs are installed. Gateway is available.'
    );
  }, 120_000);
});

describe('NVIDIA GPU operator', () => {
  it('counts the simulated GPUs, installs the operator and reports it', async () => {
    const before = await proxy.request('GET', '/installation/gpu-operator/status');
    expect(before.status).toBe(200);
    expect(GpuOperatorStatusSchema.parse(before.body)).toMatchObject({
      installed: false,
      crdFound: false,
      gpusAvailable: true,
      totalGPUs: 16,
    });
    expect(before.body.gpuNodes).toHaveLength(3);

    const install = await proxy.request('POST', '/installation/gpu-operator/install');
    expect(install.status).toBe(200);
    expect(GpuOperatorInstallResponseSchema.parse(install.body)).toMatchObject({
      success: true,
      message: 'NVIDIA GPU Operator installed successfully',
      status: { installed: true, crdFound: true, totalGPUs: 16 },
    });
    const running = await waitFor('gpu operator running', async () => {
      const s = await proxy.request('GET', '/installation/gpu-operator/status');
      return s.body.operatorRunning ? s.body : undefined;
    });
    expect(running.message).toBe('NVIDIA GPU Operator is installed; 16 GPUs on 3 nodes.');

    const again = await proxy.request('POST', '/installation/gpu-operator/install');
    expect(again.body).toMatchObject({ success: true, alreadyInstalled: true });
  }, 120_000);
});
