/**
 * The object a provider created for a ModelDeployment (status.provider: which provider, and the name of its
 * resource), fetched with one GET in the deployment's namespace using the kind and API group the provider
 * publishes (shared-client providers/capabilities). Nothing is fetched until the provider has written the
 * name into status.
 */
import { type ProviderInfo, PROVIDERS } from '@airunway/shared-client/providers/capabilities';
import type { ProviderName } from '@airunway/shared-client/schemas/modelDeployment';
import { ApiProxy, K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQuery } from '@tanstack/react-query';
import type { ModelDeployment } from '../resources/modelDeployment';

export interface ProviderResourceRef {
  provider: ProviderName;
  resource: ProviderInfo['resource'];
  name: string;
  namespace: string;
  /** The API path of the object (`/apis/<group>/<version>/namespaces/<ns>/<plural>/<name>`). */
  path: string;
}

export type ProviderResourceState =
  /** The controller has not picked a provider, or the provider has not created (named) its resource. */
  | { kind: 'not-created'; provider?: string }
  /** A provider name this plugin does not know, so neither kind nor API group is known. */
  | { kind: 'unknown-provider'; provider: string }
  | { kind: 'known'; ref: ProviderResourceRef };

export function providerResourceRef(deployment: ModelDeployment): ProviderResourceState {
  const { name: provider, resourceName } = deployment.status.provider ?? {};
  if (!provider || !resourceName) return { kind: 'not-created', provider };
  if (!Object.hasOwn(PROVIDERS, provider)) return { kind: 'unknown-provider', provider };
  const info = PROVIDERS[provider as ProviderName];
  const namespace = deployment.getNamespace() ?? '';
  const { group, version, plural } = info.resource;
  const path = `/apis/${group}/${version}/namespaces/${encodeURIComponent(
    namespace
  )}/${plural}/${encodeURIComponent(resourceName)}`;
  return {
    kind: 'known',
    ref: { provider: info.name, resource: info.resource, name: resourceName, namespace, path },
  };
}

export function useProviderResource(ref: ProviderResourceRef | null) {
  const cluster = K8s.useCluster() ?? '';
  return useQuery<Record<string, unknown>, { status?: number; message?: string }>({
    queryKey: [cluster, 'k8s', 'provider-resource', ref?.path],
    enabled: Boolean(ref),
    queryFn: () => ApiProxy.request(ref?.path as string),
  });
}
