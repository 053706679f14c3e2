import { describe, expect, it } from 'vitest';
import { LLAMA_8B, LLAMA_70B_PD, QWEN_DEMO } from '../schemas/examples';
import type { ModelDeploymentSpec } from '../schemas/modelDeployment';
import { classifyUpdate } from './updates';

function edit(base: ModelDeploymentSpec, change: (spec: ModelDeploymentSpec) => void) {
  const copy = structuredClone(base);
  change(copy);
  return copy;
}

describe('classifyUpdate', () => {
  it('reports nothing for an unchanged spec', () => {
    expect(classifyUpdate(LLAMA_8B.spec, structuredClone(LLAMA_8B.spec))).toEqual({
      identityChanges: [],
      configChanges: [],
      recreates: false,
    });
  });

  it.each([
    ['model.id', (s: ModelDeploymentSpec) => (s.model.id = 'meta-llama/Llama-3.2-1B-Instruct')],
    ['model.source', (s: ModelDeploymentSpec) => (s.model.source = 'custom')],
    ['engine.type', (s: ModelDeploymentSpec) => (s.engine = { ...s.engine, type: 'sglang' })],
    ['provider.name', (s: ModelDeploymentSpec) => (s.provider = { name: 'kuberay' })],
    ['serving.mode', (s: ModelDeploymentSpec) => (s.serving = { mode: 'disaggregated' })],
  ])('%s is an identity change that recreates the deployment', (path, change) => {
    const oldSpec = { ...QWEN_DEMO.spec, provider: { name: 'dynamo' as const } };
    const result = classifyUpdate(oldSpec, edit(oldSpec, change));
    expect(result.identityChanges).toEqual([path]);
    expect(result.recreates).toBe(true);
    expect(result.configChanges).not.toContain(path);
  });

  it('patches config fields in place, one path per changed leaf', () => {
    const updated = edit(LLAMA_8B.spec, spec => {
      spec.scaling = { replicas: 3 };
      spec.resources = { gpu: { count: 1 }, memory: '48Gi' };
      spec.engine = { ...spec.engine, contextLength: 16384, args: { quantization: 'awq' } };
      spec.env = [{ name: 'VLLM_LOGGING_LEVEL', value: 'DEBUG' }];
      spec.nodeSelector = { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB' };
      spec.model.servedName = 'llama';
    });
    expect(classifyUpdate(LLAMA_8B.spec, updated)).toEqual({
      identityChanges: [],
      configChanges: [
        'engine.args.quantization',
        'engine.contextLength',
        'env',
        'model.servedName',
        'nodeSelector["nvidia.com/gpu.product"]',
        'resources.memory',
        'scaling.replicas',
      ],
      recreates: false,
    });
  });

  it('treats the defaults of model.source and serving.mode as set', () => {
    const explicitDefaults = edit(LLAMA_70B_PD.spec, spec => {
      spec.model.source = 'huggingface';
    });
    expect(classifyUpdate(LLAMA_70B_PD.spec, explicitDefaults).recreates).toBe(false);
    const aggregated = edit(LLAMA_8B.spec, spec => (spec.serving = { mode: 'aggregated' }));
    expect(classifyUpdate(LLAMA_8B.spec, aggregated)).toMatchObject({
      identityChanges: [],
      configChanges: [],
    });
  });

  it('lets engine and provider be chosen for the first time without a recreate', () => {
    const oldSpec: ModelDeploymentSpec = {
      model: { id: 'Qwen/Qwen3-0.6B' },
      resources: { gpu: { count: 1 } },
    };
    const chosen = edit(oldSpec, spec => {
      spec.engine = { type: 'vllm' };
      spec.provider = { name: 'dynamo' };
    });
    expect(classifyUpdate(oldSpec, chosen)).toEqual({
      identityChanges: [],
      configChanges: ['engine.type', 'provider.name'],
      recreates: false,
    });
  });

  it('counts an auto-selected provider as set (the webhook compares against status)', () => {
    const oldSpec: ModelDeploymentSpec = {
      model: { id: 'Qwen/Qwen3-0.6B' },
      resources: { gpu: { count: 1 } },
    };
    const pinned = edit(oldSpec, spec => (spec.provider = { name: 'kuberay' }));
    const status = { provider: { name: 'dynamo' } };
    expect(classifyUpdate(oldSpec, pinned, { oldStatus: status }).identityChanges).toEqual([
      'provider.name',
    ]);
    const same = edit(oldSpec, spec => (spec.provider = { name: 'dynamo' }));
    expect(classifyUpdate(oldSpec, same, { oldStatus: status }).recreates).toBe(false);
  });

  it('treats a provisioned volume as immutable but other volumes as config', () => {
    const withVolumes = edit(LLAMA_8B.spec, spec => {
      spec.model.storage = {
        volumes: [
          { name: 'cache', size: '100Gi', purpose: 'modelCache' },
          { name: 'shared', claimName: 'team-cache', mountPath: '/shared' },
        ],
      };
    });
    const resized = edit(withVolumes, spec => (spec.model.storage!.volumes![0]!.size = '200Gi'));
    expect(classifyUpdate(withVolumes, resized)).toEqual({
      identityChanges: ['model.storage.volumes[name=cache]'],
      configChanges: [],
      recreates: true,
    });
    const remounted = edit(
      withVolumes,
      spec => (spec.model.storage!.volumes![1]!.mountPath = '/other')
    );
    expect(classifyUpdate(withVolumes, remounted)).toEqual({
      identityChanges: [],
      configChanges: ['model.storage.volumes'],
      recreates: false,
    });
    const removed = edit(withVolumes, spec => spec.model.storage!.volumes!.splice(0, 1));
    expect(classifyUpdate(withVolumes, removed).identityChanges).toEqual([
      'model.storage.volumes[name=cache]',
    ]);
  });

  it('ignores the difference between an empty list or map and none', () => {
    const empty = edit(QWEN_DEMO.spec, spec => {
      spec.env = [];
      spec.nodeSelector = {};
      spec.tolerations = [];
    });
    expect(classifyUpdate(QWEN_DEMO.spec, empty).configChanges).toEqual([]);
  });
});
