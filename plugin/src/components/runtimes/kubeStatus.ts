/**
 * Pure helpers behind the Runtimes page's Kubernetes-side status: the request paths, and what a CRD, a pod
 * list and a list of custom resources mean for the person deciding whether to install or remove something.
 */

export interface CrdObject {
  metadata: { name: string };
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: { kind: string; plural: string };
    versions: { name: string; served: boolean; storage: boolean }[];
  };
}

export interface PodLike {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: { containers?: { image?: string }[] };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

export interface ObjectMetaLike {
  metadata: { name: string; namespace?: string };
}

export function crdPath(name: string): string {
  return `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`;
}

export function podsPath(namespace: string, selector: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(
    namespace
  )}/pods?labelSelector=${encodeURIComponent(selector)}`;
}

/** The cluster-wide list of a CRD's objects, at the version the API server stores them in. */
export function customResourcesPath(crd: CrdObject): string {
  const version = crd.spec.versions.find(v => v.storage) ?? crd.spec.versions.find(v => v.served);
  return `/apis/${crd.spec.group}/${version?.name ?? 'v1'}/${crd.spec.names.plural}`;
}

export interface PodReadiness {
  total: number;
  ready: number;
  /** The operator versions its pods run, oldest rollout first as listed; two during an upgrade. */
  versions: string[];
}

/** The tag of an image reference (`repo/name:tag@sha256:…` → `tag`); none for a digest-only or bare name. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split('@')[0] ?? '';
  const name = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = name.lastIndexOf(':');
  return colon === -1 ? undefined : name.slice(colon + 1) || undefined;
}

/**
 * A pod's version as the pod itself says it, so the Runtimes page can show it without the proxy (Helm's
 * chart version needs the proxy): the `app.kubernetes.io/version` label charts set, else the first
 * container's image tag (`latest` says nothing and is left out).
 */
export function podVersion(pod: PodLike): string | undefined {
  const label = pod.metadata.labels?.['app.kubernetes.io/version'];
  if (label) return label;
  const tag = imageTag(pod.spec?.containers?.[0]?.image ?? '');
  return tag === 'latest' ? undefined : tag;
}

export function podReadiness(pods: readonly PodLike[]): PodReadiness {
  const ready = pods.filter(
    pod =>
      pod.status?.phase === 'Running' &&
      (pod.status.conditions ?? []).some(c => c.type === 'Ready' && c.status === 'True')
  ).length;
  const versions = [...new Set(pods.map(podVersion).filter((v): v is string => v !== undefined))];
  return { total: pods.length, ready, versions };
}

export interface ResourceCount {
  count: number;
  namespaces: number;
}

export function countResources(items: readonly ObjectMetaLike[]): ResourceCount {
  const namespaces = new Set(items.map(item => item.metadata.namespace ?? ''));
  namespaces.delete('');
  return { count: items.length, namespaces: namespaces.size };
}

/** English plural of a Kind for the count sentence ("Workspaces", "ClusterPolicies"). */
export function pluralKind(kind: string, count: number): string {
  if (count === 1) return kind;
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(kind)) return `${kind}es`;
  return `${kind}s`;
}
