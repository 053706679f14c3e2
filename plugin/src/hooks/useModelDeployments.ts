/**
 * The ModelDeployments of the selected cluster, in one namespace or all. One list request per cluster and
 * namespace scope plus a watch, whatever the number of objects (Headlamp's useList), so the page stays live
 * without polling.
 */
import { ModelDeployment } from '../resources/modelDeployment';

export interface ModelDeploymentsResult {
  items: ModelDeployment[] | null;
  error: { status?: number; message?: string } | null;
  isLoading: boolean;
}

export function useModelDeployments(namespace?: string): ModelDeploymentsResult {
  const result = ModelDeployment.useList(namespace ? { namespace } : {});
  const error = result.errors?.[0] ?? result.error ?? null;
  return {
    items: result.items,
    error,
    isLoading: result.items === null && !error,
  };
}
