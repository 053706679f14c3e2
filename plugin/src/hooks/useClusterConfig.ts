/** The cluster's airunway-config ConfigMap (null when it does not exist yet), keyed by cluster. */
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQuery } from '@tanstack/react-query';
import { readClusterConfig } from '../components/settings/clusterConfig';

export function clusterConfigKey(cluster: string) {
  return [cluster, 'k8s', 'configmap', 'airunway-config'];
}

export function useClusterConfig() {
  const cluster = K8s.useCluster() ?? '';
  return {
    cluster,
    ...useQuery({ queryKey: clusterConfigKey(cluster), queryFn: readClusterConfig }),
  };
}
