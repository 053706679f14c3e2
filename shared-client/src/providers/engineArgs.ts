import type { EngineType, ModelDeploymentSpec } from '../schemas/modelDeployment';

/**
 * How `engine.contextLength` reaches each engine. TensorRT-LLM fixes the context length when the
 * engine is built, so there is no runtime flag for it.
 */
export const CONTEXT_LENGTH_FLAGS: Readonly<Record<EngineType, string | null>> = {
  vllm: '--max-model-len',
  sglang: '--context-length',
  llamacpp: '--ctx-size',
  trtllm: null,
};

export function contextLengthArgs(engine: EngineType, contextLength: number | undefined): string[] {
  const flag = CONTEXT_LENGTH_FLAGS[engine];
  if (contextLength === undefined || flag === null) return [];
  return [flag, String(contextLength)];
}

export interface GpuMemoryArg {
  /** Key in `engine.args` (rendered as `--<key>`). */
  key: string;
  /** The engine's own default fraction of GPU memory. */
  defaultFraction: number;
}

/** The engine.args key that caps the share of GPU memory an engine takes. */
export const GPU_MEMORY_ARGS: Readonly<Partial<Record<EngineType, GpuMemoryArg>>> = {
  vllm: { key: 'gpu-memory-utilization', defaultFraction: 0.9 },
  sglang: { key: 'mem-fraction-static', defaultFraction: 0.88 },
};

export function gpuMemoryArg(engine: EngineType): GpuMemoryArg | undefined {
  return GPU_MEMORY_ARGS[engine];
}

/**
 * `engine.args` with the GPU memory fraction set for this engine, or undefined when the engine has
 * no such setting (TensorRT-LLM, llama.cpp).
 */
export function withGpuMemoryFraction(
  engine: EngineType,
  args: Readonly<Record<string, string>> | undefined,
  fraction: number
): Record<string, string> | undefined {
  const arg = gpuMemoryArg(engine);
  if (!arg) return undefined;
  if (!(fraction > 0 && fraction <= 1)) {
    throw new RangeError(`GPU memory fraction must be in (0, 1], got ${fraction}`);
  }
  return { ...args, [arg.key]: String(fraction) };
}

/** The fraction currently configured for this engine, or the engine's default. */
export function effectiveGpuMemoryFraction(
  engine: EngineType,
  args: Readonly<Record<string, string>> | undefined
): number | undefined {
  const arg = gpuMemoryArg(engine);
  if (!arg) return undefined;
  const configured = args?.[arg.key];
  const parsed = configured === undefined ? NaN : Number(configured);
  return Number.isFinite(parsed) ? parsed : arg.defaultFraction;
}

/** `--key value` pairs in key order (deterministic), bare `--key` for empty values. */
export function namedArgsToFlags(args: Readonly<Record<string, string>> | undefined): string[] {
  if (!args) return [];
  return Object.keys(args)
    .sort()
    .flatMap(key => {
      const value = args[key];
      return value ? [`--${key}`, value] : [`--${key}`];
    });
}

const SUPPORTS_RUNTIME_TOGGLES: ReadonlySet<EngineType> = new Set(['vllm', 'sglang']);

/**
 * The engine command-line flags a provider derives from the spec, in the order the published
 * providers emit them: model, served name, context length, toggles, `engine.args`, `engine.extraArgs`.
 */
export function engineFlags(
  spec: ModelDeploymentSpec,
  engine: EngineType,
  options: { modelFlag?: string | null } = {}
): string[] {
  const flags: string[] = [];
  // null leaves the model out, for runtimes that take it from elsewhere (Ray Serve's MODEL_ID).
  const modelFlag =
    options.modelFlag === undefined
      ? engine === 'sglang' || engine === 'trtllm'
        ? '--model-path'
        : '--model'
      : options.modelFlag;
  if (modelFlag !== null && spec.model.id) flags.push(modelFlag, spec.model.id);
  if (spec.model.servedName) flags.push('--served-model-name', spec.model.servedName);
  flags.push(...contextLengthArgs(engine, spec.engine?.contextLength));
  if (SUPPORTS_RUNTIME_TOGGLES.has(engine)) {
    if (spec.engine?.trustRemoteCode) flags.push('--trust-remote-code');
    if (spec.engine?.enablePrefixCaching) flags.push('--enable-prefix-caching');
    if (spec.engine?.enforceEager) flags.push('--enforce-eager');
  }
  flags.push(...namedArgsToFlags(spec.engine?.args));
  flags.push(...(spec.engine?.extraArgs ?? []));
  return flags;
}

/**
 * The engine.args key that sets the tensor-parallel degree (rendered as `--<key>`): vLLM
 * `--tensor-parallel-size`, SGLang `--tp-size`, TensorRT-LLM's `trtllm-serve --tp_size`. llama.cpp
 * splits layers over the visible GPUs by itself and has no such flag.
 */
export const TENSOR_PARALLEL_ARGS: Readonly<Record<EngineType, string | null>> = {
  vllm: 'tensor-parallel-size',
  sglang: 'tp-size',
  trtllm: 'tp_size',
  llamacpp: null,
};

/** Every spelling of the tensor-parallel flag the engines accept, without leading dashes. */
export const TENSOR_PARALLEL_FLAG_NAMES: ReadonlySet<string> = new Set([
  'tensor-parallel-size',
  'tp-size',
  'tp_size',
  'tp',
]);

/**
 * `engine.args` with the tensor-parallel degree set for this engine (and any other engine's spelling
 * removed, so a switched engine does not keep a flag it rejects). A degree of 1 is the engines' default,
 * so it is left out rather than written.
 */
export function withTensorParallel(
  engine: EngineType,
  args: Readonly<Record<string, string>> | undefined,
  size: number
): Record<string, string> {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`tensor-parallel size must be a whole number of at least 1, got ${size}`);
  }
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(args ?? {})) {
    if (!TENSOR_PARALLEL_FLAG_NAMES.has(key)) result[key] = value;
  }
  const key = TENSOR_PARALLEL_ARGS[engine];
  if (key && size > 1) result[key] = String(size);
  return result;
}
