import type {
  ComponentScalingSpec,
  EngineType,
  GpuSpec,
  Quantity,
} from '../../schemas/modelDeployment';
import { engineFlags } from '../engineArgs';
import {
  aggregatedReplicas,
  baseLabels,
  componentReplicas,
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
  schedulingFields,
} from './common';

// RayService (ray.io/v1): a Ray head that runs Ray Serve with a vLLM deployment, and GPU worker
// groups. KubeRay exposes Serve as <name>-serve-svc on port 8000.

export const KUBERAY_API_VERSION = 'ray.io/v1';
export const KUBERAY_KIND = 'RayService';
export const KUBERAY_SERVE_PORT = 8000;
export const KUBERAY_DEFAULT_IMAGE = 'rayproject/ray-llm:2.55.0-py311-cu128';
const HEAD_CPU = '4';
const HEAD_MEMORY = '16Gi';
const WORKER_MEMORY = '32Gi';

export function kuberayEndpoint(name: string): ProviderEndpoint {
  return { service: `${name}-serve-svc`, port: KUBERAY_SERVE_PORT };
}

function serveConfig(replicas: number): string {
  return [
    'applications:',
    '  - name: llm',
    '    route_prefix: /',
    '    import_path: vllm_serve:deployment',
    '    deployments:',
    '      - name: VLLMDeployment',
    `        num_replicas: ${replicas}`,
    '',
  ].join('\n');
}

function workerGroup(
  source: ManifestSource,
  groupName: string,
  replicas: number,
  image: string,
  gpu: GpuSpec | undefined,
  memory: Quantity | undefined
) {
  const limits: Record<string, string> = { memory: String(memory ?? WORKER_MEMORY) };
  const gpus = gpuCountOf(gpu);
  if (gpus > 0) limits[gpuResourceName(gpu)] = String(gpus);
  return {
    groupName,
    replicas,
    minReplicas: replicas,
    maxReplicas: replicas,
    rayStartParams: {},
    template: {
      metadata: { labels: { 'airunway.ai/model-deployment': source.metadata.name } },
      spec: {
        containers: [{ name: 'ray-worker', image, resources: { limits } }],
        ...schedulingFields(source.spec),
      },
    },
  };
}

export function renderKubeRay(source: ManifestSource, engine: EngineType): ProviderManifests {
  const { spec } = source;
  const name = source.metadata.name;
  const warnings: string[] = [];
  const image = imageOverride(spec) ?? KUBERAY_DEFAULT_IMAGE;
  const replicas = aggregatedReplicas(spec, warnings);

  // Ray Serve reads the model and the vLLM flags from the head's environment.
  const engineArgs = engineFlags(spec, engine, { modelFlag: null });
  const headEnv = [
    { name: 'MODEL_ID', value: spec.model.id ?? '' },
    { name: 'VLLM_ENGINE_ARGS', value: engineArgs.join(' ') },
    ...containerEnv(spec),
  ];

  const workerGroupSpecs =
    spec.serving?.mode === 'disaggregated'
      ? (['prefill', 'decode'] as const).map(role => {
          const component: ComponentScalingSpec | undefined = spec.scaling?.[role];
          return workerGroup(
            source,
            `${role}-workers`,
            componentReplicas(component),
            image,
            component?.gpu,
            component?.memory
          );
        })
      : [
          workerGroup(
            source,
            'gpu-workers',
            replicas,
            image,
            spec.resources?.gpu,
            spec.resources?.memory
          ),
        ];

  if (spec.provider?.overrides) {
    warnings.push('provider.overrides is not applied to this RayService preview');
  }

  const pod = podTemplateMetadata(spec);
  const rayService: RenderedObject = {
    apiVersion: KUBERAY_API_VERSION,
    kind: KUBERAY_KIND,
    metadata: metadataFor(
      source,
      name,
      {
        ...baseLabels(source, engine),
        'airunway.ai/model-source': spec.model.source ?? 'huggingface',
        ...pod.labels,
      },
      pod.annotations
    ),
    spec: {
      serveConfigV2: serveConfig(replicas),
      rayClusterConfig: {
        headGroupSpec: {
          rayStartParams: { 'dashboard-host': '0.0.0.0' },
          template: {
            metadata: { labels: { 'airunway.ai/model-deployment': name } },
            spec: {
              containers: [
                {
                  name: 'ray-head',
                  image,
                  resources: {
                    limits: {
                      cpu: HEAD_CPU,
                      memory: String(spec.resources?.memory ?? HEAD_MEMORY),
                    },
                  },
                  env: headEnv,
                },
              ],
            },
          },
        },
        workerGroupSpecs,
      },
    },
  };

  return {
    provider: 'kuberay',
    engine,
    objects: [rayService],
    endpoint: kuberayEndpoint(name),
    warnings,
  };
}
