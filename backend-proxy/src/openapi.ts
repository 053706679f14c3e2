/** The OpenAPI 3.1 document of the registered routes, generated from their zod schemas. */
import { ERROR_HTTP_STATUS, ErrorBodySchema } from '@airunway/shared-client/schemas/errors';
import { PROXY_BASE_PATH } from '@airunway/shared-client/schemas/proxy';
import { z } from 'zod';
import type { RegisteredRoute } from './routes/define';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Json;
  delete json.$schema;
  return json;
}

/** `/installation/providers/:id/status` → `/installation/providers/{id}/status`; `:modelId{.+}` → `{modelId}`. */
export function openApiPath(path: string): string {
  return PROXY_BASE_PATH + path.replace(/:([A-Za-z][A-Za-z0-9]*)(\{[^}]*\})?/g, '{$1}');
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' ? true : required.has(name),
    schema: s,
  }));
}

export function buildOpenApiDocument(routes: readonly RegisteredRoute[], version: string): Json {
  const errorRef = { $ref: '#/components/schemas/ErrorBody' };
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: errorRef } },
  });
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) {
    const p = openApiPath(route.path);
    const op: Json = {
      operationId: route.name,
      summary: route.summary,
      parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: schemaOf(route.response, 'output') } },
        },
        '400': errorResponse('VALIDATION_ERROR: the request is not valid'),
        ...(route.params ? { '404': errorResponse('NOT_FOUND') } : {}),
        ...(route.method !== 'GET'
          ? {
              '409': errorResponse('CONFLICT: another operation is running'),
              '413': errorResponse('VALIDATION_ERROR: body too large'),
            }
          : {}),
        ...(route.name === 'upgradeProvider'
          ? {
              [String(ERROR_HTTP_STATUS.PROVIDER_NOT_INSTALLED)]:
                errorResponse('PROVIDER_NOT_INSTALLED'),
            }
          : {}),
        '500': errorResponse('INTERNAL'),
        '502': errorResponse('UPSTREAM_UNAVAILABLE'),
        '503': errorResponse('CLUSTER_UNAVAILABLE or UPSTREAM_UNAVAILABLE'),
        '504': errorResponse('UPSTREAM_UNAVAILABLE: timed out'),
      },
    };
    if (route.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
      };
    }
    (paths[p] ??= {})[route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'AI Runway proxy', version },
    paths,
    components: { schemas: { ErrorBody: schemaOf(ErrorBodySchema, 'output') } },
  };
}
