import { z } from 'zod';
import { ErrorBodySchema, type ErrorCode, errorCodeForStatus } from './schemas/errors';
import { HfTokenSchema } from './schemas/identifiers';
import {
  type AiConfiguratorAnalyzeRequestSchema,
  type AikitBuildRequestSchema,
  buildProxyPath,
  type CostEstimateRequestSchema,
  type EndpointDefinition,
  HF_TOKEN_HEADER,
  type HttpMethod,
  type InstancePriceQuery,
  type ModelSearchQuery,
  type NodePoolCostsQuery,
  type OAuthStartRequestSchema,
  type OAuthTokenRequestSchema,
  type ProviderId,
  PROXY_BASE_PATH,
  PROXY_ENDPOINTS,
  type ProxyEndpointName,
  type ProxyEndpoints,
} from './schemas/proxy';

// ---------------------------------------------------------------------------------------------
// Transport
// ---------------------------------------------------------------------------------------------

export interface TransportRequest {
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface TransportResponse {
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/**
 * How requests reach the proxy: `fetch` bound to a base URL, Headlamp's service-proxy request, or
 * an in-memory fake in tests. `path` starts with the base path (`/api/...`).
 */
export type ProxyTransport = (path: string, init: TransportRequest) => Promise<TransportResponse>;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export interface ProxyIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

/** What to tell the user when the failure brings no message of its own. */
export const DEFAULT_ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  VALIDATION_ERROR: 'The request is not valid. Check the values you entered and try again.',
  UNAUTHORIZED:
    'The cluster did not accept your credentials for the AI Runway proxy. Sign in to the cluster again.',
  FORBIDDEN:
    'You are not allowed to do this through the AI Runway proxy. Ask a cluster admin for the airunway-viewer (read) or airunway-operator (install) role.',
  NOT_FOUND:
    'The AI Runway proxy does not know this resource. Check the name, and that the proxy is installed and up to date.',
  CONFLICT: 'Another operation is already running for this. Wait for it to finish, then try again.',
  UPSTREAM_UNAVAILABLE:
    'The AI Runway proxy or a service behind it is not reachable. Check that the airunway-proxy Service is running, then try again.',
  CLUSTER_UNAVAILABLE: 'The proxy cannot reach the Kubernetes API. Try again in a moment.',
  PROVIDER_NOT_INSTALLED:
    'The provider this needs is not installed. Install it from the Runtimes page first.',
  INTERNAL:
    'The AI Runway proxy failed unexpectedly. Try again; if it keeps failing, check the proxy logs.',
};

export interface ProxyErrorInit {
  code: ErrorCode;
  message: string;
  /** HTTP status of the answer; null when no answer arrived or the request was never sent. */
  status: number | null;
  details?: Record<string, unknown>;
}

export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  readonly code: ErrorCode;
  readonly status: number | null;
  readonly details: Record<string, unknown> | undefined;

  constructor(init: ProxyErrorInit) {
    super(init.message);
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
  }
}

export function isProxyError(value: unknown): value is ProxyError {
  return value instanceof ProxyError;
}

export function toProxyIssues(error: z.ZodError): ProxyIssue[] {
  return error.issues.map(issue => ({
    path: issue.path.map(segment => (typeof segment === 'number' ? segment : String(segment))),
    message: issue.message,
    code: issue.code,
  }));
}

const BODY_PREVIEW_LENGTH = 200;

function bodyPreview(text: string): string {
  return text.length > BODY_PREVIEW_LENGTH ? `${text.slice(0, BODY_PREVIEW_LENGTH)}…` : text;
}

function describeIssue(issue: ProxyIssue | undefined): string {
  if (!issue) return '';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const KubernetesStatusSchema = z.object({
  kind: z.literal('Status'),
  message: z.string().optional(),
  reason: z.string().optional(),
});

function looseErrorMessage(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.error === 'string') return record.error;
  if (typeof record.message === 'string') return record.message;
  const nested = record.error;
  if (typeof nested === 'object' && nested !== null) {
    const message = (nested as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/** Turn a non-2xx answer into a ProxyError, keeping the proxy's own code when it sent one. */
export function decodeErrorResponse(status: number, text: string, label: string): ProxyError {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    // Our proxy always answers in JSON; a non-JSON 5xx comes from whatever stands in front of it.
    const code = status >= 500 ? 'UPSTREAM_UNAVAILABLE' : errorCodeForStatus(status);
    return new ProxyError({
      code,
      status,
      message: `${DEFAULT_ERROR_MESSAGES[code]} (${label}: HTTP ${status})`,
      details: { body: bodyPreview(text) },
    });
  }

  const body = ErrorBodySchema.safeParse(parsed.value);
  if (body.success) {
    return new ProxyError({
      code: body.data.code,
      status,
      message: body.data.error,
      ...(body.data.details === undefined ? {} : { details: body.data.details }),
    });
  }

  const code = errorCodeForStatus(status);
  const kubeStatus = KubernetesStatusSchema.safeParse(parsed.value);
  if (kubeStatus.success) {
    const reason = kubeStatus.data.message
      ? ` The API server said: ${kubeStatus.data.message}`
      : '';
    return new ProxyError({
      code,
      status,
      message: `${DEFAULT_ERROR_MESSAGES[code]}${reason}`,
      details: { kubernetesStatus: parsed.value },
    });
  }

  return new ProxyError({
    code,
    status,
    message:
      looseErrorMessage(parsed.value) ??
      `${DEFAULT_ERROR_MESSAGES[code]} (${label}: HTTP ${status})`,
    details: { body: parsed.value },
  });
}

function unreachable(cause: unknown, label: string): ProxyError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new ProxyError({
    code: 'UPSTREAM_UNAVAILABLE',
    status: null,
    message: `${DEFAULT_ERROR_MESSAGES.UPSTREAM_UNAVAILABLE} (${label}: ${reason})`,
    details: { cause: reason },
  });
}

function invalidRequest(error: z.ZodError, part: string, label: string): ProxyError {
  const issues = toProxyIssues(error);
  return new ProxyError({
    code: 'VALIDATION_ERROR',
    status: null,
    message: `Invalid ${part} for ${label}: ${describeIssue(issues[0])}`,
    details: { part, issues },
  });
}

// ---------------------------------------------------------------------------------------------
// Client
// ---------------------------------------------------------------------------------------------

export interface ProxyClientOptions {
  transport: ProxyTransport;
  /** Prefix of every route; the proxy serves under `/api`. */
  basePath?: string;
}

/** For routes that reach HuggingFace: the user's token, sent only as `X-HF-Token`. */
export interface HfCallOptions {
  hfToken?: string;
}

interface CallInput {
  params?: Record<string, string>;
  query?: unknown;
  body?: unknown;
  hfToken?: string | undefined;
}

type ResponseOf<K extends ProxyEndpointName> = z.output<ProxyEndpoints[K]['response']>;

export function createProxyClient(options: ProxyClientOptions) {
  const { transport } = options;
  const basePath = options.basePath ?? PROXY_BASE_PATH;

  function validate(schema: z.ZodType | undefined, value: unknown, part: string, label: string) {
    if (schema === undefined) return undefined;
    const result = schema.safeParse(value);
    if (!result.success) throw invalidRequest(result.error, part, label);
    return result.data;
  }

  function buildRequest(endpoint: EndpointDefinition, input: CallInput) {
    const label = `${endpoint.method} ${endpoint.path}`;
    const params = validate(endpoint.params, input.params ?? {}, 'path', label) as
      | Record<string, string>
      | undefined;
    const query = validate(endpoint.query, input.query ?? {}, 'query', label) as
      | Record<string, string | number | boolean | undefined>
      | undefined;
    const body = validate(endpoint.body, input.body, 'body', label);

    const headers: Record<string, string> = { Accept: 'application/json' };
    if (endpoint.body !== undefined) headers['Content-Type'] = 'application/json';
    if (endpoint.hfToken && input.hfToken !== undefined && input.hfToken !== '') {
      validate(HfTokenSchema, input.hfToken, 'HuggingFace token', label);
      headers[HF_TOKEN_HEADER] = input.hfToken;
    }

    return {
      label,
      path: buildProxyPath(endpoint.path, params ?? {}, query ?? {}, basePath),
      init: {
        method: endpoint.method,
        headers,
        body: endpoint.body === undefined ? undefined : JSON.stringify(body),
      } satisfies TransportRequest,
    };
  }

  async function call<K extends ProxyEndpointName>(
    name: K,
    input: CallInput = {}
  ): Promise<ResponseOf<K>> {
    const endpoint: EndpointDefinition = PROXY_ENDPOINTS[name];
    const { label, path, init } = buildRequest(endpoint, input);

    let status: number;
    let text: string;
    try {
      const response = await transport(path, init);
      status = response.status;
      // Read the body once as text: a fetch body cannot be read twice, and a JSON parse error
      // must be told apart from a network error.
      text = await response.text();
    } catch (cause) {
      throw unreachable(cause, label);
    }

    if (status < 200 || status > 299) throw decodeErrorResponse(status, text, label);

    const parsed = parseJson(text);
    if (!parsed.ok) {
      throw new ProxyError({
        code: 'INTERNAL',
        status,
        message: `The AI Runway proxy answered ${label} with a body that is not JSON. Check that the proxy is up to date.`,
        details: { body: bodyPreview(text) },
      });
    }
    const result = endpoint.response.safeParse(parsed.value);
    if (!result.success) {
      const issues = toProxyIssues(result.error);
      throw new ProxyError({
        code: 'INTERNAL',
        status,
        message: `The AI Runway proxy answered ${label} in an unexpected shape (${describeIssue(
          issues[0]
        )}). Check that the proxy and the plugin are the same version.`,
        details: { issues },
      });
    }
    return result.data as ResponseOf<K>;
  }

  return {
    health: () => call('health'),
    version: () => call('version'),

    helmStatus: () => call('helmStatus'),
    providerStatus: (id: ProviderId) => call('providerStatus', { params: { id } }),
    providerCommands: (id: ProviderId) => call('providerCommands', { params: { id } }),
    installProvider: (id: ProviderId) => call('installProvider', { params: { id } }),
    upgradeProvider: (id: ProviderId) => call('upgradeProvider', { params: { id } }),
    uninstallProvider: (id: ProviderId) => call('uninstallProvider', { params: { id } }),
    uninstallProviderCrds: (id: ProviderId) => call('uninstallProviderCrds', { params: { id } }),
    gatewayStatus: () => call('gatewayStatus'),
    installGatewayCrds: () => call('installGatewayCrds'),
    gpuOperatorStatus: () => call('gpuOperatorStatus'),
    installGpuOperator: () => call('installGpuOperator'),

    searchModels: (query: ModelSearchQuery, options: HfCallOptions = {}) =>
      call('searchModels', { query, hfToken: options.hfToken }),
    modelInfo: (modelId: string, options: HfCallOptions = {}) =>
      call('modelInfo', { params: { modelId }, hfToken: options.hfToken }),
    ggufFiles: (modelId: string, options: HfCallOptions = {}) =>
      call('ggufFiles', { params: { modelId }, hfToken: options.hfToken }),

    hfOAuthConfig: () => call('hfOAuthConfig'),
    hfOAuthStart: (body: z.input<typeof OAuthStartRequestSchema>) => call('hfOAuthStart', { body }),
    hfOAuthVerifier: (state: string) => call('hfOAuthVerifier', { params: { state } }),
    hfOAuthToken: (body: z.input<typeof OAuthTokenRequestSchema>) => call('hfOAuthToken', { body }),

    estimateCost: (body: z.input<typeof CostEstimateRequestSchema>) =>
      call('estimateCost', { body }),
    nodePoolCosts: (query: NodePoolCostsQuery = {}) => call('nodePoolCosts', { query }),
    instancePrice: (query: InstancePriceQuery) => call('instancePrice', { query }),
    gpuModels: () => call('gpuModels'),
    normalizeGpuLabel: (label: string) => call('normalizeGpuLabel', { query: { label } }),

    aiConfiguratorStatus: () => call('aiConfiguratorStatus'),
    aiConfiguratorAnalyze: (
      body: z.input<typeof AiConfiguratorAnalyzeRequestSchema>,
      options: HfCallOptions = {}
    ) => call('aiConfiguratorAnalyze', { body, hfToken: options.hfToken }),
    aiConfiguratorNormalizeGpu: (gpuProduct: string) =>
      call('aiConfiguratorNormalizeGpu', { body: { gpuProduct } }),

    aikitModels: () => call('aikitModels'),
    aikitModel: (id: string) => call('aikitModel', { params: { id } }),
    aikitBuild: (body: z.input<typeof AikitBuildRequestSchema>, options: HfCallOptions = {}) =>
      call('aikitBuild', { body, hfToken: options.hfToken }),
    aikitBuildPreview: (body: z.input<typeof AikitBuildRequestSchema>) =>
      call('aikitBuildPreview', { body }),
    aikitInfrastructureStatus: () => call('aikitInfrastructureStatus'),
    aikitInfrastructureSetup: () => call('aikitInfrastructureSetup'),
  };
}

export type ProxyClient = ReturnType<typeof createProxyClient>;
