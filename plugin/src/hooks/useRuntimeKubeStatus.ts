/**
 * Runtime status read with the user's own credentials (ApiProxy), so it works without the AI Runway proxy:
 * whether a CRD exists (apiextensions GET; 404 = absent) and whether an operator's pods are ready. Query
 * keys start with the cluster so a cluster switch never shows another cluster's answers.
 */
import { ApiProxy, K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQuery } from '@tanstack/react-query';
import {
  type CrdObject,
  crdPath,
  type PodLike,
  type PodReadiness,
  podReadiness,
  podsPath,
} from '../components/runtimes/kubeStatus';

export interface KubeError {
  status?: number;
  message?: string;
}

export type CrdState =
  | { state: 'loading' }
  | { state: 'present'; crd: CrdObject }
  | { state: 'absent' }
  | { state: 'unknown'; error: KubeError };

export function useCrdState(name: string | undefined): CrdState | undefined {
  const cluster = K8s.useCluster() ?? '';
  const query = useQuery({
    queryKey: [cluster, 'k8s', 'crd', name],
    enabled: Boolean(name),
    queryFn: async (): Promise<CrdObject | null> => {
      try {
        return (await ApiProxy.request(crdPath(name ?? ''))) as CrdObject;
      } catch (err) {
        if ((err as KubeError).status === 404) return null;
        throw err;
      }
    },
  });
  if (!name) return undefined;
  if (query.error) return { state: 'unknown', error: query.error as KubeError };
  if (query.data === undefined) return { state: 'loading' };
  return query.data ? { state: 'present', crd: query.data } : { state: 'absent' };
}

export type PodsState =
  | { state: 'loading' }
  | ({ state: 'listed' } & PodReadiness)
  | { state: 'unknown'; error: KubeError };

export function useOperatorPods(namespace: string, selector: string): PodsState {
  const cluster = K8s.useCluster() ?? '';
  const query = useQuery({
    queryKey: [cluster, 'k8s', 'pods', namespace, selector],
    queryFn: async () => {
      const list = (await ApiProxy.request(podsPath(namespace, selector))) as { items?: PodLike[] };
      return podReadiness(list.items ?? []);
    },
  });
  if (query.error) return { state: 'unknown', error: query.error as KubeError };
  if (!query.data) return { state: 'loading' };
  return { state: 'listed', ...query.data };
}
