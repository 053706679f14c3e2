/**
 * How a pod of a deployment serves: the port its model server listens on, and whether it takes requests.
 * Used to reach one replica through `pods/<name>:<port>/proxy` (the playground, per-replica metrics).
 */
import type { K8s } from '@kinvolk/headlamp-plugin/lib';

type Pod = InstanceType<typeof K8s.ResourceClasses.Pod>;

/**
 * The port of the model server on a pod. The Service's port may differ from the pod's (targetPort), so the
 * endpoint's port is used only when a container declares it; otherwise the one declared TCP port, else
 * the one named `http`, else the endpoint's port as the best guess.
 */
export function podServingPort(pod: Pod, endpointPort: number | undefined): number | undefined {
  const ports = (pod.spec?.containers ?? [])
    .flatMap(container => container.ports ?? [])
    .filter(port => (port.protocol ?? 'TCP') === 'TCP');
  if (endpointPort !== undefined && ports.some(port => port.containerPort === endpointPort)) {
    return endpointPort;
  }
  const [only] = ports;
  if (ports.length === 1 && only) return only.containerPort;
  const http = ports.find(port => port.name === 'http');
  return http?.containerPort ?? endpointPort;
}

export type PodReadiness = 'ready' | 'not-ready' | 'terminating';

/** From the pod's Ready condition; a pod being deleted no longer takes requests. */
export function podReadiness(pod: Pod): PodReadiness {
  if (pod.metadata?.deletionTimestamp) return 'terminating';
  const ready = (pod.status?.conditions ?? []).find(condition => condition.type === 'Ready');
  return ready?.status === 'True' ? 'ready' : 'not-ready';
}
