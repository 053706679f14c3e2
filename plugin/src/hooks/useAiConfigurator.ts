/**
 * "Suggest configuration" on the create form: one `POST /aiconfigurator/analyze` through the proxy. A
 * mutation, not a query: it runs when the user asks, and its answer is only a proposal until applied.
 */
import type { AiConfiguratorAnalyzeRequest } from '@airunway/shared-client/schemas/proxy';
import { useMutation } from '@tanstack/react-query';
import { useProxyClient } from '../proxy/useProxyClient';

export function useConfigSuggestion() {
  const { client, cluster } = useProxyClient();
  return useMutation({
    mutationKey: [cluster, 'proxy', 'aiconfigurator', 'analyze'],
    mutationFn: (request: AiConfiguratorAnalyzeRequest) => client.aiConfiguratorAnalyze(request),
  });
}
