/** Names of the clusters Headlamp knows, for screens that have no cluster in their URL. */
import { K8s } from '@kinvolk/headlamp-plugin/lib';

export function useClusterNames(): string[] {
  return Object.keys(K8s.useClustersConf() ?? {}).sort();
}
