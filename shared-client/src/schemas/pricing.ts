import { z } from 'zod';
import { SafeTokenSchema } from './identifiers';

/**
 * Node pools the plugin sends to `GET /costs/node-pools` in the `pools` query parameter (JSON), from the
 * capacity it computes with the user's own credentials (`capacity.ts`). Without it the proxy prices the
 * pools it reads from the cluster's Nodes itself.
 */
export const NODE_POOLS_PARAM = 'pools';
export const MAX_PRICED_POOLS = 100;

export const PricedPoolSchema = z.object({
  name: z
    .string()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'must be a node pool name'),
  instanceType: SafeTokenSchema.optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/, 'must be a region such as "eastus"')
    .optional(),
  nodeCount: z.number().int().min(0).max(100_000),
  gpuCount: z.number().min(0).max(1_000_000),
  allocatedGpus: z.number().min(0).max(1_000_000).optional(),
  availableGpus: z.number().min(0).max(1_000_000),
  gpuProduct: SafeTokenSchema.optional(),
});
export type PricedPool = z.infer<typeof PricedPoolSchema>;

export const PricedPoolsSchema = z.array(PricedPoolSchema).max(MAX_PRICED_POOLS);

/** The `pools` query parameter: a JSON array of pools. */
export const PricedPoolsParamSchema = z
  .string()
  .max(32_768)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of node pools' });
      return z.NEVER;
    }
  })
  .pipe(PricedPoolsSchema);
