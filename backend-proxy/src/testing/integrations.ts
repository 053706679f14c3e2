/** Builds the app with the real integrations against loopback stand-ins (unit and route tests). */
import { createApp } from '../app';
import { MemoryStateStore } from '../hf/oauthState';
import { createIntegrations, integrationsConfigFromEnv } from '../integrations';
import type { KubeRequestOptions, KubeResponse, KubeTransport } from '../kube/client';
import { fakeInstallation, memoryLogger } from './fakes';

/** A Kubernetes API that answers from a handler (404 by default). */
export function fakeKube(
  handler?: (method: string, path: string, opts?: KubeRequestOptions) => KubeResponse | undefined
): KubeTransport & {
  calls: { method: string; path: string; opts?: KubeRequestOptions | undefined }[];
} {
  const calls: { method: string; path: string; opts?: KubeRequestOptions | undefined }[] = [];
  return {
    calls,
    async request<T = any>(
      method: string,
      path: string,
      opts?: KubeRequestOptions
    ): Promise<KubeResponse<T>> {
      calls.push({ method, path, opts });
      return (handler?.(method, path, opts) ?? {
        status: 404,
        body: { message: 'not found' },
      }) as KubeResponse<T>;
    },
  };
}

export interface IntegrationAppOptions {
  hfEndpoint?: string;
  pricingEndpoint?: string;
  env?: Record<string, string>;
  kube?: KubeTransport;
  retries?: number;
  tmpRoot?: string;
}

export function integrationApp(o: IntegrationAppOptions = {}) {
  const config = integrationsConfigFromEnv({
    HF_ENDPOINT: o.hfEndpoint ?? 'http://127.0.0.1:9',
    PRICING_ENDPOINT: o.pricingEndpoint ?? 'http://127.0.0.1:9/api/retail/prices',
    HF_OAUTH_CLIENT_ID: 'test-client-id',
    HF_TIMEOUT_MS: '1000',
    PRICING_TIMEOUT_MS: '1000',
    AICONFIGURATOR_BIN: '/nonexistent/aiconfigurator',
    BUILDCTL_BIN: '/nonexistent/buildctl',
    ...o.env,
  });
  const store = new MemoryStateStore();
  const kube = o.kube ?? fakeKube();
  const { logger, lines } = memoryLogger('debug');
  const integrations = createIntegrations({
    config,
    kube,
    namespace: 'airunway-system',
    logger,
    stateStore: store,
    retries: o.retries ?? 2,
    backoffMs: 5,
    ...(o.tmpRoot ? { tmpRoot: o.tmpRoot } : {}),
  });
  const { app } = createApp({
    logger,
    version: { version: 't', buildTime: 't', gitCommit: 't' },
    installation: fakeInstallation().service,
    integrations,
  });
  const call = async (
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {}
  ) => {
    const res = await app.request(`/api${path}`, {
      method,
      headers: {
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
      ...(init.body !== undefined
        ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }
        : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { app, integrations, store, kube, logLines: lines, call };
}
