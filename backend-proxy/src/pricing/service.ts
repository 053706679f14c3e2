/**
 * The cost endpoints: static estimates, instance prices (Azure today; AWS and Google Cloud instance
 * types are recognised and answered "not yet supported"), node-pool costs with a static fallback at
 * `confidence: low`, the GPU catalogue and label normalisation. Arithmetic lives in shared-client
 * (`costs.ts`, `gpu.ts`); this module only finds prices.
 */
import type { NodePoolCapacity } from '@airunway/shared-client/capacity';
import {
  type CostBreakdown as SharedBreakdown,
  estimateCost,
  estimateNodePoolCosts,
  type InstancePrice as SharedInstancePrice,
} from '@airunway/shared-client/costs';
import {
  describeGpuLabel,
  gpuModelFromInstanceType,
  listGpuModels,
  normalizeGpuModel,
} from '@airunway/shared-client/gpu';
import type {
  CloudProvider,
  CostBreakdown,
  CostEstimateRequest,
  CostEstimateResponse,
  GpuModelsResponse,
  InstancePriceResponse,
  NodePoolCost,
  NodePoolCostsQuery,
  NodePoolCostsResponse,
  NormalizeGpuResponse,
} from '@airunway/shared-client/schemas/proxy';
import type { Logger } from 'pino';
import { ProxyError } from '../errors';
import { type AzurePricing, type CachedPrice } from './azure';
import { azureGpuCount, detectProvider } from './provider';

const PROVIDER_NAMES: Record<CloudProvider, string> = {
  aws: 'AWS',
  azure: 'Azure',
  gcp: 'Google Cloud',
};

export interface PricingServiceOptions {
  azure: AzurePricing;
  defaultRegion: string;
  /** Pools read from the cluster when the caller sends none. */
  clusterPools?: () => Promise<NodePoolCapacity[]>;
  logger?: Logger;
}

type Source = CostBreakdown['estimate']['source'];

/** shared-client's sources → the wire enum (static | opencost | cloud-api). */
function wireSource(source: string): Source {
  return source === 'cloud-api' || source === 'given' ? 'cloud-api' : 'static';
}

function toWireBreakdown(b: SharedBreakdown): CostBreakdown {
  return {
    estimate: { ...b.estimate, source: wireSource(b.estimate.source) },
    perGpu: b.perGpu,
    totalGpus: b.totalGpus,
    gpuModel: b.gpuModel,
    normalizedGpuModel: b.normalizedGpuModel,
    notes: b.notes,
  };
}

export class PricingService {
  constructor(private readonly opts: PricingServiceOptions) {}

  estimate(request: CostEstimateRequest): CostEstimateResponse {
    const breakdown = estimateCost({
      gpuType: request.gpuType,
      gpuCount: request.gpuCount,
      replicas: request.replicas,
      ...(request.hoursPerMonth !== undefined ? { hoursPerMonth: request.hoursPerMonth } : {}),
    });
    return { success: true, breakdown: toWireBreakdown(breakdown) };
  }

  gpuModels(): GpuModelsResponse {
    return {
      success: true,
      models: listGpuModels().map(m => ({
        model: m.model,
        memoryGb: m.memoryGb,
        generation: m.generation,
      })),
      note: 'GPU specifications only. For prices use /costs/node-pools or /costs/instance-price.',
    };
  }

  normalizeGpu(label: string): NormalizeGpuResponse {
    const d = describeGpuLabel(label);
    return {
      success: d.normalizedModel !== undefined,
      originalLabel: label,
      normalizedModel: d.normalizedModel ?? label,
      gpuInfo: d.gpuInfo ?? null,
    };
  }

  private notSupported(provider: CloudProvider, instanceType: string): string {
    return `Real-time pricing for ${PROVIDER_NAMES[provider]} instance types (${instanceType}) is not yet supported; only Azure is.`;
  }

  async instancePrice(instanceType: string, region?: string): Promise<InstancePriceResponse> {
    const provider = detectProvider(instanceType);
    if (!provider) {
      return {
        success: false,
        error: `"${instanceType}" is not an instance type of a supported cloud (Azure, AWS, Google Cloud).`,
      };
    }
    if (provider !== 'azure')
      return { success: false, error: this.notSupported(provider, instanceType), provider };
    const { price, cached } = await this.opts.azure.price(
      instanceType,
      region ?? this.opts.defaultRegion
    );
    const gpuCount = azureGpuCount(instanceType);
    const gpuModel = gpuModelFromInstanceType(instanceType);
    return {
      success: true,
      cached,
      price: {
        instanceType: price.instanceType,
        provider,
        region: price.region,
        hourlyPrice: price.hourlyPrice,
        currency: price.currency,
        priceType: 'Consumption',
        ...(gpuCount !== undefined ? { gpuCount } : {}),
        ...(gpuModel ? { gpuModel } : {}),
        lastUpdated: price.lastUpdated,
      },
    };
  }

  async nodePoolCosts(
    query: NodePoolCostsQuery,
    sentPools?: NodePoolCapacity[]
  ): Promise<NodePoolCostsResponse> {
    let pools = sentPools;
    if (!pools) {
      if (!this.opts.clusterPools) {
        throw new ProxyError(
          'VALIDATION_ERROR',
          'Send the node pools to price in the "pools" query parameter.',
          { part: 'query' }
        );
      }
      pools = await this.opts.clusterPools();
    }
    const computeType = query.computeType ?? 'gpu';
    pools = pools.filter(p => (computeType === 'gpu' ? p.gpuCount > 0 : p.gpuCount === 0));
    const realtime = query.realtime ?? true;

    const prices = new Map<string, CachedPrice>();
    const notes = new Map<string, string>();
    if (realtime) {
      const wanted = new Map<string, { instanceType: string; region: string }>();
      for (const pool of pools) {
        if (!pool.instanceType) continue;
        const provider = detectProvider(pool.instanceType);
        if (provider !== 'azure') {
          notes.set(
            pool.name,
            provider
              ? `${this.notSupported(provider, pool.instanceType)} Static estimate shown.`
              : `No real-time pricing for ${pool.instanceType}; static estimate shown.`
          );
          continue;
        }
        const region = (pool.region ?? this.opts.defaultRegion).toLowerCase();
        wanted.set(`${pool.instanceType.toLowerCase()}|${region}`, {
          instanceType: pool.instanceType,
          region,
        });
      }
      await Promise.all(
        [...wanted.entries()].map(async ([key, w]) => {
          try {
            prices.set(key, await this.opts.azure.price(w.instanceType, w.region));
          } catch (err) {
            const e = err instanceof ProxyError ? err : undefined;
            this.opts.logger?.warn(
              { instanceType: w.instanceType, region: w.region, code: e?.code },
              'pricing fell back to static'
            );
          }
        })
      );
    }

    const sharedPrices: SharedInstancePrice[] = [];
    const priceByPool = new Map<string, CachedPrice>();
    for (const pool of pools) {
      if (!pool.instanceType) continue;
      const region = (pool.region ?? this.opts.defaultRegion).toLowerCase();
      const found = prices.get(`${pool.instanceType.toLowerCase()}|${region}`);
      if (found) priceByPool.set(pool.name, found);
    }
    // estimateNodePoolCosts indexes prices by instance type; price each pool on its own so two pools of
    // one size in different regions keep their own price.
    const results: NodePoolCost[] = pools.map(pool => {
      const found = priceByPool.get(pool.name);
      // A pool without GPU labels (a fresh AKS pool) still has a GPU model in its instance type: the static
      // fallback prices the pool from it.
      const gpuModel =
        pool.gpuModel ??
        normalizeGpuModel(pool.gpuProduct) ??
        gpuModelFromInstanceType(pool.instanceType);
      const priced: NodePoolCapacity = {
        ...pool,
        ...(gpuModel ? { gpuModel } : {}),
        ...(found ? { region: found.price.region } : {}),
      };
      const poolPrices = found
        ? [
            {
              instanceType: found.price.instanceType,
              hourlyPrice: found.price.hourlyPrice,
              currency: found.price.currency,
              region: found.price.region,
            },
          ]
        : sharedPrices;
      const [cost] = estimateNodePoolCosts([priced], poolPrices, {
        ...(query.gpuCount !== undefined ? { gpuCount: query.gpuCount } : {}),
        ...(query.replicas !== undefined ? { replicas: query.replicas } : {}),
        ...(query.hoursPerMonth !== undefined ? { hoursPerMonth: query.hoursPerMonth } : {}),
      });
      if (!cost) throw new Error('no cost computed');
      const breakdown = toWireBreakdown(cost.costBreakdown);
      const note = notes.get(pool.name);
      if (note) breakdown.notes.push(note);
      if (!found && realtime && pool.instanceType && !note) {
        breakdown.notes.push(
          `Real-time price for ${pool.instanceType} is unavailable right now; static estimate shown.`
        );
      }
      if (found?.stale)
        breakdown.notes.push('Price from the cache: the pricing API is unavailable right now.');
      const model =
        cost.gpuModel ??
        normalizeGpuModel(pool.gpuProduct) ??
        gpuModelFromInstanceType(pool.instanceType);
      const result: NodePoolCost = {
        poolName: pool.name,
        gpuModel: model ?? 'none',
        availableGpus: Math.floor(pool.availableGpus),
        poolCost: { ...cost.poolCost, source: wireSource(cost.poolCost.source) },
        costBreakdown: breakdown,
      };
      if (found && cost.realtimePricing) {
        result.realtimePricing = {
          instanceType: cost.realtimePricing.instanceType,
          hourlyPrice: cost.realtimePricing.hourlyPrice,
          monthlyPrice: cost.realtimePricing.monthlyPrice,
          currency: cost.realtimePricing.currency,
          ...(cost.realtimePricing.region ? { region: cost.realtimePricing.region } : {}),
          source: found.cached ? 'cached' : 'realtime',
          ...(pool.nodeCount > 0 ? { gpuCount: Math.round(pool.gpuCount / pool.nodeCount) } : {}),
          ...(model ? { gpuModel: model } : {}),
        };
      }
      return result;
    });
    const anyRealtime = results.some(r => r.realtimePricing);
    const anyStatic = results.some(r => !r.realtimePricing);
    return {
      success: true,
      nodePoolCosts: results,
      pricingSource: anyRealtime
        ? anyStatic
          ? 'azure-retail-prices+static'
          : 'azure-retail-prices'
        : 'static',
      cacheStats: this.opts.azure.cacheStats(),
    };
  }
}
