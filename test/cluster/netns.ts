/**
 * Test hosts with an address of their own.
 *
 * The API server's service proxy refuses endpoints that are not global unicast (loopback, link-local), so a
 * process started by a test on 127.0.0.1 can never be reached through `services/<name>/proxy`. A test host
 * is a network namespace created by the test, joined to the host by a veth pair with a private /30: the API
 * server (in the root namespace) reaches the process at the namespace-side address, and the address is
 * registered as the endpoints of a selector-less Service. Traffic never leaves this machine.
 *
 * Needs root (CI and the development machines run as root) and iproute2.
 */
import { type ChildProcess, execFileSync, spawn, type SpawnOptions } from 'node:child_process';
import { type KubeClient } from './kube';

const PREFIX = 'arw';

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes namespaces a crashed earlier test run left behind (their owner pid is gone). */
export function removeStaleTestHosts(): void {
  let names: string[] = [];
  try {
    names = ip('netns', 'list')
      .split('\n')
      .map(l => l.split(' ')[0] ?? '');
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^arw-(\d+)-\d+$/.exec(name);
    if (m && !isAlive(Number(m[1]))) {
      try {
        ip('netns', 'del', name);
      } catch {
        /* already gone */
      }
    }
  }
}

function usedSubnets(): Set<string> {
  const out = ip('-o', '-4', 'addr', 'show');
  return new Set([...out.matchAll(/inet (10\.213\.\d+\.\d+)\//g)].map(m => m[1]!));
}

export interface TestHost {
  /** Network namespace name. */
  readonly netns: string;
  /** The host's own address (namespace side of the veth pair): what Endpoints point at. */
  readonly ip: string;
  /**
   * The root namespace's side of the veth pair, as seen from inside the test host: the one address at which
   * a process in the namespace reaches listeners of this machine bound to 0.0.0.0 or to this address (the
   * API server, a chart repository). Loopback inside the namespace is the namespace's own.
   */
  readonly hostIp: string;
  /** Starts a process inside the namespace, with an argument array (never a shell string). */
  spawn(command: string, args: string[], opts?: SpawnOptions): ChildProcess;
  destroy(): void;
}

let counter = 0;

export function createTestHost(): TestHost {
  removeStaleTestHosts();
  const n = counter++;
  const netns = `${PREFIX}-${process.pid}-${n}`;
  // Interface names are limited to 15 characters.
  const tag = `${process.pid % 100000}${n}`.slice(-9);
  const hostIf = `${PREFIX}h${tag}`;
  const nsIf = `${PREFIX}n${tag}`;
  const used = usedSubnets();
  let subnet: { host: string; ns: string } | undefined;
  for (let attempt = 0; attempt < 1000 && !subnet; attempt++) {
    const third = Math.floor(Math.random() * 256);
    const block = Math.floor(Math.random() * 64) * 4;
    const host = `10.213.${third}.${block + 1}`;
    if (!used.has(host)) subnet = { host, ns: `10.213.${third}.${block + 2}` };
  }
  if (!subnet) throw new Error('no free 10.213.0.0/16 subnet for a test host');

  ip('netns', 'add', netns);
  try {
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
    ip('link', 'set', nsIf, 'netns', netns);
    ip('addr', 'add', `${subnet.host}/30`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
    ip('-n', netns, 'addr', 'add', `${subnet.ns}/30`, 'dev', nsIf);
    ip('-n', netns, 'link', 'set', nsIf, 'up');
    ip('-n', netns, 'link', 'set', 'lo', 'up');
  } catch (e) {
    ip('netns', 'del', netns);
    throw e;
  }

  const children: ChildProcess[] = [];
  return {
    netns,
    ip: subnet.ns,
    hostIp: subnet.host,
    spawn(command, args, opts = {}) {
      const child = spawn('ip', ['netns', 'exec', netns, command, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        ...opts,
      });
      children.push(child);
      return child;
    },
    destroy() {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
      try {
        ip('netns', 'del', netns); // deleting the namespace deletes both ends of the veth pair
      } catch {
        /* already gone */
      }
    },
  };
}

/** Node that holds the Pod objects standing for test hosts; kwok does not manage it, no kubelet runs. */
export const TEST_HOST_NODE = 'netns-test-hosts';

/**
 * Makes `ip:port` the only endpoint of a selector-less Service, so that
 * `/api/v1/namespaces/<ns>/services/<name>:<portName>/proxy/` reaches it through the API server.
 *
 * The API server's service proxy only forwards to endpoint addresses whose targetRef is a Pod that has the
 * address in `status.podIPs` (pkg/registry/core/service/storage isValidAddress). So the test host is also
 * represented by a Pod, bound to a tainted node that nothing else schedules to and that no kubelet or kwok
 * manages, with its status written once through the status subresource.
 */
export async function registerServiceEndpoint(
  kube: KubeClient,
  opts: { namespace: string; name: string; ip: string; port: number; portName?: string }
): Promise<void> {
  const portName = opts.portName ?? 'http';
  const base = `/api/v1/namespaces/${opts.namespace}`;
  await kube.apply(`/api/v1/nodes/${TEST_HOST_NODE}`, {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: TEST_HOST_NODE, labels: { 'airunway.ai/test-hosts': 'true' } },
    spec: { taints: [{ key: 'airunway.ai/test-hosts', value: 'true', effect: 'NoSchedule' }] },
  });
  const podName = `${opts.name}-test-host`;
  await kube.apply(`${base}/pods/${podName}`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: podName, labels: { 'airunway.ai/test-host': opts.name } },
    spec: {
      nodeName: TEST_HOST_NODE,
      // Tolerate everything, with no tolerationSeconds: the node never reports Ready, and its pods must not
      // be evicted for that.
      tolerations: [{ operator: 'Exists' }],
      containers: [{ name: 'host', image: 'test-host.invalid/netns-process' }],
    },
  });
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const podStatus = {
    status: {
      phase: 'Running',
      podIP: opts.ip,
      podIPs: [{ ip: opts.ip }],
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }],
    },
  };
  // kwok's pod stages give every pod without an IP one of their own ("10.0.0.1"), and its write can land
  // after ours. Once the pod carries an IP the stage no longer matches, so re-assert ours until it has
  // held for a while: the service proxy only forwards to an address that is in the pod's status.
  const deadline = Date.now() + 30_000;
  let stableSince = 0;
  while (Date.now() < deadline) {
    const pod = await kube.get(`${base}/pods/${podName}`);
    const ips = (pod.status?.podIPs ?? []).map((i: { ip: string }) => i.ip);
    if (ips.length === 1 && ips[0] === opts.ip) {
      stableSince ||= Date.now();
      if (Date.now() - stableSince >= 3_000) break;
    } else {
      stableSince = 0;
      await kube.mergePatch(`${base}/pods/${podName}/status`, podStatus);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  await kube.apply(`${base}/services/${opts.name}`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: opts.name, namespace: opts.namespace },
    spec: { ports: [{ name: portName, port: opts.port, targetPort: opts.port, protocol: 'TCP' }] },
  });
  // The service proxy resolves v1 Endpoints (the EndpointSlice mirroring controller copies them).
  await kube.apply(`${base}/endpoints/${opts.name}`, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: opts.name, namespace: opts.namespace },
    subsets: [
      {
        addresses: [
          { ip: opts.ip, targetRef: { kind: 'Pod', name: podName, namespace: opts.namespace } },
        ],
        ports: [{ name: portName, port: opts.port, protocol: 'TCP' }],
      },
    ],
  });
}
