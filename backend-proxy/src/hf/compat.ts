/**
 * Which HuggingFace models the serving engines can run, from the Hub's `config.architectures` and tags.
 * vLLM's supported text-generation architectures (its model registry) are the reference list; SGLang
 * and TensorRT-LLM serve a subset. GGUF repositories are served by llama.cpp.
 */
import type { EngineType as Engine } from '@airunway/shared-client/schemas/modelDeployment';

/** Architectures vLLM, SGLang and TensorRT-LLM all serve. */
const ALL_GPU_ENGINES = new Set([
  'LlamaForCausalLM',
  'MistralForCausalLM',
  'MixtralForCausalLM',
  'Qwen2ForCausalLM',
  'Qwen2MoeForCausalLM',
  'Qwen3ForCausalLM',
  'Qwen3MoeForCausalLM',
  'GemmaForCausalLM',
  'Gemma2ForCausalLM',
  'Phi3ForCausalLM',
  'DeepseekV2ForCausalLM',
  'DeepseekV3ForCausalLM',
  'GPTNeoXForCausalLM',
  'FalconForCausalLM',
  'GPT2LMHeadModel',
  'GPTJForCausalLM',
  'BloomForCausalLM',
  'ChatGLMModel',
  'InternLM2ForCausalLM',
  'BaichuanForCausalLM',
]);

/** Architectures vLLM and SGLang serve (TensorRT-LLM support missing or partial). */
const VLLM_SGLANG = new Set([
  'Gemma3ForCausalLM',
  'Gemma3ForConditionalGeneration',
  'GptOssForCausalLM',
  'OlmoForCausalLM',
  'Olmo2ForCausalLM',
  'StableLmForCausalLM',
  'Starcoder2ForCausalLM',
  'GraniteForCausalLM',
  'GraniteMoeForCausalLM',
  'ExaoneForCausalLM',
  'MiniCPMForCausalLM',
  'CohereForCausalLM',
  'Cohere2ForCausalLM',
  'DbrxForCausalLM',
  'Glm4ForCausalLM',
  'PhiForCausalLM',
  'PhiMoEForCausalLM',
  'Phi3SmallForCausalLM',
]);

/** Architectures only vLLM serves. */
const VLLM_ONLY = new Set([
  'MambaForCausalLM',
  'JambaForCausalLM',
  'ArcticForCausalLM',
  'Mistral3ForConditionalGeneration',
  'Llama4ForConditionalGeneration',
  'MllamaForConditionalGeneration',
  'NemotronForCausalLM',
  'SmolLM3ForCausalLM',
  'ErnieForCausalLM',
  'Ernie4_5_ForCausalLM',
  'MiniMaxText01ForCausalLM',
  'TeleChat2ForCausalLM',
  'OPTForCausalLM',
  'MPTForCausalLM',
  'GPTBigCodeForCausalLM',
  'Plamo2ForCausalLM',
  'Exaone4ForCausalLM',
  'HunYuanDenseV1ForCausalLM',
]);

export interface Compatibility {
  compatible: boolean;
  supportedEngines: Engine[];
  reason?: string;
}

export function engineCompatibility(
  architectures: readonly string[] | undefined,
  tags: readonly string[] | undefined
): Compatibility {
  if (tags?.some(t => t.toLowerCase() === 'gguf')) {
    return { compatible: true, supportedEngines: ['llamacpp'] };
  }
  const archs = architectures ?? [];
  if (archs.length === 0) {
    return {
      compatible: false,
      supportedEngines: [],
      reason: 'The model does not declare an architecture in its config.',
    };
  }
  const engines = new Set<Engine>();
  for (const arch of archs) {
    if (ALL_GPU_ENGINES.has(arch))
      ['vllm', 'sglang', 'trtllm'].forEach(e => engines.add(e as Engine));
    else if (VLLM_SGLANG.has(arch)) ['vllm', 'sglang'].forEach(e => engines.add(e as Engine));
    else if (VLLM_ONLY.has(arch)) engines.add('vllm');
  }
  if (engines.size === 0) {
    return {
      compatible: false,
      supportedEngines: [],
      reason: `Architecture ${archs.join(', ')} is not supported by vLLM, SGLang or TensorRT-LLM.`,
    };
  }
  const order: Engine[] = ['vllm', 'sglang', 'trtllm', 'llamacpp'];
  return { compatible: true, supportedEngines: order.filter(e => engines.has(e)) };
}
