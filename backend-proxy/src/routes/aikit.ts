/** The /aikit endpoints. */
import type { AikitService } from '../aikit/service';
import type { RouteTable } from './define';
import { hfTokenOf } from './hfToken';

export function aikitRoutes(routes: RouteTable, aikit: AikitService): void {
  routes.add('aikitModels', () => aikit.models());
  routes.add('aikitModel', ({ params }) => aikit.model(params.id));
  // The preview first: "/aikit/build/preview" is its own route, not a build.
  routes.add('aikitBuildPreview', ({ body }) => aikit.preview(body));
  routes.add('aikitBuild', ({ body, c }) => aikit.build(body, hfTokenOf(c)));
  routes.add('aikitInfrastructureStatus', () => aikit.status());
  routes.add('aikitInfrastructureSetup', () => aikit.setup());
}
