/**
 * The proxy's outward-facing areas (HuggingFace Hub and sign-in, pricing, AI Configurator, AIKit): their
 * configuration from the environment, their construction from it, and their routes. app.ts registers
 * them when given; main.ts builds them with the real Kubernetes client.
 */
import { computeClusterCapacity } from '@airunway/shared-client/capacity';
import type { Logger } from 'pino';
import { z } from 'zod';
import { AiConfiguratorService } from './aiconfigurator/service';
import { AikitService } from './aikit/service';
import { intFrom } from './env';
import { HfHub } from './hf/hub';
import { HfOAuth } from './hf/oauth';
import { KubeSecretStateStore, type OAuthStateStore } from './hf/oauthState';
import { kubeFailure, type KubeTransport } from './kube/client';
import { AzurePricing, DEFAULT_PRICING_ENDPOINT } from './pricing/azure';
import { PricingService } from './pricing/service';
import { aiConfiguratorRoutes } from './routes/aiconfigurator';
import { aikitRoutes } from './routes/aikit';
import { costRoutes } from './routes/costs';
import type { RouteTable } from './routes/define';
import { huggingFaceRoutes } from './routes/huggingface';
import { oauthRoutes } from './routes/oauth';
import type { FetchLike } from './upstream';

const baseUrl = (def: string) =>
  z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional()
    .transform(v => (v ?? def).replace(/\/+$/, ''));

const imageRef = (def: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$/, 'must be an image reference')
    .default(def);

export const IntegrationsEnvSchema = z.object({
  /** Like huggingface_hub: the Hub (or a mirror) to use. */
  HF_ENDPOINT: baseUrl('https://huggingface.co'),
  HF_TIMEOUT_MS: intFrom(10_000, 500, 120_000),
  HF_SEARCH_CACHE_TTL_MS: intFrom(60_000, 0, 3_600_000),
  /** The HuggingFace OAuth app (its redirect URIs must include the plugin's callback). */
  HF_OAUTH_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/)
    .default('e05817a1-7053-4b9e-b292-29cd219fccf8'),
  HF_OAUTH_SCOPES: z
    .string()
    .regex(/^[A-Za-z0-9:._ -]{1,500}$/)
    .default('openid profile read-repos'),
  OAUTH_STATE_TTL_SECONDS: intFrom(600, 30, 3600),
  /** Azure Retail Prices API. */
  PRICING_ENDPOINT: baseUrl(DEFAULT_PRICING_ENDPOINT),
  PRICING_TIMEOUT_MS: intFrom(10_000, 500, 120_000),
  PRICING_DEFAULT_REGION: z
    .string()
    .regex(/^[a-z0-9]{1,64}$/)
    .default('eastus'),
  AICONFIGURATOR_BIN: z.string().min(1).default('aiconfigurator'),
  AICONFIGURATOR_TIMEOUT_MS: intFrom(120_000, 1000, 1_800_000),
  AIKIT_REGISTRY_IMAGE: imageRef('registry:2.8.3'),
  AIKIT_BUILDKIT_IMAGE: imageRef('moby/buildkit:v0.23.2'),
  AIKIT_FRONTEND_IMAGE: imageRef('ghcr.io/kaito-project/aikit/aikit:latest'),
  BUILDCTL_BIN: z.string().min(1).default('buildctl'),
  AIKIT_BUILD_TIMEOUT_SECONDS: intFrom(1800, 30, 7200),
});
export type IntegrationsConfig = z.output<typeof IntegrationsEnvSchema>;

/** Throws a readable message listing every invalid variable. */
export function integrationsConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env
): IntegrationsConfig {
  const parsed = IntegrationsEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return parsed.data;
}

export interface Integrations {
  hub: HfHub;
  oauth: HfOAuth;
  pricing: PricingService;
  aiConfigurator: AiConfiguratorService;
  aikit: AikitService;
}

export interface IntegrationContext {
  config: IntegrationsConfig;
  kube: KubeTransport;
  /** The proxy's namespace: sign-in state Secrets and the AIKit infrastructure live there. */
  namespace: string;
  logger?: Logger;
  fetch?: FetchLike;
  /** Defaults to Secrets in `namespace`. */
  stateStore?: OAuthStateStore;
  retries?: number;
  backoffMs?: number;
  azure?: AzurePricing;
  tmpRoot?: string;
}

export function createIntegrations(ctx: IntegrationContext): Integrations {
  const { config: cfg, kube, namespace, logger } = ctx;
  const common = {
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
    ...(ctx.retries !== undefined ? { retries: ctx.retries } : {}),
    ...(ctx.backoffMs !== undefined ? { backoffMs: ctx.backoffMs } : {}),
  };
  const hub = new HfHub({
    endpoint: cfg.HF_ENDPOINT,
    timeoutMs: cfg.HF_TIMEOUT_MS,
    searchCacheTtlMs: cfg.HF_SEARCH_CACHE_TTL_MS,
    ...common,
  });
  const oauth = new HfOAuth({
    endpoint: cfg.HF_ENDPOINT,
    clientId: cfg.HF_OAUTH_CLIENT_ID,
    scopes: cfg.HF_OAUTH_SCOPES.split(/\s+/).filter(Boolean),
    stateTtlSeconds: cfg.OAUTH_STATE_TTL_SECONDS,
    timeoutMs: cfg.HF_TIMEOUT_MS,
    store: ctx.stateStore ?? new KubeSecretStateStore(kube, namespace),
    ...(ctx.fetch ? { fetch: ctx.fetch } : {}),
  });
  const azure =
    ctx.azure ??
    new AzurePricing({
      endpoint: cfg.PRICING_ENDPOINT,
      timeoutMs: cfg.PRICING_TIMEOUT_MS,
      ...common,
    });
  const pricing = new PricingService({
    azure,
    defaultRegion: cfg.PRICING_DEFAULT_REGION,
    ...(logger ? { logger } : {}),
    clusterPools: async () => {
      const res = await kube.request('GET', '/api/v1/nodes');
      if (res.status !== 200) throw kubeFailure(res, 'list nodes');
      // The proxy does not list pods, so every GPU of a pool counts as available here; the plugin, which
      // can, sends its own pools with the real free counts.
      return computeClusterCapacity(res.body?.items ?? [], []).nodePools;
    },
  });
  const aiConfigurator = new AiConfiguratorService({
    bin: cfg.AICONFIGURATOR_BIN,
    timeoutMs: cfg.AICONFIGURATOR_TIMEOUT_MS,
    hfEndpoint: cfg.HF_ENDPOINT,
    ...(ctx.tmpRoot ? { tmpRoot: ctx.tmpRoot } : {}),
    ...(logger ? { logger } : {}),
    lookupModel: async (modelId, token) => {
      const info = await hub.modelInfo(modelId, token);
      return { parameters: info.parameterCount, contextLength: info.contextLength };
    },
  });
  const aikit = new AikitService({
    kube,
    namespace,
    registryImage: cfg.AIKIT_REGISTRY_IMAGE,
    buildkitImage: cfg.AIKIT_BUILDKIT_IMAGE,
    aikitFrontend: cfg.AIKIT_FRONTEND_IMAGE,
    buildctlBin: cfg.BUILDCTL_BIN,
    buildTimeoutMs: cfg.AIKIT_BUILD_TIMEOUT_SECONDS * 1000,
    ...(logger ? { logger } : {}),
  });
  return { hub, oauth, pricing, aiConfigurator, aikit };
}

export function integrationRoutes(routes: RouteTable, i: Integrations): void {
  huggingFaceRoutes(routes, i.hub);
  oauthRoutes(routes, i.oauth);
  costRoutes(routes, i.pricing);
  aiConfiguratorRoutes(routes, i.aiConfigurator);
  aikitRoutes(routes, i.aikit);
}
