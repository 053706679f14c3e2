/**
 * A fake `GET /costs/node-pools` that prices the pools the plugin sends the way the proxy does: the same
 * shared-client arithmetic (`estimateNodePoolCosts`) over the given instance prices, in the proxy's wire
 * shape (`NodePoolCostsResponseSchema`, checked by `proxy.on`). No price here is written by hand.
 */
import type { NodePoolCapacity } from '@airunway/shared-client/capacity';
import {
  estimateNodePoolCosts,
  type InstancePrice,
  type NodePoolCost as SharedNodePoolCost,
} from '@airunway/shared-client/costs';
import { gpuModelFromInstanceType, normalizeGpuModel } from '@airunway/shared-client/gpu';
import { NODE_POOLS_PARAM, PricedPoolsParamSchema } from '@airunway/shared-client/schemas/pricing';
import {
  type NodePoolCost,
  type NodePoolCostsResponse,
  NodePoolCostsResponseSchema,
} from '@airunway/shared-client/schemas/proxy';
import { proxy } from './proxy';

/** shared-client's sources → the wire enum, as the proxy maps them. */
function wireSource(source: string): 'cloud-api' | 'static' {
  return source === 'cloud-api' || source === 'given' ? 'cloud-api' : 'static';
}

function toWire(cost: SharedNodePoolCost): NodePoolCost {
  return {
    poolName: cost.poolName,
    gpuModel: cost.gpuModel ?? 'none',
    availableGpus: Math.floor(cost.availableGpus),
    poolCost: { ...cost.poolCost, source: wireSource(cost.poolCost.source) },
    costBreakdown: {
      ...cost.costBreakdown,
      estimate: {
        ...cost.costBreakdown.estimate,
        source: wireSource(cost.costBreakdown.estimate.source),
      },
    },
    ...(cost.realtimePricing
      ? { realtimePricing: { ...cost.realtimePricing, source: 'realtime' as const } }
      : {}),
  };
}

/** The answer the proxy gives for `pools` (the `pools` parameter, already parsed) at `prices`. */
export function nodePoolCostsAnswer(
  pools: ReturnType<typeof PricedPoolsParamSchema.parse>,
  prices: readonly InstancePrice[],
  hoursPerMonth?: number
): NodePoolCostsResponse {
  const capacities: NodePoolCapacity[] = pools.map(pool => {
    const gpuModel =
      normalizeGpuModel(pool.gpuProduct) ?? gpuModelFromInstanceType(pool.instanceType);
    return {
      ...pool,
      allocatedGpus: pool.allocatedGpus ?? Math.max(0, pool.gpuCount - pool.availableGpus),
      ...(gpuModel ? { gpuModel } : {}),
    };
  });
  const costs = estimateNodePoolCosts(
    capacities,
    prices,
    hoursPerMonth ? { hoursPerMonth } : {}
  ).map(toWire);
  const realtime = costs.some(cost => cost.realtimePricing);
  const fallback = costs.some(cost => !cost.realtimePricing);
  return NodePoolCostsResponseSchema.parse({
    success: true,
    nodePoolCosts: costs,
    pricingSource: realtime
      ? fallback
        ? 'azure-retail-prices+static'
        : 'azure-retail-prices'
      : 'static',
  });
}

/**
 * The handler; `answers` collects every answer it gave (so a test reads the prices it must show from the
 * response, not from a copy of the arithmetic), and `urls` every request.
 */
export function nodePoolCosts(prices: readonly InstancePrice[] = []) {
  const answers: NodePoolCostsResponse[] = [];
  const urls: URL[] = [];
  const handler = proxy.on('nodePoolCosts', request => {
    const url = new URL(request.url);
    urls.push(url);
    const pools = PricedPoolsParamSchema.parse(url.searchParams.get(NODE_POOLS_PARAM));
    const hours = url.searchParams.get('hoursPerMonth');
    const answer = nodePoolCostsAnswer(pools, prices, hours ? Number(hours) : undefined);
    answers.push(answer);
    return answer;
  });
  return { handler, answers, urls };
}

/** `amount` as the pages show it (they format with Intl in the response's currency). */
export function formatMoney(amount: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amount);
}

/** Cents, as the proxy rounds. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
