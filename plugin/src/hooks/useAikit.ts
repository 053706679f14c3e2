/**
 * AIKit through the proxy for the create form's llama.cpp-on-KAITO image picker: the pre-made images,
 * the build infrastructure's readiness, a repo's GGUF files (also listed on the Models page), and the build
 * preview + build. Query keys start with the cluster so a cluster switch never shows another cluster's
 * answers.
 */
import type { AikitBuildRequest } from '@airunway/shared-client/schemas/proxy';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useProxyClient } from '../proxy/useProxyClient';

export function useAikitModels(enabled: boolean) {
  const { client, cluster } = useProxyClient();
  return useQuery({
    queryKey: [cluster, 'proxy', 'aikit', 'models'],
    queryFn: () => client.aikitModels(),
    enabled,
  });
}

function infrastructureKey(cluster: string) {
  return [cluster, 'proxy', 'aikit', 'infrastructure'];
}

export function useAikitInfrastructure(enabled: boolean) {
  const { client, cluster } = useProxyClient();
  return useQuery({
    queryKey: infrastructureKey(cluster),
    queryFn: () => client.aikitInfrastructureStatus(),
    enabled,
  });
}

/**
 * The `.gguf` files of a HuggingFace repo; asks nothing until a repo id is given (the create form's builder
 * and the Models page's GGUF picker, which share the answer). A repo's files rarely change, so reopening a
 * list within a few minutes does not ask again.
 */
export function useGgufFiles(modelId: string) {
  const { client, cluster } = useProxyClient();
  return useQuery({
    queryKey: [cluster, 'proxy', 'models', 'gguf-files', modelId],
    queryFn: () => client.ggufFiles(modelId),
    enabled: modelId.trim() !== '',
    staleTime: 5 * 60_000,
  });
}

/** What a build would produce (image ref, whether it must build), without building. */
export function useAikitBuildPreview() {
  const { client } = useProxyClient();
  return useMutation({
    mutationFn: (request: AikitBuildRequest) => client.aikitBuildPreview(request),
  });
}

export function useAikitBuild() {
  const { client } = useProxyClient();
  return useMutation({ mutationFn: (request: AikitBuildRequest) => client.aikitBuild(request) });
}

/**
 * Applies the registry and BuildKit (the proxy's fixed manifests; the request carries nothing), then reads
 * the infrastructure status again: right after the setup the pods are usually still starting.
 */
export function useAikitInfrastructureSetup() {
  const { client, cluster } = useProxyClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => client.aikitInfrastructureSetup(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: infrastructureKey(cluster) }),
  });
}
