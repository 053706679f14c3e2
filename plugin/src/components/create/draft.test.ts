import { describe, expect, it } from 'vitest';
import {
  draftFromQuery,
  draftToObject,
  EMPTY_DRAFT,
  ggufFileFromQuery,
  NO_STORAGE_CLASS,
  objectToDraft,
} from './draft';
import { causesFromInvalidStatus, validateObject } from './validation';

describe('draft ↔ ModelDeployment', () => {
  it('writes only what was set: no empty strings, lists, maps or objects', () => {
    expect(draftToObject({ ...EMPTY_DRAFT, name: 'x', modelId: 'a/b' })).toStrictEqual({
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'x', namespace: 'default' },
      spec: { model: { id: 'a/b' } },
    });
  });

  it('round-trips every form field and keeps fields the form has no input for', () => {
    const object = {
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'llama', namespace: 'ml', labels: { team: 'a' } },
      spec: {
        model: {
          id: 'meta-llama/Llama-3.1-70B-Instruct',
          source: 'huggingface',
          servedName: 'l',
          storage: {
            volumes: [
              {
                name: 'weights',
                claimName: 'shared-weights',
                mountPath: '/models',
                readOnly: true,
              },
              {
                name: 'cache',
                purpose: 'compilationCache',
                size: '50Gi',
                storageClassName: '',
                accessMode: 'ReadWriteMany',
              },
            ],
          },
        },
        provider: { name: 'dynamo', overrides: { router: 'kv' } },
        engine: {
          type: 'vllm',
          image: 'vllm/vllm-openai:v0.9.1',
          contextLength: 8192,
          trustRemoteCode: true,
          args: { quantization: 'fp8' },
          extraArgs: ['--enforce-eager'],
          enablePrefixCaching: true,
        },
        serving: { mode: 'disaggregated' },
        scaling: {
          prefill: { replicas: 2, gpu: { count: 4 }, memory: '64Gi' },
          decode: { replicas: 4, gpu: { count: 2 } },
        },
        resources: { gpu: { count: 1, type: 'nvidia.com/gpu' }, memory: '32Gi', cpu: '4' },
        env: [
          { name: 'A', value: '1' },
          { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
        ],
        nodeSelector: { pool: 'gpu' },
        tolerations: [
          { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 },
        ],
        secrets: { huggingFaceToken: 'hf-token' },
        gateway: { enabled: false, modelName: 'llama' },
      },
    };
    const { draft, rest } = objectToDraft(object);
    expect(draft.prefillGpus).toBe('4');
    expect(draft.volumes.map(volume => [volume.mode, volume.storageClassName])).toEqual([
      ['existing', ''],
      ['new', NO_STORAGE_CLASS],
    ]);
    expect(draftToObject(draft, rest)).toStrictEqual(object);
  });

  it('prefills from the Models page query string', () => {
    const draft = draftFromQuery('?model=Qwen%2FQwen3-0.6B&engine=vllm&gpus=0&namespace=ml');
    expect([draft.name, draft.modelId, draft.engine, draft.gpuCount, draft.namespace]).toEqual([
      'qwen3-0-6b',
      'Qwen/Qwen3-0.6B',
      'vllm',
      '0',
      'ml',
    ]);
    expect(draftFromQuery('?engine=rm%20-rf&gpus=two').engine).toBe('');
  });

  it("falls back to the cluster's default namespace, then default; keeps a Secret name only if it is one", () => {
    expect(draftFromQuery('?model=a%2Fb', 'ml-serving').namespace).toBe('ml-serving');
    expect(draftFromQuery('?model=a%2Fb&namespace=team-a', 'ml-serving').namespace).toBe('team-a');
    expect(draftFromQuery('?model=a%2Fb').namespace).toBe('default');
    expect(draftFromQuery('?hfSecret=hf-token').hfSecret).toBe('hf-token');
    expect(draftFromQuery('?hfSecret=..%2Fetc').hfSecret).toBe('');
    expect(draftFromQuery('?hfSecret=Token').hfSecret).toBe('');
  });

  it('takes a GGUF file name from the query, and nothing that is not one', () => {
    const query = (gguf: string) =>
      ggufFileFromQuery(`?model=a%2Fb-GGUF&engine=llamacpp&gguf=${encodeURIComponent(gguf)}`);
    expect(query('Llama-3.2-1B-Instruct-Q4_K_M.gguf')).toBe('Llama-3.2-1B-Instruct-Q4_K_M.gguf');
    expect(query('Q4_K_M/model-00001-of-00002.gguf')).toBe('Q4_K_M/model-00001-of-00002.gguf');
    expect(ggufFileFromQuery('?model=a%2Fb')).toBeUndefined();
    for (const bad of [
      '',
      'model.safetensors',
      '../model.gguf',
      'a/../../model.gguf',
      '/etc/model.gguf',
      'a\\model.gguf',
      'model .gguf',
      'https://evil.example/model.gguf',
    ]) {
      expect(query(bad), bad).toBeUndefined();
    }
  });
});

describe('field errors', () => {
  it('names client-side problems by their API path', () => {
    const errors = validateObject(
      draftToObject({
        ...EMPTY_DRAFT,
        name: 'ok',
        modelId: 'a/b',
        replicas: '1.5',
        env: [{ name: '1 bad', value: '' }],
      })
    );
    expect(Object.keys(errors).sort()).toEqual(['spec.env[0].name', 'spec.scaling.replicas']);
  });

  it("reads a 422's causes from the Status message Headlamp passes on", () => {
    const single = {
      status: 422,
      message:
        'Unprocessable Entity - ModelDeployment.airunway.ai "x" is invalid: spec.scaling.replicas: Invalid value: -1: should be >= 0',
    };
    expect(causesFromInvalidStatus(single)).toEqual({
      'spec.scaling.replicas': 'Invalid value: -1: should be >= 0',
    });
    const several = {
      status: 422,
      message:
        'ModelDeployment.airunway.ai "x" is invalid: [spec.env[0].name: Invalid value: "1 a": a, b, c, spec.engine.args[--x]: Invalid value: "--x": no dashes]',
    };
    expect(causesFromInvalidStatus(several)).toEqual({
      'spec.env[0].name': 'Invalid value: "1 a": a, b, c',
      'spec.engine.args[--x]': 'Invalid value: "--x": no dashes',
    });
    expect(causesFromInvalidStatus({ status: 409, message: 'exists' })).toBeNull();
  });
});
