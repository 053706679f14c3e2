/**
 * `npm start`: the product on its embedded default.
 *
 *  1. the local control plane (built from Go modules on first run) with simulated GPU nodes and the CRD;
 *  2. sample data: ModelDeployments in every phase through the test-only controller stand-in, their pods on
 *     the simulated nodes, scheduler events, an autoscaler status ConfigMap;
 *  3. the backend-proxy reachable exactly as in production: through the API server's service proxy
 *     (`/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/`), running in a test host
 *     (network namespace) as the `airunway-proxy` ServiceAccount with the RBAC of headlamp-config/proxy, and
 *     Helm charts from a loopback chart repository (the upstream repositories are not reachable offline);
 *  4. the built plugin in a Headlamp plugins directory, served with the host page (test/host: Headlamp's
 *     published library, loading plugins as Headlamp does) at the URL it prints; desktop Headlamp works too.
 *
 * Ctrl-C stops everything it started (the cluster too, unless it was already running).
 */
import { execFileSync } from 'node:child_process';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { clusterNames, down, PRIMARY_CLUSTER, up } from '../cluster/cluster';
import { kubeconfigPath, repoRoot, stateDir } from '../cluster/paths';
import { startModelServerFor } from '../host/model-server-in-cluster';
import { installBuiltPlugin } from '../host/pluginFolder';
import { startProxyInCluster } from '../host/proxy-in-cluster';
import { startHost } from '../host/server';
import { SAMPLE_NAMESPACE, seedSampleData } from './sample-data';

const log = (msg: string) => console.error(`[start] ${msg}`);
/** Headlamp's own default port, so the URL is the one Headlamp users know. */
const HOST_PORT = Number(process.env.AIRUNWAY_HEADLAMP_PORT ?? 4466);
const cleanups: (() => unknown)[] = [];
async function shutdown(code: number) {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch {
      /* best effort */
    }
  }
  process.exit(code);
}

function buildPlugin(): string {
  log('building the plugin (headlamp-plugin build)');
  execFileSync('npx', ['headlamp-plugin', 'build'], {
    cwd: join(repoRoot, 'plugin'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return installBuiltPlugin(join(stateDir, 'headlamp-plugins'));
}

/** The host page and its backend, serving the built plugin with the primary cluster. */
async function startHeadlampHost(
  cluster: Awaited<ReturnType<typeof up>>,
  pluginsDir: string
): Promise<string> {
  log('building the host page (test/host)');
  const staticDir = join(stateDir, 'headlamp-host');
  execFileSync(process.execPath, [join(repoRoot, 'test/host/build.mjs'), staticDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const server: Server = await startHost({
    port: HOST_PORT,
    staticDir,
    pluginsDir,
    clusters: [{ name: cluster.context, creds: cluster.kube.creds }],
  });
  cleanups.push(
    () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(resolve);
      })
  );
  return `http://127.0.0.1:${HOST_PORT}/c/${cluster.context}/airunway/deployments`;
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const wasRunning = clusterNames().includes(PRIMARY_CLUSTER.name);
  const cluster = await up(PRIMARY_CLUSTER, log);
  if (!wasRunning) cleanups.push(() => down(PRIMARY_CLUSTER));
  cleanups.push(() => cluster.kube.close());
  await seedSampleData(cluster.kube, log);

  let proxyNote = 'running behind services/airunway-proxy in airunway-system';
  if (process.getuid?.() === 0) {
    await startProxyInCluster(cluster, cleanups, log);
    // qwen-demo answers for real: live metrics on its Performance tab, chat in its Playground.
    await startModelServerFor(cluster.kube, SAMPLE_NAMESPACE, 'qwen-demo', cleanups, log);
  } else {
    proxyNote =
      'NOT started (nor the qwen-demo model server): test hosts need root (network namespaces); proxy-backed features show a banner';
  }
  const pluginsDir = buildPlugin();
  const url = await startHeadlampHost(cluster, pluginsDir);

  console.log(`
AI Runway is running on the local cluster.

  cluster     ${cluster.server}  (context ${cluster.context})
  kubeconfig  ${kubeconfigPath}
  proxy       ${proxyNote}
  plugin      ${pluginsDir}/ai-runway

Open it:
  browser     ${url}
  desktop     npm run install:desktop, then start Headlamp with KUBECONFIG=${kubeconfigPath}
  backend     headlamp-server -kubeconfig ${kubeconfigPath} -plugins-dir ${pluginsDir}
  (the browser URL is a host page built from Headlamp's published library: see test/host/README.md)

Ctrl-C stops everything this command started.`);
  await new Promise(() => undefined);
}

main().catch(async e => {
  console.error(e instanceof Error ? e.message : e);
  await shutdown(1);
});
