/**
 * The typed proxy client for the cluster being viewed, following cluster switching and the per-cluster
 * proxy location. Views call it through react-query hooks, never `fetch` by hand.
 */
import { createProxyClient } from '@airunway/shared-client/client';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';
import { pluginConfig, resolveProxyLocation } from './location';
import { serviceProxyTransport } from './transport';

export type ProxyClient = ReturnType<typeof createProxyClient>;

export function useProxyClient(): { client: ProxyClient; cluster: string } {
  const cluster = K8s.useCluster() ?? '';
  const config = pluginConfig.useConfig()();
  const location = resolveProxyLocation(config, cluster);
  const client = useMemo(
    () => createProxyClient({ transport: serviceProxyTransport(cluster, location) }),
    // Recreate only when the cluster or the location changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cluster, location.namespace, location.service, location.port]
  );
  return { client, cluster };
}
