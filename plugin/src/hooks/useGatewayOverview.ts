/**
 * The gateway as Kubernetes reports it, read with the user's own credentials (works without the proxy):
 * every Gateway with its addresses (one list request), and the ModelDeployments the controller routes
 * through it (Headlamp's list + watch of ModelDeployments). A constant number of requests whatever the
 * number of Gateways or models.
 */
import { ApiProxy, K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQuery } from '@tanstack/react-query';
import {
  type GatewayLike,
  type GatewayModel,
  GATEWAYS_PATH,
  type GatewaySummary,
  modelsThroughGateway,
  summarizeGateway,
} from '../components/runtimes/gatewayView';
import { useModelDeployments } from './useModelDeployments';
import type { CrdState, KubeError } from './useRuntimeKubeStatus';

export type GatewayListState<T> =
  | { state: 'loading' }
  /** The kind's CRD is not installed, so there is nothing to list. */
  | { state: 'no-crd' }
  | { state: 'listed'; items: T[] }
  | { state: 'unknown'; error: KubeError };

/** Every Gateway in the cluster, once the Gateway CRD is known to be there (or cannot be checked). */
export function useGateways(crd: CrdState | undefined): GatewayListState<GatewaySummary> {
  const cluster = K8s.useCluster() ?? '';
  // A user who may not read CRDs may still list Gateways: only a CRD known to be absent skips the list.
  const enabled = crd !== undefined && crd.state !== 'loading' && crd.state !== 'absent';
  const query = useQuery({
    queryKey: [cluster, 'k8s', 'gateways'],
    enabled,
    queryFn: async () => {
      const list = (await ApiProxy.request(GATEWAYS_PATH)) as { items?: GatewayLike[] };
      return (list.items ?? []).map(summarizeGateway);
    },
  });
  if (crd?.state === 'absent') return { state: 'no-crd' };
  if (query.error) return { state: 'unknown', error: query.error as KubeError };
  if (!query.data) return { state: 'loading' };
  return { state: 'listed', items: query.data };
}

/** The ModelDeployments whose status says they are reachable through the gateway. */
export function useGatewayModels(): GatewayListState<GatewayModel> {
  const { items, error } = useModelDeployments();
  if (error) {
    return error.status === 404 ? { state: 'no-crd' } : { state: 'unknown', error };
  }
  if (!items) return { state: 'loading' };
  return { state: 'listed', items: modelsThroughGateway(items.map(item => item.jsonData)) };
}
