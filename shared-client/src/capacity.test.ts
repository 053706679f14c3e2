import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ClusterCapacitySchema,
  computeClusterCapacity,
  nodePoolName,
  podGpuRequest,
} from './capacity';
import type { K8sContainer, K8sNode, K8sPod } from './k8s';

interface NodeOptions {
  gpus?: number | string;
  capacityOnly?: boolean;
  labels?: Record<string, string>;
  ready?: boolean;
  unschedulable?: boolean;
  memory?: string;
  resource?: string;
}

function node(name: string, options: NodeOptions = {}): K8sNode {
  const resource = options.resource ?? 'nvidia.com/gpu';
  const resources: Record<string, string> = { cpu: '8', memory: options.memory ?? '64Gi' };
  if (options.gpus !== undefined) resources[resource] = String(options.gpus);
  return {
    metadata: { name, labels: options.labels ?? {} },
    spec: options.unschedulable ? { unschedulable: true } : {},
    status: {
      capacity: resources,
      ...(options.capacityOnly ? {} : { allocatable: resources }),
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: options.ready === false ? 'False' : 'True' },
      ],
    },
  };
}

function gpuContainer(
  requests?: number,
  limits?: number,
  extra: Partial<K8sContainer> = {}
): K8sContainer {
  return {
    name: 'c',
    resources: {
      ...(requests !== undefined ? { requests: { 'nvidia.com/gpu': String(requests) } } : {}),
      ...(limits !== undefined ? { limits: { 'nvidia.com/gpu': String(limits) } } : {}),
    },
    ...extra,
  };
}

function pod(
  nodeName: string | undefined,
  gpus: number,
  phase = 'Running',
  extra: Partial<NonNullable<K8sPod['spec']>> = {}
): K8sPod {
  return {
    metadata: { name: `p-${Math.random()}` },
    spec: { ...(nodeName ? { nodeName } : {}), containers: [gpuContainer(gpus, gpus)], ...extra },
    status: { phase },
  };
}

describe('podGpuRequest', () => {
  it('takes the larger of requests and limits per container', () => {
    expect(
      podGpuRequest({ spec: { containers: [gpuContainer(undefined, 2), gpuContainer(1, 1)] } })
    ).toBe(3);
  });

  it('applies the init-container rule: max(sum of containers, largest init container)', () => {
    const spec = {
      containers: [gpuContainer(1, 1)],
      initContainers: [gpuContainer(4, 4), gpuContainer(2, 2)],
    };
    expect(podGpuRequest({ spec })).toBe(4);
    expect(podGpuRequest({ spec: { ...spec, containers: [gpuContainer(5, 5)] } })).toBe(5);
  });

  it('adds sidecar (restartPolicy Always) init containers to the steady state and to later init containers', () => {
    const sidecar = gpuContainer(1, 1, { restartPolicy: 'Always' });
    expect(
      podGpuRequest({ spec: { containers: [gpuContainer(2, 2)], initContainers: [sidecar] } })
    ).toBe(3);
    // The init container after the sidecar runs alongside it: 1 + 4.
    expect(
      podGpuRequest({
        spec: { containers: [gpuContainer(2, 2)], initContainers: [sidecar, gpuContainer(4, 4)] },
      })
    ).toBe(5);
  });

  it('counts AMD GPUs and pod overhead', () => {
    expect(
      podGpuRequest({ spec: { containers: [{ resources: { limits: { 'amd.com/gpu': '2' } } }] } })
    ).toBe(2);
    expect(
      podGpuRequest({
        spec: { containers: [gpuContainer(1, 1)], overhead: { 'nvidia.com/gpu': '1' } },
      })
    ).toBe(2);
  });

  it('is zero for a pod without GPUs', () => {
    expect(
      podGpuRequest({ spec: { containers: [{ resources: { requests: { cpu: '1' } } }] } })
    ).toBe(0);
    expect(podGpuRequest({})).toBe(0);
  });
});

describe('computeClusterCapacity', () => {
  it('gives the reference example: 2 nodes × 2 A100-80GB, one GPU in use', () => {
    const labels = {
      agentpool: 'gpu',
      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
      'nvidia.com/gpu.memory': '81920',
    };
    const result = computeClusterCapacity(
      [
        node('gpu-node-1', { gpus: 2, labels }),
        node('gpu-node-2', { gpus: 2, labels }),
        node('cpu-node', {}),
      ],
      [pod('gpu-node-1', 1), pod('cpu-node', 0)]
    );
    expect(ClusterCapacitySchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      totalGpus: 4,
      allocatedGpus: 1,
      availableGpus: 3,
      schedulableAvailableGpus: 3,
      maxContiguousAvailable: 2,
      maxNodeGpuCapacity: 2,
      gpuNodeCount: 2,
      totalMemoryGb: 320,
      maxGpuMemoryGb: 80,
    });
    expect(result.nodes[0]).toMatchObject({
      nodeName: 'gpu-node-1',
      totalGpus: 2,
      allocatedGpus: 1,
      availableGpus: 1,
      ready: true,
      schedulable: true,
      gpuModel: 'A100-80GB',
      gpuProduct: 'NVIDIA-A100-SXM4-80GB',
      gpuMemoryGb: 80,
      gpuResourceName: 'nvidia.com/gpu',
      pool: 'gpu',
    });
    expect(result.nodes[2]).toMatchObject({ nodeName: 'cpu-node', totalGpus: 0 });
    expect(result.nodes[2]?.gpuModel).toBeUndefined();
    expect(result.nodePools).toEqual([
      {
        name: 'gpu',
        nodeCount: 2,
        gpuCount: 4,
        allocatedGpus: 1,
        availableGpus: 3,
        gpuModel: 'A100-80GB',
        gpuProduct: 'NVIDIA-A100-SXM4-80GB',
        gpuMemoryGb: 80,
      },
    ]);
  });

  it('uses allocatable GPUs, else capacity', () => {
    const withAllocatable = node('a', { gpus: 8 });
    withAllocatable.status = { ...withAllocatable.status, allocatable: { 'nvidia.com/gpu': '7' } };
    const result = computeClusterCapacity(
      [withAllocatable, node('b', { gpus: 4, capacityOnly: true })],
      []
    );
    expect(result.nodes.map(n => n.totalGpus)).toEqual([7, 4]);
  });

  it('ignores unbound, terminal and foreign-node pods', () => {
    const result = computeClusterCapacity(
      [node('n', { gpus: 8 })],
      [
        pod('n', 1),
        pod('n', 2, 'Pending'),
        pod('n', 4, 'Succeeded'),
        pod('n', 4, 'Failed'),
        pod(undefined, 4, 'Pending'),
        pod('gone', 4),
      ]
    );
    expect(result.nodes[0]).toMatchObject({ allocatedGpus: 3, availableGpus: 5 });
  });

  it('never reports negative availability when a node is over-committed', () => {
    const overcommitted = computeClusterCapacity([node('n', { gpus: 2 })], [pod('n', 3)]);
    expect(overcommitted.nodes[0]).toMatchObject({
      totalGpus: 2,
      allocatedGpus: 3,
      availableGpus: 0,
    });
    expect(overcommitted.availableGpus).toBe(0);
  });

  it('counts only ready, uncordoned nodes for contiguous availability', () => {
    const result = computeClusterCapacity(
      [
        node('notready', { gpus: 8, ready: false }),
        node('cordoned', { gpus: 8, unschedulable: true }),
        node('ok', { gpus: 2 }),
      ],
      []
    );
    expect(result.nodes.map(n => [n.ready, n.schedulable])).toEqual([
      [false, true],
      [true, false],
      [true, true],
    ]);
    expect(result.availableGpus).toBe(18);
    expect(result.schedulableAvailableGpus).toBe(2);
    expect(result.maxContiguousAvailable).toBe(2);
    expect(result.maxNodeGpuCapacity).toBe(8);
  });

  it('treats a node without a Ready condition as not ready', () => {
    const bare: K8sNode = {
      metadata: { name: 'bare' },
      status: { capacity: { 'nvidia.com/gpu': '1' } },
    };
    expect(computeClusterCapacity([bare], []).nodes[0]?.ready).toBe(false);
  });

  it('reads AMD GPU nodes', () => {
    const amd = node('mi', {
      gpus: 8,
      resource: 'amd.com/gpu',
      labels: { 'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM' },
    });
    const result = computeClusterCapacity(
      [amd],
      [
        {
          spec: { nodeName: 'mi', containers: [{ resources: { limits: { 'amd.com/gpu': '2' } } }] },
        },
      ]
    );
    expect(result.nodes[0]).toMatchObject({
      gpuResourceName: 'amd.com/gpu',
      gpuModel: 'MI300X',
      gpuMemoryGb: 192,
      availableGpus: 6,
    });
  });

  it('sums memory requests per node for CPU-only placement', () => {
    const memoryPod: K8sPod = {
      spec: {
        nodeName: 'n',
        containers: [
          { resources: { requests: { memory: '16Gi' }, limits: { memory: '32Gi' } } },
          { resources: { limits: { memory: '8Gi' } } },
        ],
      },
      status: { phase: 'Running' },
    };
    const result = computeClusterCapacity([node('n', { memory: '64Gi' })], [memoryPod]);
    expect(result.nodes[0]).toMatchObject({ memoryAllocatableGb: 64, memoryRequestedGb: 24 });
  });

  it('reads instance type and region, and leaves pool-less nodes out of pools', () => {
    const result = computeClusterCapacity(
      [
        node('a', {
          gpus: 1,
          labels: {
            'node.kubernetes.io/instance-type': 'g5.xlarge',
            'topology.kubernetes.io/region': 'us-east-1',
          },
        }),
        node('b', {
          gpus: 1,
          labels: {
            'eks.amazonaws.com/nodegroup': 'gpus',
            'node.kubernetes.io/instance-type': 'g5.xlarge',
          },
        }),
      ],
      []
    );
    expect(result.nodes[0]).toMatchObject({
      instanceType: 'g5.xlarge',
      region: 'us-east-1',
      gpuModel: 'A10G',
      gpuMemoryGb: 24,
    });
    expect(result.nodes[0]?.pool).toBeUndefined();
    expect(result.nodePools.map(p => p.name)).toEqual(['gpus']);
    expect(result.totalGpus).toBe(2);
  });

  it('handles empty input', () => {
    const result = computeClusterCapacity([], []);
    expect(result).toMatchObject({
      totalGpus: 0,
      maxContiguousAvailable: 0,
      gpuNodeCount: 0,
      nodes: [],
      nodePools: [],
    });
    expect(result.maxGpuMemoryGb).toBeUndefined();
  });
});

describe('nodePoolName', () => {
  it('follows the label precedence agentpool > AKS > EKS > GKE > Karpenter', () => {
    const all = {
      'karpenter.sh/nodepool': 'karpenter',
      'cloud.google.com/gke-nodepool': 'gke',
      'eks.amazonaws.com/nodegroup': 'eks',
      'kubernetes.azure.com/agentpool': 'aks',
      agentpool: 'agent',
    };
    const order = [
      'agentpool',
      'kubernetes.azure.com/agentpool',
      'eks.amazonaws.com/nodegroup',
      'cloud.google.com/gke-nodepool',
      'karpenter.sh/nodepool',
    ];
    const labels: Record<string, string> = { ...all };
    for (const key of order) {
      expect(nodePoolName(labels)).toBe(all[key as keyof typeof all]);
      delete labels[key];
    }
    expect(nodePoolName(labels)).toBeUndefined();
  });
});

// ------------------------------------------------------------------------------------------------------
// Properties

const phaseArb = fc.constantFrom('Pending', 'Running', 'Succeeded', 'Failed', 'Unknown', undefined);

const clusterArb = fc
  .record({
    nodes: fc.array(
      fc.record({
        gpus: fc.integer({ min: 0, max: 8 }),
        ready: fc.boolean(),
        unschedulable: fc.boolean(),
        pool: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
      }),
      { maxLength: 12 }
    ),
    pods: fc.array(
      fc.record({
        node: fc.integer({ min: -1, max: 14 }),
        requests: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        limits: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        init: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
        phase: phaseArb,
      }),
      { maxLength: 40 }
    ),
  })
  .map(({ nodes, pods }) => ({
    nodes: nodes.map((n, i) =>
      node(`node-${i}`, {
        gpus: n.gpus,
        ready: n.ready,
        unschedulable: n.unschedulable,
        labels: n.pool ? { agentpool: n.pool } : {},
      })
    ),
    pods: pods.map(
      (p): K8sPod => ({
        spec: {
          ...(p.node >= 0 ? { nodeName: `node-${p.node}` } : {}),
          containers: [gpuContainer(p.requests, p.limits)],
          ...(p.init !== undefined ? { initContainers: [gpuContainer(p.init, p.init)] } : {}),
        },
        ...(p.phase ? { status: { phase: p.phase } } : {}),
      })
    ),
  }));

describe('capacity properties', () => {
  it('allocated + available = total on every node that is not over-committed', () => {
    fc.assert(
      fc.property(clusterArb, ({ nodes, pods }) => {
        for (const n of computeClusterCapacity(nodes, pods).nodes) {
          if (n.allocatedGpus <= n.totalGpus)
            expect(n.allocatedGpus + n.availableGpus).toBe(n.totalGpus);
          else expect(n.availableGpus).toBe(0);
        }
      })
    );
  });

  it('cluster and pool totals equal the sums over their nodes', () => {
    fc.assert(
      fc.property(clusterArb, ({ nodes, pods }) => {
        const result = computeClusterCapacity(nodes, pods);
        const sum = (pick: (n: (typeof result.nodes)[number]) => number) =>
          result.nodes.reduce((total, n) => total + pick(n), 0);
        expect(result.totalGpus).toBe(sum(n => n.totalGpus));
        expect(result.allocatedGpus).toBe(sum(n => n.allocatedGpus));
        expect(result.availableGpus).toBe(sum(n => n.availableGpus));
        expect(result.gpuNodeCount).toBe(result.nodes.filter(n => n.totalGpus > 0).length);
        const usable = result.nodes.filter(n => n.ready && n.schedulable && n.totalGpus > 0);
        expect(result.maxContiguousAvailable).toBe(
          Math.max(0, ...usable.map(n => n.availableGpus))
        );
        for (const pool of result.nodePools) {
          const members = result.nodes.filter(n => n.pool === pool.name);
          expect(pool.nodeCount).toBe(members.length);
          expect(pool.gpuCount).toBe(members.reduce((t, n) => t + n.totalGpus, 0));
          expect(pool.availableGpus).toBe(members.reduce((t, n) => t + n.availableGpus, 0));
        }
      })
    );
  });

  it('terminal pods never count', () => {
    fc.assert(
      fc.property(
        clusterArb,
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 11 }),
            fc.integer({ min: 1, max: 8 }),
            fc.constantFrom('Succeeded', 'Failed')
          )
        ),
        ({ nodes, pods }, terminal) => {
          const extra = terminal.map(([index, gpus, phase]) => pod(`node-${index}`, gpus, phase));
          expect(computeClusterCapacity(nodes, [...pods, ...extra])).toEqual(
            computeClusterCapacity(nodes, pods)
          );
        }
      )
    );
  });

  it('always produces schema-valid output', () => {
    fc.assert(
      fc.property(clusterArb, ({ nodes, pods }) => {
        expect(ClusterCapacitySchema.safeParse(computeClusterCapacity(nodes, pods)).success).toBe(
          true
        );
      }),
      { numRuns: 50 }
    );
  });
});

describe('capacity at scale', () => {
  it('gets 5,000 nodes and 50,000 pods right in one call (speed: bench/capacity.bench.ts)', () => {
    const gpuNode = (i: number): K8sNode => {
      const resources = { cpu: '96', memory: '1900Gi', 'nvidia.com/gpu': i % 2 === 0 ? '8' : '0' };
      return {
        metadata: {
          name: `n${i}`,
          labels: { agentpool: `pool${i % 20}`, 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3' },
        },
        spec: {},
        status: {
          capacity: resources,
          allocatable: resources,
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      };
    };
    const gpuPod = (i: number): K8sPod => {
      const gpus = i % 10 === 0 ? '1' : '0';
      return {
        spec: {
          nodeName: `n${(i * 2) % 5000}`,
          containers: [
            {
              name: 'app',
              resources: {
                requests: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': gpus },
                limits: { 'nvidia.com/gpu': gpus },
              },
            },
          ],
        },
        status: { phase: 'Running' },
      };
    };
    const nodes = Array.from({ length: 5000 }, (_, i) => gpuNode(i));
    const pods = Array.from({ length: 50000 }, (_, i) => gpuPod(i));
    const result = computeClusterCapacity(nodes, pods);
    // Every 10th pod asks for one GPU; they land on the 250 nodes numbered 0, 20, 40, …, 20 pods on 8 GPUs
    // each. Those over-committed nodes show 0 available, never a negative number.
    expect(result.allocatedGpus).toBe(5000);
    expect(result.totalGpus).toBe(2500 * 8);
    expect(result.availableGpus).toBe((2500 - 250) * 8);
    expect(result.nodes).toHaveLength(5000);
  });
});
