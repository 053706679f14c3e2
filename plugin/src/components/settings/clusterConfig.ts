/**
 * The cluster's own AI Runway settings: the ConfigMap airunway-config in airunway-system, read and written
 * with the user's own credentials, so RBAC on configmaps decides who may change them.
 */
import { ApiProxy } from '@kinvolk/headlamp-plugin/lib';
import { z } from 'zod';

export const CLUSTER_CONFIG = {
  namespace: 'airunway-system',
  name: 'airunway-config',
  defaultNamespaceKey: 'defaultNamespace',
} as const;

/** The ConfigMap keys of the AI Configurator and cost options (ConfigMap values are strings). */
export const OPTION_KEYS = {
  optimizeFor: 'aiConfiguratorOptimizeFor',
  maxLatencyMs: 'aiConfiguratorMaxLatencyMs',
  hoursPerMonth: 'costHoursPerMonth',
  preferRealtime: 'costPreferRealtime',
} as const;

export const OPTIMIZE_FOR = ['throughput', 'latency'] as const;
export const HOURS_PER_MONTH = { min: 1, max: 744, default: 730 } as const;
export const MAX_LATENCY_MS = { min: 1, max: 600_000 } as const;

/** What the create form's Suggest button asks the AI Configurator for by default. */
const MaxLatencyMsSchema = z
  .number()
  .int('must be a whole number of milliseconds')
  .min(MAX_LATENCY_MS.min, `must be at least ${MAX_LATENCY_MS.min} ms`)
  .max(MAX_LATENCY_MS.max, `must be at most ${MAX_LATENCY_MS.max} ms`);

export const AiConfiguratorOptionsSchema = z.object({
  optimizeFor: z.enum(OPTIMIZE_FOR),
  maxLatencyMs: MaxLatencyMsSchema.optional(),
});
export type AiConfiguratorOptions = z.infer<typeof AiConfiguratorOptionsSchema>;

/** How monthly costs are computed and which prices are preferred. */
export const CostOptionsSchema = z.object({
  hoursPerMonth: z
    .number()
    .int('must be a whole number of hours')
    .min(HOURS_PER_MONTH.min, `must be at least ${HOURS_PER_MONTH.min}`)
    .max(HOURS_PER_MONTH.max, `must be at most ${HOURS_PER_MONTH.max} (31 days)`),
  preferRealtime: z.boolean(),
});
export type CostOptions = z.infer<typeof CostOptionsSchema>;

export const DEFAULT_AI_CONFIGURATOR_OPTIONS: AiConfiguratorOptions = { optimizeFor: 'throughput' };
export const DEFAULT_COST_OPTIONS: CostOptions = {
  hoursPerMonth: HOURS_PER_MONTH.default,
  preferRealtime: true,
};

/** A whole number written as a ConfigMap string ('' and anything else is not one). */
const intString = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

/**
 * The whole airunway-config data as the plugin reads it. Each key falls back on its own when missing or
 * edited by hand into something invalid, so one bad value never hides the others; unknown keys are kept.
 */
export const ClusterConfigDataSchema = z.looseObject({
  [CLUSTER_CONFIG.defaultNamespaceKey]: z.string().optional().catch(undefined),
  [OPTION_KEYS.optimizeFor]: z
    .enum(OPTIMIZE_FOR)
    .catch(DEFAULT_AI_CONFIGURATOR_OPTIONS.optimizeFor),
  [OPTION_KEYS.maxLatencyMs]: intString.pipe(MaxLatencyMsSchema).optional().catch(undefined),
  [OPTION_KEYS.hoursPerMonth]: intString
    .pipe(CostOptionsSchema.shape.hoursPerMonth)
    .catch(DEFAULT_COST_OPTIONS.hoursPerMonth),
  [OPTION_KEYS.preferRealtime]: z
    .enum(['true', 'false'])
    .transform(value => value === 'true')
    .catch(DEFAULT_COST_OPTIONS.preferRealtime),
});

export function aiConfiguratorOptionsFrom(
  config: ConfigMapLike | null | undefined
): AiConfiguratorOptions {
  const data = ClusterConfigDataSchema.parse(config?.data ?? {});
  const maxLatencyMs = data[OPTION_KEYS.maxLatencyMs];
  return {
    optimizeFor: data[OPTION_KEYS.optimizeFor],
    ...(maxLatencyMs !== undefined ? { maxLatencyMs } : {}),
  };
}

export function costOptionsFrom(config: ConfigMapLike | null | undefined): CostOptions {
  const data = ClusterConfigDataSchema.parse(config?.data ?? {});
  return {
    hoursPerMonth: data[OPTION_KEYS.hoursPerMonth],
    preferRealtime: data[OPTION_KEYS.preferRealtime],
  };
}

/** The ConfigMap data for validated options; null removes a key (JSON merge patch). */
export function aiConfiguratorOptionsData(
  options: AiConfiguratorOptions
): Record<string, string | null> {
  const valid = AiConfiguratorOptionsSchema.parse(options);
  return {
    [OPTION_KEYS.optimizeFor]: valid.optimizeFor,
    [OPTION_KEYS.maxLatencyMs]:
      valid.maxLatencyMs === undefined ? null : String(valid.maxLatencyMs),
  };
}

export function costOptionsData(options: CostOptions): Record<string, string> {
  const valid = CostOptionsSchema.parse(options);
  return {
    [OPTION_KEYS.hoursPerMonth]: String(valid.hoursPerMonth),
    [OPTION_KEYS.preferRealtime]: String(valid.preferRealtime),
  };
}

export const CLUSTER_CONFIG_PATH = `/api/v1/namespaces/${CLUSTER_CONFIG.namespace}/configmaps`;

export interface ConfigMapLike {
  metadata: { name: string; namespace?: string; resourceVersion?: string };
  data?: Record<string, string>;
}

/** The ConfigMap, or null when it does not exist yet (404). */
export async function readClusterConfig(): Promise<ConfigMapLike | null> {
  try {
    return (await ApiProxy.request(
      `${CLUSTER_CONFIG_PATH}/${CLUSTER_CONFIG.name}`
    )) as ConfigMapLike;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}

/** Creates the ConfigMap, or merges the key into the existing one (other keys stay as they are). */
export async function writeDefaultNamespace(exists: boolean, namespace: string): Promise<void> {
  await writeClusterConfig(exists, { [CLUSTER_CONFIG.defaultNamespaceKey]: namespace });
}

/**
 * Creates the ConfigMap with these keys, or merges them into the existing one (other keys stay as they
 * are). A null value removes the key (merge patch) or is left out (create).
 */
export async function writeClusterConfig(
  exists: boolean,
  values: Record<string, string | null>
): Promise<void> {
  if (exists) {
    await ApiProxy.request(`${CLUSTER_CONFIG_PATH}/${CLUSTER_CONFIG.name}`, {
      method: 'PATCH',
      body: JSON.stringify({ data: values }),
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    return;
  }
  await ApiProxy.request(CLUSTER_CONFIG_PATH, {
    method: 'POST',
    body: JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: CLUSTER_CONFIG.name, namespace: CLUSTER_CONFIG.namespace },
      data: Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null)),
    }),
    headers: { 'Content-Type': 'application/json' },
  });
}
