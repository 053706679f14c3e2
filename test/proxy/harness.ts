/** Builds the proxy app with its real dependencies against the test cluster (integration tests). */
import { gunzipSync, gzipSync } from 'node:zlib';
import { createApp } from '../../backend-proxy/src/app';
import { createHelmCli } from '../../backend-proxy/src/helm/cli';
import { createLeaseLock } from '../../backend-proxy/src/helm/lock';
import { createInstallationService } from '../../backend-proxy/src/helm/operations';
import { buildRegistry, type RegistryOverrides } from '../../backend-proxy/src/helm/registry';
import { KubeClient, kubeconfigCredentials } from '../../backend-proxy/src/kube/client';
import { createLogger } from '../../backend-proxy/src/log';
import type { LocalCluster } from '../cluster/cluster';
import type { KubeClient as TestKube } from '../cluster/kube';

export interface ProxyUnderTest {
  request(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: any }>;
  close(): void;
}

export function proxyFor(
  cluster: LocalCluster,
  opts: {
    helmBin: string;
    helmEnv: Record<string, string>;
    leaseNamespace: string;
    identity: string;
    registry: RegistryOverrides;
    operationTimeoutSeconds?: number;
    /** Another kubeconfig (e.g. a ServiceAccount token) instead of the cluster's admin one. */
    kubeconfig?: { path: string; context: string };
  }
): ProxyUnderTest {
  const kubeconfig = opts.kubeconfig ?? { path: cluster.kubeconfig, context: cluster.context };
  const kube = new KubeClient(kubeconfigCredentials(kubeconfig.path, kubeconfig.context));
  const helm = createHelmCli({
    bin: opts.helmBin,
    kubeconfig: kubeconfig.path,
    kubeContext: kubeconfig.context,
    env: opts.helmEnv,
    timeoutMs: 120_000,
  });
  const logger = createLogger(process.env.PROXY_LOG_LEVEL ?? 'silent');
  const lock = createLeaseLock({
    kube,
    namespace: opts.leaseNamespace,
    identity: opts.identity,
    leaseDurationSeconds: 15,
    logger,
  });
  const installation = createInstallationService({
    helm,
    kube,
    lock,
    registry: buildRegistry(opts.registry),
    operationTimeoutSeconds: opts.operationTimeoutSeconds ?? 90,
    crdDeletionWaitMs: 30_000,
    logger,
  });
  const { app } = createApp({
    logger,
    version: { version: 'test', buildTime: 'now', gitCommit: 'none' },
    installation,
  });
  return {
    async request(method, path) {
      const res = await app.request(`/api${path}`, { method });
      return { status: res.status, body: await res.json() };
    },
    close: () => kube.close(),
  };
}

/** Helm stores each revision in the Secret `sh.helm.release.v1.<name>.v<N>`: base64(gzip(JSON)). */
function decodeRelease(data: string): any {
  const helmEncoded = Buffer.from(data, 'base64').toString('utf8');
  return JSON.parse(gunzipSync(Buffer.from(helmEncoded, 'base64')).toString('utf8'));
}

function encodeRelease(release: any): string {
  const helmEncoded = gzipSync(Buffer.from(JSON.stringify(release))).toString('base64');
  return Buffer.from(helmEncoded).toString('base64');
}

/**
 * Simulates an operation that died half-way: the latest revision's status (in the body and the
 * `status` label) becomes `status`.
 */
export async function markLatestRevision(
  kube: TestKube,
  namespace: string,
  release: string,
  status: string
) {
  const list = await kube.get(`/api/v1/namespaces/${namespace}/secrets`, {
    query: { labelSelector: `owner=helm,name=${release}` },
  });
  const latest = list.items.sort(
    (a: any, b: any) => Number(b.metadata.labels.version) - Number(a.metadata.labels.version)
  )[0];
  if (!latest) throw new Error(`no release secret for ${release} in ${namespace}`);
  const rel = decodeRelease(latest.data.release);
  rel.info.status = status;
  latest.data.release = encodeRelease(rel);
  latest.metadata.labels.status = status;
  await kube.put(`/api/v1/namespaces/${namespace}/secrets/${latest.metadata.name}`, latest);
  return Number(latest.metadata.labels.version);
}
