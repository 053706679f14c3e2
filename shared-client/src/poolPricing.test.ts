import { describe, expect, it } from 'vitest';
import { type ClusterCapacity, computeClusterCapacity, type NodePoolCapacity } from './capacity';
import {
  estimateNodePoolCosts,
  type InstancePrice,
  type NodePoolCost as SharedNodePoolCost,
  STATIC_GPU_HOURLY_USD,
} from './costs';
import { assessFit, type FitResult } from './fit';
import type { K8sNode } from './k8s';
import { modelMonthlyCost, poolMonthlyCost, pricedPools, pricedPoolsParam } from './poolPricing';
import { MAX_PRICED_POOLS, PricedPoolsParamSchema } from './schemas/pricing';
import { type NodePoolCost, NodePoolCostSchema, NodePoolCostsQuerySchema } from './schemas/proxy';

function gpuNode(
  name: string,
  pool: string | undefined,
  gpus: number,
  extra: { product?: string; memoryMb?: string; instanceType?: string; region?: string } = {}
): K8sNode {
  const labels: Record<string, string> = {
    'nvidia.com/gpu.product': extra.product ?? 'NVIDIA-A100-SXM4-80GB',
    'nvidia.com/gpu.memory': extra.memoryMb ?? '81920',
  };
  if (pool) labels['kubernetes.azure.com/agentpool'] = pool;
  if (extra.instanceType) labels['node.kubernetes.io/instance-type'] = extra.instanceType;
  if (extra.region) labels['topology.kubernetes.io/region'] = extra.region;
  const resources = { cpu: '24', memory: '200Gi', 'nvidia.com/gpu': String(gpus) };
  return {
    metadata: { name, labels },
    spec: {},
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

/** The proxy's wire shape for shared-client's costs (as backend-proxy's pricing service builds it). */
function wire(costs: SharedNodePoolCost[]): NodePoolCost[] {
  const source = (s: string) => (s === 'cloud-api' || s === 'given' ? 'cloud-api' : 'static');
  return costs.map(cost =>
    NodePoolCostSchema.parse({
      poolName: cost.poolName,
      gpuModel: cost.gpuModel ?? 'none',
      availableGpus: Math.floor(cost.availableGpus),
      poolCost: { ...cost.poolCost, source: source(cost.poolCost.source) },
      costBreakdown: {
        ...cost.costBreakdown,
        estimate: {
          ...cost.costBreakdown.estimate,
          source: source(cost.costBreakdown.estimate.source),
        },
      },
      ...(cost.realtimePricing
        ? { realtimePricing: { ...cost.realtimePricing, source: 'realtime' } }
        : {}),
    })
  );
}

function price(capacity: ClusterCapacity, prices: InstancePrice[]): NodePoolCost[] {
  return wire(estimateNodePoolCosts(capacity.nodePools, prices));
}

const A100_PRICE = {
  instanceType: 'Standard_NC24ads_A100_v4',
  hourlyPrice: 3.673,
  region: 'eastus',
};
const H100_PRICE = {
  instanceType: 'Standard_ND96isr_H100_v5',
  hourlyPrice: 98.32,
  region: 'eastus',
};

/** Pool a100: 2 nodes × 1 A100 (real price); pool h100: 1 node × 8 H100 (real price); L4 pool: static. */
function cluster(): ClusterCapacity {
  return computeClusterCapacity(
    [
      gpuNode('a100-0', 'a100', 1, { instanceType: A100_PRICE.instanceType, region: 'eastus' }),
      gpuNode('a100-1', 'a100', 1, { instanceType: A100_PRICE.instanceType, region: 'eastus' }),
      gpuNode('h100-0', 'h100', 8, {
        product: 'NVIDIA-H100-80GB-HBM3',
        instanceType: H100_PRICE.instanceType,
        region: 'eastus',
      }),
      gpuNode('l4-0', 'l4', 4, { product: 'NVIDIA-L4', memoryMb: '23034' }),
    ],
    []
  );
}

describe('pricedPools', () => {
  it('sends the GPU pools only, with their instance type, region and GPUs, in a parameter the proxy accepts', () => {
    const capacity = computeClusterCapacity(
      [
        gpuNode('a100-0', 'a100', 4, {
          instanceType: 'Standard_NC96ads_A100_v4',
          region: 'EastUS',
        }),
        {
          metadata: { name: 'cpu-0', labels: { agentpool: 'system' } },
          status: { allocatable: { cpu: '8', memory: '32Gi' } },
        },
      ],
      []
    );
    const pools = pricedPools(capacity.nodePools);
    expect(pools).toEqual([
      {
        name: 'a100',
        instanceType: 'Standard_NC96ads_A100_v4',
        region: 'eastus',
        nodeCount: 1,
        gpuCount: 4,
        allocatedGpus: 0,
        availableGpus: 4,
        gpuProduct: 'NVIDIA-A100-SXM4-80GB',
      },
    ]);
    const param = pricedPoolsParam(pools);
    expect(PricedPoolsParamSchema.parse(param)).toEqual(pools);
    expect(NodePoolCostsQuerySchema.parse({ pools: param })).toEqual({ pools: param });
  });

  it('drops labels the proxy would reject instead of the pool, and pools it cannot name', () => {
    const base: NodePoolCapacity = {
      name: 'gpu',
      nodeCount: 1,
      gpuCount: 2,
      allocatedGpus: 1,
      availableGpus: 1,
    };
    const pools = pricedPools([
      { ...base, instanceType: 'bad type; rm', region: 'east us', gpuModel: 'A100-80GB' },
      { ...base, name: '-bad name' },
    ]);
    // The normalised model stands in for the missing product label, so a static price can still be found.
    expect(pools).toEqual([
      {
        name: 'gpu',
        nodeCount: 1,
        gpuCount: 2,
        allocatedGpus: 1,
        availableGpus: 1,
        gpuProduct: 'A100-80GB',
      },
    ]);
    const [cost] = estimateNodePoolCosts(
      pools.map(p => ({ ...p, allocatedGpus: p.allocatedGpus ?? 0 })),
      []
    );
    expect(cost?.costBreakdown.perGpu.hourly).toBe(STATIC_GPU_HOURLY_USD['A100-80GB']);
  });

  it('is sorted and bounded, so the same cluster gives the same parameter', () => {
    const many: NodePoolCapacity[] = Array.from({ length: MAX_PRICED_POOLS + 20 }, (_, i) => ({
      name: `pool-${String(200 - i).padStart(3, '0')}`,
      nodeCount: 1,
      gpuCount: 1,
      allocatedGpus: 0,
      availableGpus: 1,
    }));
    const pools = pricedPools(many);
    expect(pools).toHaveLength(MAX_PRICED_POOLS);
    expect(pools.map(p => p.name)).toEqual([...pools.map(p => p.name)].sort());
    expect(pricedPools([...many].reverse())).toEqual(pools);
    expect(() => pricedPoolsParam(pools)).not.toThrow();
    expect(() => pricedPoolsParam([...pools, ...pools])).toThrow();
  });
});

describe('modelMonthlyCost', () => {
  it('prices the GPUs a fit needs on the pool of the node it chose: gpus × per-GPU monthly price', () => {
    const capacity = cluster();
    const costs = price(capacity, [A100_PRICE, H100_PRICE]);
    // 100 GB needs 2 × 80 GB GPUs: only the H100 node has two free.
    const fit = assessFit({ memoryGb: 100 }, capacity);
    expect(fit).toMatchObject({ verdict: 'fits-multi-gpu', gpusNeeded: 2, node: 'h100-0' });
    const perGpu = Math.round(((H100_PRICE.hourlyPrice / 8) * 730 + Number.EPSILON) * 100) / 100;
    expect(modelMonthlyCost(fit, capacity, costs)).toEqual({
      kind: 'cost',
      monthly: Math.round(2 * perGpu * 100) / 100,
      perGpuMonthly: perGpu,
      gpus: 2,
      currency: 'USD',
      poolName: 'h100',
      pool: 'fit-node',
      origin: {
        source: 'cloud-api',
        confidence: 'high',
        estimate: false,
        instanceType: H100_PRICE.instanceType,
        region: 'eastus',
        cached: false,
        notes: [`Real-time price for ${H100_PRICE.instanceType} in eastus`],
      },
    });
  });

  it('marks a static price as an estimate', () => {
    const capacity = cluster();
    const costs = price(capacity, []);
    const fit = assessFit({ memoryGb: 10 }, capacity);
    const cost = modelMonthlyCost(fit, capacity, costs);
    expect(cost).toMatchObject({ kind: 'cost', gpus: 1, currency: 'USD' });
    if (cost.kind !== 'cost') throw new Error('expected a cost');
    expect(cost.origin).toMatchObject({ source: 'static', confidence: 'low', estimate: true });
    const pool = costs.find(c => c.poolName === cost.poolName);
    expect(cost.monthly).toBe(pool?.costBreakdown.perGpu.monthly);
  });

  it('falls back to the cheapest pool whose GPUs fit when the chosen node has no pool', () => {
    const capacity = computeClusterCapacity(
      [
        gpuNode('loose-0', undefined, 8),
        gpuNode('a100-0', 'a100', 2, { instanceType: A100_PRICE.instanceType }),
        gpuNode('h100-0', 'h100', 8, {
          product: 'NVIDIA-H100-80GB-HBM3',
          instanceType: H100_PRICE.instanceType,
        }),
        gpuNode('l4-0', 'l4', 8, { product: 'NVIDIA-L4', memoryMb: '23034' }),
      ],
      []
    );
    const costs = price(capacity, [{ ...A100_PRICE, hourlyPrice: 2 * 3.673 }, H100_PRICE]);
    const fit: FitResult = {
      verdict: 'fits-multi-gpu',
      gpusNeeded: 2,
      tensorParallel: 2,
      node: 'loose-0',
      gpuMemoryGb: 80,
      requiredMemoryGb: 100,
      reason: '',
      message: {
        code: 'fits-multi-gpu',
        gpus: 2,
        gpuMemoryGb: 80,
        node: 'loose-0',
        requiredGb: 100,
      },
    };
    // L4 is cheapest per GPU but 2 × 22.5 GB cannot hold 100 GB; A100 (2 per node) is cheaper than H100.
    const cost = modelMonthlyCost(fit, capacity, costs);
    expect(cost).toMatchObject({ kind: 'cost', poolName: 'a100', pool: 'cheapest', gpus: 2 });
    const a100 = costs.find(c => c.poolName === 'a100')!;
    expect(cost.kind === 'cost' && cost.monthly).toBe(
      Math.round(2 * a100.costBreakdown.perGpu.monthly * 100) / 100
    );
    // With 4 GPUs needed, only the H100 and L4 nodes have that many; L4's 4 × 22.5 GB is too small.
    expect(
      modelMonthlyCost({ ...fit, gpusNeeded: 4, tensorParallel: 4 }, capacity, costs)
    ).toMatchObject({ kind: 'cost', poolName: 'h100', pool: 'cheapest' });
  });

  it('gives a reason instead of a cost for CPU-only, does-not-fit and unpriced placements', () => {
    const capacity = cluster();
    const costs = price(capacity, [A100_PRICE]);
    const cpu = assessFit({ memoryGb: 4, cpuOnly: true }, capacity);
    expect(modelMonthlyCost(cpu, capacity, costs)).toEqual({ kind: 'none', reason: 'cpu-only' });
    const tooBig = assessFit({ memoryGb: 2000 }, capacity);
    expect(tooBig.verdict).toBe('does-not-fit');
    expect(modelMonthlyCost(tooBig, capacity, costs)).toEqual({
      kind: 'none',
      reason: 'does-not-fit',
    });
    const fit = assessFit({ memoryGb: 10 }, capacity);
    expect(modelMonthlyCost(fit, capacity, [])).toEqual({ kind: 'none', reason: 'no-price' });
  });
});

describe('poolMonthlyCost', () => {
  it("is the proxy's whole-pool cost: instance price × nodes × 730 h", () => {
    const capacity = cluster();
    const costs = price(capacity, [A100_PRICE]);
    const a100 = capacity.nodePools.find(p => p.name === 'a100')!;
    expect(
      poolMonthlyCost(
        costs.find(c => c.poolName === 'a100'),
        a100
      )
    ).toMatchObject({
      monthly: Math.round(3.673 * 2 * 730 * 100) / 100,
      currency: 'USD',
      origin: { source: 'cloud-api', confidence: 'high', estimate: false },
    });
    const l4 = capacity.nodePools.find(p => p.name === 'l4')!;
    expect(
      poolMonthlyCost(
        costs.find(c => c.poolName === 'l4'),
        l4
      )
    ).toMatchObject({
      monthly: Math.round(STATIC_GPU_HOURLY_USD.L4 * 4 * 730 * 100) / 100,
      origin: { source: 'static', estimate: true },
    });
  });

  it('falls back to per-GPU price × GPUs from an older proxy, and is undefined without a price', () => {
    const capacity = cluster();
    const [cost] = price(capacity, [A100_PRICE]);
    const { poolCost: _omitted, ...older } = cost!;
    const pool = capacity.nodePools.find(p => p.name === cost!.poolName)!;
    expect(poolMonthlyCost(older, pool)?.monthly).toBe(
      Math.round(older.costBreakdown.perGpu.monthly * pool.gpuCount * 100) / 100
    );
    expect(poolMonthlyCost(undefined, pool)).toBeUndefined();
    const unknown = wire(
      estimateNodePoolCosts(
        [{ name: 'x', nodeCount: 1, gpuCount: 1, allocatedGpus: 0, availableGpus: 1 }],
        []
      )
    )[0];
    expect(poolMonthlyCost(unknown, { gpuCount: 1 })).toBeUndefined();
  });
});
