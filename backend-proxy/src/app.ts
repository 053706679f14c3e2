/**
 * Builds the Hono app from injected dependencies (tests build it with fakes; main.ts with the real
 * helm and Kubernetes clients). Every error leaves as `{ error, code, details? }`, never a stack.
 */
import { PROXY_BASE_PATH, type VersionResponse } from '@airunway/shared-client/schemas/proxy';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { ProxyError, toProxyError } from './errors';
import type { InstallationService } from './helm/operations';
import { integrationRoutes, type Integrations } from './integrations';
import { buildOpenApiDocument } from './openapi';
import { RouteTable } from './routes/define';
import { healthRoutes } from './routes/health';
import { installationRoutes } from './routes/installation';

export interface AppDeps {
  logger: Logger;
  version: VersionResponse;
  installation: InstallationService;
  /** HuggingFace, OAuth, pricing, AI Configurator and AIKit (routes absent when not given). */
  integrations?: Integrations;
  bodyLimitBytes?: number;
  isShuttingDown?: () => boolean;
}

export interface ProxyApp {
  app: Hono;
  routes: RouteTable['routes'];
  openapi: Record<string, unknown>;
}

export function createApp(deps: AppDeps): ProxyApp {
  const { logger } = deps;
  const app = new Hono();
  const api = new Hono();
  const limit = deps.bodyLimitBytes ?? 64 * 1024;

  app.use('*', async (c, next) => {
    const start = performance.now();
    await next();
    const status = c.res.status;
    const entry = {
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round(performance.now() - start),
    };
    if (status >= 500) logger.warn(entry, 'request failed');
    else logger.info(entry, 'request');
  });

  const limitBody = bodyLimit({
    maxSize: limit,
    onError: c =>
      c.json(
        new ProxyError(
          'VALIDATION_ERROR',
          `The request body is larger than ${limit} bytes.`,
          { limitBytes: limit },
          413
        ).toBody(),
        413
      ),
  });
  // GET and HEAD carry no body (define.ts reads none for them). Skipping the limiter there matters: it
  // reads `c.req.raw.body`, which makes @hono/node-server build a full fetch Request (with an
  // AbortController) for every request, the largest per-request cost of a cached search.
  api.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)
  );

  const routes = new RouteTable(api);
  healthRoutes(routes, { version: deps.version, isShuttingDown: deps.isShuttingDown });
  installationRoutes(routes, deps.installation);
  if (deps.integrations) integrationRoutes(routes, deps.integrations);

  const openapi = buildOpenApiDocument(routes.routes, deps.version.version);
  api.get('/openapi.json', c => c.json(openapi));

  app.route(PROXY_BASE_PATH, api);

  const onError = (err: Error, c: any) => {
    let error: ProxyError;
    if (err instanceof HTTPException && err.status < 500) {
      error = new ProxyError(
        'VALIDATION_ERROR',
        'The request could not be read.',
        undefined,
        err.status
      );
    } else {
      error = toProxyError(err);
    }
    if (error.code === 'INTERNAL') {
      logger.error({ err, path: c.req.path, issues: (err as any).issues }, 'unexpected error');
    }
    return c.json(error.toBody(), error.status);
  };
  app.onError(onError);
  api.onError(onError);
  const notFound = (c: any) =>
    c.json(
      new ProxyError('NOT_FOUND', `There is no endpoint ${c.req.method} ${c.req.path}.`).toBody(),
      404
    );
  app.notFound(notFound);
  api.notFound(notFound);

  return { app, routes: routes.routes, openapi };
}
