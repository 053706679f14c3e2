/** AIKit's pre-made model images (github.com/kaito-project/aikit, "Pre-made Models"). */
import type { PremadeModel } from '@airunway/shared-client/schemas/proxy';

const IMAGE = 'ghcr.io/kaito-project/aikit';

export const PREMADE_MODELS: readonly PremadeModel[] = [
  {
    id: 'llama3.2-1b',
    modelName: 'Llama 3.2 1B Instruct',
    image: `${IMAGE}/llama3.2:1b`,
    license: 'Llama',
    size: '1B',
    computeType: 'cpu',
    description: 'Small Llama model; runs on CPU',
  },
  {
    id: 'llama3.2-3b',
    modelName: 'Llama 3.2 3B Instruct',
    image: `${IMAGE}/llama3.2:3b`,
    license: 'Llama',
    size: '3B',
    computeType: 'cpu',
    description: 'Compact Llama model; runs on CPU',
  },
  {
    id: 'llama3.1-8b',
    modelName: 'Llama 3.1 8B Instruct',
    image: `${IMAGE}/llama3.1:8b`,
    license: 'Llama',
    size: '8B',
    computeType: 'gpu',
    description: 'General-purpose 8B chat model',
  },
  {
    id: 'llama3.3-70b',
    modelName: 'Llama 3.3 70B Instruct',
    image: `${IMAGE}/llama3.3:70b`,
    license: 'Llama',
    size: '70B',
    computeType: 'gpu',
    description: 'Large Llama chat model',
  },
  {
    id: 'mixtral-8x7b',
    modelName: 'Mixtral 8x7B Instruct',
    image: `${IMAGE}/mixtral:8x7b`,
    license: 'Apache 2.0',
    size: '8x7B',
    computeType: 'gpu',
    description: 'Sparse mixture-of-experts model',
  },
  {
    id: 'phi4-14b',
    modelName: 'Phi 4 14B',
    image: `${IMAGE}/phi4:14b`,
    license: 'MIT',
    size: '14B',
    computeType: 'gpu',
    description: 'Microsoft Phi 4',
  },
  {
    id: 'gemma2-2b',
    modelName: 'Gemma 2 2B Instruct',
    image: `${IMAGE}/gemma2:2b`,
    license: 'Gemma',
    size: '2B',
    computeType: 'cpu',
    description: 'Small Gemma model; runs on CPU',
  },
  {
    id: 'qwq-32b',
    modelName: 'QwQ 32B',
    image: `${IMAGE}/qwq:32b`,
    license: 'Apache 2.0',
    size: '32B',
    computeType: 'gpu',
    description: 'Qwen reasoning model',
  },
  {
    id: 'codestral-22b',
    modelName: 'Codestral 22B',
    image: `${IMAGE}/codestral:22b`,
    license: 'MNPL',
    size: '22B',
    computeType: 'gpu',
    description: 'Mistral code model',
  },
  {
    id: 'gpt-oss-20b',
    modelName: 'gpt-oss 20B',
    image: `${IMAGE}/gpt-oss:20b`,
    license: 'Apache 2.0',
    size: '20B',
    computeType: 'gpu',
    description: "OpenAI's open-weight MoE model",
  },
  {
    id: 'gpt-oss-120b',
    modelName: 'gpt-oss 120B',
    image: `${IMAGE}/gpt-oss:120b`,
    license: 'Apache 2.0',
    size: '120B',
    computeType: 'gpu',
    description: "OpenAI's large open-weight MoE model",
  },
];

export function findPremade(id: string): PremadeModel | undefined {
  const wanted = id.toLowerCase();
  return PREMADE_MODELS.find(m => m.id === wanted);
}
