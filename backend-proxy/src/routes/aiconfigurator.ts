/** The /aiconfigurator endpoints. */
import type { AiConfiguratorService } from '../aiconfigurator/service';
import type { RouteTable } from './define';
import { hfTokenOf } from './hfToken';

export function aiConfiguratorRoutes(routes: RouteTable, service: AiConfiguratorService): void {
  routes.add('aiConfiguratorStatus', () => service.getStatus());
  routes.add('aiConfiguratorAnalyze', ({ body, c }) => service.analyze(body, hfTokenOf(c)));
  routes.add('aiConfiguratorNormalizeGpu', ({ body }) => service.normalizeGpu(body.gpuProduct));
}
