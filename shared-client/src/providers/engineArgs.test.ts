import { describe, expect, it } from 'vitest';
import { LLAMA_8B } from '../schemas/examples';
import {
  contextLengthArgs,
  effectiveGpuMemoryFraction,
  engineFlags,
  gpuMemoryArg,
  namedArgsToFlags,
  withGpuMemoryFraction,
  withTensorParallel,
} from './engineArgs';

describe('context length', () => {
  it('maps to each engine’s own flag', () => {
    expect(contextLengthArgs('vllm', 8192)).toEqual(['--max-model-len', '8192']);
    expect(contextLengthArgs('sglang', 8192)).toEqual(['--context-length', '8192']);
    expect(contextLengthArgs('llamacpp', 8192)).toEqual(['--ctx-size', '8192']);
  });

  it('has no runtime flag for TensorRT-LLM (fixed at build time) and none when unset', () => {
    expect(contextLengthArgs('trtllm', 8192)).toEqual([]);
    expect(contextLengthArgs('vllm', undefined)).toEqual([]);
  });
});

describe('GPU memory fraction', () => {
  it('uses gpu-memory-utilization for vLLM and mem-fraction-static for SGLang', () => {
    expect(gpuMemoryArg('vllm')).toEqual({ key: 'gpu-memory-utilization', defaultFraction: 0.9 });
    expect(gpuMemoryArg('sglang')).toEqual({ key: 'mem-fraction-static', defaultFraction: 0.88 });
    expect(gpuMemoryArg('trtllm')).toBeUndefined();
    expect(gpuMemoryArg('llamacpp')).toBeUndefined();
  });

  it('sets the fraction in engine.args without touching other args', () => {
    expect(withGpuMemoryFraction('vllm', { quantization: 'awq' }, 0.85)).toEqual({
      quantization: 'awq',
      'gpu-memory-utilization': '0.85',
    });
    expect(withGpuMemoryFraction('sglang', undefined, 0.8)).toEqual({
      'mem-fraction-static': '0.8',
    });
    expect(withGpuMemoryFraction('llamacpp', {}, 0.8)).toBeUndefined();
    expect(() => withGpuMemoryFraction('vllm', {}, 1.2)).toThrow(RangeError);
  });

  it('reads the configured fraction, falling back to the engine default', () => {
    expect(effectiveGpuMemoryFraction('vllm', { 'gpu-memory-utilization': '0.7' })).toBe(0.7);
    expect(effectiveGpuMemoryFraction('vllm', {})).toBe(0.9);
    expect(effectiveGpuMemoryFraction('sglang', { 'mem-fraction-static': 'lots' })).toBe(0.88);
  });
});

describe('engine flags', () => {
  it('turn named args into sorted --key value pairs, bare flags for empty values', () => {
    expect(
      namedArgsToFlags({ quantization: 'awq', 'trust-remote-code': '', dtype: 'half' })
    ).toEqual(['--dtype', 'half', '--quantization', 'awq', '--trust-remote-code']);
  });

  it('derive the full vLLM command line from the spec', () => {
    expect(
      engineFlags(
        {
          ...LLAMA_8B.spec,
          model: { ...LLAMA_8B.spec.model, servedName: 'llama' },
          engine: {
            type: 'vllm',
            contextLength: 8192,
            trustRemoteCode: true,
            enforceEager: true,
            args: { quantization: 'awq' },
            extraArgs: ['--seed=1'],
          },
        },
        'vllm'
      )
    ).toEqual([
      '--model',
      'meta-llama/Llama-3.1-8B-Instruct',
      '--served-model-name',
      'llama',
      '--max-model-len',
      '8192',
      '--trust-remote-code',
      '--enforce-eager',
      '--quantization',
      'awq',
      '--seed=1',
    ]);
  });

  it('use --model-path for SGLang and drop vLLM-only toggles for TensorRT-LLM', () => {
    const flags = engineFlags(
      { model: { id: 'a/b' }, engine: { trustRemoteCode: true, contextLength: 4096 } },
      'trtllm'
    );
    expect(flags).toEqual(['--model-path', 'a/b']);
    expect(engineFlags({ model: { id: 'a/b' } }, 'sglang')).toEqual(['--model-path', 'a/b']);
  });
});

describe('tensor parallelism', () => {
  it('uses each engine’s own flag and drops the other spellings', () => {
    expect(withTensorParallel('vllm', { 'tp-size': '2', 'max-num-seqs': '64' }, 4)).toEqual({
      'max-num-seqs': '64',
      'tensor-parallel-size': '4',
    });
    expect(withTensorParallel('sglang', { 'tensor-parallel-size': '2' }, 8)).toEqual({
      'tp-size': '8',
    });
    expect(withTensorParallel('trtllm', undefined, 2)).toEqual({ tp_size: '2' });
  });

  it('leaves the flag out for one GPU and for llama.cpp, which has none', () => {
    expect(withTensorParallel('vllm', { 'tensor-parallel-size': '4' }, 1)).toEqual({});
    expect(withTensorParallel('llamacpp', { tp: '2', 'ctx-size': '4096' }, 4)).toEqual({
      'ctx-size': '4096',
    });
  });

  it('refuses a degree that is not a whole number of at least 1', () => {
    expect(() => withTensorParallel('vllm', {}, 0)).toThrow(RangeError);
    expect(() => withTensorParallel('vllm', {}, 1.5)).toThrow(RangeError);
  });
});
