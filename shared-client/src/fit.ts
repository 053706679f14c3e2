/**
 * Will a model fit on the cluster's free GPUs? Serving-memory estimates from parameter count and precision,
 * and a verdict against the capacity computed by `capacity.ts`.
 *
 * Units: model memory is in decimal GB (1e9 bytes), the unit of the reference formula
 * `(params × 2 bytes) × 1.2` (8B parameters → 19.2 GB). GPU memory is in the GB the GPU catalog and the
 * `nvidia.com/gpu.memory` label use (GiB: an A100 "80GB" has 81,920 MiB). Comparing the two is conservative
 * by about 7%, which this estimate can afford.
 */
import { z } from 'zod';
import type { ClusterCapacity, NodeGpuCapacity } from './capacity';

/** Serving overhead on top of the weights (activations, CUDA context, fragmentation). */
export const SERVING_OVERHEAD_FACTOR = 1.2;
/** Tensor parallelism stays inside one node; 8 GPUs is the largest common node. */
export const DEFAULT_MAX_TENSOR_PARALLEL = 8;

const BILLION = 1e9;

/** Rounds up to one decimal without turning float noise (19.200000000000003) into an extra tenth. */
function roundUpTenth(value: number): number {
  // `+ 0` turns the -0 that Math.ceil(-1e-9) yields for a zero into 0.
  return Math.ceil(value * 10 - 1e-9) / 10 + 0;
}

/** The reference formula: FP16 weights × 1.2, in GB. */
export function estimateGpuMemoryGb(parameters: number): number {
  return roundUpTenth(((parameters * 2) / BILLION) * SERVING_OVERHEAD_FACTOR);
}

// ---------------------------------------------------------------------------------------------------------
// Parameter counts

const SIZE_MULTIPLIERS: Readonly<Record<string, number>> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };

/**
 * Parameter count from a size string: "8B", "0.6B", "70B", "1.5T", "350M". A mixture-of-experts name such as
 * "8x7B" gives experts × size (56B for Mixtral), an upper bound because experts share attention weights;
 * prefer the safetensors total when there is one.
 */
export function parseParameterCount(size: string | number | null | undefined): number | undefined {
  if (typeof size === 'number') return Number.isFinite(size) && size > 0 ? size : undefined;
  if (typeof size !== 'string') return undefined;
  const match = /^\s*(?:(\d+)\s*[x×]\s*)?(\d+(?:\.\d+)?|\.\d+)\s*([KMBT])\s*$/i.exec(size);
  if (!match?.[2] || !match[3]) return undefined;
  const experts = match[1] ? Number(match[1]) : 1;
  const count = experts * Number(match[2]) * (SIZE_MULTIPLIERS[match[3].toUpperCase()] ?? 1);
  return count > 0 ? Math.round(count) : undefined;
}

/** Parameter count from a model name such as "meta-llama/Llama-3.1-8B-Instruct" or "Qwen3-30B-A3B". */
export function parameterCountFromName(name: string): number | undefined {
  const match = /(?:^|[-_/\s.])((?:\d+x)?\d+(?:\.\d+)?[MBT])(?=$|[-_\s.])/i.exec(name);
  return match?.[1] ? parseParameterCount(match[1]) : undefined;
}

export const SafetensorsMetadataSchema = z.object({
  total: z.number().nonnegative().optional(),
  parameters: z.record(z.string(), z.number().nonnegative()).optional(),
});
export type SafetensorsMetadata = z.infer<typeof SafetensorsMetadataSchema>;

/**
 * Parameter count from the HuggingFace Hub's `safetensors` metadata: `total`, else the sum of the per-dtype
 * counts. GPTQ/AWQ checkpoints pack eight 4-bit weights into each I32 element, so their counts understate the
 * real parameter count; name-based counts are the better source for those.
 */
export function parameterCountFromSafetensors(
  metadata: SafetensorsMetadata | null | undefined
): number | undefined {
  if (!metadata) return undefined;
  if (metadata.total && metadata.total > 0) return metadata.total;
  const sum = Object.values(metadata.parameters ?? {}).reduce((total, count) => total + count, 0);
  return sum > 0 ? sum : undefined;
}

/** The dtype holding most parameters in safetensors metadata, as a precision name ("bf16", "fp8", ...). */
export function dominantSafetensorsDtype(
  metadata: SafetensorsMetadata | null | undefined
): string | undefined {
  const entries = Object.entries(metadata?.parameters ?? {});
  if (entries.length === 0) return undefined;
  const [dtype] = entries.reduce((best, entry) => (entry[1] > best[1] ? entry : best));
  const upper = dtype.toUpperCase();
  if (upper.startsWith('F8')) return 'fp8';
  const known: Record<string, string> = { F32: 'fp32', F16: 'fp16', BF16: 'bf16', I8: 'int8' };
  return known[upper];
}

// ---------------------------------------------------------------------------------------------------------
// Precision

/**
 * Effective bits per weight of GGUF files. The K-quant mixes and Q4_0/Q5_0/Q8_0 are derived from llama.cpp's
 * `llama-quantize` size table for Llama-3-8B (file GiB × 8 / 8.03B parameters), so they include the
 * higher-precision embedding and output tensors; IQ types use the bits per weight llama.cpp states.
 */
export const GGUF_BITS_PER_WEIGHT: Readonly<Record<string, number>> = {
  IQ1_S: 1.56,
  IQ1_M: 1.75,
  IQ2_XXS: 2.06,
  IQ2_XS: 2.31,
  IQ2_S: 2.5,
  IQ2_M: 2.7,
  IQ3_XXS: 3.06,
  IQ3_XS: 3.3,
  IQ3_S: 3.44,
  IQ3_M: 3.66,
  IQ4_XS: 4.25,
  IQ4_NL: 4.5,
  Q2_K: 3.17,
  Q2_K_S: 3.17,
  Q3_K_S: 3.65,
  Q3_K_M: 4.0,
  Q3_K: 4.0,
  Q3_K_L: 4.31,
  Q4_0: 4.64,
  Q4_1: 5.0,
  Q4_K_S: 4.67,
  Q4_K_M: 4.9,
  Q4_K: 4.9,
  Q5_0: 5.57,
  Q5_1: 6.0,
  Q5_K_S: 5.57,
  Q5_K_M: 5.7,
  Q5_K: 5.7,
  Q6_K: 6.57,
  Q8_0: 8.51,
  F16: 16,
  BF16: 16,
  F32: 32,
};

const BYTES_PER_PARAMETER: Readonly<Record<string, number>> = {
  fp32: 4,
  float32: 4,
  fp16: 2,
  float16: 2,
  half: 2,
  bf16: 2,
  bfloat16: 2,
  auto: 2,
  fp8: 1,
  float8: 1,
  fp8_e4m3: 1,
  fp8_e5m2: 1,
  int8: 1,
  w8a8: 1,
  w8a16: 1,
  '8bit': 1,
  int4: 0.5,
  awq: 0.5,
  gptq: 0.5,
  nf4: 0.5,
  fp4: 0.5,
  nvfp4: 0.5,
  w4a16: 0.5,
  '4bit': 0.5,
  bitsandbytes: 0.5,
  // MXFP4 stores 32 four-bit values with one shared 8-bit scale.
  mxfp4: 4.25 / 8,
};

export const PrecisionSchema = z.object({
  name: z.string(),
  bytesPerParameter: z.number().positive(),
  /** False when the dtype was not recognised and FP16 was assumed. */
  recognized: z.boolean(),
});
export type Precision = z.infer<typeof PrecisionSchema>;

const GGUF_NAME_PATTERN =
  /(?:^|[^A-Za-z0-9])(IQ\d_(?:XXS|XS|S|M|NL)|Q\d_K(?:_[SML])?|Q\d_[01]|BF16|F16|F32)(?=$|[^A-Za-z0-9])/i;

/** The GGUF quantization named in a file name or label, e.g. "qwen2.5-1.5b-instruct-q4_k_m.gguf" → "Q4_K_M". */
export function ggufQuantizationFromText(text: string): string | undefined {
  const match = GGUF_NAME_PATTERN.exec(text);
  return match?.[1]?.toUpperCase();
}

/**
 * Bytes per parameter for a dtype or quantization: fp32 4; fp16/bf16 2; fp8/int8 1; int4/awq/gptq 0.5; GGUF
 * names by their bits per weight. No dtype means FP16 (how the reference formula and vLLM's `auto` load most
 * checkpoints); an unrecognised one also falls back to FP16 but says so.
 */
export function resolvePrecision(dtype?: string | null): Precision {
  if (!dtype || !dtype.trim()) return { name: 'fp16', bytesPerParameter: 2, recognized: true };
  const key = dtype
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const direct = BYTES_PER_PARAMETER[key] ?? BYTES_PER_PARAMETER[key.replace(/_/g, '')];
  if (direct !== undefined) return { name: key, bytesPerParameter: direct, recognized: true };
  const gguf =
    GGUF_BITS_PER_WEIGHT[dtype.trim().toUpperCase()] ??
    GGUF_BITS_PER_WEIGHT[ggufQuantizationFromText(dtype) ?? ''];
  if (gguf !== undefined) {
    return {
      name: ggufQuantizationFromText(dtype) ?? dtype.trim().toUpperCase(),
      bytesPerParameter: gguf / 8,
      recognized: true,
    };
  }
  return { name: 'fp16', bytesPerParameter: 2, recognized: false };
}

// ---------------------------------------------------------------------------------------------------------
// Serving memory

export const ModelArchitectureSchema = z.object({
  layers: z.number().int().positive(),
  hiddenSize: z.number().int().positive(),
  attentionHeads: z.number().int().positive().optional(),
  /** Key/value heads (grouped-query attention); defaults to `attentionHeads`. */
  kvHeads: z.number().int().positive().optional(),
  /** Defaults to hiddenSize / attentionHeads; some models (Qwen3, Gemma) set it explicitly. */
  headDim: z.number().int().positive().optional(),
});
export type ModelArchitecture = z.infer<typeof ModelArchitectureSchema>;

/**
 * KV-cache bytes per token when the architecture is unknown: 48 KiB × √(billions of parameters) at 2 bytes
 * per element. That matches grouped-query-attention models such as Llama 3 8B and Mistral 7B (128 KiB per
 * token) but can be off by a factor of three either way (Qwen2.5-7B uses 56 KiB, Phi-3-mini 384 KiB), so pass
 * the architecture when the model's config is at hand.
 */
export const HEURISTIC_KV_BYTES_PER_TOKEN_PER_SQRT_BILLION = 48 * 1024;

/** KV-cache bytes for one token across all layers (keys and values). */
export function kvCacheBytesPerToken(architecture: ModelArchitecture, bytesPerElement = 2): number {
  const heads = architecture.attentionHeads;
  const headDim = architecture.headDim ?? (heads ? architecture.hiddenSize / heads : undefined);
  const kvHeads = architecture.kvHeads ?? heads;
  const kvWidth =
    headDim !== undefined && kvHeads !== undefined ? kvHeads * headDim : architecture.hiddenSize;
  return 2 * architecture.layers * kvWidth * bytesPerElement;
}

export const ServingMemoryRequestSchema = z.object({
  parameters: z.number().positive(),
  dtype: z.string().optional(),
  contextLength: z.number().int().positive().optional(),
  /** Sequences whose full context is held at once; defaults to 1. */
  concurrentSequences: z.number().int().positive().optional(),
  architecture: ModelArchitectureSchema.optional(),
  /** KV-cache element type ("fp16", "fp8"); defaults to 2 bytes. */
  kvCacheDtype: z.string().optional(),
});
export type ServingMemoryRequest = z.infer<typeof ServingMemoryRequestSchema>;

export const ServingMemoryEstimateSchema = z.object({
  parameters: z.number().positive(),
  precision: PrecisionSchema,
  weightsGb: z.number().nonnegative(),
  overheadGb: z.number().nonnegative(),
  kvCacheGb: z.number().nonnegative(),
  kvCacheMethod: z.enum(['architecture', 'heuristic', 'none']),
  totalGb: z.number().nonnegative(),
});
export type ServingMemoryEstimate = z.infer<typeof ServingMemoryEstimateSchema>;

/**
 * Weights × precision, × 1.2 serving overhead, plus the KV cache for `contextLength` tokens per sequence
 * (from the architecture when given, else the documented heuristic; none without a context length).
 */
export function estimateServingMemory(request: ServingMemoryRequest): ServingMemoryEstimate {
  const precision = resolvePrecision(request.dtype);
  const weightsBytes = request.parameters * precision.bytesPerParameter;
  const overheadBytes = weightsBytes * (SERVING_OVERHEAD_FACTOR - 1);
  let kvBytes = 0;
  let kvCacheMethod: ServingMemoryEstimate['kvCacheMethod'] = 'none';
  if (request.contextLength) {
    const kvElementBytes = request.kvCacheDtype
      ? Math.max(resolvePrecision(request.kvCacheDtype).bytesPerParameter, 0.5)
      : 2;
    const perToken = request.architecture
      ? kvCacheBytesPerToken(request.architecture, kvElementBytes)
      : HEURISTIC_KV_BYTES_PER_TOKEN_PER_SQRT_BILLION *
        Math.sqrt(request.parameters / BILLION) *
        (kvElementBytes / 2);
    kvBytes = perToken * request.contextLength * (request.concurrentSequences ?? 1);
    kvCacheMethod = request.architecture ? 'architecture' : 'heuristic';
  }
  const weightsGb = weightsBytes / BILLION;
  const overheadGb = overheadBytes / BILLION;
  const kvCacheGb = kvBytes / BILLION;
  return {
    parameters: request.parameters,
    precision,
    weightsGb: roundUpTenth(weightsGb),
    overheadGb: roundUpTenth(overheadGb),
    kvCacheGb: roundUpTenth(kvCacheGb),
    kvCacheMethod,
    totalGb: roundUpTenth(weightsGb + overheadGb + kvCacheGb),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Fit verdict

export const FitVerdictSchema = z.enum(['fits', 'fits-multi-gpu', 'does-not-fit']);
export type FitVerdict = z.infer<typeof FitVerdictSchema>;

const Gb = z.number().nonnegative();
/**
 * Why a model fits or not. `unreportedGpuNodes` counts GPU nodes left out because they report no GPU memory.
 */
export const FitMessageSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('cpu-unchecked'), requiredGb: Gb }),
  z.object({ code: z.literal('cpu-fits'), requiredGb: Gb, node: z.string(), freeGb: Gb }),
  z.object({ code: z.literal('cpu-does-not-fit'), requiredGb: Gb, freeGb: Gb }),
  z.object({
    code: z.literal('fits-one-gpu'),
    gpu: z.string(),
    gpuMemoryGb: Gb,
    node: z.string(),
    requiredGb: Gb,
  }),
  z.object({
    code: z.literal('fits-multi-gpu'),
    gpus: z.number().int().positive(),
    gpuMemoryGb: Gb,
    node: z.string(),
    requiredGb: Gb,
  }),
  z.object({ code: z.literal('no-gpu-nodes'), requiredGb: Gb }),
  z.object({ code: z.literal('no-usable-gpu-nodes'), requiredGb: Gb }),
  z.object({
    code: z.literal('no-gpu-memory-reported'),
    requiredGb: Gb,
    unreportedGpuNodes: z.number(),
  }),
  z.object({
    code: z.literal('beyond-tensor-parallel'),
    gpus: z.number().int().positive(),
    gpuMemoryGb: Gb,
    maxTensorParallel: z.number().int().positive(),
    unreportedGpuNodes: z.number(),
  }),
  z.object({
    code: z.literal('not-enough-free-gpus'),
    gpus: z.number().int().positive(),
    gpuMemoryGb: Gb,
    /** The most free GPUs of that size on one node. */
    free: z.number().int().nonnegative(),
    /** Other nodes have more free GPUs, but smaller ones. */
    sameSizeOnly: z.boolean(),
    unreportedGpuNodes: z.number(),
  }),
]);
export type FitMessage = z.infer<typeof FitMessageSchema>;

export const FitResultSchema = z.object({
  verdict: FitVerdictSchema,
  /** GPUs one replica needs (0 for a CPU-only model). */
  gpusNeeded: z.number().int().nonnegative(),
  /** Tensor-parallel degree: a power of two no larger than the chosen node's free GPUs. */
  tensorParallel: z.number().int().positive(),
  node: z.string().optional(),
  gpuModel: z.string().optional(),
  gpuMemoryGb: z.number().positive().optional(),
  requiredMemoryGb: z.number().nonnegative(),
  /** The verdict in English (fitReasonText of `message`), for logs, the proxy and tests. */
  reason: z.string(),
  /** The verdict as data, so a UI can say it in the viewer's language. */
  message: FitMessageSchema,
});
export type FitResult = z.infer<typeof FitResultSchema>;

/** The English sentence for a fit message (the plugin says the same through its translations). */
export function fitReasonText(message: FitMessage): string {
  const unreported = (count: number) =>
    count > 0
      ? ` ${count} GPU node(s) do not report GPU memory (label nvidia.com/gpu.memory or nvidia.com/gpu.product) and were not counted.`
      : '';
  switch (message.code) {
    case 'cpu-unchecked':
      return `Runs on CPU and needs about ${formatGb(
        message.requiredGb
      )} of memory; no ready node reports its memory, so this is unchecked.`;
    case 'cpu-fits':
      return `Runs on CPU: needs ${formatGb(message.requiredGb)} of memory; node ${
        message.node
      } has ${formatGb(message.freeGb)} unrequested.`;
    case 'cpu-does-not-fit':
      return `Needs ${formatGb(
        message.requiredGb
      )} of memory on one node; the most unrequested on any ready node is ${formatGb(
        message.freeGb
      )}.`;
    case 'fits-one-gpu':
      return `Fits on one ${message.gpu} (${formatGb(message.gpuMemoryGb)}) on node ${
        message.node
      }; needs about ${formatGb(message.requiredGb)}.`;
    case 'fits-multi-gpu':
      return `Fits with ${message.gpus} × ${formatGb(message.gpuMemoryGb)} GPUs (tensor parallel ${
        message.gpus
      }) on node ${message.node}; needs about ${formatGb(message.requiredGb)}.`;
    case 'no-gpu-nodes':
      return `Needs about ${formatGb(
        message.requiredGb
      )} of GPU memory, but the cluster has no GPU nodes.`;
    case 'no-usable-gpu-nodes':
      return `Needs about ${formatGb(
        message.requiredGb
      )} of GPU memory, but no GPU node is ready and schedulable.`;
    case 'no-gpu-memory-reported':
      return `Needs about ${formatGb(
        message.requiredGb
      )} of GPU memory; no GPU node reports its GPU memory.${unreported(
        message.unreportedGpuNodes
      )}`;
    case 'beyond-tensor-parallel':
      return `Needs ${message.gpus} × ${formatGb(
        message.gpuMemoryGb
      )} GPUs on one node, more than the ${
        message.maxTensorParallel
      } a single node serves with tensor parallelism; choose a quantized variant or larger GPUs.${unreported(
        message.unreportedGpuNodes
      )}`;
    case 'not-enough-free-gpus': {
      const where = message.sameSizeOnly
        ? `any node with ${formatGb(message.gpuMemoryGb)} GPUs`
        : 'any node';
      return `Needs ${message.gpus} × ${formatGb(
        message.gpuMemoryGb
      )} GPUs on one node; the most free on ${where} is ${message.free}.${unreported(
        message.unreportedGpuNodes
      )}`;
    }
  }
}

/** A result's `reason` and `message`, from the message. */
function said(message: FitMessage): { reason: string; message: FitMessage } {
  return { reason: fitReasonText(message), message };
}

export interface FitRequirement {
  /** Serving memory one replica needs, in GB. */
  memoryGb: number;
  /** The model runs on CPU (llama.cpp on KAITO without GPUs); memory then means node RAM. */
  cpuOnly?: boolean;
  /** A floor on the GPU count (a catalog's `minGpus`). */
  minGpus?: number;
}

export interface FitOptions {
  maxTensorParallel?: number;
  /** Per-GPU memory to assume for GPU nodes that report none; without it such nodes are left out, and the reason says so. */
  unknownGpuMemoryGb?: number;
}

/** Smallest power of two ≥ n (tensor parallelism needs the attention heads split evenly; powers of two do). */
export function nextPowerOfTwo(n: number): number {
  let power = 1;
  while (power < n) power *= 2;
  return power;
}

/** "19.3 GB": GB with at most one decimal, as the fit sentences write it. */
export function formatGb(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GB`;
}

function gpuLabel(node: NodeGpuCapacity): string {
  return node.gpuModel ?? node.gpuProduct ?? 'GPU';
}

function isUsable(node: NodeGpuCapacity): boolean {
  return node.ready && node.schedulable;
}

function assessCpuFit(
  requirement: FitRequirement,
  capacity: Pick<ClusterCapacity, 'nodes'>
): FitResult {
  const required = roundUpTenth(requirement.memoryGb);
  const base = { gpusNeeded: 0, tensorParallel: 1, requiredMemoryGb: required };
  let best: { node: NodeGpuCapacity; free: number } | undefined;
  let anyReported = false;
  for (const node of capacity.nodes) {
    if (!isUsable(node) || node.memoryAllocatableGb === undefined) continue;
    anyReported = true;
    const free = Math.max(0, node.memoryAllocatableGb - node.memoryRequestedGb);
    if (!best || free > best.free) best = { node, free };
  }
  if (!anyReported) {
    return {
      verdict: 'fits',
      ...base,
      ...said({ code: 'cpu-unchecked', requiredGb: required }),
    };
  }
  if (best && best.free >= required) {
    return {
      verdict: 'fits',
      ...base,
      node: best.node.nodeName,
      ...said({
        code: 'cpu-fits',
        requiredGb: required,
        node: best.node.nodeName,
        freeGb: roundUpTenth(best.free),
      }),
    };
  }
  return {
    verdict: 'does-not-fit',
    ...base,
    ...said({
      code: 'cpu-does-not-fit',
      requiredGb: required,
      freeGb: roundUpTenth(best?.free ?? 0),
    }),
  };
}

interface Placement {
  node: NodeGpuCapacity;
  memoryGb: number;
  gpus: number;
}

function betterPlacement(a: Placement, b: Placement): boolean {
  if (a.gpus !== b.gpus) return a.gpus < b.gpus;
  // Prefer the node this placement fills most tightly, leaving larger free blocks for larger models.
  if (a.node.availableGpus !== b.node.availableGpus)
    return a.node.availableGpus < b.node.availableGpus;
  return a.node.nodeName < b.node.nodeName;
}

/**
 * Fits / fits with N GPUs on one node / does not fit, against each ready, schedulable node's free GPUs and
 * per-GPU memory. The GPU count is the tensor-parallel degree: the smallest power of two whose GPUs hold the
 * model, at least `minGpus`, at most `maxTensorParallel`, on a single node.
 */
export function assessFit(
  requirement: FitRequirement,
  capacity: Pick<ClusterCapacity, 'nodes'>,
  options: FitOptions = {}
): FitResult {
  if (!Number.isFinite(requirement.memoryGb)) {
    throw new RangeError(`memoryGb must be a finite number, got ${requirement.memoryGb}`);
  }
  if (requirement.cpuOnly) return assessCpuFit(requirement, capacity);
  const required = roundUpTenth(Math.max(0, requirement.memoryGb));
  const maxTensorParallel = options.maxTensorParallel ?? DEFAULT_MAX_TENSOR_PARALLEL;
  const minGpus = Math.max(1, Math.ceil(requirement.minGpus ?? 1));
  const gpusFor = (memoryGb: number) =>
    nextPowerOfTwo(Math.max(minGpus, Math.ceil(required / memoryGb)));

  let best: Placement | undefined;
  let largest: { node: NodeGpuCapacity; memoryGb: number } | undefined;
  let gpuNodes = 0;
  let usableGpuNodes = 0;
  let mostFree = 0;
  let nodesWithoutMemory = 0;
  for (const node of capacity.nodes) {
    if (node.totalGpus <= 0) continue;
    gpuNodes += 1;
    if (!isUsable(node)) continue;
    usableGpuNodes += 1;
    mostFree = Math.max(mostFree, node.availableGpus);
    const memoryGb = node.gpuMemoryGb ?? options.unknownGpuMemoryGb;
    if (memoryGb === undefined) {
      nodesWithoutMemory += 1;
      continue;
    }
    if (!largest || memoryGb > largest.memoryGb) largest = { node, memoryGb };
    const gpus = gpusFor(memoryGb);
    if (gpus > maxTensorParallel || gpus > node.availableGpus) continue;
    const placement = { node, memoryGb, gpus };
    if (!best || betterPlacement(placement, best)) best = placement;
  }

  if (best) {
    const { node, memoryGb, gpus } = best;
    const message: FitMessage =
      gpus === 1
        ? {
            code: 'fits-one-gpu',
            gpu: gpuLabel(node),
            gpuMemoryGb: memoryGb,
            node: node.nodeName,
            requiredGb: required,
          }
        : {
            code: 'fits-multi-gpu',
            gpus,
            gpuMemoryGb: memoryGb,
            node: node.nodeName,
            requiredGb: required,
          };
    const gpuModel = node.gpuModel ?? node.gpuProduct;
    return {
      verdict: gpus === 1 ? 'fits' : 'fits-multi-gpu',
      gpusNeeded: gpus,
      tensorParallel: gpus,
      node: node.nodeName,
      ...(gpuModel ? { gpuModel } : {}),
      gpuMemoryGb: memoryGb,
      requiredMemoryGb: required,
      ...said(message),
    };
  }

  const notFit = (gpusNeeded: number, message: FitMessage, memoryGb?: number): FitResult => ({
    verdict: 'does-not-fit',
    gpusNeeded,
    tensorParallel: gpusNeeded,
    ...(memoryGb !== undefined ? { gpuMemoryGb: memoryGb } : {}),
    requiredMemoryGb: required,
    ...said(message),
  });
  if (gpuNodes === 0) return notFit(minGpus, { code: 'no-gpu-nodes', requiredGb: required });
  if (usableGpuNodes === 0) {
    return notFit(minGpus, { code: 'no-usable-gpu-nodes', requiredGb: required });
  }
  if (!largest) {
    return notFit(minGpus, {
      code: 'no-gpu-memory-reported',
      requiredGb: required,
      unreportedGpuNodes: nodesWithoutMemory,
    });
  }
  const largestMemory = largest.memoryGb;
  const gpusNeeded = gpusFor(largestMemory);
  if (gpusNeeded > maxTensorParallel) {
    return notFit(
      gpusNeeded,
      {
        code: 'beyond-tensor-parallel',
        gpus: gpusNeeded,
        gpuMemoryGb: largestMemory,
        maxTensorParallel,
        unreportedGpuNodes: nodesWithoutMemory,
      },
      largestMemory
    );
  }
  // Free GPUs that are smaller than the ones counted would need more of them, so count like with like.
  const freeOfLargest = capacity.nodes
    .filter(
      node => isUsable(node) && (node.gpuMemoryGb ?? options.unknownGpuMemoryGb) === largestMemory
    )
    .reduce((most, node) => Math.max(most, node.availableGpus), 0);
  return notFit(
    gpusNeeded,
    {
      code: 'not-enough-free-gpus',
      gpus: gpusNeeded,
      gpuMemoryGb: largestMemory,
      free: freeOfLargest,
      sameSizeOnly: freeOfLargest !== mostFree,
      unreportedGpuNodes: nodesWithoutMemory,
    },
    largestMemory
  );
}

export interface ModelFitRequest extends ServingMemoryRequest {
  cpuOnly?: boolean;
  minGpus?: number;
}

/** Estimate the model's serving memory, then assess it against the capacity. */
export function assessModelFit(
  request: ModelFitRequest,
  capacity: Pick<ClusterCapacity, 'nodes'>,
  options: FitOptions = {}
): FitResult & { estimate: ServingMemoryEstimate } {
  const estimate = estimateServingMemory(request);
  const requirement: FitRequirement = { memoryGb: estimate.totalGb };
  if (request.cpuOnly !== undefined) requirement.cpuOnly = request.cpuOnly;
  if (request.minGpus !== undefined) requirement.minGpus = request.minGpus;
  return { ...assessFit(requirement, capacity, options), estimate };
}
