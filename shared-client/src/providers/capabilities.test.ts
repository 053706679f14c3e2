import { describe, expect, it } from 'vitest';
import { ENGINE_TYPES } from '../schemas/modelDeployment';
import { engineCapability, PROVIDERS, providersSupporting } from './capabilities';

describe('the provider capability matrix', () => {
  it('has KAITO as the only CPU provider, and only for llama.cpp', () => {
    for (const engine of ENGINE_TYPES) {
      const cpu = providersSupporting({ engine, gpu: false, mode: 'aggregated' });
      expect(cpu, engine).toEqual(engine === 'llamacpp' ? ['kaito'] : []);
    }
  });

  it('runs SGLang and TensorRT-LLM only on Dynamo', () => {
    expect(providersSupporting({ engine: 'sglang', gpu: true, mode: 'aggregated' })).toEqual([
      'dynamo',
    ]);
    expect(providersSupporting({ engine: 'trtllm', gpu: true, mode: 'aggregated' })).toEqual([
      'dynamo',
    ]);
  });

  it('serves disaggregated vLLM on Dynamo, KubeRay and llm-d, but not KAITO or direct vLLM', () => {
    expect(providersSupporting({ engine: 'vllm', gpu: true, mode: 'disaggregated' })).toEqual([
      'dynamo',
      'kuberay',
      'llmd',
    ]);
    expect(providersSupporting({ engine: 'trtllm', gpu: true, mode: 'disaggregated' })).toEqual([]);
  });

  it('runs vLLM on GPUs everywhere', () => {
    expect(providersSupporting({ engine: 'vllm', gpu: true, mode: 'aggregated' })).toEqual(
      Object.keys(PROVIDERS)
    );
  });

  it('marks llm-d and direct vLLM as explicit-only', () => {
    const automatic = Object.values(PROVIDERS)
      .filter(provider => provider.autoSelectable)
      .map(provider => provider.name);
    expect(automatic).toEqual(['dynamo', 'kaito', 'kuberay']);
    expect(engineCapability('kuberay', 'trtllm')).toBeUndefined();
  });
});
