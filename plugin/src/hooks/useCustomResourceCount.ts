/**
 * Counts what removing a CRD would delete: every object of that CRD across namespaces, listed with the
 * user's own credentials. Only object metadata is requested (PartialObjectMetadataList), so a big cluster
 * does not send every spec to the browser just to be counted.
 */
import { ApiProxy, K8s } from '@kinvolk/headlamp-plugin/lib';
import { useQuery } from '@tanstack/react-query';
import {
  countResources,
  type CrdObject,
  customResourcesPath,
  type ObjectMetaLike,
} from '../components/runtimes/kubeStatus';

export const METADATA_ONLY_ACCEPT =
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

export function useCustomResourceCount(crd: CrdObject | undefined, enabled: boolean) {
  const cluster = K8s.useCluster() ?? '';
  return useQuery({
    queryKey: [cluster, 'k8s', 'custom-resource-count', crd?.metadata.name],
    enabled: enabled && Boolean(crd),
    // Always count afresh when the dialog opens: the number is what the user confirms against.
    staleTime: 0,
    queryFn: async () => {
      const list = (await ApiProxy.request(customResourcesPath(crd as CrdObject), {
        headers: { Accept: METADATA_ONLY_ACCEPT },
      })) as { items?: ObjectMetaLike[] };
      return countResources(list.items ?? []);
    },
  });
}
