/** The few Kubernetes resources the proxy reads or deletes: CRDs and operator pods. */
import { kubeFailure, type KubeTransport } from './client';

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

export interface CrdInfo {
  name: string;
  established: boolean;
  terminating: boolean;
  annotations: Record<string, string>;
}

export async function getCrd(kube: KubeTransport, name: string): Promise<CrdInfo | undefined> {
  const res = await kube.request('GET', `${CRD_PATH}/${encodeURIComponent(name)}`);
  if (res.status === 404) return undefined;
  if (res.status !== 200) throw kubeFailure(res, `read the CustomResourceDefinition ${name}`);
  const conditions: any[] = Array.isArray(res.body?.status?.conditions)
    ? res.body.status.conditions
    : [];
  return {
    name,
    established: conditions.some(c => c?.type === 'Established' && c?.status === 'True'),
    terminating: Boolean(res.body?.metadata?.deletionTimestamp),
    annotations: { ...(res.body?.metadata?.annotations ?? {}) },
  };
}

/** Deletes a CRD; `false` when it did not exist. */
export async function deleteCrd(kube: KubeTransport, name: string): Promise<boolean> {
  const res = await kube.request('DELETE', `${CRD_PATH}/${encodeURIComponent(name)}`, {
    body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background' },
  });
  if (res.status === 404) return false;
  if (res.status < 200 || res.status > 299)
    throw kubeFailure(res, `delete the CustomResourceDefinition ${name}`);
  return true;
}

export interface PodSummary {
  name: string;
  phase: string;
  ready: boolean;
}

export async function listPods(
  kube: KubeTransport,
  namespace: string,
  labelSelector: string
): Promise<PodSummary[]> {
  const res = await kube.request(
    'GET',
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    {
      query: { labelSelector, limit: '100' },
    }
  );
  if (res.status === 404) return [];
  if (res.status !== 200) throw kubeFailure(res, `list pods in ${namespace}`);
  const items: any[] = Array.isArray(res.body?.items) ? res.body.items : [];
  return items.map(p => ({
    name: String(p?.metadata?.name ?? ''),
    phase: String(p?.status?.phase ?? 'Unknown'),
    ready:
      !p?.metadata?.deletionTimestamp &&
      Array.isArray(p?.status?.conditions) &&
      p.status.conditions.some((c: any) => c?.type === 'Ready' && c?.status === 'True'),
  }));
}

export interface GpuNodeSummary {
  name: string;
  gpus: number;
}

/** Nodes with allocatable `nvidia.com/gpu`. */
export async function listGpuNodes(kube: KubeTransport): Promise<GpuNodeSummary[]> {
  const res = await kube.request('GET', '/api/v1/nodes', { query: { limit: '1000' } });
  if (res.status !== 200) throw kubeFailure(res, 'list nodes');
  const items: any[] = Array.isArray(res.body?.items) ? res.body.items : [];
  return items
    .map(n => ({
      name: String(n?.metadata?.name ?? ''),
      gpus: Number.parseInt(String(n?.status?.allocatable?.['nvidia.com/gpu'] ?? '0'), 10) || 0,
    }))
    .filter(n => n.gpus > 0);
}

/** The first Programmed Gateway's address, if any Gateway is programmed (undefined when the API is absent). */
export async function programmedGateway(
  kube: KubeTransport
): Promise<{ address?: string } | undefined> {
  const res = await kube.request('GET', '/apis/gateway.networking.k8s.io/v1/gateways', {
    query: { limit: '100' },
  });
  if (res.status !== 200) return undefined;
  const items: any[] = Array.isArray(res.body?.items) ? res.body.items : [];
  for (const g of items) {
    const conditions: any[] = Array.isArray(g?.status?.conditions) ? g.status.conditions : [];
    if (conditions.some(c => c?.type === 'Programmed' && c?.status === 'True')) {
      const address = g?.status?.addresses?.[0]?.value;
      return typeof address === 'string' ? { address } : {};
    }
  }
  return undefined;
}
