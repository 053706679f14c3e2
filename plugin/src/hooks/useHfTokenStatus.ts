/** Whether each chosen namespace has the hf-token Secret (metadata only, see settings/hfTokenSecret.ts). */
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQueries } from '@tanstack/react-query';
import { HF_TOKEN_SECRET, hfTokenExists } from '../components/settings/hfTokenSecret';

export function hfTokenStatusKey(cluster: string) {
  return [cluster, 'k8s', 'hf-token'];
}

/**
 * One Secret's existence, under the HF token status key so that saving or deleting the token in Settings
 * refreshes every check of it (Settings' list and the create form's).
 */
export function secretExistsKey(cluster: string, namespace: string, name: string) {
  return [...hfTokenStatusKey(cluster), namespace, 'secret', name];
}

export function useHfTokenStatus(namespaces: readonly string[]) {
  const cluster = K8s.useCluster() ?? '';
  const queries = useQueries({
    queries: namespaces.map(namespace => ({
      queryKey: secretExistsKey(cluster, namespace, HF_TOKEN_SECRET.name),
      queryFn: () => hfTokenExists(namespace),
    })),
  });
  return {
    cluster,
    statuses: namespaces.map((namespace, index) => ({ namespace, query: queries[index] })),
  };
}
