/**
 * The backend-proxy reachable exactly as in production, for `npm start` and the browser tests: through the API
 * server's service proxy (`/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/`), running in a
 * test host (network namespace, needs root) as the `airunway-proxy` ServiceAccount with the RBAC of
 * headlamp-config/proxy, and Helm charts from a loopback chart repository (upstream is not reachable offline).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRegistry } from '../../backend-proxy/src/helm/registry';
import { applyProxyRbac, bin, type LocalCluster } from '../cluster/cluster';
import { API_SERVER_TLS_NAME, mintToken, writeTokenKubeconfig } from '../cluster/fixtures';
import { waitFor } from '../cluster/kube';
import { createTestHost, registerServiceEndpoint, type TestHost } from '../cluster/netns';
import { repoRoot, stateDir } from '../cluster/paths';
import { type ChartRepo, startChartRepo } from '../proxy/chart-repo';

const SYSTEM_NS = 'airunway-system';
const PROXY_PORT = 8080;
/** A name the kwok API server's serving certificate lists (the proxy reaches it at another address). */
/** Fixture charts standing in for the upstream ones, by registry id. */
const LOCAL_CHARTS: Record<string, string> = {
  kaito: 'workspace',
  kuberay: 'kuberay-operator',
  'gpu-operator': 'gpu-operator',
  'gateway-api': 'gateway-crds',
};

export async function startProxyInCluster(
  cluster: LocalCluster,
  cleanups: (() => unknown)[],
  log: (msg: string) => void
): Promise<TestHost> {
  // The proxy's ServiceAccount and RBAC exactly as shipped (not its Deployment/Service: it runs here).
  applyProxyRbac(cluster);
  const token = await mintToken(cluster.kube, SYSTEM_NS, 'airunway-proxy', 24 * 3600);

  const host = createTestHost();
  cleanups.push(() => host.destroy());

  const registry = buildRegistry();
  let repo: ChartRepo | undefined;
  try {
    repo = await startChartRepo(
      bin('helm'),
      Object.entries(LOCAL_CHARTS).map(([id, name]) => ({
        name,
        versions: [registry.get(id as any)!.chart.version],
      })),
      { host: host.hostIp }
    );
    cleanups.push(() => repo?.close());
  } catch (e) {
    log(`chart repository not started (${(e as Error).message}); installs will reach for upstream`);
  }

  const dir = join(stateDir, 'proxy', cluster.name);
  mkdirSync(dir, { recursive: true });
  const kubeconfig = join(dir, 'kubeconfig');
  writeTokenKubeconfig(kubeconfig, {
    server: `https://${host.hostIp}:${cluster.port}`,
    ca: cluster.kube.creds.ca!,
    token,
    tlsServerName: API_SERVER_TLS_NAME,
  });
  const helmHome = mkdtempSync(join(tmpdir(), 'airunway-proxy-helm-'));
  cleanups.push(() => rmSync(helmHome, { recursive: true, force: true }));
  const proxy = host.spawn(process.execPath, ['--import', 'tsx', 'backend-proxy/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: helmHome,
      PORT: String(PROXY_PORT),
      HOST: host.ip,
      KUBECONFIG: kubeconfig,
      KUBE_CONTEXT: 'proxy',
      HELM_BIN: bin('helm'),
      ...(repo ? { ...repo.helmEnv, CHART_REPO_DEFAULT: repo.url } : {}),
      POD_NAMESPACE: SYSTEM_NS,
      POD_NAME: 'airunway-proxy-local',
      LOG_LEVEL: 'warn',
      APP_VERSION: 'local',
    },
  });
  proxy.stdout?.pipe(process.stderr);
  proxy.stderr?.pipe(process.stderr);
  await registerServiceEndpoint(cluster.kube, {
    namespace: SYSTEM_NS,
    name: 'airunway-proxy',
    ip: host.ip,
    port: PROXY_PORT,
  });
  // The first start compiles the proxy with tsx: allow for a slow, busy machine.
  await waitFor(
    'the proxy through the API server service proxy',
    async () => {
      if (proxy.exitCode !== null) throw new Error(`the proxy exited (${proxy.exitCode})`);
      const res = await cluster.kube.request(
        'GET',
        `/api/v1/namespaces/${SYSTEM_NS}/services/airunway-proxy:http/proxy/api/health`
      );
      return res.status === 200 ? true : undefined;
    },
    180_000
  );
  return host;
}
