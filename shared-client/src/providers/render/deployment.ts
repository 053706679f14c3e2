import type {
  EngineType,
  GpuSpec,
  ModelDeploymentSpec,
  Quantity,
} from '../../schemas/modelDeployment';
import { engineFlags } from '../engineArgs';
import {
  aggregatedReplicas,
  applyOverrides,
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
  resolvedVolumes,
  schedulingFields,
} from './common';

// llm-d and direct vLLM both run the vLLM OpenAI-compatible server as a plain Deployment behind a
// ClusterIP Service on port 8000. llm-d adds prefill/decode pairs for disaggregated serving.

export const VLLM_SERVER_PORT = 8000;
export const LLMD_DEFAULT_IMAGE = 'vllm/vllm-openai:v0.9.1';
export const DIRECT_VLLM_DEFAULT_IMAGE = 'vllm/vllm-openai:cu130-nightly';
const SHM_SIZE = '20Gi';

export const KV_TRANSFER_CONFIG = {
  prefill: '{"kv_connector":"PyNcclConnector","kv_role":"kv_producer"}',
  decode: '{"kv_connector":"PyNcclConnector","kv_role":"kv_consumer"}',
} as const;

type DeploymentProvider = 'llmd' | 'vllm';

export function deploymentEndpoint(name: string, disaggregated = false): ProviderEndpoint {
  // In disaggregated mode the decode Service is the one that answers requests.
  return { service: disaggregated ? `${name}-decode` : name, port: VLLM_SERVER_PORT };
}

interface Workload {
  objectName: string;
  replicas: number;
  gpu: GpuSpec | undefined;
  memory: Quantity | undefined;
  cpu: Quantity | undefined;
  kvTransferConfig?: string;
}

function serverArgs(spec: ModelDeploymentSpec, engine: EngineType, workload: Workload): string[] {
  const args = [
    '--host',
    '0.0.0.0',
    '--port',
    String(VLLM_SERVER_PORT),
    ...engineFlags(spec, engine),
  ];
  const explicit = (flag: string) =>
    Object.hasOwn(spec.engine?.args ?? {}, flag) ||
    (spec.engine?.extraArgs ?? []).some(
      token => token === `--${flag}` || token.startsWith(`--${flag}=`)
    );
  const gpus = gpuCountOf(workload.gpu);
  if (gpus > 1 && !explicit('tensor-parallel-size')) {
    args.push('--tensor-parallel-size', String(gpus));
  }
  if (workload.kvTransferConfig) args.push('--kv-transfer-config', workload.kvTransferConfig);
  return args;
}

function containerResources(workload: Workload) {
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  const gpus = gpuCountOf(workload.gpu);
  if (gpus > 0) {
    limits[gpuResourceName(workload.gpu)] = String(gpus);
    requests[gpuResourceName(workload.gpu)] = String(gpus);
  }
  if (workload.memory !== undefined) {
    limits.memory = String(workload.memory);
    requests.memory = String(workload.memory);
  }
  if (workload.cpu !== undefined) requests.cpu = String(workload.cpu);
  return {
    ...(Object.keys(limits).length > 0 ? { limits } : {}),
    ...(Object.keys(requests).length > 0 ? { requests } : {}),
  };
}

function httpProbe(initialDelaySeconds: number, periodSeconds: number, failureThreshold: number) {
  return {
    httpGet: { path: '/health', port: VLLM_SERVER_PORT },
    initialDelaySeconds,
    periodSeconds,
    failureThreshold,
  };
}

function deployment(
  source: ManifestSource,
  engine: EngineType,
  provider: DeploymentProvider,
  workload: Workload
): RenderedObject {
  const { spec } = source;
  const selector = { 'airunway.ai/deployment': source.metadata.name, app: workload.objectName };
  const pod = podTemplateMetadata(spec);
  const volumes = resolvedVolumes(source).filter(volume => volume.mountPath !== undefined);
  const env = containerEnv(spec);
  const resources = containerResources(workload);
  const image =
    imageOverride(spec) ?? (provider === 'vllm' ? DIRECT_VLLM_DEFAULT_IMAGE : LLMD_DEFAULT_IMAGE);

  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadataFor(source, workload.objectName, {
      ...baseLabels(source, engine),
      app: workload.objectName,
    }),
    spec: {
      replicas: workload.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: {
          labels: {
            ...pod.labels,
            ...selector,
            'airunway.ai/model-deployment': source.metadata.name,
          },
          ...(Object.keys(pod.annotations).length > 0 ? { annotations: pod.annotations } : {}),
        },
        spec: {
          containers: [
            {
              name: 'vllm',
              image,
              args: serverArgs(spec, engine, workload),
              ports: [{ name: 'http', containerPort: VLLM_SERVER_PORT, protocol: 'TCP' }],
              ...(Object.keys(resources).length > 0 ? { resources } : {}),
              ...(env.length > 0 ? { env } : {}),
              startupProbe: httpProbe(10, 10, 180),
              livenessProbe: httpProbe(0, 15, 3),
              readinessProbe: httpProbe(0, 5, 3),
              volumeMounts: [
                { name: 'shm', mountPath: '/dev/shm' },
                ...volumes.map(volume => ({
                  name: volume.name,
                  mountPath: volume.mountPath,
                  ...(volume.readOnly ? { readOnly: true } : {}),
                })),
              ],
            },
          ],
          volumes: [
            { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: SHM_SIZE } },
            ...volumes.map(volume => ({
              name: volume.name,
              persistentVolumeClaim: { claimName: volume.claimName },
            })),
          ],
          ...schedulingFields(spec),
        },
      },
    },
  };
}

function service(source: ManifestSource, engine: EngineType, objectName: string): RenderedObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataFor(source, objectName, baseLabels(source, engine)),
    spec: {
      type: 'ClusterIP',
      selector: { 'airunway.ai/deployment': source.metadata.name, app: objectName },
      ports: [
        { name: 'http', port: VLLM_SERVER_PORT, targetPort: VLLM_SERVER_PORT, protocol: 'TCP' },
      ],
    },
  };
}

function renderDeployments(
  source: ManifestSource,
  engine: EngineType,
  provider: DeploymentProvider
): ProviderManifests {
  const { spec } = source;
  const name = source.metadata.name;
  const warnings: string[] = [];
  const disaggregated = provider === 'llmd' && spec.serving?.mode === 'disaggregated';

  const workloads: Workload[] = disaggregated
    ? (['decode', 'prefill'] as const).map(role => ({
        objectName: `${name}-${role}`,
        replicas: componentReplicas(spec.scaling?.[role]),
        gpu: spec.scaling?.[role]?.gpu,
        memory: spec.scaling?.[role]?.memory,
        cpu: undefined,
        kvTransferConfig: KV_TRANSFER_CONFIG[role],
      }))
    : [
        {
          objectName: name,
          replicas: aggregatedReplicas(spec, warnings),
          gpu: spec.resources?.gpu,
          memory: spec.resources?.memory,
          cpu: spec.resources?.cpu,
        },
      ];

  const deployments = workloads.map(workload =>
    provider === 'llmd'
      ? applyOverrides(
          deployment(source, engine, provider, workload),
          spec.provider?.overrides,
          [],
          warnings
        )
      : deployment(source, engine, provider, workload)
  );
  if (provider === 'vllm' && spec.provider?.overrides) {
    warnings.push('provider.overrides is not applied to this Deployment preview');
  }

  return {
    provider,
    engine,
    objects: [
      ...deployments,
      ...workloads.map(workload => service(source, engine, workload.objectName)),
    ],
    endpoint: deploymentEndpoint(name, disaggregated),
    warnings,
  };
}

export function renderLlmd(source: ManifestSource, engine: EngineType): ProviderManifests {
  return renderDeployments(source, engine, 'llmd');
}

export function renderDirectVllm(source: ManifestSource, engine: EngineType): ProviderManifests {
  return renderDeployments(source, engine, 'vllm');
}
