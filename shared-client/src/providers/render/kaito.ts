import type { EngineType } from '../../schemas/modelDeployment';
import { contextLengthArgs } from '../engineArgs';
import {
  aggregatedReplicas,
  applyOverrides,
  baseLabels,
  containerEnv,
  gpuCountOf,
  gpuResourceName,
  imageOverride,
  type ManifestSource,
  metadataFor,
  podTemplateMetadata,
  type ProviderEndpoint,
  type ProviderManifests,
  type RenderedObject,
} from './common';

// KAITO Workspace (kaito.sh/v1beta1). Unlike most CRDs its `resource` and `inference` sections sit at
// the top level of the object, not under `spec`.

export const KAITO_API_VERSION = 'kaito.sh/v1beta1';
export const KAITO_KIND = 'Workspace';
/** The Workspace's Service listens on 80 whatever the container port. */
export const KAITO_SERVICE_PORT = 80;
export const LLAMACPP_CONTAINER_PORT = 5000;

export function kaitoEndpoint(name: string): ProviderEndpoint {
  return { service: name, port: KAITO_SERVICE_PORT };
}

/** What the llama.cpp runner loads: an explicit GGUF URL, else the HuggingFace repo. */
function llamaCppModelArg(source: ManifestSource): string | undefined {
  const { model, engine } = source.spec;
  if (model.source === 'custom' || !model.id) return undefined;
  return engine?.args?.ggufUrl || `huggingface://${model.id}`;
}

function llamaCppTemplate(source: ManifestSource, warnings: string[]) {
  const { spec } = source;
  const image = imageOverride(spec);
  if (!image) {
    warnings.push(
      'KAITO runs llama.cpp from a container image: set engine.image (or image) to an AIKit or llama.cpp runner image'
    );
  }
  const modelArg = llamaCppModelArg(source);
  const args = [
    ...(modelArg ? [modelArg] : []),
    `--address=:${LLAMACPP_CONTAINER_PORT}`,
    ...contextLengthArgs('llamacpp', spec.engine?.contextLength),
  ];

  const requests: Record<string, string> = {};
  const limits: Record<string, string> = {};
  if (spec.resources?.memory !== undefined) requests.memory = String(spec.resources.memory);
  if (spec.resources?.cpu !== undefined) requests.cpu = String(spec.resources.cpu);
  const gpus = gpuCountOf(spec.resources?.gpu);
  if (gpus > 0) limits[gpuResourceName(spec.resources?.gpu)] = String(gpus);
  const resources = {
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
  };
  const env = containerEnv(spec);

  return {
    metadata: { labels: { 'airunway.ai/model-deployment': source.metadata.name } },
    spec: {
      containers: [
        {
          name: 'model',
          ...(image ? { image } : {}),
          args,
          ports: [{ containerPort: LLAMACPP_CONTAINER_PORT }],
          ...(Object.keys(resources).length > 0 ? { resources } : {}),
          ...(env.length > 0 ? { env } : {}),
        },
      ],
    },
  };
}

export function renderKaito(source: ManifestSource, engine: EngineType): ProviderManifests {
  const { spec } = source;
  const warnings: string[] = [];
  const hasGpu = gpuCountOf(spec.resources?.gpu) > 0;

  const matchLabels: Record<string, string> = {
    'kubernetes.io/os': 'linux',
    ...spec.nodeSelector,
    // Forced last so a nodeSelector cannot send GPU work to CPU nodes.
    ...(hasGpu ? { 'nvidia.com/gpu.present': 'true' } : {}),
  };

  let inference: Record<string, unknown>;
  if (engine === 'llamacpp') {
    inference = { template: llamaCppTemplate(source, warnings) };
  } else {
    // vLLM uses a KAITO preset; KAITO picks the image and the engine flags.
    inference = { preset: { name: spec.model.id } };
    if (spec.engine?.contextLength !== undefined || spec.engine?.args || spec.engine?.extraArgs) {
      warnings.push(
        'KAITO presets choose their own vLLM flags; engine.contextLength, args and extraArgs are not shown in this preview'
      );
    }
  }

  const pod = podTemplateMetadata(spec);
  const workspace: RenderedObject = {
    apiVersion: KAITO_API_VERSION,
    kind: KAITO_KIND,
    metadata: metadataFor(
      source,
      source.metadata.name,
      {
        ...baseLabels(source, engine),
        'airunway.ai/model-source': spec.model.source ?? 'huggingface',
        ...pod.labels,
      },
      pod.annotations
    ),
    resource: {
      count: aggregatedReplicas(spec, warnings),
      labelSelector: { matchLabels },
    },
    inference,
  };

  return {
    provider: 'kaito',
    engine,
    objects: [applyOverrides(workspace, spec.provider?.overrides, [], warnings)],
    endpoint: kaitoEndpoint(source.metadata.name),
    warnings,
  };
}
