/**
 * GPU capacity of the selected cluster: one Node list and one Pod list (both watched), combined by
 * shared-client's computeClusterCapacity. Two list requests whatever the cluster size; finished pods are
 * filtered out by the API server since they hold no resources.
 */
import { type ClusterCapacity, computeClusterCapacity } from '@airunway/shared-client/capacity';
import type { K8sNode, K8sPod } from '@airunway/shared-client/k8s';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';

export const ACTIVE_PODS_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';

export interface CapacityResult {
  capacity: ClusterCapacity | null;
  nodes: K8sNode[] | null;
  /** The first failure, and which list it came from (for the permission message). */
  error: { status?: number; message?: string } | null;
  failedResource: 'nodes' | 'pods' | null;
  isLoading: boolean;
}

/** `cluster`: one cluster by name; without it, Headlamp's selected clusters (their lists merged). */
export function useCapacity(cluster?: string): CapacityResult {
  const nodeList = K8s.ResourceClasses.Node.useList({ cluster });
  const podList = K8s.ResourceClasses.Pod.useList({
    cluster,
    fieldSelector: ACTIVE_PODS_FIELD_SELECTOR,
  });
  const nodeError = nodeList.errors?.[0] ?? null;
  const podError = podList.errors?.[0] ?? null;

  const nodes = useMemo(
    () => (nodeList.items ? nodeList.items.map(node => node.jsonData as K8sNode) : null),
    [nodeList.items]
  );
  const capacity = useMemo(() => {
    if (!nodes || !podList.items) return null;
    return computeClusterCapacity(
      nodes,
      podList.items.map(pod => pod.jsonData as K8sPod)
    );
  }, [nodes, podList.items]);

  const error = nodeError ?? podError;
  return {
    capacity,
    nodes,
    error,
    failedResource: nodeError ? 'nodes' : podError ? 'pods' : null,
    isLoading: !capacity && !error,
  };
}
