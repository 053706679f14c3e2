/** The /costs endpoints: static estimate, node-pool costs, instance price, GPU models, label normalisation. */
import { NODE_POOLS_PARAM, PricedPoolsParamSchema } from '@airunway/shared-client/schemas/pricing';
import { validationError } from '../errors';
import type { PricingService } from '../pricing/service';
import type { RouteTable } from './define';

export function costRoutes(routes: RouteTable, pricing: PricingService): void {
  routes.add('estimateCost', ({ body }) => pricing.estimate(body));
  routes.add('nodePoolCosts', ({ query, c }) => {
    const raw = c.req.query(NODE_POOLS_PARAM);
    if (raw === undefined) return pricing.nodePoolCosts(query);
    const pools = PricedPoolsParamSchema.safeParse(raw);
    if (!pools.success) throw validationError('query', pools.error);
    return pricing.nodePoolCosts(
      query,
      pools.data.map(p => ({
        ...p,
        allocatedGpus: p.allocatedGpus ?? Math.max(0, p.gpuCount - p.availableGpus),
      }))
    );
  });
  routes.add('instancePrice', ({ query }) =>
    pricing.instancePrice(query.instanceType, query.region)
  );
  routes.add('gpuModels', () => pricing.gpuModels());
  routes.add('normalizeGpuLabel', ({ query }) => pricing.normalizeGpu(query.label));
}
