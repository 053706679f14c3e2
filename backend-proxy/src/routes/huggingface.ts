/** GET /models/search, /models/:id/gguf-files and /models/:id (HuggingFace Hub). */
import type { HfHub } from '../hf/hub';
import type { RouteTable } from './define';
import { hfTokenOf } from './hfToken';

export function huggingFaceRoutes(routes: RouteTable, hub: HfHub): void {
  routes.add('searchModels', async ({ query, c }) => {
    const { stale: _stale, ...result } = await hub.search(query, hfTokenOf(c));
    return result;
  });
  // Before modelInfo: its greedy id would otherwise swallow "/gguf-files".
  routes.add('ggufFiles', ({ params, c }) => hub.ggufFiles(params.modelId, hfTokenOf(c)));
  routes.add('modelInfo', ({ params, c }) => hub.modelInfo(params.modelId, hfTokenOf(c)));
}
