import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeGpuCapacity } from './capacity';
import {
  assessFit,
  assessModelFit,
  dominantSafetensorsDtype,
  estimateGpuMemoryGb,
  estimateServingMemory,
  fitReasonText,
  FitResultSchema,
  ggufQuantizationFromText,
  kvCacheBytesPerToken,
  nextPowerOfTwo,
  parameterCountFromName,
  parameterCountFromSafetensors,
  parseParameterCount,
  resolvePrecision,
} from './fit';

function gpuNode(
  name: string,
  free: number,
  memoryGb: number | undefined,
  extra: Partial<NodeGpuCapacity> = {}
): NodeGpuCapacity {
  return {
    nodeName: name,
    totalGpus: 8,
    allocatedGpus: 8 - free,
    availableGpus: free,
    ready: true,
    schedulable: true,
    gpuMemoryGb: memoryGb,
    gpuModel: memoryGb === 80 ? 'A100-80GB' : undefined,
    memoryRequestedGb: 0,
    ...extra,
  };
}

describe('estimateGpuMemoryGb (reference formula)', () => {
  it('is (params × 2 bytes) × 1.2 in GB', () => {
    expect(estimateGpuMemoryGb(8_000_000_000)).toBe(19.2);
    expect(estimateGpuMemoryGb(70_000_000_000)).toBe(168);
    expect(estimateGpuMemoryGb(600_000_000)).toBe(1.5); // 1.44 rounded up, never down
  });

  it('agrees with the serving estimate for FP16 without context', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000_000, max: 2_000_000_000_000 }), parameters => {
        expect(estimateServingMemory({ parameters }).totalGb).toBe(estimateGpuMemoryGb(parameters));
      })
    );
  });
});

describe('parameter counts', () => {
  it.each([
    ['8B', 8e9],
    ['0.6B', 6e8],
    ['70B', 70e9],
    ['1.5T', 1.5e12],
    ['350M', 350e6],
    ['7b', 7e9],
    [' 1.5 B ', 1.5e9],
    ['8x7B', 56e9],
    ['125K', 125e3],
  ])('%j → %d', (size, expected) => {
    expect(parseParameterCount(size)).toBe(expected);
  });

  it.each(['', 'B', '8', 'eight B', '0B', '-3B', '8GB'])('rejects %j', size => {
    expect(parseParameterCount(size)).toBeUndefined();
  });

  it('reads sizes from model names', () => {
    expect(parameterCountFromName('meta-llama/Llama-3.1-8B-Instruct')).toBe(8e9);
    expect(parameterCountFromName('Qwen/Qwen2.5-0.5B-Instruct')).toBe(5e8);
    expect(parameterCountFromName('Qwen/Qwen3-30B-A3B')).toBe(30e9);
    expect(parameterCountFromName('openai-community/gpt2')).toBeUndefined();
  });

  it('reads safetensors metadata: total, else the per-dtype sum', () => {
    expect(
      parameterCountFromSafetensors({ total: 8_030_261_248, parameters: { BF16: 8_030_261_248 } })
    ).toBe(8_030_261_248);
    expect(parameterCountFromSafetensors({ parameters: { BF16: 1000, F32: 24 } })).toBe(1024);
    expect(parameterCountFromSafetensors({})).toBeUndefined();
    expect(parameterCountFromSafetensors(undefined)).toBeUndefined();
    expect(dominantSafetensorsDtype({ parameters: { BF16: 1000, F32: 24 } })).toBe('bf16');
    expect(dominantSafetensorsDtype({ parameters: { F8_E4M3: 1000, BF16: 24 } })).toBe('fp8');
  });
});

describe('resolvePrecision', () => {
  it.each([
    ['fp32', 4],
    ['float32', 4],
    ['fp16', 2],
    ['BF16', 2],
    ['bfloat16', 2],
    ['fp8', 1],
    ['int8', 1],
    ['int4', 0.5],
    ['AWQ', 0.5],
    ['gptq', 0.5],
    ['F16', 2],
    ['Q8_0', 8.51 / 8],
    ['Q4_K_M', 4.9 / 8],
    ['q2_k', 3.17 / 8],
    ['model-Q5_K_M.gguf', 5.7 / 8],
  ])('%s → %d bytes per parameter', (dtype, bytes) => {
    const precision = resolvePrecision(dtype);
    expect(precision.bytesPerParameter).toBeCloseTo(bytes, 10);
    expect(precision.recognized).toBe(true);
  });

  it('assumes FP16 when no dtype is given, and says so when it does not know one', () => {
    expect(resolvePrecision(undefined)).toEqual({
      name: 'fp16',
      bytesPerParameter: 2,
      recognized: true,
    });
    expect(resolvePrecision('q13_weird')).toEqual({
      name: 'fp16',
      bytesPerParameter: 2,
      recognized: false,
    });
  });

  it('orders GGUF quantizations by size', () => {
    const order = ['Q2_K', 'Q3_K_M', 'Q4_K_M', 'Q5_K_M', 'Q6_K', 'Q8_0', 'F16'].map(
      q => resolvePrecision(q).bytesPerParameter
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('finds GGUF quantization names in file names', () => {
    expect(ggufQuantizationFromText('qwen2.5-1.5b-instruct-q4_k_m.gguf')).toBe('Q4_K_M');
    expect(ggufQuantizationFromText('Meta-Llama-3.1-8B-Instruct-IQ4_XS.gguf')).toBe('IQ4_XS');
    expect(ggufQuantizationFromText('model.safetensors')).toBeUndefined();
  });
});

/** Estimates round up to the next tenth of a GB, so they never understate. */
function expectRoundedUp(actual: number, exact: number): void {
  expect(actual).toBeGreaterThanOrEqual(exact - 1e-9);
  expect(actual).toBeLessThan(exact + 0.1);
}

describe('estimateServingMemory', () => {
  const llama8b = { layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8 };

  it('computes the KV cache from the architecture: 128 KiB per token for Llama 3 8B', () => {
    expect(kvCacheBytesPerToken(llama8b)).toBe(131072);
    const estimate = estimateServingMemory({
      parameters: 8_030_000_000,
      contextLength: 8192,
      architecture: llama8b,
    });
    expect(estimate.kvCacheMethod).toBe('architecture');
    expectRoundedUp(estimate.kvCacheGb, (131072 * 8192) / 1e9);
    expectRoundedUp(estimate.totalGb, 8.03 * 2 * 1.2 + (131072 * 8192) / 1e9);
  });

  it('scales the KV cache with context and concurrent sequences', () => {
    const one = estimateServingMemory({
      parameters: 8e9,
      contextLength: 4096,
      architecture: llama8b,
    });
    const four = estimateServingMemory({
      parameters: 8e9,
      contextLength: 4096,
      concurrentSequences: 4,
      architecture: llama8b,
    });
    expect(four.kvCacheGb).toBeCloseTo(one.kvCacheGb * 4, 0);
  });

  it('honours an explicit head dimension and an FP8 KV cache', () => {
    const qwen3 = { layers: 28, hiddenSize: 1024, attentionHeads: 16, kvHeads: 8, headDim: 128 };
    expect(kvCacheBytesPerToken(qwen3)).toBe(2 * 28 * 8 * 128 * 2);
    expect(kvCacheBytesPerToken(qwen3, 1)).toBe(2 * 28 * 8 * 128);
  });

  it('falls back to the documented heuristic without an architecture', () => {
    const estimate = estimateServingMemory({ parameters: 8e9, contextLength: 8192 });
    expect(estimate.kvCacheMethod).toBe('heuristic');
    expectRoundedUp(estimate.kvCacheGb, (48 * 1024 * Math.sqrt(8) * 8192) / 1e9);
  });

  it('adds no KV cache without a context length', () => {
    expect(estimateServingMemory({ parameters: 8e9 })).toMatchObject({
      kvCacheGb: 0,
      kvCacheMethod: 'none',
      totalGb: 19.2,
    });
  });

  it('shrinks with quantization', () => {
    const fp16 = estimateServingMemory({ parameters: 70e9 }).totalGb;
    const int4 = estimateServingMemory({ parameters: 70e9, dtype: 'awq' }).totalGb;
    expect(int4).toBeCloseTo(fp16 / 4, 0);
  });
});

describe('assessFit', () => {
  it('fits on one GPU', () => {
    const result = assessFit({ memoryGb: 19.2 }, { nodes: [gpuNode('a', 1, 80)] });
    expect(result).toMatchObject({
      verdict: 'fits',
      gpusNeeded: 1,
      tensorParallel: 1,
      node: 'a',
      gpuMemoryGb: 80,
    });
    expect(result.reason).toContain('one A100-80GB');
  });

  it('fits with a power-of-two GPU count on one node', () => {
    // 168 GB on 80 GB GPUs: 3 would do by memory, tensor parallelism needs 4.
    const result = assessFit(
      { memoryGb: 168 },
      { nodes: [gpuNode('small', 2, 80), gpuNode('big', 6, 80)] }
    );
    expect(result).toMatchObject({
      verdict: 'fits-multi-gpu',
      gpusNeeded: 4,
      tensorParallel: 4,
      node: 'big',
    });
    expect(result.reason).toContain('4 × 80 GB');
  });

  it('explains a miss with what it needs and the most free on any node', () => {
    const result = assessFit(
      { memoryGb: 168 },
      { nodes: [gpuNode('a', 2, 80), gpuNode('b', 1, 80)] }
    );
    expect(result).toMatchObject({ verdict: 'does-not-fit', gpusNeeded: 4, tensorParallel: 4 });
    expect(result.reason).toBe('Needs 4 × 80 GB GPUs on one node; the most free on any node is 2.');
  });

  it('compares like with like when GPU sizes are mixed', () => {
    const result = assessFit(
      { memoryGb: 200 },
      { nodes: [gpuNode('h100', 2, 80), gpuNode('l4', 8, 24)] }
    );
    expect(result.reason).toBe(
      'Needs 4 × 80 GB GPUs on one node; the most free on any node with 80 GB GPUs is 2.'
    );
  });

  it('does not add up free GPUs across nodes', () => {
    const result = assessFit(
      { memoryGb: 100 },
      { nodes: [gpuNode('a', 1, 80), gpuNode('b', 1, 80)] }
    );
    expect(result.verdict).toBe('does-not-fit');
  });

  it('packs onto the node it fills most tightly', () => {
    const result = assessFit(
      { memoryGb: 10 },
      { nodes: [gpuNode('roomy', 8, 80), gpuNode('tight', 1, 80)] }
    );
    expect(result.node).toBe('tight');
  });

  it('prefers a node where fewer, larger GPUs suffice', () => {
    const result = assessFit(
      { memoryGb: 70 },
      { nodes: [gpuNode('l4', 8, 24), gpuNode('h100', 1, 80)] }
    );
    expect(result).toMatchObject({ verdict: 'fits', node: 'h100' });
  });

  it('skips nodes that are not ready or cordoned', () => {
    const nodes = [
      gpuNode('down', 8, 80, { ready: false }),
      gpuNode('cordoned', 8, 80, { schedulable: false }),
    ];
    expect(assessFit({ memoryGb: 10 }, { nodes })).toMatchObject({ verdict: 'does-not-fit' });
    expect(assessFit({ memoryGb: 10 }, { nodes }).reason).toContain(
      'no GPU node is ready and schedulable'
    );
  });

  it('refuses a requirement that is not a number', () => {
    expect(() => assessFit({ memoryGb: Number.NaN }, { nodes: [] })).toThrow(RangeError);
  });

  it('says so when the cluster has no GPUs', () => {
    expect(assessFit({ memoryGb: 10 }, { nodes: [] }).reason).toContain('no GPU nodes');
  });

  it('refuses more than one node can hold', () => {
    const result = assessFit({ memoryGb: 1000 }, { nodes: [gpuNode('a', 8, 80)] });
    expect(result).toMatchObject({ verdict: 'does-not-fit', gpusNeeded: 16 });
    expect(result.reason).toContain('more than the 8');
  });

  it('leaves out nodes with unknown GPU memory unless told what to assume', () => {
    const nodes = [gpuNode('mystery', 8, undefined)];
    const unknown = assessFit({ memoryGb: 10 }, { nodes });
    expect(unknown.verdict).toBe('does-not-fit');
    expect(unknown.reason).toContain('do not report GPU memory');
    expect(assessFit({ memoryGb: 10 }, { nodes }, { unknownGpuMemoryGb: 24 })).toMatchObject({
      verdict: 'fits',
      gpuMemoryGb: 24,
    });
  });

  it('honours a minimum GPU count', () => {
    expect(assessFit({ memoryGb: 10, minGpus: 2 }, { nodes: [gpuNode('a', 2, 80)] })).toMatchObject(
      { verdict: 'fits-multi-gpu', gpusNeeded: 2 }
    );
    expect(assessFit({ memoryGb: 10, minGpus: 3 }, { nodes: [gpuNode('a', 2, 80)] })).toMatchObject(
      { verdict: 'does-not-fit', gpusNeeded: 4 }
    );
  });

  it('places CPU-only models by node memory', () => {
    const cpuNode = (name: string, allocatable: number, requested: number): NodeGpuCapacity => ({
      ...gpuNode(name, 0, undefined, { totalGpus: 0, allocatedGpus: 0 }),
      memoryAllocatableGb: allocatable,
      memoryRequestedGb: requested,
    });
    const fits = assessFit(
      { memoryGb: 6, cpuOnly: true },
      { nodes: [cpuNode('a', 16, 12), cpuNode('b', 32, 4)] }
    );
    expect(fits).toMatchObject({ verdict: 'fits', gpusNeeded: 0, node: 'b' });
    const tooBig = assessFit({ memoryGb: 64, cpuOnly: true }, { nodes: [cpuNode('a', 16, 12)] });
    expect(tooBig).toMatchObject({ verdict: 'does-not-fit', gpusNeeded: 0 });
    expect(tooBig.reason).toContain('the most unrequested on any ready node is 4 GB');
  });

  it('always returns a power-of-two tensor parallel no larger than the chosen node has free', () => {
    const nodeArb = fc.record({
      free: fc.integer({ min: 0, max: 8 }),
      memory: fc.option(fc.constantFrom(16, 24, 40, 48, 80, 141), { nil: undefined }),
      ready: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(nodeArb, { maxLength: 8 }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (specs, memoryGb) => {
          const nodes = specs.map((spec, i) =>
            gpuNode(`n${i}`, spec.free, spec.memory, { ready: spec.ready })
          );
          const result = FitResultSchema.parse(assessFit({ memoryGb }, { nodes }));
          expect(nextPowerOfTwo(result.tensorParallel)).toBe(result.tensorParallel);
          // The verdict as data says what the English reason says, so a translation says it too.
          expect(result.reason).toBe(fitReasonText(result.message));
          expect(result.message.code.startsWith('fits-')).toBe(result.verdict !== 'does-not-fit');
          if (result.verdict !== 'does-not-fit') {
            const chosen = nodes.find(n => n.nodeName === result.node);
            expect(chosen?.ready).toBe(true);
            expect(result.tensorParallel).toBeLessThanOrEqual(chosen?.availableGpus ?? 0);
            expect(result.tensorParallel * (chosen?.gpuMemoryGb ?? 0)).toBeGreaterThanOrEqual(
              result.requiredMemoryGb
            );
            expect(result.verdict === 'fits').toBe(result.gpusNeeded === 1);
          }
        }
      )
    );
  });
});

describe('assessModelFit', () => {
  it('estimates and assesses in one step', () => {
    const result = assessModelFit(
      { parameters: 8e9, dtype: 'bf16' },
      { nodes: [gpuNode('a', 1, 24)] }
    );
    expect(result).toMatchObject({ verdict: 'fits', requiredMemoryGb: 19.2 });
    expect(result.estimate.totalGb).toBe(19.2);
  });
});
