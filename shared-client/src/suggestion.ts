/**
 * Applying an AI Configurator answer (`POST /aiconfigurator/analyze`) to a ModelDeployment spec. Pure so
 * the create form, tests and any other client apply it the same way: tensor parallelism and the GPU
 * memory fraction go into `engine.args` under the engine's own flag name (engineArgs.ts), the maximum
 * model length into `engine.contextLength`. What an engine has no setting for is reported, not written.
 */
import type { ClusterCapacity } from './capacity';
import { normalizeGpuModel } from './gpu';
import { gpuMemoryArg, TENSOR_PARALLEL_ARGS, withTensorParallel } from './providers/engineArgs';
import type { EngineType, ModelDeploymentSpec } from './schemas/modelDeployment';
import type { AiConfiguratorAnalyzeResponse } from './schemas/proxy';

export type SuggestionSource = 'aiconfigurator' | 'builtin' | 'defaults';

/** What happened to one suggested value. */
export type SuggestionOutcome = 'set' | 'engine-default' | 'unsupported';

export interface AppliedSuggestion {
  spec: ModelDeploymentSpec;
  /** The engine the args were written for (the spec's, else the one chosen here). */
  engine: EngineType;
  /** True when the spec had no engine and this set `engine.type`, so the args match what runs. */
  engineChosen: boolean;
  tensorParallel: SuggestionOutcome;
  contextLength: SuggestionOutcome;
  gpuMemoryUtilization: SuggestionOutcome;
  /** The engine.args key the GPU memory fraction went to, when it went anywhere. */
  gpuMemoryArgKey?: string;
}

/**
 * The engine the suggestion's args are written for. A spec without an engine would have the controller
 * pick one; flags for another engine would then be rejected, so the suggestion's backend (else vLLM, the
 * GPU default) is chosen explicitly.
 */
export function suggestionEngine(
  spec: ModelDeploymentSpec,
  answer: Pick<AiConfiguratorAnalyzeResponse, 'backend'>
): { engine: EngineType; chosen: boolean } {
  if (spec.engine?.type) return { engine: spec.engine.type, chosen: false };
  return { engine: answer.backend ?? 'vllm', chosen: true };
}

export function applySuggestion(
  spec: ModelDeploymentSpec,
  answer: Pick<AiConfiguratorAnalyzeResponse, 'config' | 'backend'>
): AppliedSuggestion {
  const { engine, chosen } = suggestionEngine(spec, answer);
  const { tensorParallelDegree, maxModelLen, gpuMemoryUtilization } = answer.config;
  let args = withTensorParallel(engine, spec.engine?.args, tensorParallelDegree);
  const tensorParallel: SuggestionOutcome =
    TENSOR_PARALLEL_ARGS[engine] === null
      ? 'unsupported'
      : tensorParallelDegree > 1
      ? 'set'
      : 'engine-default';

  const memoryArg = gpuMemoryArg(engine);
  // The schema allows 0; an engine refuses a zero share, so 0 is treated as "no advice".
  const memoryUsable = gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1;
  if (memoryArg && memoryUsable) args = { ...args, [memoryArg.key]: String(gpuMemoryUtilization) };

  const engineSpec = { ...spec.engine, type: engine, contextLength: maxModelLen };
  if (Object.keys(args).length > 0) engineSpec.args = args;
  else delete engineSpec.args;

  return {
    spec: { ...spec, engine: engineSpec },
    engine,
    engineChosen: chosen,
    tensorParallel,
    contextLength: 'set',
    gpuMemoryUtilization: memoryArg && memoryUsable ? 'set' : 'unsupported',
    ...(memoryArg && memoryUsable ? { gpuMemoryArgKey: memoryArg.key } : {}),
  };
}

/**
 * The GPU to ask about: the form's GPU field when it names a known model (a user may type `A100-80GB`
 * there), else the model of the cluster node with the most free GPUs, else its raw product label.
 * `nvidia.com/gpu` (the usual value of that field) is a resource name, not a model, so it never counts.
 */
export function defaultSuggestionGpuType(
  formGpuType: string,
  capacity: ClusterCapacity | null
): string {
  const fromForm = normalizeGpuModel(formGpuType);
  if (fromForm) return fromForm;
  const nodes = [...(capacity?.nodes ?? [])]
    .filter(node => node.totalGpus > 0 && (node.gpuModel || node.gpuProduct))
    .sort((a, b) => b.availableGpus - a.availableGpus);
  const best = nodes[0];
  return best?.gpuModel ?? best?.gpuProduct ?? '';
}

/** The distinct GPU models (or raw products) in the cluster, for the GPU picker. */
export function clusterGpuTypes(capacity: ClusterCapacity | null): string[] {
  const types = new Set<string>();
  for (const node of capacity?.nodes ?? []) {
    const type = node.gpuModel ?? node.gpuProduct;
    if (node.totalGpus > 0 && type) types.add(type);
  }
  return [...types].sort();
}
