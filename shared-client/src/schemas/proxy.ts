import { z } from 'zod';
import {
  GgufFilenameSchema,
  HfModelIdSchema,
  ImageNameSchema,
  ImageTagSchema,
  OAuthStateSchema,
  PkceVerifierSchema,
  SafeTokenSchema,
} from './identifiers';
import { EngineTypeSchema, ServingModeSchema } from './modelDeployment';
import { PricedPoolsParamSchema } from './pricing';

/** The proxy serves everything below this path. */
export const PROXY_BASE_PATH = '/api';

// ---------------------------------------------------------------------------------------------
// Query-string helpers: the client passes numbers and booleans, the server sees strings. One schema
// accepts both so the two sides validate with the same rules.
// ---------------------------------------------------------------------------------------------

export function queryInt(min: number, max: number) {
  return z
    .union([z.number(), z.string().regex(/^\d+$/, 'must be a whole number').transform(Number)])
    .pipe(z.number().int().min(min).max(max));
}

export const queryBoolean = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform(value => value === 'true'),
]);

// ---------------------------------------------------------------------------------------------
// Health
// ---------------------------------------------------------------------------------------------

export const HealthResponseSchema = z.object({
  status: z.string(),
  timestamp: z.string(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

export const VersionResponseSchema = z.object({
  version: z.string(),
  buildTime: z.string(),
  gitCommit: z.string(),
});
export type VersionResponse = z.infer<typeof VersionResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Installation
// ---------------------------------------------------------------------------------------------

/**
 * Everything the proxy can install through Helm or its own manifests. The Gateway API and
 * Inference Extension CRDs are not a release; they have their own endpoints (/installation/gateway).
 */
export const PROVIDER_IDS = [
  'dynamo',
  'kuberay',
  'kaito',
  'llmd',
  'vllm',
  'gpu-operator',
  'airunway-controller',
] as const;
export const ProviderIdSchema = z.enum(PROVIDER_IDS);
export type ProviderId = z.infer<typeof ProviderIdSchema>;

export const ProviderIdParamsSchema = z.object({ id: ProviderIdSchema });

export const HelmStatusResponseSchema = z.object({
  available: z.boolean(),
  version: z.string().optional(),
  error: z.string().optional(),
});
export type HelmStatusResponse = z.infer<typeof HelmStatusResponseSchema>;

export const InstallationStepSchema = z.object({
  title: z.string(),
  command: z.string().optional(),
  description: z.string(),
});
export type InstallationStep = z.infer<typeof InstallationStepSchema>;

export const ProviderStatusResponseSchema = z.object({
  providerId: z.string(),
  providerName: z.string(),
  installed: z.boolean(),
  crdFound: z.boolean().optional(),
  operatorRunning: z.boolean().optional(),
  requiresCRD: z.boolean().optional(),
  installable: z.boolean().optional(),
  version: z.string().optional(),
  message: z.string().optional(),
  installationSteps: z.array(InstallationStepSchema).optional(),
  helmCommands: z.array(z.string()).optional(),
});

// Helm-backed additions to the installation shapes above. The base shapes follow the reference API;
// these add what the Helm-backed proxy knows beyond it (release state, pinned version, pending).

/** Helm's release states (`helm status -o json` → info.status). */
export const HELM_RELEASE_STATUSES = [
  'unknown',
  'deployed',
  'uninstalled',
  'superseded',
  'failed',
  'uninstalling',
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
] as const;
export const HelmReleaseStatusSchema = z.enum(HELM_RELEASE_STATUSES);
export type HelmReleaseStatus = z.infer<typeof HelmReleaseStatusSchema>;

export const PENDING_RELEASE_STATUSES: readonly HelmReleaseStatus[] = [
  'pending-install',
  'pending-upgrade',
  'pending-rollback',
];

export const HelmReleaseInfoSchema = z.object({
  name: z.string(),
  namespace: z.string(),
  /** Present when the release exists. */
  status: HelmReleaseStatusSchema.optional(),
  revision: z.number().int().min(0).optional(),
  /** `<chart>-<version>` as helm lists it. */
  chart: z.string().optional(),
  chartVersion: z.string().optional(),
  appVersion: z.string().optional(),
});
export type HelmReleaseInfo = z.infer<typeof HelmReleaseInfoSchema>;

/** GET /installation/providers/:id/status as the Helm-backed proxy answers it. */
export const ProviderReleaseStatusResponseSchema = ProviderStatusResponseSchema.extend({
  release: HelmReleaseInfoSchema.optional(),
  /** The chart version this proxy installs and upgrades to. */
  pinnedVersion: z.string().optional(),
  /** Whether the release is stuck in a pending-* state (the next install/upgrade/uninstall recovers it). */
  pending: z.boolean().optional(),
});
export type ProviderReleaseStatusResponse = z.infer<typeof ProviderReleaseStatusResponseSchema>;
export type ProviderStatusResponse = z.infer<typeof ProviderStatusResponseSchema>;

export const ProviderCommandsResponseSchema = z.object({
  providerId: z.string().optional(),
  providerName: z.string().optional(),
  commands: z.array(z.string()),
  steps: z.array(InstallationStepSchema).optional(),
});
export type ProviderCommandsResponse = z.infer<typeof ProviderCommandsResponseSchema>;

/** One Helm/kubectl step of an install, upgrade or uninstall, with what it printed. */
export const StepResultSchema = z.object({
  step: z.string(),
  success: z.boolean(),
  output: z.string(),
  error: z.string().optional(),
});
export type StepResult = z.infer<typeof StepResultSchema>;

export const InstallationStateSchema = z.object({
  installed: z.boolean(),
  crdFound: z.boolean().optional(),
  operatorRunning: z.boolean().optional(),
  message: z.string().optional(),
});
export type InstallationState = z.infer<typeof InstallationStateSchema>;

/** Answer to install, upgrade, uninstall and uninstall-crds. */
export const ProviderActionResponseSchema = z.object({
  success: z.boolean(),
  message: z.string(),
  alreadyInstalled: z.boolean().optional(),
  installationStatus: InstallationStateSchema.optional(),
  results: z.array(StepResultSchema).optional(),
});
export type ProviderActionResponse = z.infer<typeof ProviderActionResponseSchema>;

export const GatewayStatusResponseSchema = z.object({
  gatewayApiInstalled: z.boolean(),
  inferenceExtInstalled: z.boolean(),
  gatewayApiVersion: z.string().optional(),
  inferenceExtVersion: z.string().optional(),
  pinnedVersion: z.string(),
  gatewayAvailable: z.boolean(),
  gatewayEndpoint: z.string().optional(),
  message: z.string(),
  installCommands: z.array(z.string()),
});
export type GatewayStatusResponse = z.infer<typeof GatewayStatusResponseSchema>;

export const GatewayInstallResponseSchema = z.object({
  success: z.boolean(),
  message: z.string(),
  results: z.array(StepResultSchema).optional(),
});
export type GatewayInstallResponse = z.infer<typeof GatewayInstallResponseSchema>;

export const GpuOperatorStatusSchema = z.object({
  installed: z.boolean(),
  crdFound: z.boolean(),
  operatorRunning: z.boolean(),
  gpusAvailable: z.boolean(),
  totalGPUs: z.number().int().min(0),
  gpuNodes: z.array(z.string()),
  message: z.string(),
  helmCommands: z.array(z.string()).optional(),
});
export type GpuOperatorStatus = z.infer<typeof GpuOperatorStatusSchema>;

export const GpuOperatorInstallResponseSchema = z.object({
  success: z.boolean(),
  message: z.string(),
  alreadyInstalled: z.boolean().optional(),
  status: GpuOperatorStatusSchema.optional(),
  results: z.array(StepResultSchema).optional(),
});
export type GpuOperatorInstallResponse = z.infer<typeof GpuOperatorInstallResponseSchema>;

// ---------------------------------------------------------------------------------------------
// HuggingFace models
// ---------------------------------------------------------------------------------------------

export const MODEL_SEARCH_MAX_LIMIT = 50;

export const ModelSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, 'enter a search term')
    .max(200)
    // Control characters have no place in a search and would reach the upstream URL.
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
  limit: queryInt(1, MODEL_SEARCH_MAX_LIMIT).optional(),
  offset: queryInt(0, 100_000).optional(),
});
export type ModelSearchQuery = z.output<typeof ModelSearchQuerySchema>;

export const HfModelSearchResultSchema = z.object({
  id: z.string(),
  name: z.string(),
  author: z.string(),
  downloads: z.number().min(0),
  likes: z.number().min(0),
  pipelineTag: z.string(),
  gated: z.boolean(),
  supportedEngines: z.array(EngineTypeSchema),
  libraryName: z.string().optional(),
  architectures: z.array(z.string()).optional(),
  parameterCount: z.number().min(0).optional(),
  estimatedGpuMemory: z.string().optional(),
  estimatedGpuMemoryGb: z.number().min(0).optional(),
  compatible: z.boolean().optional(),
  incompatibilityReason: z.string().optional(),
});
export type HfModelSearchResult = z.infer<typeof HfModelSearchResultSchema>;

export const ModelSearchResponseSchema = z.object({
  models: z.array(HfModelSearchResultSchema),
  total: z.number().int().min(0),
  hasMore: z.boolean(),
  query: z.string(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(0).optional(),
});
export type ModelSearchResponse = z.infer<typeof ModelSearchResponseSchema>;

export const ModelIdParamsSchema = z.object({ modelId: HfModelIdSchema });

/** Transformer shape from the model's config.json, for KV-cache sizing. */
export const ModelArchitectureSchema = z.object({
  numLayers: z.number().int().min(0).optional(),
  numKvHeads: z.number().int().min(0).optional(),
  headDim: z.number().int().min(0).optional(),
  maxPositionEmbeddings: z.number().int().min(0).optional(),
  torchDtype: z.string().optional(),
});
export type ModelArchitecture = z.infer<typeof ModelArchitectureSchema>;

export const HfModelInfoResponseSchema = HfModelSearchResultSchema.extend({
  license: z.string().optional(),
  contextLength: z.number().int().min(0).optional(),
  tags: z.array(z.string()).optional(),
  lastModified: z.string().optional(),
  architecture: ModelArchitectureSchema.optional(),
});
export type HfModelInfoResponse = z.infer<typeof HfModelInfoResponseSchema>;

export const GgufFileSchema = z.object({
  filename: z.string(),
  size: z.number().min(0),
});
export const GgufFilesResponseSchema = z.object({ files: z.array(GgufFileSchema) });
export type GgufFilesResponse = z.infer<typeof GgufFilesResponseSchema>;

// ---------------------------------------------------------------------------------------------
// HuggingFace OAuth (PKCE)
// ---------------------------------------------------------------------------------------------

const HttpUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const OAuthConfigResponseSchema = z.object({
  clientId: z.string(),
  authorizeUrl: z.string(),
  scopes: z.array(z.string()),
});
export type OAuthConfigResponse = z.infer<typeof OAuthConfigResponseSchema>;

export const OAuthStartRequestSchema = z.object({ redirectUri: HttpUrlSchema });
export type OAuthStartRequest = z.infer<typeof OAuthStartRequestSchema>;

export const OAuthStartResponseSchema = z.object({
  authorizationUrl: z.string(),
  state: z.string(),
});
export type OAuthStartResponse = z.infer<typeof OAuthStartResponseSchema>;

export const OAuthStateParamsSchema = z.object({ state: OAuthStateSchema });

export const OAuthVerifierResponseSchema = z.object({
  codeVerifier: z.string(),
  redirectUri: z.string(),
});
export type OAuthVerifierResponse = z.infer<typeof OAuthVerifierResponseSchema>;

export const OAuthTokenRequestSchema = z.object({
  code: z
    .string()
    .min(1)
    .max(2048)
    .regex(/^[\x21-\x7e]+$/, 'must be the code from the sign-in redirect'),
  codeVerifier: PkceVerifierSchema,
  redirectUri: HttpUrlSchema,
});
export type OAuthTokenRequest = z.infer<typeof OAuthTokenRequestSchema>;

export const HfUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  fullname: z.string(),
  email: z.string().optional(),
  avatarUrl: z.string().optional(),
});
export type HfUser = z.infer<typeof HfUserSchema>;

export const OAuthTokenResponseSchema = z.object({
  accessToken: z.string(),
  tokenType: z.string(),
  expiresIn: z.number().optional(),
  scope: z.string().optional(),
  user: HfUserSchema,
});
export type OAuthTokenResponse = z.infer<typeof OAuthTokenResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Costs
// ---------------------------------------------------------------------------------------------

export const CostEstimateRequestSchema = z.object({
  gpuType: SafeTokenSchema,
  gpuCount: z.number().int().min(1, 'gpuCount must be at least 1').max(1024),
  replicas: z.number().int().min(1, 'replicas must be at least 1').max(10_000),
  hoursPerMonth: z.number().int().min(1).max(744).optional(),
});
export type CostEstimateRequest = z.infer<typeof CostEstimateRequestSchema>;

export const CostEstimateSchema = z.object({
  hourly: z.number().min(0),
  monthly: z.number().min(0),
  currency: z.string(),
  source: z.enum(['static', 'opencost', 'cloud-api']),
  confidence: z.enum(['high', 'medium', 'low']),
});
export type CostEstimate = z.infer<typeof CostEstimateSchema>;

export const CloudProviderSchema = z.enum(['aws', 'azure', 'gcp']);
export type CloudProvider = z.infer<typeof CloudProviderSchema>;

export const CostBreakdownSchema = z.object({
  estimate: CostEstimateSchema,
  perGpu: z.object({ hourly: z.number().min(0), monthly: z.number().min(0) }),
  totalGpus: z.number().int().min(0),
  gpuModel: z.string(),
  normalizedGpuModel: z.string(),
  byProvider: z
    .array(z.object({ provider: CloudProviderSchema, hourly: z.number(), monthly: z.number() }))
    .optional(),
  notes: z.array(z.string()),
});
export type CostBreakdown = z.infer<typeof CostBreakdownSchema>;

export const CostEstimateResponseSchema = z.object({
  success: z.boolean(),
  breakdown: CostBreakdownSchema.optional(),
  error: z.string().optional(),
});
export type CostEstimateResponse = z.infer<typeof CostEstimateResponseSchema>;

export const NodePoolCostsQuerySchema = z.object({
  gpuCount: queryInt(1, 1024).optional(),
  replicas: queryInt(1, 10_000).optional(),
  /** Hours a month is priced for (Settings → Costs); 730 when absent. */
  hoursPerMonth: queryInt(1, 744).optional(),
  realtime: queryBoolean.optional(),
  computeType: z.enum(['gpu', 'cpu']).optional(),
  /**
   * The node pools to price, as JSON (`PricedPool[]`, see `schemas/pricing.ts`); checked here so the client
   * never sends a list the proxy would reject, and passed on as the string the query carries.
   */
  pools: z
    .string()
    .superRefine((text, ctx) => {
      const parsed = PricedPoolsParamSchema.safeParse(text);
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          message: parsed.error.issues[0]?.message ?? 'must be a JSON array of node pools',
        });
      }
    })
    .optional(),
});
export type NodePoolCostsQuery = z.output<typeof NodePoolCostsQuerySchema>;

export const RealtimePricingSchema = z.object({
  instanceType: z.string(),
  hourlyPrice: z.number().min(0),
  monthlyPrice: z.number().min(0),
  currency: z.string(),
  region: z.string().optional(),
  source: z.enum(['realtime', 'cached', 'static']),
  gpuCount: z.number().int().min(0).optional(),
  gpuModel: z.string().optional(),
});
export type RealtimePricing = z.infer<typeof RealtimePricingSchema>;

export const NodePoolCostSchema = z.object({
  poolName: z.string(),
  gpuModel: z.string(),
  availableGpus: z.number().int().min(0),
  /** What the whole pool costs (instance price × nodes, or the static per-GPU price × GPUs); older proxies omit it. */
  poolCost: CostEstimateSchema.optional(),
  costBreakdown: CostBreakdownSchema,
  realtimePricing: RealtimePricingSchema.optional(),
});
export type NodePoolCost = z.infer<typeof NodePoolCostSchema>;

export const NodePoolCostsResponseSchema = z.object({
  success: z.boolean(),
  nodePoolCosts: z.array(NodePoolCostSchema),
  pricingSource: z.string(),
  cacheStats: z
    .object({
      size: z.number().int().min(0),
      ttlMs: z.number().min(0),
      maxEntries: z.number().int().min(0),
    })
    .optional(),
});
export type NodePoolCostsResponse = z.infer<typeof NodePoolCostsResponseSchema>;

export const InstancePriceQuerySchema = z.object({
  instanceType: SafeTokenSchema,
  region: SafeTokenSchema.optional(),
});
export type InstancePriceQuery = z.output<typeof InstancePriceQuerySchema>;

export const InstancePriceSchema = z.object({
  instanceType: z.string(),
  provider: CloudProviderSchema,
  region: z.string(),
  hourlyPrice: z.number().min(0),
  currency: z.string(),
  priceType: z.string().optional(),
  gpuCount: z.number().int().min(0).optional(),
  gpuModel: z.string().optional(),
  lastUpdated: z.string().optional(),
});
export type InstancePrice = z.infer<typeof InstancePriceSchema>;

export const InstancePriceResponseSchema = z.discriminatedUnion('success', [
  z.object({ success: z.literal(true), price: InstancePriceSchema, cached: z.boolean() }),
  z.object({
    success: z.literal(false),
    error: z.string(),
    provider: CloudProviderSchema.optional(),
  }),
]);
export type InstancePriceResponse = z.infer<typeof InstancePriceResponseSchema>;

export const GpuModelInfoSchema = z.object({
  model: z.string(),
  memoryGb: z.number().min(0),
  generation: z.string(),
});
export type GpuModelInfo = z.infer<typeof GpuModelInfoSchema>;

export const GpuModelsResponseSchema = z.object({
  success: z.boolean(),
  models: z.array(GpuModelInfoSchema),
  note: z.string().optional(),
});
export type GpuModelsResponse = z.infer<typeof GpuModelsResponseSchema>;

export const NormalizeGpuQuerySchema = z.object({ label: SafeTokenSchema });
export type NormalizeGpuQuery = z.output<typeof NormalizeGpuQuerySchema>;

export const NormalizeGpuResponseSchema = z.object({
  success: z.boolean(),
  originalLabel: z.string(),
  normalizedModel: z.string(),
  gpuInfo: z.object({ memoryGb: z.number().min(0), generation: z.string() }).nullable(),
});
export type NormalizeGpuResponse = z.infer<typeof NormalizeGpuResponseSchema>;

// ---------------------------------------------------------------------------------------------
// AI Configurator
// ---------------------------------------------------------------------------------------------

export const AiConfiguratorStatusResponseSchema = z.object({
  available: z.boolean(),
  version: z.string().optional(),
  error: z.string().optional(),
  runningInCluster: z.boolean().optional(),
});
export type AiConfiguratorStatusResponse = z.infer<typeof AiConfiguratorStatusResponseSchema>;

export const AiConfiguratorAnalyzeRequestSchema = z.object({
  modelId: HfModelIdSchema,
  gpuType: SafeTokenSchema,
  gpuCount: z.number().int().min(1, 'gpuCount must be at least 1').max(1024),
  optimizeFor: z.enum(['throughput', 'latency']).optional(),
  maxLatencyMs: z.number().positive().optional(),
});
export type AiConfiguratorAnalyzeRequest = z.infer<typeof AiConfiguratorAnalyzeRequestSchema>;

export const AiConfiguratorBackendSchema = z.enum(['vllm', 'sglang', 'trtllm']);

export const AiConfiguratorConfigSchema = z.object({
  tensorParallelDegree: z.number().int().min(1),
  pipelineParallelDegree: z.number().int().min(1).optional(),
  maxBatchSize: z.number().int().min(1),
  maxNumSeqs: z.number().int().min(1).optional(),
  gpuMemoryUtilization: z.number().min(0).max(1),
  maxModelLen: z.number().int().min(1),
  quantization: z.enum(['fp16', 'fp8', 'int8', 'int4', 'auto']).optional(),
  prefillTensorParallel: z.number().int().min(1).optional(),
  decodeTensorParallel: z.number().int().min(1).optional(),
  prefillReplicas: z.number().int().min(0).optional(),
  decodeReplicas: z.number().int().min(0).optional(),
});
export type AiConfiguratorConfig = z.infer<typeof AiConfiguratorConfigSchema>;

export const AiConfiguratorAnalyzeResponseSchema = z.object({
  success: z.boolean(),
  config: AiConfiguratorConfigSchema,
  mode: ServingModeSchema,
  replicas: z.number().int().min(0),
  warnings: z.array(z.string()).optional(),
  error: z.string().optional(),
  estimatedPerformance: z
    .object({
      throughputTokensPerSec: z.number().min(0),
      latencyP50Ms: z.number().min(0),
      latencyP99Ms: z.number().min(0),
      gpuUtilization: z.number().min(0).max(1),
    })
    .optional(),
  backend: AiConfiguratorBackendSchema.optional(),
  supportedBackends: z.array(AiConfiguratorBackendSchema).optional(),
  /** Where the answer came from: the CLI, the built-in estimate, or plain defaults. */
  source: z.enum(['aiconfigurator', 'builtin', 'defaults']).optional(),
});
export type AiConfiguratorAnalyzeResponse = z.infer<typeof AiConfiguratorAnalyzeResponseSchema>;

export const AiConfiguratorNormalizeGpuRequestSchema = z.object({ gpuProduct: SafeTokenSchema });
export type AiConfiguratorNormalizeGpuRequest = z.infer<
  typeof AiConfiguratorNormalizeGpuRequestSchema
>;

export const AiConfiguratorNormalizeGpuResponseSchema = z.object({
  gpuProduct: z.string(),
  normalized: z.string(),
});
export type AiConfiguratorNormalizeGpuResponse = z.infer<
  typeof AiConfiguratorNormalizeGpuResponseSchema
>;

// ---------------------------------------------------------------------------------------------
// AIKit (KAITO GGUF images)
// ---------------------------------------------------------------------------------------------

export const PremadeModelSchema = z.object({
  id: z.string(),
  modelName: z.string(),
  image: z.string(),
  license: z.string(),
  name: z.string().optional(),
  size: z.string().optional(),
  description: z.string().optional(),
  computeType: z.enum(['cpu', 'gpu']).optional(),
});
export type PremadeModel = z.infer<typeof PremadeModelSchema>;

export const AikitModelsResponseSchema = z.object({
  models: z.array(PremadeModelSchema),
  total: z.number().int().min(0),
});
export type AikitModelsResponse = z.infer<typeof AikitModelsResponseSchema>;

export const AikitModelParamsSchema = z.object({ id: SafeTokenSchema });

export const AikitBuildRequestSchema = z.discriminatedUnion('modelSource', [
  z.object({ modelSource: z.literal('premade'), premadeModel: SafeTokenSchema }),
  z.object({
    modelSource: z.literal('huggingface'),
    modelId: HfModelIdSchema,
    ggufFile: GgufFilenameSchema,
    imageName: ImageNameSchema.optional(),
    imageTag: ImageTagSchema.optional(),
  }),
]);
export type AikitBuildRequest = z.infer<typeof AikitBuildRequestSchema>;

export const AikitBuildResponseSchema = z.object({
  success: z.boolean(),
  imageRef: z.string(),
  buildTime: z.number().min(0),
  wasPremade: z.boolean(),
  message: z.string(),
  error: z.string().optional(),
});
export type AikitBuildResponse = z.infer<typeof AikitBuildResponseSchema>;

export const AikitBuildPreviewResponseSchema = z.object({
  imageRef: z.string(),
  wasPremade: z.boolean(),
  requiresBuild: z.boolean(),
  registryUrl: z.string(),
});
export type AikitBuildPreviewResponse = z.infer<typeof AikitBuildPreviewResponseSchema>;

export const AikitInfrastructureStatusResponseSchema = z.object({
  ready: z.boolean(),
  registry: z.object({
    ready: z.boolean(),
    url: z.string().optional(),
    message: z.string().optional(),
  }),
  builder: z.object({
    exists: z.boolean(),
    running: z.boolean(),
    ready: z.boolean().optional(),
    name: z.string().optional(),
    message: z.string().optional(),
  }),
  error: z.string().optional(),
});
export type AikitInfrastructureStatusResponse = z.infer<
  typeof AikitInfrastructureStatusResponseSchema
>;

export const AikitInfrastructureSetupResponseSchema = z.object({
  success: z.boolean(),
  message: z.string(),
  registry: z.object({ url: z.string(), ready: z.boolean() }),
  builder: z.object({ name: z.string(), ready: z.boolean() }),
});
export type AikitInfrastructureSetupResponse = z.infer<
  typeof AikitInfrastructureSetupResponseSchema
>;

// ---------------------------------------------------------------------------------------------
// The endpoint table: one entry per route, shared by the client, the proxy's router and tests.
// ---------------------------------------------------------------------------------------------

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface EndpointDefinition {
  readonly method: HttpMethod;
  /**
   * Route under PROXY_BASE_PATH in Hono syntax. `{.+}` marks a parameter that may contain "/"
   * (HuggingFace ids are `org/name`).
   */
  readonly path: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType;
  /** Whether the route forwards an optional HuggingFace token from the `X-HF-Token` header. */
  readonly hfToken?: boolean;
  readonly summary: string;
}

export const HF_TOKEN_HEADER = 'X-HF-Token';

// Every route that changes something is a POST: authorisation is RBAC on services/proxy, where GET
// needs only `get`, so a GET must never change state.
export const PROXY_ENDPOINTS = {
  health: {
    method: 'GET',
    path: '/health',
    response: HealthResponseSchema,
    summary: 'proxy health',
  },
  version: {
    method: 'GET',
    path: '/health/version',
    response: VersionResponseSchema,
    summary: 'proxy build version',
  },
  helmStatus: {
    method: 'GET',
    path: '/installation/helm/status',
    response: HelmStatusResponseSchema,
    summary: 'Helm availability',
  },
  providerStatus: {
    method: 'GET',
    path: '/installation/providers/:id/status',
    params: ProviderIdParamsSchema,
    response: ProviderReleaseStatusResponseSchema,
    summary: 'provider installation status',
  },
  providerCommands: {
    method: 'GET',
    path: '/installation/providers/:id/commands',
    params: ProviderIdParamsSchema,
    response: ProviderCommandsResponseSchema,
    summary: 'manual install commands',
  },
  installProvider: {
    method: 'POST',
    path: '/installation/providers/:id/install',
    params: ProviderIdParamsSchema,
    response: ProviderActionResponseSchema,
    summary: 'provider install',
  },
  upgradeProvider: {
    method: 'POST',
    path: '/installation/providers/:id/upgrade',
    params: ProviderIdParamsSchema,
    response: ProviderActionResponseSchema,
    summary: 'provider upgrade',
  },
  uninstallProvider: {
    method: 'POST',
    path: '/installation/providers/:id/uninstall',
    params: ProviderIdParamsSchema,
    response: ProviderActionResponseSchema,
    summary: 'provider uninstall',
  },
  uninstallProviderCrds: {
    method: 'POST',
    path: '/installation/providers/:id/uninstall-crds',
    params: ProviderIdParamsSchema,
    response: ProviderActionResponseSchema,
    summary: 'provider CRD removal',
  },
  gatewayStatus: {
    method: 'GET',
    path: '/installation/gateway/status',
    response: GatewayStatusResponseSchema,
    summary: 'Gateway API and Inference Extension CRD status',
  },
  installGatewayCrds: {
    method: 'POST',
    path: '/installation/gateway/install-crds',
    response: GatewayInstallResponseSchema,
    summary: 'Gateway API and Inference Extension CRD install',
  },
  gpuOperatorStatus: {
    method: 'GET',
    path: '/installation/gpu-operator/status',
    response: GpuOperatorStatusSchema,
    summary: 'NVIDIA GPU operator status',
  },
  installGpuOperator: {
    method: 'POST',
    path: '/installation/gpu-operator/install',
    response: GpuOperatorInstallResponseSchema,
    summary: 'NVIDIA GPU operator install',
  },
  searchModels: {
    method: 'GET',
    path: '/models/search',
    query: ModelSearchQuerySchema,
    response: ModelSearchResponseSchema,
    hfToken: true,
    summary: 'HuggingFace model search',
  },
  ggufFiles: {
    method: 'GET',
    path: '/models/:modelId{.+}/gguf-files',
    params: ModelIdParamsSchema,
    response: GgufFilesResponseSchema,
    hfToken: true,
    summary: 'GGUF file listing',
  },
  // Registered after search and gguf-files: the greedy id would otherwise swallow both.
  modelInfo: {
    method: 'GET',
    path: '/models/:modelId{.+}',
    params: ModelIdParamsSchema,
    response: HfModelInfoResponseSchema,
    hfToken: true,
    summary: 'HuggingFace model details',
  },
  hfOAuthConfig: {
    method: 'GET',
    path: '/oauth/huggingface/config',
    response: OAuthConfigResponseSchema,
    summary: 'HuggingFace sign-in configuration',
  },
  hfOAuthStart: {
    method: 'POST',
    path: '/oauth/huggingface/start',
    body: OAuthStartRequestSchema,
    response: OAuthStartResponseSchema,
    summary: 'HuggingFace sign-in start',
  },
  // POST, not GET as in the older reference: reading the verifier deletes it (one-time use).
  hfOAuthVerifier: {
    method: 'POST',
    path: '/oauth/huggingface/verifier/:state',
    params: OAuthStateParamsSchema,
    response: OAuthVerifierResponseSchema,
    summary: 'HuggingFace sign-in verifier',
  },
  hfOAuthToken: {
    method: 'POST',
    path: '/oauth/huggingface/token',
    body: OAuthTokenRequestSchema,
    response: OAuthTokenResponseSchema,
    summary: 'HuggingFace sign-in token exchange',
  },
  estimateCost: {
    method: 'POST',
    path: '/costs/estimate',
    body: CostEstimateRequestSchema,
    response: CostEstimateResponseSchema,
    summary: 'static cost estimate',
  },
  nodePoolCosts: {
    method: 'GET',
    path: '/costs/node-pools',
    query: NodePoolCostsQuerySchema,
    response: NodePoolCostsResponseSchema,
    summary: 'node pool costs',
  },
  instancePrice: {
    method: 'GET',
    path: '/costs/instance-price',
    query: InstancePriceQuerySchema,
    response: InstancePriceResponseSchema,
    summary: 'instance price',
  },
  gpuModels: {
    method: 'GET',
    path: '/costs/gpu-models',
    response: GpuModelsResponseSchema,
    summary: 'GPU model catalogue',
  },
  normalizeGpuLabel: {
    method: 'GET',
    path: '/costs/normalize-gpu',
    query: NormalizeGpuQuerySchema,
    response: NormalizeGpuResponseSchema,
    summary: 'GPU label normalisation',
  },
  aiConfiguratorStatus: {
    method: 'GET',
    path: '/aiconfigurator/status',
    response: AiConfiguratorStatusResponseSchema,
    summary: 'AI Configurator status',
  },
  aiConfiguratorAnalyze: {
    method: 'POST',
    path: '/aiconfigurator/analyze',
    body: AiConfiguratorAnalyzeRequestSchema,
    response: AiConfiguratorAnalyzeResponseSchema,
    hfToken: true,
    summary: 'AI Configurator analysis',
  },
  aiConfiguratorNormalizeGpu: {
    method: 'POST',
    path: '/aiconfigurator/normalize-gpu',
    body: AiConfiguratorNormalizeGpuRequestSchema,
    response: AiConfiguratorNormalizeGpuResponseSchema,
    summary: 'AI Configurator GPU normalisation',
  },
  aikitModels: {
    method: 'GET',
    path: '/aikit/models',
    response: AikitModelsResponseSchema,
    summary: 'AIKit pre-made models',
  },
  aikitModel: {
    method: 'GET',
    path: '/aikit/models/:id',
    params: AikitModelParamsSchema,
    response: PremadeModelSchema,
    summary: 'AIKit pre-made model',
  },
  aikitBuild: {
    method: 'POST',
    path: '/aikit/build',
    body: AikitBuildRequestSchema,
    response: AikitBuildResponseSchema,
    hfToken: true,
    summary: 'AIKit image build',
  },
  aikitBuildPreview: {
    method: 'POST',
    path: '/aikit/build/preview',
    body: AikitBuildRequestSchema,
    response: AikitBuildPreviewResponseSchema,
    summary: 'AIKit build preview',
  },
  aikitInfrastructureStatus: {
    method: 'GET',
    path: '/aikit/infrastructure/status',
    response: AikitInfrastructureStatusResponseSchema,
    summary: 'AIKit build infrastructure status',
  },
  aikitInfrastructureSetup: {
    method: 'POST',
    path: '/aikit/infrastructure/setup',
    response: AikitInfrastructureSetupResponseSchema,
    summary: 'AIKit build infrastructure setup',
  },
} as const satisfies Record<string, EndpointDefinition>;

export type ProxyEndpoints = typeof PROXY_ENDPOINTS;
export type ProxyEndpointName = keyof ProxyEndpoints;

const PATH_PARAM = /:([A-Za-z][A-Za-z0-9]*)(\{[^}]*\})?/g;

/**
 * The concrete path of a route. Parameter values must already be validated; each "/"-separated
 * segment is still percent-encoded so no value can add a query string or fragment.
 */
export function buildProxyPath(
  template: string,
  params: Readonly<Record<string, string>> = {},
  query: Readonly<Record<string, string | number | boolean | undefined>> = {},
  basePath: string = PROXY_BASE_PATH
): string {
  const path = template.replace(PATH_PARAM, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter "${name}" for ${template}`);
    return value.split('/').map(encodeURIComponent).join('/');
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.append(key, String(value));
  }
  const queryString = search.toString();
  return `${basePath}${path}${queryString ? `?${queryString}` : ''}`;
}
