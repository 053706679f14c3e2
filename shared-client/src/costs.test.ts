import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodePoolCapacity } from './capacity';
import {
  CostBreakdownSchema,
  CostEstimateRequestSchema,
  estimateCost,
  estimateNodePoolCosts,
  NodePoolCostSchema,
  STATIC_GPU_HOURLY_USD,
} from './costs';
import { GPU_MODELS } from './gpu';

function pool(name: string, extra: Partial<NodePoolCapacity> = {}): NodePoolCapacity {
  return { name, nodeCount: 2, gpuCount: 2, allocatedGpus: 0, availableGpus: 2, ...extra };
}

describe('estimateCost (static)', () => {
  it('prices GPUs × replicas × hours from the table, at low confidence', () => {
    const breakdown = estimateCost({
      gpuType: 'NVIDIA-A100-SXM4-80GB',
      gpuCount: 2,
      replicas: 3,
      hoursPerMonth: 100,
    });
    expect(CostBreakdownSchema.parse(breakdown)).toEqual(breakdown);
    const perGpu = STATIC_GPU_HOURLY_USD['A100-80GB'];
    expect(breakdown).toMatchObject({
      totalGpus: 6,
      gpuModel: 'NVIDIA-A100-SXM4-80GB',
      normalizedGpuModel: 'A100-80GB',
      perGpu: { hourly: perGpu, monthly: perGpu * 100 },
      estimate: {
        hourly: perGpu * 6,
        monthly: Math.round(perGpu * 6 * 100 * 100) / 100,
        currency: 'USD',
        source: 'static',
        confidence: 'low',
      },
    });
    expect(breakdown.notes.join(' ')).toContain('/costs/node-pools');
  });

  it('defaults to 730 hours a month', () => {
    expect(estimateCost({ gpuType: 'T4', gpuCount: 1, replicas: 1 }).estimate.monthly).toBe(
      Math.round(STATIC_GPU_HOURLY_USD.T4 * 730 * 100) / 100
    );
  });

  it('rejects hours outside 1–744 and counts below 1', () => {
    for (const hoursPerMonth of [0, 745, 1.5, -1]) {
      expect(() =>
        estimateCost({ gpuType: 'T4', gpuCount: 1, replicas: 1, hoursPerMonth })
      ).toThrow();
    }
    expect(() => estimateCost({ gpuType: 'T4', gpuCount: 0, replicas: 1 })).toThrow();
    expect(() => estimateCost({ gpuType: 'T4', gpuCount: 1, replicas: 0 })).toThrow();
    expect(() => estimateCost({ gpuType: '', gpuCount: 1, replicas: 1 })).toThrow();
    expect(
      CostEstimateRequestSchema.safeParse({
        gpuType: 'T4',
        gpuCount: 1,
        replicas: 1,
        hoursPerMonth: 744,
      }).success
    ).toBe(true);
  });

  it('marks an unknown GPU as unpriced instead of inventing a price', () => {
    const breakdown = estimateCost({ gpuType: 'RTX-4090', gpuCount: 1, replicas: 1 });
    expect(breakdown.estimate).toMatchObject({
      hourly: 0,
      source: 'unavailable',
      confidence: 'low',
    });
    expect(breakdown.notes[0]).toContain('RTX-4090');
  });

  it('has a price for every catalog GPU', () => {
    for (const model of GPU_MODELS) expect(STATIC_GPU_HOURLY_USD[model]).toBeGreaterThan(0);
  });

  it('is linear in GPUs, replicas and hours', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...GPU_MODELS),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 744 }),
        (gpuType, gpuCount, replicas, hoursPerMonth) => {
          const { estimate, totalGpus } = estimateCost({
            gpuType,
            gpuCount,
            replicas,
            hoursPerMonth,
          });
          expect(totalGpus).toBe(gpuCount * replicas);
          expect(estimate.monthly).toBeCloseTo(
            STATIC_GPU_HOURLY_USD[gpuType] * gpuCount * replicas * hoursPerMonth,
            1
          );
        }
      )
    );
  });
});

describe('estimateNodePoolCosts', () => {
  const a100Pool = pool('gpu', {
    instanceType: 'Standard_NC24ads_A100_v4',
    gpuModel: 'A100-80GB',
    gpuProduct: 'NVIDIA-A100-SXM4-80GB',
    region: 'eastus',
  });

  it('prices a pool from the instance price: price × nodes × hours, high confidence', () => {
    const [cost] = estimateNodePoolCosts(
      [a100Pool],
      [{ instanceType: 'Standard_NC24ads_A100_v4', hourlyPrice: 3.5, region: 'eastus' }],
      {
        gpuCount: 1,
        replicas: 1,
        hoursPerMonth: 730,
      }
    );
    expect(NodePoolCostSchema.parse(cost)).toEqual(cost);
    expect(cost).toMatchObject({
      poolName: 'gpu',
      gpuModel: 'A100-80GB',
      nodeCount: 2,
      availableGpus: 2,
      poolCost: {
        hourly: 7,
        monthly: 5110,
        currency: 'USD',
        source: 'cloud-api',
        confidence: 'high',
      },
      costBreakdown: {
        totalGpus: 1,
        normalizedGpuModel: 'A100-80GB',
        perGpu: { hourly: 3.5, monthly: 2555 },
        estimate: { hourly: 3.5, monthly: 2555, source: 'cloud-api', confidence: 'high' },
      },
      realtimePricing: {
        instanceType: 'Standard_NC24ads_A100_v4',
        hourlyPrice: 3.5,
        monthlyPrice: 2555,
        currency: 'USD',
        region: 'eastus',
        source: 'realtime',
      },
    });
  });

  it('divides an instance price over the GPUs on each node', () => {
    const eightGpuPool = pool('nd', {
      nodeCount: 1,
      gpuCount: 8,
      instanceType: 'Standard_ND96isr_H100_v5',
      gpuModel: 'H100-SXM',
    });
    const [cost] = estimateNodePoolCosts(
      [eightGpuPool],
      [{ instanceType: 'standard_nd96isr_h100_v5', hourlyPrice: 98.32 }],
      { gpuCount: 4 }
    );
    expect(cost?.costBreakdown.perGpu.hourly).toBe(12.29);
    expect(cost?.costBreakdown.estimate.hourly).toBe(49.16);
  });

  it('lowers confidence to medium when the price is for another region', () => {
    const [cost] = estimateNodePoolCosts(
      [a100Pool],
      [{ instanceType: 'Standard_NC24ads_A100_v4', hourlyPrice: 3.9, region: 'westeurope' }]
    );
    expect(cost?.poolCost.confidence).toBe('medium');
    expect(cost?.costBreakdown.notes.join(' ')).toContain('westeurope');
  });

  it('marks a caller-given price as given', () => {
    const [cost] = estimateNodePoolCosts(
      [a100Pool],
      [{ instanceType: 'Standard_NC24ads_A100_v4', hourlyPrice: 2, source: 'given' }]
    );
    expect(cost?.poolCost.source).toBe('given');
    expect(cost?.realtimePricing?.source).toBe('given');
  });

  it('falls back to the static GPU table at low confidence without a price', () => {
    const [cost] = estimateNodePoolCosts([a100Pool], []);
    expect(cost?.poolCost).toMatchObject({
      source: 'static',
      confidence: 'low',
      hourly: Math.round(STATIC_GPU_HOURLY_USD['A100-80GB'] * 2 * 100) / 100,
    });
    expect(cost?.costBreakdown.estimate.source).toBe('static');
    expect(cost?.realtimePricing).toBeUndefined();
  });

  it('prices nothing for a pool with neither a price nor a known GPU', () => {
    const [cost] = estimateNodePoolCosts(
      [pool('cpu', { gpuCount: 0, instanceType: 'Standard_D4s_v5' })],
      []
    );
    expect(cost?.poolCost).toMatchObject({ hourly: 0, source: 'unavailable' });
  });

  it('prices a CPU pool from its instance price without a per-GPU price', () => {
    const [cost] = estimateNodePoolCosts(
      [pool('cpu', { gpuCount: 0, nodeCount: 3, instanceType: 'Standard_D4s_v5' })],
      [{ instanceType: 'Standard_D4s_v5', hourlyPrice: 0.192 }]
    );
    expect(cost?.poolCost.hourly).toBe(0.58);
    expect(cost?.costBreakdown.perGpu.hourly).toBe(0);
  });

  it('validates its options', () => {
    expect(() => estimateNodePoolCosts([a100Pool], [], { hoursPerMonth: 800 })).toThrow();
    expect(() =>
      estimateNodePoolCosts([a100Pool], [{ instanceType: '', hourlyPrice: 1 }])
    ).toThrow();
  });
});
