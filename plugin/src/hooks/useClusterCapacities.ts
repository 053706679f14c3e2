/**
 * GPU capacity of every selected cluster, side by side: one Node list and one Pod list per cluster through
 * Headlamp's multi-cluster `useList({ clusters })` (watched), each cluster computed on its own by
 * shared-client's computeClusterCapacity. A cluster that fails keeps its error to itself.
 *
 * The per-cluster lists have the same query keys as useCapacity's single-cluster lists, so the page's
 * details for the current cluster reuse them instead of asking again.
 */
import { type ClusterCapacity, computeClusterCapacity } from '@airunway/shared-client/capacity';
import type { K8sNode, K8sPod } from '@airunway/shared-client/k8s';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useRef } from 'react';
import { ACTIVE_PODS_FIELD_SELECTOR } from './useCapacity';

type K8sNodeObject = InstanceType<typeof K8s.ResourceClasses.Node>;
type K8sPodObject = InstanceType<typeof K8s.ResourceClasses.Pod>;
type ErrorLike = { status?: number; message?: string; cluster?: string };

export interface ClusterCapacityRow {
  cluster: string;
  capacity: ClusterCapacity | null;
  error: ErrorLike | null;
  failedResource: 'nodes' | 'pods' | null;
  isLoading: boolean;
}

export interface GpuModelCount {
  model: string;
  gpus: number;
}

/** GPUs per model across a cluster's GPU nodes, most GPUs first (the product label when the model is unknown). */
export function gpuModelCounts(capacity: ClusterCapacity): GpuModelCount[] {
  const counts = new Map<string, number>();
  for (const node of capacity.nodes) {
    if (node.totalGpus <= 0) continue;
    const model = node.gpuModel ?? node.gpuProduct ?? '';
    counts.set(model, (counts.get(model) ?? 0) + node.totalGpus);
  }
  return [...counts]
    .map(([model, gpus]) => ({ model, gpus }))
    .sort((a, b) => b.gpus - a.gpus || a.model.localeCompare(b.model));
}

function errorOf(errors: ErrorLike[] | null | undefined, cluster: string): ErrorLike | null {
  return errors?.find(error => error.cluster === cluster) ?? null;
}

export function useClusterCapacities(clusters: string[]): ClusterCapacityRow[] {
  const nodeList = K8s.ResourceClasses.Node.useList({ clusters });
  const podList = K8s.ResourceClasses.Pod.useList({
    clusters,
    fieldSelector: ACTIVE_PODS_FIELD_SELECTOR,
  });

  // Headlamp hands out new result objects on every render, but the item arrays of an unchanged list stay
  // the same: cache each cluster's capacity on them so a big cluster is not recomputed per render.
  const cache = useRef(new WeakMap<object, WeakMap<object, ClusterCapacity>>());
  function capacityOf(nodes: K8sNodeObject[], pods: K8sPodObject[]): ClusterCapacity {
    let byPods = cache.current.get(nodes);
    if (!byPods) cache.current.set(nodes, (byPods = new WeakMap()));
    let capacity = byPods.get(pods);
    if (!capacity) {
      capacity = computeClusterCapacity(
        nodes.map(node => node.jsonData as K8sNode),
        pods.map(pod => pod.jsonData as K8sPod)
      );
      byPods.set(pods, capacity);
    }
    return capacity;
  }

  return clusters.map(cluster => {
    const nodeError = errorOf(nodeList.errors, cluster);
    const podError = errorOf(podList.errors, cluster);
    const nodes = nodeList.clusterResults?.[cluster]?.items ?? null;
    const pods = podList.clusterResults?.[cluster]?.items ?? null;
    const capacity = nodes && pods ? capacityOf(nodes, pods) : null;
    const error = nodeError ?? podError;
    return {
      cluster,
      capacity,
      error,
      failedResource: nodeError ? 'nodes' : podError ? 'pods' : null,
      isLoading: !capacity && !error,
    };
  });
}
