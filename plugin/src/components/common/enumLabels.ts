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
  // What to do, in shared-client's words (CATEGORY_GUIDANCE); a resource shortage's advice names the resource
  // and node count and stays shared-client's English.
  const pendingGuidance: Record<Exclude<PendingCategory, 'insufficient-resources'>, string> = {
    'untolerated-taint': t(
      'Nodes carry a taint the pod does not tolerate: add a matching toleration to the deployment (GPU nodes are often tainted nvidia.com/gpu) or remove the taint.'
    ),
    'node-selector-mismatch': t(
      "No node matches the pod's nodeSelector or node affinity: check the labels it asks for (for example the GPU type) against the nodes' labels."
    ),
    'pod-affinity': t(
      "The pod's pod-affinity or anti-affinity rules exclude the remaining nodes: relax the rules or add nodes."
    ),
    'topology-spread': t(
      "The pod's topology spread constraints cannot be met: relax them or add nodes in the missing zones."
    ),
    'unbound-pvc': t(
      "The pod waits for a PersistentVolumeClaim to be bound: check that the claim exists, that its storage class has a provisioner, and the claim's events."
    ),
    'volume-node-affinity': t(
      "The pod's volume is bound to a zone or node that cannot run it: use a volume in the node's zone or a WaitForFirstConsumer storage class."
    ),
    'nodes-unschedulable': t('Nodes are cordoned: uncordon them (kubectl uncordon) or add nodes.'),
    'nodes-not-ready': t(
      'Nodes are not ready: check the kubelet and the node conditions, or wait for them to recover.'
    ),
    'no-free-ports': t(
      'The host ports the pod requests are taken on every node: drop hostPort or free the port.'
    ),
    'no-nodes': t('The cluster has no nodes the scheduler can use: add nodes.'),
    'autoscaler-scaling-up': t(
      'The cluster autoscaler is adding a node for this pod: wait for it to join.'
    ),
    'autoscaler-cannot-scale': t(
      "The cluster autoscaler cannot add a node for this pod (a node group is at its maximum size or none fits): raise the node group's maximum or add a node group that fits."
    ),
    other: t('Read the scheduler message for the failing condition.'),
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
    pendingGuidance,
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
