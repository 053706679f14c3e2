import type { ComponentScalingSpec, EngineType, ResourceSpec } from '../../schemas/modelDeployment';
import { engineFlags } from '../engineArgs';
import { VERSIONS } from '../install';
import {
  aggregatedReplicas,
  applyOverrides,
  baseLabels,
  componentReplicas,
  gpuCountOf,
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

// DynamoGraphDeployment (nvidia.com/v1alpha1) as the Dynamo provider builds it for the standalone
// Frontend path: a Frontend router plus one worker service, or a prefill and a decode worker. The
// provider names the workers Vllm* whatever the engine; backendFramework carries the engine.

export const DYNAMO_API_VERSION = 'nvidia.com/v1alpha1';
export const DYNAMO_KIND = 'DynamoGraphDeployment';
export const DYNAMO_FRONTEND_PORT = 8000;

export const DYNAMO_RUNTIME_IMAGES: Readonly<Partial<Record<EngineType, string>>> = {
  vllm: `nvcr.io/nvidia/ai-dynamo/vllm-runtime:${VERSIONS.dynamo}`,
  sglang: `nvcr.io/nvidia/ai-dynamo/sglang-runtime:${VERSIONS.dynamo}`,
  trtllm: `nvcr.io/nvidia/ai-dynamo/tensorrtllm-runtime:${VERSIONS.dynamo}`,
};

/** KV-cache transfer between prefill and decode vLLM workers goes over NIXL. */
export const DYNAMO_VLLM_KV_TRANSFER_CONFIG =
  '{"kv_connector":"NixlConnector","kv_role":"kv_both"}';

interface DynamoOverrides {
  routerMode?: string;
  frontend?: { replicas?: number; resources?: { cpu?: string; memory?: string } };
}

function dynamoOverrides(source: ManifestSource): DynamoOverrides {
  const raw = source.spec.provider?.overrides ?? {};
  const frontend = typeof raw.frontend === 'object' && raw.frontend !== null ? raw.frontend : {};
  const typed = frontend as DynamoOverrides['frontend'] & object;
  return {
    ...(typeof raw.routerMode === 'string' ? { routerMode: raw.routerMode } : {}),
    frontend: {
      ...(typeof typed.replicas === 'number' ? { replicas: typed.replicas } : {}),
      ...(typed.resources ? { resources: typed.resources } : {}),
    },
  };
}

export function dynamoEndpoint(name: string): ProviderEndpoint {
  return { service: `${name}-frontend`, port: DYNAMO_FRONTEND_PORT };
}

function workerResources(gpuCount: number, memory?: string | number, cpu?: string | number) {
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  if (gpuCount > 0) {
    limits.gpu = String(gpuCount);
    requests.gpu = String(gpuCount);
  }
  if (memory !== undefined) limits.memory = String(memory);
  if (cpu !== undefined) limits.cpu = String(cpu);
  return { limits, requests };
}

function aggregatedResources(resources: ResourceSpec | undefined) {
  return workerResources(gpuCountOf(resources?.gpu), resources?.memory, resources?.cpu);
}

function componentResources(component: ComponentScalingSpec | undefined) {
  return workerResources(gpuCountOf(component?.gpu), component?.memory);
}

function engineCommand(engine: EngineType): string[] {
  return ['python3', '-m', `dynamo.${engine}`];
}

export function renderDynamo(source: ManifestSource, engine: EngineType): ProviderManifests {
  const { spec } = source;
  const name = source.metadata.name;
  const warnings: string[] = [];
  const overrides = dynamoOverrides(source);
  const image = imageOverride(spec) ?? DYNAMO_RUNTIME_IMAGES[engine] ?? DYNAMO_RUNTIME_IMAGES.vllm;
  const secret = spec.secrets?.huggingFaceToken;
  const withSecret = secret ? { envFromSecret: secret } : {};
  const volumes = resolvedVolumes(source);

  const workerExtras = (): Record<string, unknown> => {
    const extras: Record<string, unknown> = { ...withSecret };
    if (volumes.length > 0) {
      extras.volumeMounts = volumes.map(volume => ({
        name: volume.claimName,
        mountPoint: volume.mountPath,
        ...(volume.purpose === 'compilationCache' ? { useAsCompilationCache: true } : {}),
        ...(volume.readOnly ? { readOnly: true } : {}),
      }));
    }
    return extras;
  };

  const mainContainer = (args: string[]) => {
    const env = [...(spec.env ?? [])];
    const modelCache = volumes.find(volume => volume.purpose === 'modelCache');
    if (modelCache?.mountPath && !env.some(variable => variable.name === 'HF_HOME')) {
      env.push({ name: 'HF_HOME', value: modelCache.mountPath });
    }
    return {
      image,
      command: engineCommand(engine),
      args,
      ...(env.length > 0 ? { env } : {}),
    };
  };

  const services: Record<string, unknown> = {
    Frontend: {
      componentType: 'frontend',
      replicas: overrides.frontend?.replicas ?? 1,
      resources: {
        requests: {
          cpu: overrides.frontend?.resources?.cpu ?? '2',
          memory: overrides.frontend?.resources?.memory ?? '4Gi',
        },
      },
      extraPodSpec: {
        mainContainer: {
          image,
          env: [{ name: 'DYN_ROUTER_MODE', value: overrides.routerMode ?? 'round-robin' }],
        },
      },
      ...withSecret,
    },
  };

  const baseArgs = engineFlags(spec, engine);
  if (spec.serving?.mode === 'disaggregated') {
    for (const [serviceName, role] of [
      ['VllmPrefillWorker', 'prefill'],
      ['VllmDecodeWorker', 'decode'],
    ] as const) {
      const component = spec.scaling?.[role];
      const args = [...baseArgs, '--disaggregation-mode', role];
      if (engine === 'vllm') args.push('--kv-transfer-config', DYNAMO_VLLM_KV_TRANSFER_CONFIG);
      services[serviceName] = {
        componentType: 'worker',
        subComponentType: role,
        replicas: componentReplicas(component),
        resources: componentResources(component),
        extraPodSpec: { mainContainer: mainContainer(args), ...schedulingFields(spec) },
        ...workerExtras(),
      };
    }
  } else {
    services.VllmWorker = {
      componentType: 'worker',
      replicas: aggregatedReplicas(spec, warnings),
      resources: aggregatedResources(spec.resources),
      extraPodSpec: { mainContainer: mainContainer(baseArgs), ...schedulingFields(spec) },
      ...workerExtras(),
    };
  }

  const dynamoSpec: Record<string, unknown> = { backendFramework: engine, services };
  if (volumes.length > 0) {
    dynamoSpec.pvcs = volumes.map(volume => ({ name: volume.claimName, create: false }));
  }

  if (engine === 'trtllm' && spec.engine?.contextLength !== undefined) {
    warnings.push(
      'TensorRT-LLM sets the context length when the engine is built; engine.contextLength is not passed at run time'
    );
  }
  if (spec.gateway?.enabled !== false) {
    warnings.push(
      'With the Gateway API Inference Extension installed, Dynamo routes through an endpoint picker (Epp) and per-worker frontends instead of the standalone Frontend shown here'
    );
  }

  const pod = podTemplateMetadata(spec);
  const graph: RenderedObject = {
    apiVersion: DYNAMO_API_VERSION,
    kind: DYNAMO_KIND,
    metadata: metadataFor(
      source,
      name,
      { ...pod.labels, ...baseLabels(source, engine) },
      pod.annotations
    ),
    spec: dynamoSpec,
  };

  return {
    provider: 'dynamo',
    engine,
    objects: [
      applyOverrides(graph, spec.provider?.overrides, ['routerMode', 'frontend', 'epp'], warnings),
    ],
    endpoint: dynamoEndpoint(name),
    warnings,
  };
}
