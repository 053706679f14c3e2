/**
 * The cluster's own AI Runway settings: the ConfigMap airunway-config in airunway-system, read and written
 * with the user's own credentials, so RBAC on configmaps decides who may change them.
 */
import { ApiProxy } from '@kinvolk/headlamp-plugin/lib';

export const CLUSTER_CONFIG = {
  namespace: 'airunway-system',
  name: 'airunway-config',
  defaultNamespaceKey: 'defaultNamespace',
} as const;

export const CLUSTER_CONFIG_PATH = `/api/v1/namespaces/${CLUSTER_CONFIG.namespace}/configmaps`;

export interface ConfigMapLike {
  metadata: { name: string; namespace?: string; resourceVersion?: string };
  data?: Record<string, string>;
}

/** The ConfigMap, or null when it does not exist yet (404). */
export async function readClusterConfig(): Promise<ConfigMapLike | null> {
  try {
    return (await ApiProxy.request(
      `${CLUSTER_CONFIG_PATH}/${CLUSTER_CONFIG.name}`
    )) as ConfigMapLike;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}

/** Creates the ConfigMap, or merges the key into the existing one (other keys stay as they are). */
export async function writeDefaultNamespace(exists: boolean, namespace: string): Promise<void> {
  const data = { [CLUSTER_CONFIG.defaultNamespaceKey]: namespace };
  if (exists) {
    await ApiProxy.request(`${CLUSTER_CONFIG_PATH}/${CLUSTER_CONFIG.name}`, {
      method: 'PATCH',
      body: JSON.stringify({ data }),
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    return;
  }
  await ApiProxy.request(CLUSTER_CONFIG_PATH, {
    method: 'POST',
    body: JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: CLUSTER_CONFIG.name, namespace: CLUSTER_CONFIG.namespace },
      data,
    }),
    headers: { 'Content-Type': 'application/json' },
  });
}
