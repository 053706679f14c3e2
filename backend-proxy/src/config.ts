/** The proxy's configuration, read from the environment and validated with zod. */
import { NamespaceNameSchema } from '@airunway/shared-client/schemas/identifiers';
import { hostname } from 'node:os';
import { z } from 'zod';
import { intFrom } from './env';
import { chartRepoOverridesFromEnv, type RegistryOverrides } from './helm/registry';
import { type IntegrationsConfig, integrationsConfigFromEnv } from './integrations';

export const EnvSchema = z.object({
  PORT: intFrom(8080, 1, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Outside the cluster: the kubeconfig (and optionally its context). Unset: in-cluster config. */
  KUBECONFIG: z.string().min(1).optional(),
  KUBE_CONTEXT: z
    .string()
    .regex(/^[A-Za-z0-9._@:/-]+$/)
    .optional(),
  HELM_BIN: z.string().min(1).default('helm'),
  /** helm's --timeout for install/upgrade/uninstall (seconds). */
  HELM_TIMEOUT_SECONDS: intFrom(300, 10, 3600),
  KUBE_TIMEOUT_MS: intFrom(15_000, 500, 120_000),
  /** Where the per-release Leases live: the proxy's own namespace. */
  POD_NAMESPACE: NamespaceNameSchema.default('airunway-system'),
  POD_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/)
    .optional(),
  LEASE_DURATION_SECONDS: intFrom(30, 5, 600),
  BODY_LIMIT_BYTES: intFrom(64 * 1024, 1024, 16 * 1024 * 1024),
  SHUTDOWN_GRACE_MS: intFrom(25_000, 0, 3_600_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APP_VERSION: z.string().default('0.0.0-dev'),
  BUILD_TIME: z.string().default('unknown'),
  GIT_COMMIT: z.string().default('unknown'),
});

export interface ProxyConfig {
  port: number;
  host: string;
  kubeconfig: string | undefined;
  kubeContext: string | undefined;
  helmBin: string;
  helmTimeoutSeconds: number;
  kubeTimeoutMs: number;
  leaseNamespace: string;
  identity: string;
  leaseDurationSeconds: number;
  bodyLimitBytes: number;
  shutdownGraceMs: number;
  logLevel: string;
  version: { version: string; buildTime: string; gitCommit: string };
  registry: RegistryOverrides;
  integrations: IntegrationsConfig;
}

/** Throws a readable message listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ProxyConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    kubeconfig: e.KUBECONFIG,
    kubeContext: e.KUBE_CONTEXT,
    helmBin: e.HELM_BIN,
    helmTimeoutSeconds: e.HELM_TIMEOUT_SECONDS,
    kubeTimeoutMs: e.KUBE_TIMEOUT_MS,
    leaseNamespace: e.POD_NAMESPACE,
    identity: e.POD_NAME ?? hostname(),
    leaseDurationSeconds: e.LEASE_DURATION_SECONDS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    logLevel: e.LOG_LEVEL,
    version: { version: e.APP_VERSION, buildTime: e.BUILD_TIME, gitCommit: e.GIT_COMMIT },
    registry: chartRepoOverridesFromEnv(env),
    integrations: integrationsConfigFromEnv(env),
  };
}
