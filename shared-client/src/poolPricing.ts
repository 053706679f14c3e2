/**
 * Prices for what the plugin shows: which node pools to send to `GET /costs/node-pools`, what a model that
 * fits costs per month on the pool it would run on, and what a whole pool costs per month. Pure: the proxy
 * finds the prices (`costs.ts` does its arithmetic), this module only picks and multiplies them.
 */
import type { ClusterCapacity, NodePoolCapacity } from './capacity';
import type { FitResult } from './fit';
import { SafeTokenSchema } from './schemas/identifiers';
import {
  MAX_PRICED_POOLS,
  type PricedPool,
  PricedPoolSchema,
  PricedPoolsParamSchema,
} from './schemas/pricing';
import type { CostEstimate, NodePoolCost } from './schemas/proxy';

/** Longest `pools` parameter the proxy accepts (`PricedPoolsParamSchema`). */
const MAX_POOLS_PARAM_LENGTH = 32_768;

function safeToken(value: string | undefined): string | undefined {
  return value !== undefined && SafeTokenSchema.safeParse(value).success ? value : undefined;
}

/**
 * The GPU pools of a cluster as the proxy prices them: CPU-only pools are left out (a model's cost is the
 * GPUs it needs), labels the proxy would reject are dropped rather than failing the whole request (a pool
 * without its instance type is still priced from its GPU model), and the list is kept within the proxy's
 * limits (100 pools, a 32 KB parameter). Same pools in, same list out, so it can key a cache.
 */
export function pricedPools(pools: readonly NodePoolCapacity[]): PricedPool[] {
  const priced: PricedPool[] = [];
  const sorted = [...pools].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const pool of sorted) {
    if (pool.gpuCount <= 0) continue;
    const region = pool.region?.toLowerCase();
    // Without a product label the normalised model still lets the proxy find a static price.
    const gpuProduct = safeToken(pool.gpuProduct) ?? safeToken(pool.gpuModel);
    const instanceType = safeToken(pool.instanceType);
    const candidate = {
      name: pool.name,
      ...(instanceType ? { instanceType } : {}),
      ...(region && PricedPoolSchema.shape.region.safeParse(region).success ? { region } : {}),
      nodeCount: pool.nodeCount,
      gpuCount: pool.gpuCount,
      allocatedGpus: pool.allocatedGpus,
      availableGpus: pool.availableGpus,
      ...(gpuProduct ? { gpuProduct } : {}),
    };
    const parsed = PricedPoolSchema.safeParse(candidate);
    if (parsed.success) priced.push(parsed.data);
    if (priced.length === MAX_PRICED_POOLS) break;
  }
  while (priced.length > 0 && JSON.stringify(priced).length > MAX_POOLS_PARAM_LENGTH) priced.pop();
  return priced;
}

/** The `pools` query parameter for `GET /costs/node-pools`; throws if the proxy would reject it. */
export function pricedPoolsParam(pools: readonly PricedPool[]): string {
  const text = JSON.stringify(pools);
  PricedPoolsParamSchema.parse(text);
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// What a price is worth

export interface PriceOrigin {
  source: CostEstimate['source'];
  confidence: CostEstimate['confidence'];
  /** A static list price or a low-confidence one: show it as an estimate. */
  estimate: boolean;
  /** The instance type and region of a cloud price (absent for a static estimate). */
  instanceType?: string;
  region?: string;
  /** The proxy answered from its cache of the cloud price API. */
  cached?: boolean;
  /** The proxy's notes on this pool's price (fallbacks, region mismatch). */
  notes: string[];
}

function priceOrigin(cost: NodePoolCost, estimate: CostEstimate): PriceOrigin {
  const realtime = cost.realtimePricing;
  return {
    source: estimate.source,
    confidence: estimate.confidence,
    estimate: estimate.source === 'static' || estimate.confidence === 'low',
    ...(realtime ? { instanceType: realtime.instanceType } : {}),
    ...(realtime?.region ? { region: realtime.region } : {}),
    ...(realtime ? { cached: realtime.source === 'cached' } : {}),
    notes: cost.costBreakdown.notes,
  };
}

function money(value: number): number {
  return Math.round(value * 100) / 100;
}

// ---------------------------------------------------------------------------------------------------------
// A model's monthly cost

export type NoCostReason =
  /** The fit runs the model on CPU: no GPUs to pay for. */
  | 'cpu-only'
  /** The model does not fit the cluster, so there is no placement to price. */
  | 'does-not-fit'
  /** No pool that could run it has a price (unknown GPU model and no cloud price). */
  | 'no-price';

export type ModelMonthlyCost =
  | {
      kind: 'cost';
      /** gpus × perGpuMonthly, in `currency`. */
      monthly: number;
      perGpuMonthly: number;
      gpus: number;
      currency: string;
      poolName: string;
      /** `fit-node`: the pool of the node the fit chose; `cheapest`: the cheapest pool whose GPUs fit. */
      pool: 'fit-node' | 'cheapest';
      origin: PriceOrigin;
    }
  | { kind: 'none'; reason: NoCostReason };

function perGpuPrice(cost: NodePoolCost | undefined): number {
  return cost ? cost.costBreakdown.perGpu.monthly : 0;
}

/** GPUs per node of a pool (pools are usually one instance type, so every node has the same). */
function gpusPerNode(pool: NodePoolCapacity): number {
  return pool.nodeCount > 0 ? pool.gpuCount / pool.nodeCount : 0;
}

/**
 * What the GPUs a fitting model needs cost per month: `fit.gpusNeeded` × the per-GPU monthly price of the
 * pool of the node the fit chose, or, when that node has no pool or the pool no price, of the cheapest priced
 * pool whose nodes have that many GPUs holding the model's memory.
 */
export function modelMonthlyCost(
  fit: FitResult,
  capacity: Pick<ClusterCapacity, 'nodes' | 'nodePools'>,
  costs: readonly NodePoolCost[]
): ModelMonthlyCost {
  if (fit.verdict === 'does-not-fit') return { kind: 'none', reason: 'does-not-fit' };
  if (fit.gpusNeeded === 0) return { kind: 'none', reason: 'cpu-only' };
  const gpus = fit.gpusNeeded;
  const byPool = new Map(costs.map(cost => [cost.poolName, cost]));

  const result = (cost: NodePoolCost, pool: 'fit-node' | 'cheapest'): ModelMonthlyCost => {
    const perGpuMonthly = perGpuPrice(cost);
    return {
      kind: 'cost',
      monthly: money(gpus * perGpuMonthly),
      perGpuMonthly,
      gpus,
      currency: cost.costBreakdown.estimate.currency,
      poolName: cost.poolName,
      pool,
      origin: priceOrigin(cost, cost.costBreakdown.estimate),
    };
  };

  const nodePool = fit.node
    ? capacity.nodes.find(node => node.nodeName === fit.node)?.pool
    : undefined;
  const fitCost = nodePool !== undefined ? byPool.get(nodePool) : undefined;
  if (fitCost && perGpuPrice(fitCost) > 0) return result(fitCost, 'fit-node');

  let cheapest: NodePoolCost | undefined;
  for (const pool of capacity.nodePools) {
    const cost = byPool.get(pool.name);
    const price = perGpuPrice(cost);
    if (!cost || price <= 0) continue;
    if (gpusPerNode(pool) < gpus) continue;
    if (pool.gpuMemoryGb === undefined || pool.gpuMemoryGb * gpus < fit.requiredMemoryGb) continue;
    const best = perGpuPrice(cheapest);
    if (!cheapest || price < best || (price === best && cost.poolName < cheapest.poolName)) {
      cheapest = cost;
    }
  }
  return cheapest ? result(cheapest, 'cheapest') : { kind: 'none', reason: 'no-price' };
}

// ---------------------------------------------------------------------------------------------------------
// A pool's monthly cost

export interface PoolMonthlyCost {
  monthly: number;
  currency: string;
  origin: PriceOrigin;
}

/**
 * What a whole pool costs per month: the proxy's pool cost, or (from a proxy that does not send one) the
 * per-GPU price × the pool's GPUs. Undefined when the pool has no price.
 */
export function poolMonthlyCost(
  cost: NodePoolCost | undefined,
  pool: Pick<NodePoolCapacity, 'gpuCount'>
): PoolMonthlyCost | undefined {
  if (!cost) return undefined;
  const estimate: CostEstimate = cost.poolCost ?? {
    ...cost.costBreakdown.estimate,
    hourly: money(cost.costBreakdown.perGpu.hourly * pool.gpuCount),
    monthly: money(cost.costBreakdown.perGpu.monthly * pool.gpuCount),
  };
  if (estimate.monthly <= 0) return undefined;
  return {
    monthly: estimate.monthly,
    currency: estimate.currency,
    origin: priceOrigin(cost, estimate),
  };
}
