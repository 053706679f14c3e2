/** Helm availability and the per-provider status / commands / install / upgrade / uninstall routes. */
import { DNS1123_LABEL_PATTERN } from '@airunway/shared-client/schemas/identifiers';
import { ProviderReleaseStatusResponseSchema } from '@airunway/shared-client/schemas/installation';
import type { ProviderId } from '@airunway/shared-client/schemas/proxy';
import { ProxyError } from '../errors';
import type { InstallationService } from '../helm/operations';
import type { RouteOptions, RouteTable } from './define';

/** A well-formed id that is not on the allow-list is NOT_FOUND; anything else stays VALIDATION_ERROR. */
const providerParams: RouteOptions['paramsError'] = raw => {
  const id = raw.id ?? '';
  if (id.length <= 63 && DNS1123_LABEL_PATTERN.test(id)) {
    return new ProxyError('NOT_FOUND', `There is no provider "${id}".`, { providerId: id });
  }
  return undefined;
};

export function installationRoutes(routes: RouteTable, service: InstallationService): void {
  const id = (params: { id: ProviderId }) => params.id;
  routes.add('helmStatus', () => service.helmStatus());
  routes.add('providerStatus', ({ params }) => service.providerStatus(id(params)), {
    paramsError: providerParams,
    response: ProviderReleaseStatusResponseSchema,
  });
  routes.add('providerCommands', ({ params }) => service.providerCommands(id(params)), {
    paramsError: providerParams,
  });
  routes.add('installProvider', ({ params }) => service.install(id(params)), {
    paramsError: providerParams,
  });
  routes.add('upgradeProvider', ({ params }) => service.upgrade(id(params)), {
    paramsError: providerParams,
  });
  routes.add('uninstallProvider', ({ params }) => service.uninstall(id(params)), {
    paramsError: providerParams,
  });
  routes.add('gatewayStatus', () => service.gatewayStatus());
  routes.add('installGatewayCrds', () => service.installGatewayCrds());
  routes.add('gpuOperatorStatus', () => service.gpuOperatorStatus());
  routes.add('installGpuOperator', () => service.installGpuOperator());
  routes.add('uninstallProviderCrds', ({ params }) => service.uninstallCrds(id(params)), {
    paramsError: providerParams,
  });
}
