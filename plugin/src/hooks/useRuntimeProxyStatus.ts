/**
 * What only the AI Runway proxy knows about runtimes (Helm and its releases), through the typed client.
 * Each query is independent so one failing answer never hides the others.
 */
import type { ProviderId } from '@airunway/shared-client/schemas/proxy';
import { useQuery } from '@tanstack/react-query';
import { useProxyClient } from '../proxy/useProxyClient';

export function useProxyHealth() {
  const { client, cluster } = useProxyClient();
  return useQuery({
    queryKey: [cluster, 'proxy', 'health'],
    queryFn: () => client.health(),
    retry: false,
  });
}

export function useHelmStatus(enabled: boolean) {
  const { client, cluster } = useProxyClient();
  return useQuery({
    queryKey: [cluster, 'proxy', 'installation', 'helm'],
    queryFn: () => client.helmStatus(),
    enabled,
  });
}

export function useProviderReleaseStatus(id: ProviderId, enabled: boolean) {
  const { client, cluster } = useProxyClient();
  return useQuery({
    queryKey: [cluster, 'proxy', 'installation', 'provider', id],
    queryFn: () => client.providerStatus(id),
    enabled,
  });
}

export function useGatewayProxyStatus(enabled: boolean) {
  const { client, cluster } = useProxyClient();
  return useQuery({
    queryKey: [cluster, 'proxy', 'installation', 'gateway'],
    queryFn: () => client.gatewayStatus(),
    enabled,
  });
}
