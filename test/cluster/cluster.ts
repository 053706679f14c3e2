/**
 * The real local control plane: kube-apiserver, etcd, kube-controller-manager and kube-scheduler built from
 * Go modules (build-binaries.sh), run by kwokctl's binary runtime, with kwok simulating GPU nodes.
 * Several clusters can run at once on different ports.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeClient, waitFor } from './kube';
import { crdPath, kubeconfigPath, kwokWorkdir, manifestsDir, repoRoot, stateDir } from './paths';

export interface ClusterSpec {
  name: string;
  /** kube-apiserver secure port on 127.0.0.1. */
  port: number;
}

export const PRIMARY_CLUSTER: ClusterSpec = { name: 'airunway', port: 36443 };
export const SECOND_CLUSTER: ClusterSpec = { name: 'airunway-2', port: 36444 };
/** The clusters the integration tests use: separate from the ones `npm start` runs. */
const testPort = Number(process.env.AIRUNWAY_TEST_PORT ?? 36543);
// A non-default port also gets its own names, so several test runs (or checkouts) can share one machine.
const testSuffix = testPort === 36543 ? '' : `-${testPort}`;
export const TEST_CLUSTER: ClusterSpec = { name: `airunway-test${testSuffix}`, port: testPort };
export const TEST_CLUSTER_2: ClusterSpec = {
  name: `airunway-test-2${testSuffix}`,
  port: testPort + 1,
};
export const KUBE_VERSION = 'v1.33.13';

export interface LocalCluster extends ClusterSpec {
  context: string;
  kubeconfig: string;
  server: string;
  /** Admin client (cluster-admin certificate). */
  kube: KubeClient;
}

let binDir: string | undefined;

/** Builds (first time) or finds the cached binaries; returns their directory. */
export function binaries(): string {
  if (binDir) return binDir;
  const out = execFileSync('bash', [join(repoRoot, 'test/cluster/build-binaries.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  });
  binDir = out.trim().split('\n').pop()!;
  return binDir;
}

export function bin(
  name: 'kubectl' | 'helm' | 'kwokctl' | 'kwok' | 'kube-apiserver' | 'etcd'
): string {
  return join(binaries(), name);
}

function kwokEnv(): NodeJS.ProcessEnv {
  const dir = binaries();
  return {
    ...process.env,
    KWOK_WORKDIR: kwokWorkdir,
    KWOK_KUBE_VERSION: KUBE_VERSION,
    KWOK_RUNTIME: 'binary',
    KWOK_KUBECTL_BINARY: join(dir, 'kubectl'),
    PATH: `${dir}:${process.env.PATH}`,
  };
}

function kwokctl(args: string[], inherit = false): string {
  const res = spawnSync(join(binaries(), 'kwokctl'), args, {
    env: kwokEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', inherit ? 'inherit' : 'pipe'],
  });
  if (res.status !== 0) {
    throw new Error(
      `kwokctl ${args.join(' ')} failed (${res.status}): ${res.stderr ?? ''}${res.stdout}`
    );
  }
  return res.stdout;
}

export function kubectl(cluster: ClusterSpec, args: string[]): string {
  return execFileSync(
    join(binaries(), 'kubectl'),
    ['--kubeconfig', kubeconfigPath, '--context', contextOf(cluster), ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
  );
}

/** `kubectl <args> -f -` with `objects` on stdin (e.g. `['apply', '--server-side']`). */
export function kubectlObjects(cluster: ClusterSpec, args: string[], objects: unknown[]): string {
  return execFileSync(
    join(binaries(), 'kubectl'),
    ['--kubeconfig', kubeconfigPath, '--context', contextOf(cluster), ...args, '-f', '-'],
    { input: objects.map(o => JSON.stringify(o)).join('\n'), encoding: 'utf8' }
  );
}

/** The objects `kubectl kustomize <dir>` builds. */
export function kustomize(dir: string): any[] {
  const out = execFileSync(join(binaries(), 'kubectl'), ['kustomize', dir], { encoding: 'utf8' });
  return parseAllDocuments(out).map(d => d.toJSON());
}

const RBAC_KINDS = [
  'Namespace',
  'ServiceAccount',
  'ClusterRole',
  'ClusterRoleBinding',
  'RoleBinding',
];

/**
 * Applies, for real, the proxy's ServiceAccount and RBAC exactly as shipped in headlamp-config/proxy (not its
 * Deployment or Service: tests and `npm start` run the proxy themselves) and the viewer/operator roles of
 * headlamp-config/rbac.
 */
export function applyProxyRbac(cluster: ClusterSpec): void {
  const rbac = kustomize(join(repoRoot, 'headlamp-config/proxy')).filter(o =>
    RBAC_KINDS.includes(o.kind)
  );
  kubectlObjects(cluster, ['apply', '--server-side'], rbac);
  kubectl(cluster, ['apply', '--server-side', '-k', join(repoRoot, 'headlamp-config/rbac')]);
}

export const contextOf = (c: ClusterSpec) => `kwok-${c.name}`;

function handle(spec: ClusterSpec): LocalCluster {
  const context = contextOf(spec);
  const kube = KubeClient.fromKubeconfig(kubeconfigPath, context);
  return { ...spec, context, kubeconfig: kubeconfigPath, server: kube.creds.server, kube };
}

export function clusterNames(): string[] {
  try {
    return kwokctl(['get', 'clusters'])
      .split('\n')
      .map(s => s.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

async function isHealthy(spec: ClusterSpec): Promise<boolean> {
  if (!clusterNames().includes(spec.name)) return false;
  try {
    const c = handle(spec);
    const res = await c.kube.request('GET', '/readyz', undefined, { raw: true, timeoutMs: 3000 });
    c.kube.close();
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts the cluster if it is not already running (idempotent), then applies the CRD, the product's
 * namespaces and the simulated nodes, and waits until the nodes are Ready and the CRD is served.
 */
/**
 * kwok's log simulation: every container on a simulated node answers `pods/log` (through the API server,
 * as from a kubelet) with a model server's start-up log, ANSI colours included, and keeps the stream open
 * when followed. Given to kwokctl at creation as a ClusterLogs document; the path must be absolute.
 */
function writeKwokLogsConfig(spec: ClusterSpec): string {
  const path = join(stateDir, `kwok-logs-${spec.name}.yaml`);
  const clusterLogs = {
    apiVersion: 'kwok.x-k8s.io/v1alpha1',
    kind: 'ClusterLogs',
    metadata: { name: 'model-server-logs' },
    spec: { logs: [{ logsFile: join(manifestsDir, 'model-server.log'), follow: true }] },
  };
  writeFileSync(path, JSON.stringify(clusterLogs));
  return path;
}

export async function up(
  spec: ClusterSpec = PRIMARY_CLUSTER,
  log = console.error
): Promise<LocalCluster> {
  mkdirSync(stateDir, { recursive: true });
  const dir = binaries();
  if (!(await isHealthy(spec))) {
    if (clusterNames().includes(spec.name)) {
      log(`[cluster] ${spec.name} exists but is not healthy: recreating`);
      kwokctl(['delete', 'cluster', '--name', spec.name, '--kubeconfig', kubeconfigPath]);
    }
    log(`[cluster] starting ${spec.name} (${KUBE_VERSION}) on https://127.0.0.1:${spec.port}`);
    kwokctl(
      [
        '--config',
        writeKwokLogsConfig(spec),
        'create',
        'cluster',
        '--name',
        spec.name,
        '--runtime',
        'binary',
        '--kube-apiserver-port',
        String(spec.port),
        '--kube-apiserver-binary',
        join(dir, 'kube-apiserver'),
        '--kube-controller-manager-binary',
        join(dir, 'kube-controller-manager'),
        '--kube-scheduler-binary',
        join(dir, 'kube-scheduler'),
        '--kwok-controller-binary',
        join(dir, 'kwok'),
        '--etcd-binary',
        join(dir, 'etcd'),
        '--kube-authorization=true',
        '--kube-admission=true',
        '--kubeconfig',
        kubeconfigPath,
        '--wait',
        '2m',
        '--quiet-pull',
      ],
      true
    );
  }
  const cluster = handle(spec);
  kubectl(spec, [
    'apply',
    '--server-side',
    '--force-conflicts',
    '--field-manager=airunway-cluster-up',
    '-f',
    crdPath,
    '-f',
    join(manifestsDir, 'namespaces.yaml'),
    '-f',
    join(manifestsDir, 'nodes.yaml'),
  ]);
  await waitFor('the ModelDeployment CRD to be established', async () => {
    const crd = await cluster.kube.get(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/modeldeployments.airunway.ai'
    );
    return crd.status?.conditions?.some((c: any) => c.type === 'Established' && c.status === 'True')
      ? true
      : undefined;
  });
  await waitFor(
    'the simulated nodes to be Ready',
    async () => {
      const nodes = await cluster.kube.get('/api/v1/nodes');
      const ready = nodes.items.filter((n: any) =>
        n.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')
      );
      return ready.length >= 5 ? true : undefined;
    },
    120_000
  );
  await waitFor('the default ServiceAccount of the workspace namespace', async () => {
    const res = await cluster.kube.request(
      'GET',
      '/api/v1/namespaces/airunway-workloads/serviceaccounts/default'
    );
    return res.status === 200 ? true : undefined;
  });
  log(`[cluster] ${spec.name} ready; kubeconfig ${kubeconfigPath} context ${cluster.context}`);
  return cluster;
}

export function down(spec: ClusterSpec = PRIMARY_CLUSTER): void {
  if (clusterNames().includes(spec.name)) {
    kwokctl(['delete', 'cluster', '--name', spec.name, '--kubeconfig', kubeconfigPath]);
  }
}

export interface ClusterStatus {
  name: string;
  running: boolean;
  server?: string;
  version?: string;
  nodes?: number;
}

export async function status(spec: ClusterSpec = PRIMARY_CLUSTER): Promise<ClusterStatus> {
  if (!(await isHealthy(spec))) return { name: spec.name, running: false };
  const c = handle(spec);
  try {
    const version = await c.kube.get('/version');
    const nodes = await c.kube.get('/api/v1/nodes');
    return {
      name: spec.name,
      running: true,
      server: c.server,
      version: version.gitVersion,
      nodes: nodes.items.length,
    };
  } finally {
    c.kube.close();
  }
}

/** A handle to an already running cluster (tests after globalSetup). */
export function connect(spec: ClusterSpec = PRIMARY_CLUSTER): LocalCluster {
  return handle(spec);
}
