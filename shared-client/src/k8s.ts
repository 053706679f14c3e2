/**
 * Minimal structural views of the Kubernetes objects the shared logic reads.
 *
 * Only the fields used are declared, every one optional, so Headlamp's `jsonData` (JSON strings for times)
 * and `@kubernetes/client-node` objects (`Date` for times) both fit without conversion. These are deliberately
 * plain types rather than zod schemas: capacity reads tens of thousands of pods per call, and validating each
 * one would cost more than the computation; instead every reader treats each field as possibly absent.
 */

/** Kubernetes timestamps arrive as RFC 3339 strings from JSON and as `Date` from client-node. */
export type K8sTime = string | Date | null;

/** A resource list such as `{ cpu: '500m', 'nvidia.com/gpu': '1' }`. */
export type ResourceList = Readonly<Record<string, string | number | undefined>>;

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Readonly<Record<string, string>>;
  annotations?: Readonly<Record<string, string>>;
  creationTimestamp?: K8sTime;
}

export interface NodeCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

export interface K8sNode {
  metadata?: ObjectMeta;
  spec?: {
    unschedulable?: boolean;
    providerID?: string;
    taints?: readonly Taint[];
  };
  status?: {
    capacity?: ResourceList;
    allocatable?: ResourceList;
    conditions?: readonly NodeCondition[];
  };
}

export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
}

export interface K8sContainer {
  name?: string;
  resources?: ResourceRequirements;
  /** `Always` on an init container makes it a sidecar (KEP-753), which changes the effective request. */
  restartPolicy?: string;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface K8sPod {
  metadata?: ObjectMeta;
  spec?: {
    nodeName?: string;
    containers?: readonly K8sContainer[];
    initContainers?: readonly K8sContainer[];
    overhead?: ResourceList;
  };
  status?: {
    phase?: string;
  };
}

export interface ObjectReference {
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
}

/** A core/v1 Event (events.k8s.io/v1 objects expose the same fields the readers use). */
export interface K8sEvent {
  metadata?: ObjectMeta;
  involvedObject?: ObjectReference;
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: K8sTime;
  lastTimestamp?: K8sTime;
  eventTime?: K8sTime;
  series?: { count?: number; lastObservedTime?: K8sTime } | null;
}

export interface K8sConfigMap {
  metadata?: ObjectMeta;
  data?: Readonly<Record<string, string>>;
}

/** Milliseconds since the epoch for a Kubernetes time, or `undefined` when absent or unparseable. */
export function timeToMillis(time: K8sTime | undefined): number | undefined {
  if (time === null || time === undefined) return undefined;
  const millis = time instanceof Date ? time.getTime() : Date.parse(time);
  return Number.isNaN(millis) ? undefined : millis;
}
