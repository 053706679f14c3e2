/**
 * Cost estimates: a static per-GPU estimate (`/costs/estimate`) and node-pool costs from prices the caller
 * supplies (`/costs/node-pools`; the proxy fetches real prices, this module only does the arithmetic).
 */
import { z } from 'zod';
import type { NodePoolCapacity } from './capacity';
import { GPU_CATALOG, type GpuModel, normalizeGpuModel } from './gpu';

export const DEFAULT_HOURS_PER_MONTH = 730;
export const MAX_HOURS_PER_MONTH = 744;

/**
 * Approximate on-demand USD per GPU-hour, derived from public list prices of single-model GPU instances
 * (Azure, AWS, Google Cloud; 2024–2025, US regions). They vary by region and change; every estimate from
 * this table is marked `confidence: 'low'`. Real prices come from `/costs/node-pools`.
 */
export const STATIC_GPU_HOURLY_USD: Readonly<Record<GpuModel, number>> = {
  'A100-40GB': 3.4,
  'A100-80GB': 3.67,
  'H100-SXM': 9.8,
  'H100-PCIe': 5.0,
  'H100-NVL': 6.98,
  H200: 10.6,
  B200: 14.24,
  GB200: 16.0,
  L40S: 1.86,
  L4: 0.8,
  A10: 1.1,
  A10G: 1.01,
  T4: 0.53,
  V100: 3.06,
  MI300X: 6.0,
};

export const ConfidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

/** static: the table above; cloud-api: a provider's price API; given: a price the caller supplied; unavailable: no price known. */
export const PriceSourceSchema = z.enum(['static', 'cloud-api', 'given', 'unavailable']);
export type PriceSource = z.infer<typeof PriceSourceSchema>;

const hoursPerMonthSchema = z.number().int().min(1).max(MAX_HOURS_PER_MONTH);

export const CostEstimateRequestSchema = z.object({
  gpuType: z.string().trim().min(1),
  gpuCount: z.number().int().min(1),
  replicas: z.number().int().min(1),
  hoursPerMonth: hoursPerMonthSchema.default(DEFAULT_HOURS_PER_MONTH),
});
export type CostEstimateRequest = z.input<typeof CostEstimateRequestSchema>;

export const CostEstimateSchema = z.object({
  hourly: z.number().nonnegative(),
  monthly: z.number().nonnegative(),
  currency: z.string(),
  source: PriceSourceSchema,
  confidence: ConfidenceSchema,
});
export type CostEstimate = z.infer<typeof CostEstimateSchema>;

export const CostBreakdownSchema = z.object({
  totalGpus: z.number().int().nonnegative(),
  gpuModel: z.string(),
  normalizedGpuModel: z.string(),
  perGpu: z.object({ hourly: z.number().nonnegative(), monthly: z.number().nonnegative() }),
  estimate: CostEstimateSchema,
  notes: z.array(z.string()),
});
export type CostBreakdown = z.infer<typeof CostBreakdownSchema>;

export const CostEstimateResponseSchema = z.object({
  success: z.literal(true),
  breakdown: CostBreakdownSchema,
});
export type CostEstimateResponse = z.infer<typeof CostEstimateResponseSchema>;

/** Cents: prices are shown in dollars and cents, and float sums otherwise leak 0.30000000000000004. */
function money(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Static estimate for `gpuCount` GPUs per replica × `replicas`, `hoursPerMonth` hours (1–744, default 730).
 * Throws a ZodError for an invalid request.
 */
export function estimateCost(request: CostEstimateRequest): CostBreakdown {
  const { gpuType, gpuCount, replicas, hoursPerMonth } = CostEstimateRequestSchema.parse(request);
  const model = normalizeGpuModel(gpuType);
  const totalGpus = gpuCount * replicas;
  const perGpuHourly = model ? STATIC_GPU_HOURLY_USD[model] : undefined;
  const notes: string[] = [];
  if (model) {
    const info = GPU_CATALOG[model];
    notes.push(`GPU: ${model} (${info.memoryGb} GB, ${info.generation})`);
    notes.push(
      'Static list-price estimate; use real-time pricing via /costs/node-pools for your cloud and region.'
    );
  } else {
    notes.push(`Unknown GPU type "${gpuType}": no static price is available.`);
  }
  const hourly = perGpuHourly ?? 0;
  return {
    totalGpus,
    gpuModel: gpuType,
    normalizedGpuModel: model ?? gpuType,
    perGpu: { hourly: money(hourly), monthly: money(hourly * hoursPerMonth) },
    estimate: {
      hourly: money(hourly * totalGpus),
      monthly: money(hourly * totalGpus * hoursPerMonth),
      currency: 'USD',
      source: model ? 'static' : 'unavailable',
      confidence: 'low',
    },
    notes,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Node pools

export const InstancePriceSchema = z.object({
  instanceType: z.string().min(1),
  /** Price of one instance (node) per hour. */
  hourlyPrice: z.number().nonnegative(),
  currency: z.string().default('USD'),
  region: z.string().optional(),
  /** Where the price came from; a cloud price API unless said otherwise. */
  source: z.enum(['cloud-api', 'given']).default('cloud-api'),
});
export type InstancePrice = z.input<typeof InstancePriceSchema>;

export const RealtimePricingSchema = z.object({
  instanceType: z.string(),
  hourlyPrice: z.number().nonnegative(),
  monthlyPrice: z.number().nonnegative(),
  currency: z.string(),
  region: z.string().optional(),
  source: z.enum(['realtime', 'given']),
});
export type RealtimePricing = z.infer<typeof RealtimePricingSchema>;

export const NodePoolCostSchema = z.object({
  poolName: z.string(),
  gpuModel: z.string().optional(),
  nodeCount: z.number().int().nonnegative(),
  availableGpus: z.number().nonnegative(),
  /** What the whole pool costs: instance price × nodes × hours. */
  poolCost: CostEstimateSchema,
  /** What a deployment of `gpuCount` × `replicas` GPUs on this pool costs. */
  costBreakdown: CostBreakdownSchema,
  realtimePricing: RealtimePricingSchema.optional(),
});
export type NodePoolCost = z.infer<typeof NodePoolCostSchema>;

export const NodePoolCostOptionsSchema = z.object({
  gpuCount: z.number().int().min(1).default(1),
  replicas: z.number().int().min(1).default(1),
  hoursPerMonth: hoursPerMonthSchema.default(DEFAULT_HOURS_PER_MONTH),
});
export type NodePoolCostOptions = z.input<typeof NodePoolCostOptionsSchema>;

function priceIndex(
  prices: readonly InstancePrice[]
): Map<string, z.infer<typeof InstancePriceSchema>> {
  const index = new Map<string, z.infer<typeof InstancePriceSchema>>();
  for (const price of prices) {
    const parsed = InstancePriceSchema.parse(price);
    index.set(parsed.instanceType.toLowerCase(), parsed);
  }
  return index;
}

/**
 * Cost of each node pool from instance prices. A pool whose instance type has a price gets `high` confidence
 * (`medium` when the price is for a different region than the pool's); a GPU pool without one falls back to
 * the static GPU table at `low` confidence; a pool with neither is priced as unavailable.
 */
export function estimateNodePoolCosts(
  pools: readonly NodePoolCapacity[],
  prices: readonly InstancePrice[],
  options: NodePoolCostOptions = {}
): NodePoolCost[] {
  const { gpuCount, replicas, hoursPerMonth } = NodePoolCostOptionsSchema.parse(options);
  const index = priceIndex(prices);
  const totalGpus = gpuCount * replicas;
  return pools.map((pool): NodePoolCost => {
    const price = pool.instanceType ? index.get(pool.instanceType.toLowerCase()) : undefined;
    const model = pool.gpuModel ?? normalizeGpuModel(pool.gpuProduct);
    const gpusPerNode = pool.nodeCount > 0 ? pool.gpuCount / pool.nodeCount : 0;
    const base = {
      poolName: pool.name,
      ...(model ? { gpuModel: model } : {}),
      nodeCount: pool.nodeCount,
      availableGpus: pool.availableGpus,
    };

    if (price) {
      const regionMismatch = Boolean(
        price.region && pool.region && price.region.toLowerCase() !== pool.region.toLowerCase()
      );
      const confidence: Confidence = regionMismatch ? 'medium' : 'high';
      const source: PriceSource = price.source === 'given' ? 'given' : 'cloud-api';
      const perGpuHourly = gpusPerNode > 0 ? price.hourlyPrice / gpusPerNode : 0;
      const notes = [
        price.source === 'given'
          ? `Price given for ${price.instanceType}`
          : `Real-time price for ${price.instanceType}${price.region ? ` in ${price.region}` : ''}`,
      ];
      if (regionMismatch)
        notes.push(`The price is for ${price.region}; the pool runs in ${pool.region}.`);
      if (gpusPerNode === 0) notes.push('The pool has no GPUs, so no per-GPU price applies.');
      return {
        ...base,
        poolCost: {
          hourly: money(price.hourlyPrice * pool.nodeCount),
          monthly: money(price.hourlyPrice * pool.nodeCount * hoursPerMonth),
          currency: price.currency,
          source,
          confidence,
        },
        costBreakdown: {
          totalGpus,
          gpuModel: pool.gpuProduct ?? model ?? 'none',
          normalizedGpuModel: model ?? 'none',
          perGpu: { hourly: money(perGpuHourly), monthly: money(perGpuHourly * hoursPerMonth) },
          estimate: {
            hourly: money(perGpuHourly * totalGpus),
            monthly: money(perGpuHourly * totalGpus * hoursPerMonth),
            currency: price.currency,
            source,
            confidence,
          },
          notes,
        },
        realtimePricing: {
          instanceType: price.instanceType,
          hourlyPrice: price.hourlyPrice,
          monthlyPrice: money(price.hourlyPrice * hoursPerMonth),
          currency: price.currency,
          ...(price.region ? { region: price.region } : {}),
          source: price.source === 'given' ? 'given' : 'realtime',
        },
      };
    }

    const staticPerGpu = model ? STATIC_GPU_HOURLY_USD[model] : undefined;
    const poolGpus = pool.gpuCount;
    const breakdown: CostBreakdown = model
      ? estimateCost({ gpuType: model, gpuCount, replicas, hoursPerMonth })
      : {
          totalGpus,
          gpuModel: pool.gpuProduct ?? 'none',
          normalizedGpuModel: 'none',
          perGpu: { hourly: 0, monthly: 0 },
          estimate: {
            hourly: 0,
            monthly: 0,
            currency: 'USD',
            source: 'unavailable',
            confidence: 'low',
          },
          notes: [
            `No price for ${
              pool.instanceType ?? 'this pool'
            } and no known GPU model to estimate from.`,
          ],
        };
    if (pool.gpuProduct) breakdown.gpuModel = pool.gpuProduct;
    return {
      ...base,
      poolCost: {
        hourly: money((staticPerGpu ?? 0) * poolGpus),
        monthly: money((staticPerGpu ?? 0) * poolGpus * hoursPerMonth),
        currency: 'USD',
        source: staticPerGpu !== undefined ? 'static' : 'unavailable',
        confidence: 'low',
      },
      costBreakdown: breakdown,
    };
  });
}
