/**
 * Autoscaler detection for the selected cluster from `kube-system/cluster-autoscaler-status` (shared-client
 * autoscaler.ts does the parsing and judging). A 404 means "no autoscaler"; a 403 means we cannot tell, which
 * the views say rather than claiming there is none.
 */
import {
  AUTOSCALER_STATUS_CONFIGMAP,
  type AutoscalerDetection,
  detectAutoscaler,
} from '@airunway/shared-client/autoscaler';
import type { K8sNode } from '@airunway/shared-client/k8s';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';

export interface AutoscalerResult {
  detection: AutoscalerDetection | null;
  /** Set when the ConfigMap could not be read for a reason other than its absence. */
  error: { status?: number; message?: string } | null;
  isLoading: boolean;
}

export function useAutoscaler(nodes?: readonly K8sNode[] | null): AutoscalerResult {
  const { data, error } = K8s.ResourceClasses.ConfigMap.useGet(
    AUTOSCALER_STATUS_CONFIGMAP.name,
    AUTOSCALER_STATUS_CONFIGMAP.namespace
  );
  const absent = error?.status === 404;
  const settled = Boolean(data) || absent;
  const detection = useMemo(
    () =>
      settled
        ? detectAutoscaler({ nodes: nodes ?? [], statusConfigMap: data ? data.jsonData : null })
        : null,
    [settled, data, nodes]
  );
  return {
    detection,
    error: error && !absent ? error : null,
    isLoading: !settled && !error,
  };
}
