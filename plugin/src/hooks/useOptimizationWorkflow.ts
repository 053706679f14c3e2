/**
 * The optimisation workflow of one ModelDeployment: its history (the ConfigMap the shared-client workflow
 * keeps), who the user is, what they may do (SelfSubjectAccessReviews, asked before any button is
 * offered), and the steps as mutations. Each step re-reads what it changes, so the history is refetched
 * after it; between steps it is refreshed every 30 s so a colleague's approval shows up.
 */
import type { Recommendation } from '@airunway/shared-client/advisor';
import type { MetricSummary } from '@airunway/shared-client/optimization/record';
import {
  applyOptimization,
  completeOptimization,
  decide,
  type DeploymentRef,
  propose,
  readHistory,
  rollbackOptimization,
  whoAmI,
  workflowPermissions,
} from '@airunway/shared-client/optimization/workflow';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useClock } from '../platform/clock';
import { kubeRequest } from './kubeRequest';

export type WorkflowAction =
  | { kind: 'propose'; recommendation: Recommendation; specBefore: Record<string, unknown> }
  | { kind: 'approve' | 'reject'; id: string; note?: string }
  | { kind: 'apply'; id: string; metricsBefore?: MetricSummary }
  | { kind: 'complete'; id: string; metricsAfter?: MetricSummary }
  | { kind: 'rollback'; id: string };

export function useOptimizationWorkflow(ref: DeploymentRef) {
  const cluster = K8s.useCluster() ?? '';
  const request = useMemo(() => kubeRequest(cluster), [cluster]);
  const queryClient = useQueryClient();
  const clock = useClock();
  const key = [cluster, 'k8s', 'optimizations', ref.namespace, ref.name];

  const history = useQuery({
    queryKey: key,
    queryFn: () => readHistory(request, ref),
    refetchInterval: 30_000,
  });
  const user = useQuery({
    queryKey: [cluster, 'k8s', 'whoami'],
    queryFn: () => whoAmI(request),
    staleTime: Infinity,
  });
  const permissions = useQuery({
    queryKey: [cluster, 'k8s', 'optimization-permissions', ref.namespace, ref.name],
    queryFn: () => workflowPermissions(request, ref),
    staleTime: 60_000,
  });

  const run = useMutation({
    mutationFn: async (action: WorkflowAction) => {
      const by = user.data ?? (await whoAmI(request));
      const step = { by, at: new Date(clock.now()).toISOString() };
      switch (action.kind) {
        case 'propose':
          return propose(request, ref, action.specBefore, action.recommendation, step);
        case 'approve':
        case 'reject':
          return decide(
            request,
            ref,
            action.id,
            action.kind === 'approve' ? 'APPROVED' : 'REJECTED',
            {
              ...step,
              ...(action.note ? { note: action.note } : {}),
            }
          );
        case 'apply':
          return applyOptimization(request, ref, action.id, step, action.metricsBefore);
        case 'complete':
          return completeOptimization(request, ref, action.id, step, action.metricsAfter);
        case 'rollback':
          return rollbackOptimization(request, ref, action.id, step);
      }
    },
    // Refetch even after a failure: a failed apply still wrote FAILED into the history.
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  return { history, user, permissions, run };
}
