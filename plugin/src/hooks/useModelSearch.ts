/**
 * HuggingFace model search through the AI Runway proxy (the browser cannot call the Hub with the
 * cluster's settings, and the proxy filters incompatible architectures and estimates GPU memory). The
 * query key starts with the cluster so a cluster switch never shows another cluster's answers.
 */
import { MODEL_SEARCH_MAX_LIMIT } from '@airunway/shared-client/schemas/proxy';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useProxyClient } from '../proxy/useProxyClient';

export const MODEL_SEARCH_PAGE_SIZE = 20;

export function useModelSearch(q: string, offset: number, limit = MODEL_SEARCH_PAGE_SIZE) {
  const { client, cluster } = useProxyClient();
  const pageSize = Math.min(limit, MODEL_SEARCH_MAX_LIMIT);
  return useQuery({
    queryKey: [cluster, 'proxy', 'models', 'search', q, offset, pageSize],
    queryFn: () => client.searchModels({ q, offset, limit: pageSize }),
    enabled: q.trim() !== '',
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
