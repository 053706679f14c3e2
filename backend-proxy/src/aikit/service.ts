/**
 * AIKit images for KAITO: pre-made models, build previews, and builds of HuggingFace GGUF files with
 * BuildKit into an in-cluster registry. The infrastructure (a registry Deployment + Service and a BuildKit
 * Deployment + Service) is applied in the proxy's namespace through the Kubernetes API (server-side
 * apply). Builds run `buildctl` with an argument array against that BuildKit; when the infrastructure is
 * missing or not ready, or buildctl is not in the proxy image, the build answers with an error that says
 * what to do instead.
 */
import type {
  AikitBuildPreviewResponse,
  AikitBuildRequest,
  AikitBuildResponse,
  AikitInfrastructureSetupResponse,
  AikitInfrastructureStatusResponse,
  AikitModelsResponse,
  PremadeModel,
} from '@airunway/shared-client/schemas/proxy';
import type { Logger } from 'pino';
import { ProxyError } from '../errors';
import { kubeFailure, type KubeTransport } from '../kube/client';
import { run } from '../spawn';
import { findPremade, PREMADE_MODELS } from './premade';

export const REGISTRY_NAME = 'airunway-registry';
export const BUILDKIT_NAME = 'airunway-buildkit';
export const FIELD_MANAGER = 'airunway-proxy';

export interface AikitOptions {
  kube: KubeTransport;
  namespace: string;
  registryImage: string;
  buildkitImage: string;
  aikitFrontend: string;
  buildctlBin: string;
  buildTimeoutMs: number;
  logger?: Logger;
}

const LABELS = {
  'app.kubernetes.io/managed-by': 'airunway-proxy',
  'app.kubernetes.io/part-of': 'airunway-aikit',
};

export function infrastructureManifests(
  o: Pick<AikitOptions, 'namespace' | 'registryImage' | 'buildkitImage'>
) {
  const deployment = (name: string, container: Record<string, unknown>) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: o.namespace,
      labels: { ...LABELS, 'app.kubernetes.io/name': name },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: {
        metadata: { labels: { ...LABELS, 'app.kubernetes.io/name': name } },
        spec: { containers: [{ name, ...container }] },
      },
    },
  });
  const service = (name: string, port: number) => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: o.namespace,
      labels: { ...LABELS, 'app.kubernetes.io/name': name },
    },
    spec: {
      selector: { 'app.kubernetes.io/name': name },
      ports: [{ name: 'tcp', port, targetPort: port }],
    },
  });
  return {
    registry: deployment(REGISTRY_NAME, {
      image: o.registryImage,
      ports: [{ containerPort: 5000 }],
      readinessProbe: { httpGet: { path: '/v2/', port: 5000 } },
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
      volumeMounts: [{ name: 'data', mountPath: '/var/lib/registry' }],
    }),
    registryService: service(REGISTRY_NAME, 5000),
    buildkit: deployment(BUILDKIT_NAME, {
      image: o.buildkitImage,
      args: ['--addr', 'unix:///run/buildkit/buildkitd.sock', '--addr', 'tcp://0.0.0.0:1234'],
      ports: [{ containerPort: 1234 }],
      securityContext: { privileged: true },
      readinessProbe: { exec: { command: ['buildctl', 'debug', 'workers'] } },
      resources: { requests: { cpu: '500m', memory: '1Gi' } },
    }),
    buildkitService: service(BUILDKIT_NAME, 1234),
  };
}

function withVolume(manifest: ReturnType<typeof infrastructureManifests>['registry']) {
  (manifest.spec.template.spec as Record<string, unknown>).volumes = [
    { name: 'data', emptyDir: {} },
  ];
  return manifest;
}

interface DeploymentState {
  exists: boolean;
  ready: boolean;
  message: string;
}

export class AikitService {
  constructor(private readonly opts: AikitOptions) {}

  get registryUrl(): string {
    return `${REGISTRY_NAME}.${this.opts.namespace}.svc.cluster.local:5000`;
  }

  models(): AikitModelsResponse {
    return { models: [...PREMADE_MODELS], total: PREMADE_MODELS.length };
  }

  model(id: string): PremadeModel {
    const found = findPremade(id);
    if (!found)
      throw new ProxyError('NOT_FOUND', `There is no pre-made AIKit model "${id}".`, { id });
    return found;
  }

  /** The image a request would produce, without building it. */
  preview(request: AikitBuildRequest): AikitBuildPreviewResponse {
    if (request.modelSource === 'premade') {
      const m = this.model(request.premadeModel);
      return {
        imageRef: m.image,
        wasPremade: true,
        requiresBuild: false,
        registryUrl: this.registryUrl,
      };
    }
    const name = request.imageName ?? defaultImageName(request.modelId, request.ggufFile);
    const tag = request.imageTag ?? 'latest';
    return {
      imageRef: `${this.registryUrl}/${name}:${tag}`,
      wasPremade: false,
      requiresBuild: true,
      registryUrl: this.registryUrl,
    };
  }

  private async deployment(name: string): Promise<DeploymentState> {
    const res = await this.opts.kube.request(
      'GET',
      `/apis/apps/v1/namespaces/${this.opts.namespace}/deployments/${name}`
    );
    if (res.status === 404)
      return { exists: false, ready: false, message: `${name} is not deployed` };
    if (res.status !== 200) throw kubeFailure(res, `read Deployment ${name}`);
    const ready = (res.body?.status?.readyReplicas ?? 0) >= 1;
    return {
      exists: true,
      ready,
      message: ready ? `${name} is running` : `${name} is starting (no ready replica yet)`,
    };
  }

  async status(): Promise<AikitInfrastructureStatusResponse> {
    const [registry, builder] = await Promise.all([
      this.deployment(REGISTRY_NAME),
      this.deployment(BUILDKIT_NAME),
    ]);
    return {
      ready: registry.ready && builder.ready,
      registry: { ready: registry.ready, url: this.registryUrl, message: registry.message },
      builder: {
        exists: builder.exists,
        running: builder.ready,
        ready: builder.ready,
        name: BUILDKIT_NAME,
        message: builder.message,
      },
    };
  }

  private async apply(manifest: {
    apiVersion: string;
    kind: string;
    metadata: { name: string };
  }): Promise<void> {
    const ns = this.opts.namespace;
    const path =
      manifest.kind === 'Deployment'
        ? `/apis/apps/v1/namespaces/${ns}/deployments/${manifest.metadata.name}`
        : `/api/v1/namespaces/${ns}/services/${manifest.metadata.name}`;
    const res = await this.opts.kube.request('PATCH', path, {
      body: manifest,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: FIELD_MANAGER, force: 'true' },
    });
    if (res.status < 200 || res.status >= 300)
      throw kubeFailure(res, `apply ${manifest.kind} ${manifest.metadata.name}`);
  }

  async setup(): Promise<AikitInfrastructureSetupResponse> {
    const m = infrastructureManifests(this.opts);
    await this.apply(withVolume(m.registry));
    await this.apply(m.registryService);
    await this.apply(m.buildkit);
    await this.apply(m.buildkitService);
    const status = await this.status();
    return {
      success: true,
      message: status.ready
        ? 'Build infrastructure is ready.'
        : 'Build infrastructure was applied; the registry and BuildKit are starting. Check the status again shortly.',
      registry: { url: this.registryUrl, ready: status.registry.ready },
      builder: { name: BUILDKIT_NAME, ready: status.builder.ready ?? false },
    };
  }

  async build(request: AikitBuildRequest, hfToken?: string): Promise<AikitBuildResponse> {
    const preview = this.preview(request);
    if (request.modelSource === 'premade') {
      return {
        success: true,
        imageRef: preview.imageRef,
        buildTime: 0,
        wasPremade: true,
        message: 'Pre-made image; no build needed.',
      };
    }
    const status = await this.status();
    if (!status.registry.ready && !status.builder.exists) {
      throw new ProxyError(
        'PROVIDER_NOT_INSTALLED',
        'The AIKit build infrastructure is not set up. Run the infrastructure setup first (POST /aikit/infrastructure/setup).',
        { registryReady: false, builderExists: false }
      );
    }
    if (!status.ready) {
      throw new ProxyError(
        'UPSTREAM_UNAVAILABLE',
        'The AIKit build infrastructure is not ready yet (registry or BuildKit has no ready replica). Try again when the status says ready.',
        { registryReady: status.registry.ready, builderReady: status.builder.ready ?? false },
        503
      );
    }
    const started = Date.now();
    const args = [
      '--addr',
      `tcp://${BUILDKIT_NAME}.${this.opts.namespace}.svc.cluster.local:1234`,
      'build',
      '--frontend',
      'gateway.v0',
      '--opt',
      `source=${this.opts.aikitFrontend}`,
      '--opt',
      `build-arg:model=huggingface://${request.modelId}/${request.ggufFile}`,
      '--output',
      `type=image,name=${preview.imageRef},push=true,registry.insecure=true`,
    ];
    if (hfToken) args.push('--secret', 'id=hf-token,env=HF_TOKEN');
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/tmp' };
    if (hfToken) env.HF_TOKEN = hfToken;
    const r = await run(this.opts.buildctlBin, args, { env, timeoutMs: this.opts.buildTimeoutMs });
    if (r.spawnError === 'ENOENT' || r.spawnError === 'EACCES') {
      throw new ProxyError(
        'UPSTREAM_UNAVAILABLE',
        'The proxy cannot run builds: buildctl is not installed in the proxy image. Use a pre-made model or an image built elsewhere.',
        { buildctl: 'missing' },
        503
      );
    }
    if (r.spawnError === 'timeout') {
      throw new ProxyError(
        'UPSTREAM_UNAVAILABLE',
        'The image build did not finish in time.',
        { timeoutMs: this.opts.buildTimeoutMs },
        504
      );
    }
    const buildTime = Math.round((Date.now() - started) / 1000);
    if (r.code !== 0) {
      this.opts.logger?.warn({ exitCode: r.code, model: request.modelId }, 'aikit build failed');
      const last = r.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500);
      return {
        success: false,
        imageRef: preview.imageRef,
        buildTime,
        wasPremade: false,
        message: 'The image build failed.',
        error: last || `buildctl exited with ${r.code}`,
      };
    }
    return {
      success: true,
      imageRef: preview.imageRef,
      buildTime,
      wasPremade: false,
      message: 'AIKit image built and pushed to the in-cluster registry.',
    };
  }
}

/** `bartowski/gemma-3-1b-it-GGUF` + `gemma-3-1b-it-Q8_0.gguf` → `gemma-3-1b-it-q8_0`. */
export function defaultImageName(modelId: string, ggufFile: string): string {
  const base = (ggufFile.split('/').pop() ?? ggufFile).replace(/\.gguf$/i, '');
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .replace(/[._-]{2,}/g, '-');
  return (
    name ||
    modelId
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') ||
    'model'
  );
}
