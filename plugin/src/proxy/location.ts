/**
 * Where the AI Runway proxy runs, per cluster. This belongs to the viewer (clusters differ in where the
 * proxy was installed), so it lives in Headlamp's plugin config store keyed by cluster, as the Prometheus
 * plugin keeps its per-cluster settings. The cluster's own settings (default namespace) live in the
 * cluster, in the airunway-config ConfigMap.
 */
import { Dns1123LabelSchema } from '@airunway/shared-client/schemas/identifiers';
import { ConfigStore } from '@kinvolk/headlamp-plugin/lib';
import { z } from 'zod';

export const PLUGIN_NAME = 'ai-runway';

export const ProxyLocationSchema = z.object({
  namespace: Dns1123LabelSchema,
  service: Dns1123LabelSchema,
  /** Port name or number of the proxy's Service. */
  port: z
    .string()
    .regex(/^([a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?|[0-9]{1,5})$/, 'a port name or number'),
});
export type ProxyLocation = z.infer<typeof ProxyLocationSchema>;

export const DEFAULT_PROXY_LOCATION: ProxyLocation = {
  namespace: 'airunway-system',
  service: 'airunway-proxy',
  port: 'http',
};

export interface PluginConfig {
  clusters?: Record<string, Partial<ProxyLocation>>;
}

export const pluginConfig = new ConfigStore<PluginConfig>(PLUGIN_NAME);

/** The stored location for `cluster`, field by field falling back to the default; invalid entries ignored. */
export function resolveProxyLocation(
  config: PluginConfig | undefined,
  cluster: string
): ProxyLocation {
  const merged = { ...DEFAULT_PROXY_LOCATION, ...(config?.clusters?.[cluster] ?? {}) };
  const parsed = ProxyLocationSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PROXY_LOCATION;
}

export function saveProxyLocation(cluster: string, location: ProxyLocation): void {
  const current = pluginConfig.get() ?? {};
  pluginConfig.set({
    ...current,
    clusters: { ...(current.clusters ?? {}), [cluster]: ProxyLocationSchema.parse(location) },
  });
}

/**
 * `/api/v1/namespaces/<ns>/<services|pods>/<name>[:<port>]/proxy<path>`: the API server's proxy to a
 * Service or a pod, with the user's RBAC on `services/proxy` or `pods/proxy`.
 */
export function apiServerProxyPath(
  namespace: string,
  resource: 'services' | 'pods',
  name: string,
  port: number | string | undefined,
  path: string
): string {
  const target =
    port !== undefined
      ? `${encodeURIComponent(name)}:${encodeURIComponent(String(port))}`
      : encodeURIComponent(name);
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}/${target}/proxy${path}`;
}

/** The API server's service-proxy path of the proxy: `/api/v1/namespaces/<ns>/services/<svc>:<port>/proxy`. */
export function serviceProxyBase(location: ProxyLocation): string {
  return apiServerProxyPath(location.namespace, 'services', location.service, location.port, '');
}
