/** GET /models/search, /models/:id/gguf-files and /models/:id (HuggingFace Hub). */
import type { HfHub } from '../hf/hub';
import type { RouteTable } from './define';
import { hfTokenOf } from './hfToken';

export function huggingFaceRoutes(routes: RouteTable, hub: HfHub): void {
  // The page's JSON was validated and serialised once, when the Hub answered (then cached).
  routes.add(
    'searchModels',
    async ({ query, c }) => (await hub.search(query, hfTokenOf(c))).page.json
  );
  // Before modelInfo: its greedy id would otherwise swallow "/gguf-files".
  routes.add('ggufFiles', ({ params, c }) => hub.ggufFiles(params.modelId, hfTokenOf(c)));
  routes.add('modelInfo', ({ params, c }) => hub.modelInfo(params.modelId, hfTokenOf(c)));
}
