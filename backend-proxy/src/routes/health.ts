/** GET /api/health and GET /api/health/version. */
import type { VersionResponse } from '@airunway/shared-client/schemas/proxy';
import { ProxyError } from '../errors';
import type { RouteTable } from './define';

export interface HealthDeps {
  version: VersionResponse;
  /** While shutting down, health answers 503 so the Service stops sending new requests. */
  isShuttingDown?: () => boolean;
}

export function healthRoutes(routes: RouteTable, deps: HealthDeps): void {
  routes.add('health', () => {
    if (deps.isShuttingDown?.()) {
      throw new ProxyError('UPSTREAM_UNAVAILABLE', 'The proxy is shutting down.', undefined, 503);
    }
    return { status: 'ok', timestamp: new Date().toISOString() };
  });
  routes.add('version', () => deps.version);
}
