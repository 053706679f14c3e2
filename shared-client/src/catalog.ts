/**
 * The curated model catalog: real HuggingFace models with their parameter counts (from the model cards),
 * context lengths (the `max_position_embeddings` an engine serves by default), gating, and the engines that
 * serve them. `minGpuMemory` comes from `fit.ts` so the catalog and the fit badge never disagree.
 */
import { z } from 'zod';
import { estimateServingMemory, ModelArchitectureSchema, nextPowerOfTwo } from './fit';

export const ENGINES = ['vllm', 'sglang', 'trtllm', 'llamacpp'] as const;
export const EngineSchema = z.enum(ENGINES);
export type Engine = z.infer<typeof EngineSchema>;

/** `minGpus` is counted in GPUs of this size: the 80 GB class (A100-80GB, H100) that large models are served on. */
export const REFERENCE_GPU_MEMORY_GB = 80;

export const CatalogModelSchema = z.object({
  /** HuggingFace repository id. */
  id: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
  name: z.string().min(1),
  description: z.string().min(1),
  /** Parameter count as people say it, e.g. "0.6B". */
  size: z.string(),
  parameters: z.number().int().positive(),
  task: z.enum(['text-generation', 'chat']),
  contextLength: z.number().int().positive(),
  supportedEngines: z.array(EngineSchema).min(1),
  /** Serving memory in GB for the weights at `dtype` × 1.2 (no KV cache), from `fit.ts`. */
  minGpuMemory: z.number().positive(),
  minGpus: z.number().int().positive(),
  gated: z.boolean(),
  /** Weight precision of the checkpoint; omitted means BF16/FP16. */
  dtype: z.string().optional(),
  /** For GGUF repositories: the file llama.cpp loads. */
  ggufFile: z.string().optional(),
  /** Small enough, and in a format, to run without a GPU (llama.cpp). */
  cpuCapable: z.boolean().optional(),
  architecture: ModelArchitectureSchema.optional(),
});
export type CatalogModel = z.infer<typeof CatalogModelSchema>;

type CatalogEntry = Omit<CatalogModel, 'minGpuMemory' | 'minGpus'>;

const GPU_ENGINES: Engine[] = ['vllm', 'sglang', 'trtllm'];

/** Serving memory of the weights (no KV cache) at the model's precision: the reference formula for FP16/BF16. */
export function catalogMinGpuMemoryGb(parameters: number, dtype?: string): number {
  return estimateServingMemory(dtype ? { parameters, dtype } : { parameters }).totalGb;
}

export function catalogMinGpus(minGpuMemoryGb: number): number {
  return nextPowerOfTwo(Math.ceil(minGpuMemoryGb / REFERENCE_GPU_MEMORY_GB));
}

function withRequirements(entry: CatalogEntry): CatalogModel {
  const minGpuMemory = catalogMinGpuMemoryGb(entry.parameters, entry.dtype);
  return { ...entry, minGpuMemory, minGpus: catalogMinGpus(minGpuMemory) };
}

const ENTRIES: CatalogEntry[] = [
  {
    id: 'Qwen/Qwen3-0.6B',
    name: 'Qwen3 0.6B',
    description: 'Small, efficient model ideal for development and smoke tests',
    size: '0.6B',
    parameters: 600_000_000,
    task: 'text-generation',
    contextLength: 32768,
    supportedEngines: GPU_ENGINES,
    gated: false,
    architecture: { layers: 28, hiddenSize: 1024, attentionHeads: 16, kvHeads: 8, headDim: 128 },
  },
  {
    id: 'Qwen/Qwen2.5-0.5B-Instruct',
    name: 'Qwen2.5 0.5B Instruct',
    description: 'Tiny instruction-tuned model for development clusters and CI',
    size: '0.5B',
    parameters: 490_000_000,
    task: 'chat',
    contextLength: 32768,
    supportedEngines: GPU_ENGINES,
    gated: false,
    architecture: { layers: 24, hiddenSize: 896, attentionHeads: 14, kvHeads: 2 },
  },
  {
    id: 'TinyLlama/TinyLlama-1.1B-Chat-v1.0',
    name: 'TinyLlama 1.1B Chat',
    description:
      'Llama-architecture 1.1B chat model with a short 2K context; quick to download and serve',
    size: '1.1B',
    parameters: 1_100_000_000,
    task: 'chat',
    contextLength: 2048,
    supportedEngines: GPU_ENGINES,
    gated: false,
    architecture: { layers: 22, hiddenSize: 2048, attentionHeads: 32, kvHeads: 4 },
  },
  {
    id: 'meta-llama/Llama-3.2-1B-Instruct',
    name: 'Llama 3.2 1B Instruct',
    description: 'Compact Llama model optimized for instruction following',
    size: '1B',
    parameters: 1_240_000_000,
    task: 'chat',
    contextLength: 131072,
    supportedEngines: GPU_ENGINES,
    gated: true,
    architecture: { layers: 16, hiddenSize: 2048, attentionHeads: 32, kvHeads: 8 },
  },
  {
    id: 'meta-llama/Llama-3.1-8B-Instruct',
    name: 'Llama 3.1 8B Instruct',
    description: 'General-purpose 8B chat model with a 128K context',
    size: '8B',
    parameters: 8_030_000_000,
    task: 'chat',
    contextLength: 131072,
    supportedEngines: GPU_ENGINES,
    gated: true,
    architecture: { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8 },
  },
  {
    id: 'meta-llama/Llama-3.1-70B-Instruct',
    name: 'Llama 3.1 70B Instruct',
    description: 'Large Llama chat model; needs several 80 GB GPUs with tensor parallelism',
    size: '70B',
    parameters: 70_600_000_000,
    task: 'chat',
    contextLength: 131072,
    supportedEngines: GPU_ENGINES,
    gated: true,
    architecture: { layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8 },
  },
  {
    id: 'mistralai/Mistral-7B-Instruct-v0.3',
    name: 'Mistral 7B Instruct v0.3',
    description: 'Mistral 7B instruction model with an extended vocabulary and function calling',
    size: '7B',
    parameters: 7_250_000_000,
    task: 'chat',
    contextLength: 32768,
    supportedEngines: GPU_ENGINES,
    gated: true,
    architecture: { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8 },
  },
  {
    id: 'mistralai/Mixtral-8x7B-Instruct-v0.1',
    name: 'Mixtral 8x7B Instruct',
    description: 'Sparse mixture-of-experts model: 46.7B parameters, about 13B active per token',
    size: '8x7B',
    parameters: 46_700_000_000,
    task: 'chat',
    contextLength: 32768,
    supportedEngines: GPU_ENGINES,
    gated: true,
    architecture: { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8 },
  },
  {
    id: 'Qwen/Qwen2.5-7B-Instruct',
    name: 'Qwen2.5 7B Instruct',
    description:
      'Strong 7B multilingual chat model; 32K context by default, 128K with YaRN scaling',
    size: '7B',
    parameters: 7_610_000_000,
    task: 'chat',
    contextLength: 32768,
    supportedEngines: GPU_ENGINES,
    gated: false,
    architecture: { layers: 28, hiddenSize: 3584, attentionHeads: 28, kvHeads: 4 },
  },
  {
    id: 'Qwen/Qwen2.5-72B-Instruct',
    name: 'Qwen2.5 72B Instruct',
    description: 'Flagship Qwen2.5 chat model; needs several 80 GB GPUs with tensor parallelism',
    size: '72B',
    parameters: 72_700_000_000,
    task: 'chat',
    contextLength: 32768,
    supportedEngines: GPU_ENGINES,
    gated: false,
    architecture: { layers: 80, hiddenSize: 8192, attentionHeads: 64, kvHeads: 8 },
  },
  {
    id: 'google/gemma-2-9b-it',
    name: 'Gemma 2 9B Instruct',
    description: "Google's Gemma 2 instruction model with an 8K context",
    size: '9B',
    parameters: 9_240_000_000,
    task: 'chat',
    contextLength: 8192,
    supportedEngines: GPU_ENGINES,
    gated: true,
    architecture: { layers: 42, hiddenSize: 3584, attentionHeads: 16, kvHeads: 8, headDim: 256 },
  },
  {
    id: 'google/gemma-3-1b-it',
    name: 'Gemma 3 1B Instruct',
    description: 'Smallest text-only Gemma 3 model with a 32K context',
    size: '1B',
    parameters: 1_000_000_000,
    task: 'chat',
    contextLength: 32768,
    supportedEngines: ['vllm', 'sglang'],
    gated: true,
    architecture: { layers: 26, hiddenSize: 1152, attentionHeads: 4, kvHeads: 1, headDim: 256 },
  },
  {
    id: 'microsoft/Phi-3-mini-4k-instruct',
    name: 'Phi-3 Mini 4K Instruct',
    description: 'Microsoft 3.8B small language model with a 4K context',
    size: '3.8B',
    parameters: 3_820_000_000,
    task: 'chat',
    contextLength: 4096,
    supportedEngines: GPU_ENGINES,
    gated: false,
    architecture: { layers: 32, hiddenSize: 3072, attentionHeads: 32, kvHeads: 32 },
  },
  {
    id: 'microsoft/Phi-4-mini-instruct',
    name: 'Phi-4 Mini Instruct',
    description: 'Microsoft 3.8B model with a 128K context, good at reasoning and function calling',
    size: '3.8B',
    parameters: 3_840_000_000,
    task: 'chat',
    contextLength: 131072,
    supportedEngines: ['vllm', 'sglang'],
    gated: false,
    architecture: { layers: 32, hiddenSize: 3072, attentionHeads: 24, kvHeads: 8, headDim: 128 },
  },
  {
    id: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
    name: 'DeepSeek R1 Distill Qwen 7B',
    description: 'Reasoning model distilled from DeepSeek-R1 into Qwen2.5-Math-7B',
    size: '7B',
    parameters: 7_620_000_000,
    task: 'text-generation',
    contextLength: 131072,
    supportedEngines: GPU_ENGINES,
    gated: false,
    architecture: { layers: 28, hiddenSize: 3584, attentionHeads: 28, kvHeads: 4 },
  },
  {
    id: 'openai/gpt-oss-20b',
    name: 'gpt-oss 20B',
    description:
      "OpenAI's open-weight mixture-of-experts reasoning model (21B parameters, 3.6B active), MXFP4 weights",
    size: '21B',
    parameters: 21_000_000_000,
    task: 'chat',
    contextLength: 131072,
    supportedEngines: GPU_ENGINES,
    gated: false,
    dtype: 'mxfp4',
    architecture: { layers: 24, hiddenSize: 2880, attentionHeads: 64, kvHeads: 8, headDim: 64 },
  },
  {
    id: 'Qwen/Qwen2.5-1.5B-Instruct-GGUF',
    name: 'Qwen2.5 1.5B Instruct (GGUF Q4_K_M)',
    description: 'Quantized GGUF build for llama.cpp; runs on a small GPU or on CPU',
    size: '1.5B',
    parameters: 1_540_000_000,
    task: 'chat',
    contextLength: 32768,
    supportedEngines: ['llamacpp'],
    gated: false,
    dtype: 'Q4_K_M',
    ggufFile: 'qwen2.5-1.5b-instruct-q4_k_m.gguf',
    cpuCapable: true,
    architecture: { layers: 28, hiddenSize: 1536, attentionHeads: 12, kvHeads: 2 },
  },
  {
    id: 'bartowski/Meta-Llama-3.1-8B-Instruct-GGUF',
    name: 'Llama 3.1 8B Instruct (GGUF Q4_K_M)',
    description:
      'Community GGUF quantization of Llama 3.1 8B Instruct for llama.cpp; no HuggingFace gating',
    size: '8B',
    parameters: 8_030_000_000,
    task: 'chat',
    contextLength: 131072,
    supportedEngines: ['llamacpp'],
    gated: false,
    dtype: 'Q4_K_M',
    ggufFile: 'Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf',
    cpuCapable: true,
    architecture: { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8 },
  },
];

export const MODEL_CATALOG: readonly CatalogModel[] = ENTRIES.map(withRequirements);

export interface CatalogFilter {
  /** Every whitespace-separated word must appear in the id, name, description or size (case-insensitive). */
  search?: string;
  engine?: Engine | string;
}

export function filterCatalog(
  models: readonly CatalogModel[],
  filter: CatalogFilter = {}
): CatalogModel[] {
  const words = (filter.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const engine = filter.engine?.trim().toLowerCase();
  return models.filter(model => {
    if (engine && !model.supportedEngines.includes(engine as Engine)) return false;
    if (words.length === 0) return true;
    const haystack = `${model.id} ${model.name} ${model.description} ${model.size}`.toLowerCase();
    return words.every(word => haystack.includes(word));
  });
}

export function findCatalogModel(
  id: string,
  models: readonly CatalogModel[] = MODEL_CATALOG
): CatalogModel | undefined {
  const wanted = id.toLowerCase();
  return models.find(model => model.id.toLowerCase() === wanted);
}
