/** Whether a Secret exists, by its metadata only (see settings/hfTokenSecret.ts); idle for invalid names. */
import {
  K8sObjectNameSchema,
  NamespaceNameSchema,
} from '@airunway/shared-client/schemas/identifiers';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQuery } from '@tanstack/react-query';
import { secretExists } from '../components/settings/hfTokenSecret';
import { secretExistsKey } from './useHfTokenStatus';

export function useSecretExists(namespace: string, name: string) {
  const cluster = K8s.useCluster() ?? '';
  const valid =
    NamespaceNameSchema.safeParse(namespace).success && K8sObjectNameSchema.safeParse(name).success;
  return useQuery({
    queryKey: secretExistsKey(cluster, namespace, name),
    queryFn: () => secretExists(namespace, name),
    enabled: valid,
  });
}
