/** Whether a Secret exists, by its metadata only (see settings/hfTokenSecret.ts); idle for invalid names. */
import { NamespaceNameSchema } from '@airunway/shared-client/schemas/identifiers';
import { K8sObjectNameSchema } from '@airunway/shared-client/schemas/identifiers';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQuery } from '@tanstack/react-query';
import { secretExists } from '../components/settings/hfTokenSecret';
import { hfTokenStatusKey } from './useHfTokenStatus';

export function useSecretExists(namespace: string, name: string) {
  const cluster = K8s.useCluster() ?? '';
  const valid =
    NamespaceNameSchema.safeParse(namespace).success && K8sObjectNameSchema.safeParse(name).success;
  return useQuery({
    // Under the HF token status key, so saving or deleting the token in Settings refreshes it too.
    queryKey: [...hfTokenStatusKey(cluster), namespace, 'secret', name],
    queryFn: () => secretExists(namespace, name),
    enabled: valid,
  });
}
