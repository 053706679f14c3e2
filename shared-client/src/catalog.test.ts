import { describe, expect, it } from 'vitest';
import {
  catalogMinGpus,
  CatalogModelSchema,
  filterCatalog,
  findCatalogModel,
  MODEL_CATALOG,
  REFERENCE_GPU_MEMORY_GB,
} from './catalog';
import {
  estimateGpuMemoryGb,
  estimateServingMemory,
  nextPowerOfTwo,
  parseParameterCount,
  resolvePrecision,
} from './fit';

describe('MODEL_CATALOG', () => {
  it('has at least 15 schema-valid models with unique ids', () => {
    expect(MODEL_CATALOG.length).toBeGreaterThanOrEqual(15);
    for (const model of MODEL_CATALOG) CatalogModelSchema.parse(model);
    const ids = MODEL_CATALOG.map(model => model.id.toLowerCase());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('includes the small development models and the well-known families', () => {
    for (const id of [
      'Qwen/Qwen3-0.6B',
      'Qwen/Qwen2.5-0.5B-Instruct',
      'TinyLlama/TinyLlama-1.1B-Chat-v1.0',
      'meta-llama/Llama-3.1-8B-Instruct',
      'meta-llama/Llama-3.1-70B-Instruct',
      'mistralai/Mistral-7B-Instruct-v0.3',
      'mistralai/Mixtral-8x7B-Instruct-v0.1',
      'Qwen/Qwen2.5-7B-Instruct',
      'Qwen/Qwen2.5-72B-Instruct',
      'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B',
      'openai/gpt-oss-20b',
    ]) {
      expect(findCatalogModel(id), id).toBeDefined();
    }
    expect(MODEL_CATALOG.some(model => model.id.startsWith('google/gemma-2'))).toBe(true);
    expect(MODEL_CATALOG.some(model => model.id.startsWith('google/gemma-3'))).toBe(true);
    expect(MODEL_CATALOG.some(model => /Phi-3|Phi-4/.test(model.id))).toBe(true);
  });

  it('derives minGpuMemory from fit.ts: the reference formula for FP16 models, the precision for quantized ones', () => {
    for (const model of MODEL_CATALOG) {
      expect(model.minGpuMemory, model.id).toBe(
        estimateServingMemory({
          parameters: model.parameters,
          ...(model.dtype ? { dtype: model.dtype } : {}),
        }).totalGb
      );
      if (!model.dtype)
        expect(model.minGpuMemory, model.id).toBe(estimateGpuMemoryGb(model.parameters));
      if (model.dtype) expect(resolvePrecision(model.dtype).recognized, model.id).toBe(true);
    }
  });

  it('sizes minGpus as a tensor-parallel group of 80 GB GPUs', () => {
    for (const model of MODEL_CATALOG) {
      expect(model.minGpus, model.id).toBe(catalogMinGpus(model.minGpuMemory));
      expect(model.minGpus * REFERENCE_GPU_MEMORY_GB).toBeGreaterThanOrEqual(model.minGpuMemory);
      expect(nextPowerOfTwo(model.minGpus)).toBe(model.minGpus);
    }
    expect(findCatalogModel('meta-llama/Llama-3.1-70B-Instruct')?.minGpus).toBe(4);
    expect(findCatalogModel('Qwen/Qwen3-0.6B')?.minGpus).toBe(1);
  });

  it('keeps size and parameters consistent', () => {
    for (const model of MODEL_CATALOG) {
      const fromSize = parseParameterCount(model.size);
      expect(fromSize, model.id).toBeDefined();
      // Sizes are rounded names ("8B" for 8.03B); Mixtral's "8x7B" overstates its shared-attention 46.7B.
      const ratio = model.parameters / (fromSize as number);
      expect(ratio, model.id).toBeGreaterThan(model.size.includes('x') ? 0.8 : 0.95);
      expect(ratio, model.id).toBeLessThan(1.3);
    }
  });

  it('marks the Meta, Mistral and Google repositories gated, and the open ones not', () => {
    for (const model of MODEL_CATALOG) {
      const gatedOrg = /^(meta-llama|mistralai|google)\//.test(model.id);
      expect(model.gated, model.id).toBe(gatedOrg);
    }
  });

  it('serves GGUF repositories with llama.cpp only, naming the file', () => {
    const gguf = MODEL_CATALOG.filter(model => model.id.toUpperCase().endsWith('-GGUF'));
    expect(gguf.length).toBeGreaterThan(0);
    for (const model of gguf) {
      expect(model.supportedEngines).toEqual(['llamacpp']);
      expect(model.ggufFile).toMatch(/\.gguf$/);
      expect(model.cpuCapable).toBe(true);
    }
    for (const model of MODEL_CATALOG.filter(m => !gguf.includes(m)))
      expect(model.supportedEngines).not.toContain('llamacpp');
  });
});

describe('filterCatalog', () => {
  it('filters by engine', () => {
    const llamacpp = filterCatalog(MODEL_CATALOG, { engine: 'llamacpp' });
    expect(llamacpp.length).toBeGreaterThan(0);
    expect(llamacpp.every(model => model.supportedEngines.includes('llamacpp'))).toBe(true);
    expect(filterCatalog(MODEL_CATALOG, { engine: 'nope' })).toEqual([]);
  });

  it('filters by every word of the text, case-insensitively, across id, name and description', () => {
    expect(filterCatalog(MODEL_CATALOG, { search: 'qwen 0.6b' }).map(model => model.id)).toEqual([
      'Qwen/Qwen3-0.6B',
    ]);
    expect(
      filterCatalog(MODEL_CATALOG, { search: 'LLAMA instruct', engine: 'vllm' }).every(model =>
        /llama/i.test(model.id)
      )
    ).toBe(true);
    expect(filterCatalog(MODEL_CATALOG, { search: 'reasoning' }).length).toBeGreaterThan(0);
  });

  it('returns everything without a filter', () => {
    expect(filterCatalog(MODEL_CATALOG)).toEqual([...MODEL_CATALOG]);
    expect(filterCatalog(MODEL_CATALOG, { search: '   ' })).toHaveLength(MODEL_CATALOG.length);
  });
});
