/**
 * The pods behind a Service, from its EndpointSlices (`discovery.k8s.io/v1`, label
 * `kubernetes.io/service-name`): exactly the replicas the Service sends requests to, with their readiness
 * and the port they serve on. A deployment's pods are not that set: a Dynamo frontend's workers, a Ray
 * cluster's workers carry the deployment's label but do not serve its endpoint.
 */

export interface EndpointSliceLike {
  ports?: { name?: string | null; port?: number | null; protocol?: string | null }[] | null;
  endpoints?:
    | {
        conditions?: { ready?: boolean | null; terminating?: boolean | null } | null;
        targetRef?: { kind?: string; name?: string } | null;
      }[]
    | null;
}

export interface ServiceBackend {
  pod: string;
  /** The port the pod serves on (the slice's target port). */
  port?: number;
  ready: boolean;
}

/**
 * Backends of the Service, one per pod, sorted by name. `servicePortName` picks the port when the slices
 * list several; with one port that one is used.
 */
export function serviceBackends(
  slices: readonly EndpointSliceLike[],
  servicePortName?: string
): ServiceBackend[] {
  const byPod = new Map<string, ServiceBackend>();
  for (const slice of slices) {
    const tcp = (slice.ports ?? []).filter(p => (p.protocol ?? 'TCP') === 'TCP');
    const chosen =
      tcp.length === 1 ? tcp[0] : tcp.find(p => servicePortName && p.name === servicePortName);
    for (const endpoint of slice.endpoints ?? []) {
      const ref = endpoint.targetRef;
      if (ref?.kind !== 'Pod' || !ref.name) continue;
      // Absent "ready" means ready (the API's documented default); a terminating pod no longer takes requests.
      const ready =
        endpoint.conditions?.ready !== false && endpoint.conditions?.terminating !== true;
      const backend: ServiceBackend = { pod: ref.name, ready };
      if (typeof chosen?.port === 'number') backend.port = chosen.port;
      const seen = byPod.get(ref.name);
      byPod.set(ref.name, seen ? { ...seen, ready: seen.ready || ready } : backend);
    }
  }
  return [...byPod.values()].sort((a, b) => a.pod.localeCompare(b.pod));
}
