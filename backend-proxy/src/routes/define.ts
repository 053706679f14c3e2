/**
 * Registers one endpoint of the shared endpoint table (PROXY_ENDPOINTS) on the Hono app: validates
 * path parameters, query and body with the shared zod schemas, runs the handler, validates the
 * response, and records the route for the OpenAPI document.
 *
 * A handler may return a ValidatedJson (a cached answer validated and serialised when it was produced):
 * it is sent as is, with its entity tag, once it is known to have been validated against this route's
 * response schema.
 */
import {
  type EndpointDefinition,
  PROXY_ENDPOINTS,
  type ProxyEndpointName,
} from '@airunway/shared-client/schemas/proxy';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import { ProxyError, validationError } from '../errors';
import { ValidatedJson } from '../validatedJson';

export interface RegisteredRoute {
  name: string;
  method: EndpointDefinition['method'];
  /** Hono path without the base path. */
  path: string;
  params?: z.ZodType | undefined;
  query?: z.ZodType | undefined;
  body?: z.ZodType | undefined;
  response: z.ZodType;
  summary: string;
}

export interface RouteInput {
  params: any;
  query: any;
  body: any;
  c: Context;
}

export interface RouteOptions {
  /** A response schema that extends the shared one (extra fields the shared schema would drop). */
  response?: z.ZodType;
  /** Map a path-parameter validation failure to another error (e.g. well-formed but unknown id → 404). */
  paramsError?: (raw: Record<string, string>, error: z.ZodError) => ProxyError | undefined;
}

export class RouteTable {
  readonly routes: RegisteredRoute[] = [];

  constructor(private readonly app: Hono) {}

  add<K extends ProxyEndpointName>(
    name: K,
    handler: (input: RouteInput) => Promise<unknown> | unknown,
    options: RouteOptions = {}
  ): void {
    const endpoint: EndpointDefinition = PROXY_ENDPOINTS[name];
    const response = options.response ?? endpoint.response;
    this.routes.push({
      name,
      method: endpoint.method,
      path: endpoint.path,
      params: endpoint.params,
      query: endpoint.query,
      body: endpoint.body,
      response,
      summary: endpoint.summary,
    });
    const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    this.app[method](endpoint.path, async c => {
      let params: unknown = {};
      if (endpoint.params) {
        const raw = c.req.param() as Record<string, string>;
        const parsed = endpoint.params.safeParse(raw);
        if (!parsed.success)
          throw options.paramsError?.(raw, parsed.error) ?? validationError('path', parsed.error);
        params = parsed.data;
      }
      let query: unknown = {};
      if (endpoint.query) {
        const parsed = endpoint.query.safeParse(c.req.query());
        if (!parsed.success) throw validationError('query', parsed.error);
        query = parsed.data;
      }
      const body = await readBody(c, endpoint);
      const result = await handler({ params, query, body, c });
      if (result instanceof ValidatedJson) return sendValidated(c, name, response, result);
      const checked = response.safeParse(result);
      if (!checked.success) {
        // A bug in the proxy, not the caller's fault: INTERNAL, with the issues in the log only.
        throw Object.assign(new Error(`response of ${name} does not match its schema`), {
          issues: checked.error.issues,
        });
      }
      return c.json(checked.data as object, 200);
    });
  }
}

function sendValidated(
  c: Context,
  name: string,
  response: z.ZodType,
  json: ValidatedJson
): Response {
  if (json.schema !== response) {
    // Validated, but against another schema than this route promises: a bug in the proxy.
    throw new Error(`response of ${name} was validated against another schema`);
  }
  const headers = { 'Content-Type': 'application/json', ETag: json.etag };
  if (c.req.header('if-none-match') === json.etag) return c.body(null, 304, headers);
  return c.body(json.body, 200, headers);
}

async function readBody(c: Context, endpoint: EndpointDefinition): Promise<unknown> {
  if (endpoint.method === 'GET') return undefined;
  const text = await c.req.text();
  if (!endpoint.body) {
    // Endpoints without a body take none (or an empty JSON object).
    const trimmed = text.trim();
    if (trimmed === '' || /^\{\s*\}$/.test(trimmed)) return undefined;
    throw new ProxyError('VALIDATION_ERROR', 'This endpoint takes no request body.', {
      part: 'body',
    });
  }
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new ProxyError('VALIDATION_ERROR', 'The request body is not valid JSON.', {
      part: 'body',
    });
  }
  const parsed = endpoint.body.safeParse(json);
  if (!parsed.success) throw validationError('body', parsed.error);
  return parsed.data;
}
