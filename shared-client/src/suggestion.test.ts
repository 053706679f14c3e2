import { describe, expect, it } from 'vitest';
import { type ClusterCapacity, computeClusterCapacity } from './capacity';
import type { K8sNode } from './k8s';
import { ModelDeploymentSpecSchema } from './schemas/modelDeployment';
import {
  type AiConfiguratorAnalyzeResponse,
  AiConfiguratorAnalyzeResponseSchema,
} from './schemas/proxy';
import { applySuggestion, clusterGpuTypes, defaultSuggestionGpuType } from './suggestion';

function answer(
  config: Partial<AiConfiguratorAnalyzeResponse['config']> = {},
  extra: Partial<AiConfiguratorAnalyzeResponse> = {}
): AiConfiguratorAnalyzeResponse {
  return AiConfiguratorAnalyzeResponseSchema.parse({
    success: true,
    config: {
      tensorParallelDegree: 4,
      maxBatchSize: 64,
      gpuMemoryUtilization: 0.85,
      maxModelLen: 16384,
      ...config,
    },
    mode: 'aggregated',
    replicas: 1,
    source: 'aiconfigurator',
    ...extra,
  });
}

function gpuNode(name: string, product: string, gpus: number): K8sNode {
  return {
    metadata: { name, labels: { 'nvidia.com/gpu.product': product } },
    spec: {},
    status: {
      allocatable: { 'nvidia.com/gpu': String(gpus), memory: '200Gi', cpu: '24' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  } as K8sNode;
}

describe('applySuggestion', () => {
  it('writes vLLM tensor parallelism, GPU memory share and context length, keeping other args', () => {
    const result = applySuggestion(
      { model: { id: 'Qwen/Qwen3-8B' }, engine: { type: 'vllm', args: { quantization: 'fp8' } } },
      answer()
    );
    expect(result.spec.engine).toStrictEqual({
      type: 'vllm',
      contextLength: 16384,
      args: {
        quantization: 'fp8',
        'tensor-parallel-size': '4',
        'gpu-memory-utilization': '0.85',
      },
    });
    expect(result).toMatchObject({
      engine: 'vllm',
      engineChosen: false,
      tensorParallel: 'set',
      contextLength: 'set',
      gpuMemoryUtilization: 'set',
      gpuMemoryArgKey: 'gpu-memory-utilization',
    });
    expect(ModelDeploymentSpecSchema.safeParse(result.spec).success).toBe(true);
  });

  it("uses SGLang's own flag names and drops another engine's tensor-parallel spelling", () => {
    const result = applySuggestion(
      { model: { id: 'a/b' }, engine: { type: 'sglang', args: { 'tensor-parallel-size': '8' } } },
      answer({ tensorParallelDegree: 2, gpuMemoryUtilization: 0.8 })
    );
    expect(result.spec.engine?.args).toStrictEqual({
      'tp-size': '2',
      'mem-fraction-static': '0.8',
    });
  });

  it('reports TensorRT-LLM as having no GPU memory setting and llama.cpp as having neither', () => {
    const trt = applySuggestion({ model: { id: 'a/b' }, engine: { type: 'trtllm' } }, answer());
    expect(trt.spec.engine?.args).toStrictEqual({ tp_size: '4' });
    expect(trt.gpuMemoryUtilization).toBe('unsupported');
    expect(trt.gpuMemoryArgKey).toBeUndefined();

    const llama = applySuggestion({ model: { id: 'a/b' }, engine: { type: 'llamacpp' } }, answer());
    expect(llama.spec.engine).toStrictEqual({ type: 'llamacpp', contextLength: 16384 });
    expect(llama.tensorParallel).toBe('unsupported');
    expect(llama.gpuMemoryUtilization).toBe('unsupported');
  });

  it('leaves a degree of 1 to the engine default and removes an earlier degree', () => {
    const result = applySuggestion(
      { model: { id: 'a/b' }, engine: { type: 'vllm', args: { 'tensor-parallel-size': '4' } } },
      answer({ tensorParallelDegree: 1 })
    );
    expect(result.tensorParallel).toBe('engine-default');
    expect(result.spec.engine?.args).toStrictEqual({ 'gpu-memory-utilization': '0.85' });
  });

  it("chooses the answer's backend (else vLLM) when the spec has no engine", () => {
    const withBackend = applySuggestion(
      { model: { id: 'a/b' } },
      answer({}, { backend: 'sglang' })
    );
    expect(withBackend).toMatchObject({ engine: 'sglang', engineChosen: true });
    expect(withBackend.spec.engine?.type).toBe('sglang');
    const without = applySuggestion({ model: { id: 'a/b' } }, answer());
    expect(without.spec.engine?.type).toBe('vllm');
  });

  it('treats a zero GPU memory share as no advice', () => {
    const result = applySuggestion(
      { model: { id: 'a/b' }, engine: { type: 'vllm' } },
      answer({ gpuMemoryUtilization: 0 })
    );
    expect(result.gpuMemoryUtilization).toBe('unsupported');
    expect(result.spec.engine?.args).toStrictEqual({ 'tensor-parallel-size': '4' });
  });
});

describe('defaultSuggestionGpuType', () => {
  const capacity: ClusterCapacity = computeClusterCapacity(
    [gpuNode('l4', 'NVIDIA-L4', 1), gpuNode('a100', 'NVIDIA-A100-SXM4-80GB', 8)],
    []
  );

  it('prefers a GPU model typed in the form, then the cluster node with the most free GPUs', () => {
    expect(defaultSuggestionGpuType('H100 80GB', capacity)).toBe('H100-SXM');
    expect(defaultSuggestionGpuType('nvidia.com/gpu', capacity)).toBe('A100-80GB');
    expect(defaultSuggestionGpuType('', null)).toBe('');
  });

  it('lists the distinct cluster GPU models', () => {
    expect(clusterGpuTypes(capacity)).toEqual(['A100-80GB', 'L4']);
    expect(clusterGpuTypes(null)).toEqual([]);
  });
});
