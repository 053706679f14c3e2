import {
  type EngineType,
  type ModelDeploymentSpec,
  type ProviderName,
  requestedGpuCount,
  requestsGpu,
  resolvedServingMode,
  type ServingMode,
} from '../schemas/modelDeployment';
import {
  ENGINE_DISPLAY_NAMES,
  ENGINE_PREFERENCE,
  explainUnsupportedWorkload,
  incompatibilityReason,
  PROVIDERS,
  supportsWorkload,
  type Workload,
} from './capabilities';

/** The reasons the controller writes for explicit choices (status.*.selectedReason). */
export const EXPLICIT_PROVIDER_REASON = 'explicit provider selection';
export const EXPLICIT_ENGINE_REASON = 'explicit engine selection';

export type ProviderSelection =
  | {
      ok: true;
      provider: ProviderName;
      engine: EngineType;
      /** Why this provider, in the words status.provider.selectedReason uses. */
      reason: string;
      engineReason: string;
      explicit: boolean;
    }
  | {
      ok: false;
      /** The provider that was asked for, or that the rules pointed to. */
      provider?: ProviderName;
      engine?: EngineType;
      /** Why nothing can run this spec, phrased as what to change. */
      reason: string;
    };

interface AutoRule {
  matches(workload: Workload, gpuCount: number): boolean;
  provider: ProviderName;
  reason(workload: Workload, gpuCount: number): string;
}

// The shipped selection rules, highest priority first. Their order is the contract: the first match
// wins, and the reasons are what the controller reports.
export const AUTO_SELECTION_RULES: readonly AutoRule[] = [
  {
    matches: workload => !workload.gpu,
    provider: 'kaito',
    reason: () => 'no GPU requested → kaito (only CPU provider)',
  },
  {
    matches: workload => workload.engine === 'trtllm' || workload.engine === 'sglang',
    provider: 'dynamo',
    reason: workload =>
      `engine ${workload.engine} → dynamo (only provider for ${
        ENGINE_DISPLAY_NAMES[workload.engine]
      })`,
  },
  {
    matches: workload => workload.engine === 'llamacpp',
    provider: 'kaito',
    reason: () => 'engine llamacpp → kaito (only llama.cpp provider)',
  },
  {
    matches: workload => workload.mode === 'disaggregated',
    provider: 'dynamo',
    reason: () => 'disaggregated serving → dynamo (prefill/decode disaggregation)',
  },
  {
    matches: (workload, gpuCount) => workload.engine === 'vllm' && gpuCount > 1,
    provider: 'kuberay',
    reason: (_workload, gpuCount) =>
      `vllm with ${gpuCount} GPUs → kuberay (multi-GPU distributed inference)`,
  },
  {
    matches: workload => workload.engine === 'vllm',
    provider: 'dynamo',
    reason: () => 'default → dynamo (GPU inference default)',
  },
];

function firstEngineFor(
  providers: readonly ProviderName[],
  gpu: boolean,
  mode: ServingMode
): { engine: EngineType; provider: ProviderName } | undefined {
  for (const engine of ENGINE_PREFERENCE) {
    const provider = providers.find(name => supportsWorkload(name, { engine, gpu, mode }));
    if (provider) return { engine, provider };
  }
  return undefined;
}

function autoSelectableProviders(): ProviderName[] {
  return (Object.keys(PROVIDERS) as ProviderName[]).filter(name => PROVIDERS[name].autoSelectable);
}

/**
 * The provider and engine the controller will use for this spec, and why; or why it cannot deploy
 * it. An explicit provider is checked against its capabilities; otherwise the shipped rules apply
 * in order (no GPU → kaito, trtllm/sglang → dynamo, llamacpp → kaito, disaggregated → dynamo,
 * vllm on several GPUs → kuberay, vllm on one GPU → dynamo). llm-d and direct vLLM are never chosen
 * automatically.
 */
export function selectProvider(spec: ModelDeploymentSpec): ProviderSelection {
  const gpu = requestsGpu(spec);
  const mode = resolvedServingMode(spec);
  const gpuCount = requestedGpuCount(spec);
  const explicitProvider = spec.provider?.name;
  const explicitEngine = spec.engine?.type;

  let engine: EngineType;
  let engineReason: string;
  if (explicitEngine) {
    engine = explicitEngine;
    engineReason = EXPLICIT_ENGINE_REASON;
  } else {
    const candidates = explicitProvider ? [explicitProvider] : autoSelectableProviders();
    const choice = firstEngineFor(candidates, gpu, mode);
    if (!choice) {
      const reason = explicitProvider
        ? `${explicitProvider} has no engine that runs ${
            gpu ? 'on GPUs' : 'without a GPU'
          } in ${mode} mode${gpu ? '' : '; request at least one GPU'}`
        : `no engine runs ${gpu ? 'on GPUs' : 'without a GPU'} in ${mode} mode`;
      return { ok: false, reason, ...(explicitProvider ? { provider: explicitProvider } : {}) };
    }
    engine = choice.engine;
    engineReason = `auto-selected from provider ${choice.provider} capabilities`;
  }

  const workload: Workload = { engine, gpu, mode };

  if (explicitProvider) {
    const problem = incompatibilityReason(explicitProvider, workload);
    if (problem) return { ok: false, provider: explicitProvider, engine, reason: problem };
    return {
      ok: true,
      provider: explicitProvider,
      engine,
      reason: EXPLICIT_PROVIDER_REASON,
      engineReason,
      explicit: true,
    };
  }

  const rule = AUTO_SELECTION_RULES.find(candidate => candidate.matches(workload, gpuCount));
  if (!rule) return { ok: false, engine, reason: explainUnsupportedWorkload(workload) };
  if (!supportsWorkload(rule.provider, workload)) {
    // With the shipped matrix the rule's provider is the only candidate, so nothing can run it.
    return {
      ok: false,
      provider: rule.provider,
      engine,
      reason: `${rule.reason(workload, gpuCount)}, but ${explainUnsupportedWorkload(workload)}`,
    };
  }
  return {
    ok: true,
    provider: rule.provider,
    engine,
    reason: rule.reason(workload, gpuCount),
    engineReason,
    explicit: false,
  };
}
