import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REFERENCE_EXAMPLE_OUTCOMES, REFERENCE_EXAMPLES } from '../schemas/examples';
import {
  ENGINE_TYPES,
  type EngineType,
  type ModelDeploymentSpec,
  PROVIDER_NAMES,
  type ProviderName,
  requestsGpu,
  resolvedServingMode,
  type ServingMode,
} from '../schemas/modelDeployment';
import { incompatibilityReason, providersSupporting, supportsWorkload } from './capabilities';
import { EXPLICIT_PROVIDER_REASON, selectProvider } from './selection';

function spec(options: {
  engine?: EngineType;
  provider?: ProviderName;
  gpus?: number;
  mode?: ServingMode;
}): ModelDeploymentSpec {
  const disaggregated = options.mode === 'disaggregated';
  return {
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct' },
    ...(options.engine ? { engine: { type: options.engine } } : {}),
    ...(options.provider ? { provider: { name: options.provider } } : {}),
    ...(options.mode ? { serving: { mode: options.mode } } : {}),
    ...(disaggregated
      ? {
          scaling: {
            prefill: { replicas: 1, gpu: { count: 2 } },
            decode: { replicas: 1, gpu: { count: 2 } },
          },
        }
      : {}),
    ...(options.gpus === undefined ? {} : { resources: { gpu: { count: options.gpus } } }),
  };
}

describe('automatic provider selection', () => {
  it.each([
    // [case, spec, provider, engine, reason]
    [
      'no GPU, no engine',
      spec({}),
      'kaito',
      'llamacpp',
      'no GPU requested → kaito (only CPU provider)',
    ],
    [
      '0 GPUs with llama.cpp',
      spec({ gpus: 0, engine: 'llamacpp' }),
      'kaito',
      'llamacpp',
      'no GPU requested → kaito (only CPU provider)',
    ],
    [
      'TensorRT-LLM',
      spec({ gpus: 1, engine: 'trtllm' }),
      'dynamo',
      'trtllm',
      'engine trtllm → dynamo (only provider for TensorRT-LLM)',
    ],
    [
      'SGLang on 4 GPUs (engine rule before the multi-GPU rule)',
      spec({ gpus: 4, engine: 'sglang' }),
      'dynamo',
      'sglang',
      'engine sglang → dynamo (only provider for SGLang)',
    ],
    [
      'llama.cpp on a GPU',
      spec({ gpus: 1, engine: 'llamacpp' }),
      'kaito',
      'llamacpp',
      'engine llamacpp → kaito (only llama.cpp provider)',
    ],
    [
      'disaggregated vLLM',
      spec({ engine: 'vllm', mode: 'disaggregated' }),
      'dynamo',
      'vllm',
      'disaggregated serving → dynamo (prefill/decode disaggregation)',
    ],
    [
      'vLLM on 2 GPUs',
      spec({ gpus: 2, engine: 'vllm' }),
      'kuberay',
      'vllm',
      'vllm with 2 GPUs → kuberay (multi-GPU distributed inference)',
    ],
    [
      'vLLM on 1 GPU',
      spec({ gpus: 1, engine: 'vllm' }),
      'dynamo',
      'vllm',
      'default → dynamo (GPU inference default)',
    ],
    [
      '1 GPU, no engine',
      spec({ gpus: 1 }),
      'dynamo',
      'vllm',
      'default → dynamo (GPU inference default)',
    ],
    [
      '8 GPUs, no engine',
      spec({ gpus: 8 }),
      'kuberay',
      'vllm',
      'vllm with 8 GPUs → kuberay (multi-GPU distributed inference)',
    ],
  ] as const)('%s', (_case, input, provider, engine, reason) => {
    expect(selectProvider(input)).toMatchObject({
      ok: true,
      provider,
      engine,
      reason,
      explicit: false,
    });
  });

  it('names the provider an engine was auto-selected from', () => {
    const cpu = selectProvider(spec({}));
    const gpu = selectProvider(spec({ gpus: 1 }));
    expect(cpu.ok && cpu.engineReason).toBe('auto-selected from provider kaito capabilities');
    expect(gpu.ok && gpu.engineReason).toBe('auto-selected from provider dynamo capabilities');
    const explicit = selectProvider(spec({ gpus: 1, engine: 'vllm' }));
    expect(explicit.ok && explicit.engineReason).toBe('explicit engine selection');
  });

  it.each([
    ['vLLM without a GPU', spec({ engine: 'vllm' }), /vllm needs a GPU/],
    ['SGLang without a GPU', spec({ gpus: 0, engine: 'sglang' }), /sglang needs a GPU/],
    [
      'disaggregated TensorRT-LLM',
      spec({ engine: 'trtllm', mode: 'disaggregated' }),
      /no provider serves trtllm in disaggregated/,
    ],
    [
      'disaggregated llama.cpp',
      spec({ engine: 'llamacpp', mode: 'disaggregated' }),
      /no provider serves llamacpp in disaggregated/,
    ],
  ] as const)('refuses %s and says what to change', (_case, input, reason) => {
    const selection = selectProvider(input);
    expect(selection.ok).toBe(false);
    expect(selection.reason).toMatch(reason);
  });

  it('gives the reference examples the provider and reason the reference shows', () => {
    for (const example of REFERENCE_EXAMPLES) {
      const expected = REFERENCE_EXAMPLE_OUTCOMES[example.metadata.name]!;
      const selection = selectProvider(example.spec);
      expect(selection).toMatchObject({ ok: true, provider: expected.provider });
      if (expected.selectedReason)
        expect(selection.ok && selection.reason).toBe(expected.selectedReason);
    }
  });
});

describe('explicit providers', () => {
  it('are used as asked when they can run the spec, with the controller reason', () => {
    for (const provider of ['llmd', 'vllm', 'kuberay', 'dynamo', 'kaito'] as const) {
      expect(selectProvider(spec({ provider, gpus: 1, engine: 'vllm' }))).toMatchObject({
        ok: true,
        provider,
        engine: 'vllm',
        reason: EXPLICIT_PROVIDER_REASON,
        explicit: true,
      });
    }
  });

  it('pick the provider’s preferred engine when none is given', () => {
    expect(selectProvider(spec({ provider: 'kaito' }))).toMatchObject({
      ok: true,
      engine: 'llamacpp',
    });
    expect(selectProvider(spec({ provider: 'dynamo', gpus: 1 }))).toMatchObject({
      ok: true,
      engine: 'vllm',
    });
  });

  it.each([
    [
      'kaito',
      spec({ provider: 'kaito', engine: 'vllm', mode: 'disaggregated' }),
      /^kaito cannot serve vllm in disaggregated \(prefill\/decode\) mode; use dynamo, kuberay or llmd instead$/,
    ],
    [
      'direct vLLM',
      spec({ provider: 'vllm', engine: 'vllm', mode: 'disaggregated' }),
      /^vllm cannot serve vllm in disaggregated .*use dynamo, kuberay or llmd instead$/,
    ],
    [
      'kuberay',
      spec({ provider: 'kuberay', engine: 'trtllm', gpus: 1 }),
      /^kuberay cannot run the trtllm engine \(it runs vllm\); use dynamo instead$/,
    ],
    [
      'llm-d',
      spec({ provider: 'llmd', engine: 'sglang', gpus: 1 }),
      /^llmd cannot run the sglang engine .*use dynamo instead$/,
    ],
    [
      'dynamo',
      spec({ provider: 'dynamo', engine: 'vllm', gpus: 0 }),
      /^dynamo needs a GPU for vllm; request at least one GPU$/,
    ],
    [
      'dynamo',
      spec({ provider: 'dynamo', engine: 'llamacpp', gpus: 0 }),
      /^dynamo cannot run the llamacpp engine .*use kaito instead$/,
    ],
    [
      'dynamo',
      spec({ provider: 'dynamo', engine: 'trtllm', mode: 'disaggregated' }),
      /no provider serves trtllm in disaggregated/,
    ],
  ] as const)('%s refuses an incompatible spec with a reason: %#', (_name, input, reason) => {
    const selection = selectProvider(input);
    expect(selection).toMatchObject({ ok: false, provider: input.provider?.name });
    expect(selection.reason).toMatch(reason);
  });

  it('with no engine that fits say so', () => {
    const selection = selectProvider(spec({ provider: 'dynamo', gpus: 0 }));
    expect(selection).toMatchObject({ ok: false, provider: 'dynamo' });
    expect(selection.reason).toMatch(/request at least one GPU/);
  });
});

describe('selection properties', () => {
  const arbitrarySpec = fc
    .record({
      engine: fc.option(fc.constantFrom(...ENGINE_TYPES), { nil: undefined }),
      provider: fc.option(fc.constantFrom(...PROVIDER_NAMES), { nil: undefined }),
      gpus: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
      mode: fc.option(fc.constantFrom<ServingMode>('aggregated', 'disaggregated'), {
        nil: undefined,
      }),
    })
    .map(options => spec(options));

  it('a selected provider can always run the workload', () => {
    fc.assert(
      fc.property(arbitrarySpec, input => {
        const selection = selectProvider(input);
        if (!selection.ok) return;
        const workload = {
          engine: selection.engine,
          gpu: requestsGpu(input),
          mode: resolvedServingMode(input),
        };
        expect(supportsWorkload(selection.provider, workload)).toBe(true);
      })
    );
  });

  it('automatic selection fails only when no auto-selectable provider could run it', () => {
    fc.assert(
      fc.property(arbitrarySpec, input => {
        if (input.provider) return;
        const selection = selectProvider(input);
        if (selection.ok) return;
        const engines = input.engine?.type ? [input.engine.type] : ENGINE_TYPES;
        for (const engine of engines) {
          const workload = { engine, gpu: requestsGpu(input), mode: resolvedServingMode(input) };
          expect(providersSupporting(workload).filter(p => p !== 'llmd' && p !== 'vllm')).toEqual(
            []
          );
        }
      })
    );
  });

  it('never picks llm-d or direct vLLM unless asked', () => {
    fc.assert(
      fc.property(arbitrarySpec, input => {
        const selection = selectProvider(input);
        if (selection.ok && !selection.explicit) {
          expect(['llmd', 'vllm']).not.toContain(selection.provider);
        }
      })
    );
  });

  it('an explicit provider is refused exactly when the capability matrix says so', () => {
    fc.assert(
      fc.property(arbitrarySpec, input => {
        const provider = input.provider?.name;
        const engine = input.engine?.type;
        if (!provider || !engine) return;
        const workload = { engine, gpu: requestsGpu(input), mode: resolvedServingMode(input) };
        expect(selectProvider(input).ok).toBe(
          incompatibilityReason(provider, workload) === undefined
        );
      })
    );
  });
});
