/**
 * Capacity computation at scale: 5,000 nodes (half with 8 GPUs, 25 pools) and 50,000 pods (10% holding a
 * GPU, 5% finished, some with init containers and sidecars), timed over a bounded number of runs after a
 * warm-up. The objects go through JSON first, as they arrive from the API server (Headlamp's jsonData).
 *
 *   node --import tsx shared-client/bench/capacity.bench.ts
 *
 * Prints one JSON line: {"nodes","pods","medianMs","p95Ms","runs","firstCallMs"}; firstCallMs is the first,
 * not yet JIT-optimised call.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { computeClusterCapacity } from '../src/capacity';
import type { K8sNode, K8sPod } from '../src/k8s';

const NODE_COUNT = 5000;
const POD_COUNT = 50000;
const WARMUP_RUNS = 5;
const RUNS = 40;

const PRODUCTS = ['NVIDIA-H100-80GB-HBM3', 'NVIDIA-A100-SXM4-80GB', 'NVIDIA-L40S', 'Tesla-T4'];

function buildNodes(): K8sNode[] {
  return Array.from({ length: NODE_COUNT }, (_, i): K8sNode => {
    const hasGpus = i % 2 === 0;
    const resources: Record<string, string> = { cpu: '96', memory: '1900Gi', pods: '110' };
    if (hasGpus) resources['nvidia.com/gpu'] = '8';
    const labels: Record<string, string> = {
      'kubernetes.io/hostname': `node-${i}`,
      'kubernetes.azure.com/agentpool': `pool${i % 25}`,
      'node.kubernetes.io/instance-type': hasGpus ? 'Standard_ND96isr_H100_v5' : 'Standard_D16s_v5',
      'topology.kubernetes.io/region': 'eastus',
    };
    if (hasGpus) {
      labels['nvidia.com/gpu.product'] = PRODUCTS[i % PRODUCTS.length] as string;
      labels['nvidia.com/gpu.memory'] = '81559';
    }
    return {
      metadata: { name: `node-${i}`, labels },
      spec: i % 97 === 0 ? { unschedulable: true } : {},
      status: {
        capacity: resources,
        allocatable: resources,
        conditions: [
          { type: 'MemoryPressure', status: 'False' },
          { type: 'DiskPressure', status: 'False' },
          { type: 'Ready', status: i % 89 === 0 ? 'False' : 'True' },
        ],
      },
    };
  });
}

function buildPods(): K8sPod[] {
  return Array.from({ length: POD_COUNT }, (_, i): K8sPod => {
    const holdsGpu = i % 10 === 0;
    const nodeIndex = holdsGpu ? (i * 2) % NODE_COUNT : i % NODE_COUNT;
    const app = {
      name: 'app',
      resources: {
        requests: { cpu: '500m', memory: '1Gi', ...(holdsGpu ? { 'nvidia.com/gpu': '1' } : {}) },
        limits: { memory: '2Gi', ...(holdsGpu ? { 'nvidia.com/gpu': '1' } : {}) },
      },
    };
    const sidecar = { name: 'proxy', resources: { requests: { cpu: '100m', memory: '128Mi' } } };
    return {
      metadata: { name: `pod-${i}`, namespace: `ns-${i % 50}` },
      spec: {
        nodeName: `node-${nodeIndex}`,
        containers: i % 3 === 0 ? [app, sidecar] : [app],
        ...(i % 7 === 0
          ? {
              initContainers: [
                { name: 'init', resources: { requests: { cpu: '1', memory: '256Mi' } } },
              ],
            }
          : {}),
      },
      status: { phase: i % 20 === 0 ? 'Succeeded' : 'Running' },
    };
  });
}

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

const nodes = JSON.parse(JSON.stringify(buildNodes())) as K8sNode[];
const pods = JSON.parse(JSON.stringify(buildPods())) as K8sPod[];
// Collect the fixture's garbage first so the first call's time is the computation, not building the fixture.
setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
const firstStart = performance.now();
computeClusterCapacity(nodes, pods);
const firstCallMs = performance.now() - firstStart;
for (let i = 1; i < WARMUP_RUNS; i++) computeClusterCapacity(nodes, pods);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  computeClusterCapacity(nodes, pods);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const round = (ms: number) => Math.round(ms * 100) / 100;
console.log(
  JSON.stringify({
    nodes: NODE_COUNT,
    pods: POD_COUNT,
    medianMs: round(percentile(times, 0.5)),
    p95Ms: round(percentile(times, 0.95)),
    runs: RUNS,
    firstCallMs: round(firstCallMs),
  })
);
