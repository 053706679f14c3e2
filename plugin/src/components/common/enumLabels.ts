/**
 * Words for the enumerations the pages show: deployment phases, pending-reason categories, autoscaler
 * kinds, bottlenecks, severities, recommendations and optimisation states. Each is a literal `t('…')` so
 * Headlamp's i18n extraction finds it, and each map is typed by its enumeration, so a value added in
 * shared-client without words here fails the type check instead of showing its code name.
 */
import type { BottleneckType, RecommendationType, Severity } from '@airunway/shared-client/advisor';
import type { AutoscalerType } from '@airunway/shared-client/autoscaler';
import type { OptimizationState } from '@airunway/shared-client/optimization/record';
import type { PendingCategory } from '@airunway/shared-client/pending';
import type { DEPLOYMENT_PHASES } from '@airunway/shared-client/schemas/modelDeployment';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';

type DeploymentPhase = (typeof DEPLOYMENT_PHASES)[number];
type T = ReturnType<typeof useTranslation>['t'];

function labels(t: T) {
  const phase: Record<DeploymentPhase, string> = {
    Pending: t('Pending'),
    Deploying: t('Deploying'),
    Running: t('Running'),
    Failed: t('Failed'),
    Terminating: t('Terminating'),
  };
  const pendingCategory: Record<PendingCategory, string> = {
    'insufficient-resources': t('not enough resources on any node'),
    'untolerated-taint': t('a node taint the pods do not tolerate'),
    'node-selector-mismatch': t('no node matches the node selector or affinity'),
    'pod-affinity': t('pod affinity or anti-affinity cannot be met'),
    'topology-spread': t('topology spread constraints cannot be met'),
    'unbound-pvc': t('a PersistentVolumeClaim is not bound'),
    'volume-node-affinity': t('a volume is bound to nodes the pods cannot use'),
    'nodes-unschedulable': t('nodes are cordoned'),
    'nodes-not-ready': t('nodes are not ready'),
    'no-free-ports': t('no node has the host ports free'),
    'no-nodes': t('the cluster has no nodes'),
    'autoscaler-scaling-up': t('the cluster autoscaler is adding a node'),
    'autoscaler-cannot-scale': t('the cluster autoscaler cannot add a fitting node'),
    other: t('another scheduling constraint'),
  };
  const autoscaler: Record<AutoscalerType, string> = {
    'aks-managed': t('AKS cluster autoscaler (managed)'),
    'cluster-autoscaler': t('Cluster Autoscaler'),
    none: t('None detected'),
  };
  const bottleneck: Record<BottleneckType, string> = {
    MEMORY_PRESSURE: t('Memory pressure'),
    HIGH_LATENCY: t('High latency'),
    LOW_THROUGHPUT: t('Low throughput'),
    QUEUE_BUILDUP: t('Queue build-up'),
    CACHE_INEFFICIENCY: t('Cache inefficiency'),
  };
  const severity: Record<Severity, string> = {
    LOW: t('Low'),
    MEDIUM: t('Medium'),
    HIGH: t('High'),
    CRITICAL: t('Critical'),
  };
  const recommendation: Record<RecommendationType, string> = {
    QUANTIZATION: t('Quantization'),
    KV_CACHE: t('KV cache'),
    BATCHING: t('Batching'),
    SPECULATIVE_DECODING: t('Speculative decoding'),
    SCALING: t('Scaling'),
  };
  const optimizationState: Record<OptimizationState, string> = {
    PENDING_APPROVAL: t('Pending approval'),
    APPROVED: t('Approved'),
    REJECTED: t('Rejected'),
    IN_PROGRESS: t('In progress'),
    COMPLETED: t('Completed'),
    FAILED: t('Failed'),
    ROLLED_BACK: t('Rolled back'),
  };
  return {
    phase,
    pendingCategory,
    autoscaler,
    bottleneck,
    severity,
    recommendation,
    optimizationState,
  };
}

export type EnumLabels = ReturnType<typeof labels>;

export function useEnumLabels(): EnumLabels {
  const { t } = useTranslation();
  return useMemo(() => labels(t), [t]);
}

/** The words for `value`, or the value itself when it is one the plugin does not know (a newer API). */
export function labelOf<K extends string>(map: Record<K, string>, value: string): string {
  return (map as Record<string, string>)[value] ?? value;
}
