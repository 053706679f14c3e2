import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  GEMMA_CPU,
  LLAMA_8B,
  LLAMA_70B_PD,
  QWEN_DEMO,
  REFERENCE_EXAMPLE_OUTCOMES,
  REFERENCE_EXAMPLES,
} from './examples';
import {
  extraArgFlagName,
  MODEL_DEPLOYMENT_API_VERSION,
  MODEL_DEPLOYMENT_GROUP,
  MODEL_DEPLOYMENT_PLURAL,
  MODEL_DEPLOYMENT_VERSION,
  type ModelDeployment,
  ModelDeploymentListSchema,
  ModelDeploymentSchema,
  ModelDeploymentSpecSchema,
  ModelDeploymentStatusSchema,
  requestsGpu,
} from './modelDeployment';

function issuePaths(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map(issue => issue.path.join('.'));
}

function withSpec(base: ModelDeployment, patch: (spec: Record<string, any>) => void): unknown {
  const copy = structuredClone(base) as ModelDeployment & { spec: Record<string, any> };
  patch(copy.spec);
  return copy;
}

describe('ModelDeployment constants', () => {
  it('name the airunway.ai/v1alpha1 modeldeployments resource', () => {
    expect(MODEL_DEPLOYMENT_GROUP).toBe('airunway.ai');
    expect(MODEL_DEPLOYMENT_VERSION).toBe('v1alpha1');
    expect(MODEL_DEPLOYMENT_API_VERSION).toBe('airunway.ai/v1alpha1');
    expect(MODEL_DEPLOYMENT_PLURAL).toBe('modeldeployments');
  });
});

describe('the reference examples', () => {
  it.each(REFERENCE_EXAMPLES.map(example => [example.metadata.name, example] as const))(
    '%s parses as a ModelDeployment and as a spec, unchanged',
    (_name, example) => {
      expect(ModelDeploymentSchema.parse(example)).toEqual(example);
      expect(ModelDeploymentSpecSchema.parse(example.spec)).toEqual(example.spec);
    }
  );

  it('parse as a list', () => {
    const list = {
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeploymentList',
      metadata: { resourceVersion: '42' },
      items: REFERENCE_EXAMPLES,
    };
    expect(ModelDeploymentListSchema.parse(list).items).toHaveLength(4);
  });

  it('have an expected outcome each', () => {
    expect(Object.keys(REFERENCE_EXAMPLE_OUTCOMES).sort()).toEqual(
      REFERENCE_EXAMPLES.map(example => example.metadata.name).sort()
    );
  });
});

describe('ModelDeploymentSpecSchema rejects', () => {
  it.each([
    ['engine.type', (s: Record<string, any>) => (s.engine.type = 'tgi')],
    ['provider.name', (s: Record<string, any>) => (s.provider = { name: 'sagemaker' })],
    ['serving.mode', (s: Record<string, any>) => (s.serving = { mode: 'pipelined' })],
    ['model.source', (s: Record<string, any>) => (s.model.source = 'ollama')],
  ])('an unknown %s', (path, patch) => {
    const result = ModelDeploymentSchema.safeParse(withSpec(QWEN_DEMO, patch));
    expect(issuePaths(result)).toEqual([`spec.${path}`]);
  });

  it('negative replicas, with the issue on scaling.replicas', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...QWEN_DEMO.spec,
      scaling: { replicas: -1 },
    });
    expect(issuePaths(result)).toEqual(['scaling.replicas']);
  });

  it('negative prefill replicas and fractional decode GPUs', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...LLAMA_70B_PD.spec,
      scaling: {
        prefill: { replicas: -2, gpu: { count: 4 } },
        decode: { replicas: 4, gpu: { count: 1.5 } },
      },
    });
    expect(issuePaths(result).sort()).toEqual([
      'scaling.decode.gpu.count',
      'scaling.prefill.replicas',
    ]);
  });

  it('a negative GPU count', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...QWEN_DEMO.spec,
      resources: { gpu: { count: -1 } },
    });
    expect(issuePaths(result)).toEqual(['resources.gpu.count']);
  });

  it('a huggingface model without model.id, whether source is explicit or defaulted', () => {
    for (const model of [{ source: 'huggingface' }, {}, { id: '' }]) {
      const result = ModelDeploymentSchema.safeParse(
        withSpec(QWEN_DEMO, spec => (spec.model = model))
      );
      expect(issuePaths(result)).toEqual(['spec.model.id']);
    }
  });

  it('accepts a custom model without model.id', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...GEMMA_CPU.spec,
      model: { source: 'custom' },
    });
    expect(result.success).toBe(true);
  });

  it('a huggingface id that is not org/name', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...QWEN_DEMO.spec,
      model: { id: 'Qwen/Qwen3; rm -rf /' },
    });
    expect(issuePaths(result)).toEqual(['model.id']);
  });

  it('disaggregated serving without prefill and decode, naming each missing part', () => {
    const neither = ModelDeploymentSpecSchema.safeParse({
      ...LLAMA_70B_PD.spec,
      scaling: { replicas: 1 },
    });
    expect(issuePaths(neither)).toEqual(['scaling.prefill', 'scaling.decode']);

    const noDecode = ModelDeploymentSchema.safeParse(
      withSpec(LLAMA_70B_PD, spec => delete spec.scaling.decode)
    );
    expect(issuePaths(noDecode)).toEqual(['spec.scaling.decode']);
  });

  it('accepts aggregated serving without prefill and decode', () => {
    expect(ModelDeploymentSpecSchema.safeParse(LLAMA_8B.spec).success).toBe(true);
  });

  it('different images in spec.image and spec.engine.image (the webhook refuses them)', () => {
    const conflicting = ModelDeploymentSpecSchema.safeParse({
      ...GEMMA_CPU.spec,
      engine: { type: 'llamacpp', image: 'ghcr.io/other/runner:1' },
    });
    expect(issuePaths(conflicting)).toEqual(['image']);

    const same = ModelDeploymentSpecSchema.safeParse({
      ...GEMMA_CPU.spec,
      engine: { type: 'llamacpp', image: GEMMA_CPU.spec.image },
    });
    expect(same.success).toBe(true);
  });

  it('a flag set both in engine.args and engine.extraArgs', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...QWEN_DEMO.spec,
      engine: {
        type: 'vllm',
        args: { 'tensor-parallel-size': '4' },
        extraArgs: ['--enforce-eager', '--tensor-parallel-size=2'],
      },
    });
    expect(issuePaths(result)).toEqual(['engine.extraArgs.1']);
  });

  it('engine.args keys that would smuggle in a flag', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...QWEN_DEMO.spec,
      engine: { type: 'vllm', args: { '--model': 'other' } },
    });
    expect(result.success).toBe(false);
  });

  it('Kubernetes names that are not DNS-1123', () => {
    const badSecret = ModelDeploymentSpecSchema.safeParse({
      ...LLAMA_8B.spec,
      secrets: { huggingFaceToken: 'HF_Token' },
    });
    expect(issuePaths(badSecret)).toEqual(['secrets.huggingFaceToken']);

    const badVolume = ModelDeploymentSpecSchema.safeParse({
      ...LLAMA_8B.spec,
      model: {
        ...LLAMA_8B.spec.model,
        storage: { volumes: [{ name: 'Model_Cache', size: '100Gi', purpose: 'modelCache' }] },
      },
    });
    expect(issuePaths(badVolume)).toEqual(['model.storage.volumes.0.name']);

    const badName = ModelDeploymentSchema.safeParse({
      ...QWEN_DEMO,
      metadata: { name: 'Qwen Demo' },
    });
    expect(issuePaths(badName)).toEqual(['metadata.name']);
  });

  it('quantities that Kubernetes would not parse', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...LLAMA_8B.spec,
      resources: { gpu: { count: 1 }, memory: '32 GB' },
    });
    expect(issuePaths(result)).toEqual(['resources.memory']);
    // The published CRD types memory and cpu as strings.
    const numeric = ModelDeploymentSpecSchema.safeParse({
      ...LLAMA_8B.spec,
      resources: { gpu: { count: 1 }, cpu: 8 },
    });
    expect(issuePaths(numeric)).toEqual(['resources.cpu']);
  });
});

describe('the published controller extras', () => {
  it('are accepted in the spec', () => {
    const spec = {
      ...LLAMA_8B.spec,
      model: {
        ...LLAMA_8B.spec.model,
        storage: {
          volumes: [
            { name: 'cache', size: '200Gi', purpose: 'modelCache', accessMode: 'ReadWriteMany' },
            {
              name: 'compiled',
              claimName: 'shared-compile-cache',
              mountPath: '/cc',
              purpose: 'compilationCache',
              readOnly: true,
              storageClassName: '',
            },
          ],
        },
      },
      engine: { type: 'vllm', enablePrefixCaching: true, enforceEager: false },
      gateway: { enabled: true, modelName: 'llama', httpRouteRef: 'shared-route' },
    };
    expect(ModelDeploymentSpecSchema.parse(spec)).toEqual(spec);
  });

  it('reject an unknown volume purpose and access mode', () => {
    const result = ModelDeploymentSpecSchema.safeParse({
      ...LLAMA_8B.spec,
      model: {
        ...LLAMA_8B.spec.model,
        storage: { volumes: [{ name: 'cache', purpose: 'weights', accessMode: 'RWX' }] },
      },
    });
    expect(issuePaths(result).sort()).toEqual([
      'model.storage.volumes.0.accessMode',
      'model.storage.volumes.0.purpose',
    ]);
  });

  it('status fields as the controllers write them are read, unknown ones kept', () => {
    const status = {
      phase: 'Running',
      message: 'Deployment is ready',
      observedGeneration: 3,
      provider: {
        name: 'dynamo',
        resourceName: 'llama-8b',
        resourceKind: 'DynamoGraphDeployment',
        selectedReason: 'default → dynamo (GPU inference default)',
      },
      engine: { type: 'vllm', selectedReason: 'explicit engine selection' },
      replicas: { desired: 1, ready: 1, available: 1 },
      endpoint: { service: 'llama-8b-frontend', port: 8000 },
      gateway: {
        endpoint: 'http://10.0.0.50',
        modelName: 'meta-llama/Llama-3.1-8B-Instruct',
        gatewayNamespace: 'airunway-system',
        apiFormats: ['openai'],
      },
      image: { requested: 'vllm', resolved: 'nvcr.io/x:1', verified: true },
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Running',
          lastTransitionTime: '2025-01-15T10:30:00Z',
        },
        { type: 'ProviderSelected', status: 'True' },
      ],
      futureField: { anything: 1 },
    };
    expect(ModelDeploymentStatusSchema.parse(status)).toEqual(status);
    expect(ModelDeploymentStatusSchema.parse({ image: 'vllm/vllm-openai:v0.9.1' }).image).toBe(
      'vllm/vllm-openai:v0.9.1'
    );
  });

  it('reject a phase the CRD does not define', () => {
    expect(issuePaths(ModelDeploymentStatusSchema.safeParse({ phase: 'Ready' }))).toEqual([
      'phase',
    ]);
  });
});

describe('spec helpers', () => {
  it('extraArgFlagName reads --flag and --flag=value only', () => {
    expect(extraArgFlagName('--max-model-len=4096')).toBe('max-model-len');
    expect(extraArgFlagName('--enforce-eager')).toBe('enforce-eager');
    expect(extraArgFlagName('4096')).toBeUndefined();
    expect(extraArgFlagName('-v')).toBeUndefined();
    expect(extraArgFlagName('--')).toBeUndefined();
  });

  it('requestsGpu treats disaggregated serving as GPU work', () => {
    expect(requestsGpu(GEMMA_CPU.spec)).toBe(false);
    expect(requestsGpu(QWEN_DEMO.spec)).toBe(true);
    expect(requestsGpu(LLAMA_70B_PD.spec)).toBe(true);
  });
});
