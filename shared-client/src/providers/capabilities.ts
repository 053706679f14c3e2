import type { EngineType, ProviderName, ServingMode } from '../schemas/modelDeployment';

// The capability matrix of the published provider shims (their InferenceProviderConfig), which is
// what the controller filters on before it applies selection rules.

export interface EngineCapability {
  engine: EngineType;
  gpu: boolean;
  cpu: boolean;
  modes: readonly ServingMode[];
}

export interface ProviderInfo {
  name: ProviderName;
  displayName: string;
  /** False for providers the controller only uses when spec.provider.name asks for them. */
  autoSelectable: boolean;
  engines: readonly EngineCapability[];
  /** The object the provider's controller creates for each ModelDeployment. */
  resource: { group: string; version: string; kind: string; plural: string };
}

const AGGREGATED: readonly ServingMode[] = ['aggregated'];
const BOTH_MODES: readonly ServingMode[] = ['aggregated', 'disaggregated'];

export const PROVIDERS: Readonly<Record<ProviderName, ProviderInfo>> = {
  dynamo: {
    name: 'dynamo',
    displayName: 'NVIDIA Dynamo',
    autoSelectable: true,
    engines: [
      { engine: 'vllm', gpu: true, cpu: false, modes: BOTH_MODES },
      { engine: 'sglang', gpu: true, cpu: false, modes: BOTH_MODES },
      { engine: 'trtllm', gpu: true, cpu: false, modes: AGGREGATED },
    ],
    resource: {
      group: 'nvidia.com',
      version: 'v1alpha1',
      kind: 'DynamoGraphDeployment',
      plural: 'dynamographdeployments',
    },
  },
  kaito: {
    name: 'kaito',
    displayName: 'KAITO',
    autoSelectable: true,
    engines: [
      { engine: 'vllm', gpu: true, cpu: false, modes: AGGREGATED },
      { engine: 'llamacpp', gpu: true, cpu: true, modes: AGGREGATED },
    ],
    resource: { group: 'kaito.sh', version: 'v1beta1', kind: 'Workspace', plural: 'workspaces' },
  },
  kuberay: {
    name: 'kuberay',
    displayName: 'KubeRay',
    autoSelectable: true,
    engines: [{ engine: 'vllm', gpu: true, cpu: false, modes: BOTH_MODES }],
    resource: { group: 'ray.io', version: 'v1', kind: 'RayService', plural: 'rayservices' },
  },
  llmd: {
    name: 'llmd',
    displayName: 'llm-d',
    autoSelectable: false,
    engines: [{ engine: 'vllm', gpu: true, cpu: false, modes: BOTH_MODES }],
    resource: { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments' },
  },
  vllm: {
    name: 'vllm',
    displayName: 'Direct vLLM',
    autoSelectable: false,
    engines: [{ engine: 'vllm', gpu: true, cpu: false, modes: AGGREGATED }],
    resource: { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments' },
  },
};

/** The order in which the controller prefers engines when spec.engine.type is omitted. */
export const ENGINE_PREFERENCE: readonly EngineType[] = ['vllm', 'sglang', 'trtllm', 'llamacpp'];

export const ENGINE_DISPLAY_NAMES: Readonly<Record<EngineType, string>> = {
  vllm: 'vLLM',
  sglang: 'SGLang',
  trtllm: 'TensorRT-LLM',
  llamacpp: 'llama.cpp',
};

/** What a deployment needs from a provider. */
export interface Workload {
  engine: EngineType;
  gpu: boolean;
  mode: ServingMode;
}

export function engineCapability(
  provider: ProviderName,
  engine: EngineType
): EngineCapability | undefined {
  return PROVIDERS[provider].engines.find(capability => capability.engine === engine);
}

export function supportsWorkload(provider: ProviderName, workload: Workload): boolean {
  const capability = engineCapability(provider, workload.engine);
  if (!capability) return false;
  if (workload.gpu ? !capability.gpu : !capability.cpu) return false;
  return capability.modes.includes(workload.mode);
}

export function providersSupporting(workload: Workload): ProviderName[] {
  return (Object.keys(PROVIDERS) as ProviderName[]).filter(provider =>
    supportsWorkload(provider, workload)
  );
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function describeWorkload({ engine, gpu, mode }: Workload): string {
  return `${engine} ${gpu ? 'on GPUs' : 'without a GPU'} in ${mode} mode`;
}

/** Why no provider at all can run this workload, phrased as what to change. */
export function explainUnsupportedWorkload(workload: Workload): string {
  const { engine, gpu, mode } = workload;
  if (!gpu && providersSupporting({ ...workload, gpu: true }).length > 0) {
    return `${engine} needs a GPU; no provider runs it on CPU. Request at least one GPU, or use the llamacpp engine for CPU inference`;
  }
  if (mode === 'disaggregated' && providersSupporting({ ...workload, mode: 'aggregated' }).length) {
    return `no provider serves ${engine} in disaggregated (prefill/decode) mode; use aggregated serving or the vllm or sglang engine`;
  }
  return `no provider supports ${describeWorkload(workload)}`;
}

/** Undefined when the provider can run the workload, otherwise why not and what would. */
export function incompatibilityReason(
  provider: ProviderName,
  workload: Workload
): string | undefined {
  if (supportsWorkload(provider, workload)) return undefined;
  const info = PROVIDERS[provider];
  const capability = engineCapability(provider, workload.engine);
  const alternatives = providersSupporting(workload);
  const instead =
    alternatives.length > 0
      ? `; use ${joinNames(alternatives)} instead`
      : `; ${explainUnsupportedWorkload(workload)}`;

  if (!capability) {
    const engines = info.engines.map(c => c.engine);
    return `${provider} cannot run the ${workload.engine} engine (it runs ${joinNames(
      engines
    )})${instead}`;
  }
  if (workload.gpu ? !capability.gpu : !capability.cpu) {
    return workload.gpu
      ? `${provider} cannot run ${workload.engine} on GPUs${instead}`
      : `${provider} needs a GPU for ${workload.engine}; request at least one GPU${
          alternatives.length > 0 ? `, or use ${joinNames(alternatives)}` : ''
        }`;
  }
  const mode = workload.mode === 'disaggregated' ? 'disaggregated (prefill/decode)' : workload.mode;
  return `${provider} cannot serve ${workload.engine} in ${mode} mode${instead}`;
}
