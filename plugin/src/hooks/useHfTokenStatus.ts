/** Whether each chosen namespace has the hf-token Secret (metadata only, see settings/hfTokenSecret.ts). */
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQueries } from '@tanstack/react-query';
import { hfTokenExists } from '../components/settings/hfTokenSecret';

export function hfTokenStatusKey(cluster: string) {
  return [cluster, 'k8s', 'hf-token'];
}

export function useHfTokenStatus(namespaces: readonly string[]) {
  const cluster = K8s.useCluster() ?? '';
  const queries = useQueries({
    queries: namespaces.map(namespace => ({
      queryKey: [...hfTokenStatusKey(cluster), namespace],
      queryFn: () => hfTokenExists(namespace),
    })),
  });
  return {
    cluster,
    statuses: namespaces.map((namespace, index) => ({ namespace, query: queries[index] })),
  };
}
