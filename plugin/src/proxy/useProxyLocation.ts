/** The proxy location for the cluster being viewed (for messages that name the Service and namespace). */
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { pluginConfig, type ProxyLocation, resolveProxyLocation } from './location';

export function useProxyLocation(): ProxyLocation & { cluster: string } {
  const cluster = K8s.useCluster() ?? '';
  const config = pluginConfig.useConfig()();
  return { ...resolveProxyLocation(config, cluster), cluster };
}
