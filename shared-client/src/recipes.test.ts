import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeGpuCapacity } from './capacity';
import { selectProvider } from './providers/selection';
import {
  applyRecipe,
  assessDemandFit,
  assessRecipe,
  defaultRecipeInput,
  largestFreeGpuNode,
  type RecipeChoice,
  recipeChoiceFromInput,
  recipeDemand,
  RECIPES,
  specDemand,
} from './recipes';
import { LLAMA_70B_PD } from './schemas/examples';
import { type ModelDeploymentSpec, ModelDeploymentSpecSchema } from './schemas/modelDeployment';

function gpuNode(
  nodeName: string,
  totalGpus: number,
  allocatedGpus: number,
  extra: Partial<NodeGpuCapacity> = {}
): NodeGpuCapacity {
  return {
    nodeName,
    totalGpus,
    allocatedGpus,
    availableGpus: Math.max(0, totalGpus - allocatedGpus),
    ready: true,
    schedulable: true,
    gpuResourceName: 'nvidia.com/gpu',
    gpuModel: 'A100-80GB',
    gpuMemoryGb: 80,
    memoryAllocatableGb: 200,
    memoryRequestedGb: 0,
    ...extra,
  };
}

function cpuNode(name: string, memoryAllocatableGb: number, memoryRequestedGb = 0) {
  return {
    nodeName: name,
    totalGpus: 0,
    allocatedGpus: 0,
    availableGpus: 0,
    ready: true,
    schedulable: true,
    memoryAllocatableGb,
    memoryRequestedGb,
  } satisfies NodeGpuCapacity;
}

/**
 * a100-0 has 2 free, a100-1 has 4 free; h100-0 (8 free) is cordoned and a100-2 (8 free) is not ready, so
 * neither counts.
 */
const CLUSTER = {
  nodes: [
    gpuNode('a100-0', 8, 6),
    gpuNode('a100-1', 8, 4),
    gpuNode('h100-0', 8, 0, { schedulable: false }),
    gpuNode('a100-2', 8, 0, { ready: false }),
    cpuNode('cpu-0', 32),
  ],
};

/** What a user typed into the form before picking a recipe. */
const ENTERED: ModelDeploymentSpec = {
  model: { id: 'Qwen/Qwen3-8B', servedName: 'qwen' },
  engine: { type: 'vllm', contextLength: 8192 },
  scaling: { replicas: 3 },
  resources: { gpu: { count: 1 }, memory: '32Gi' },
  env: [{ name: 'HF_HUB_OFFLINE', value: '1' }],
  nodeSelector: { pool: 'gpu' },
  secrets: { huggingFaceToken: 'hf-token' },
  podTemplate: { metadata: { labels: { team: 'research' } } },
};

const CHOICES: RecipeChoice[] = [
  { recipe: 'single-node-tp', gpus: 4 },
  { recipe: 'replicas-x-gpus', replicas: 3, gpusPerReplica: 2 },
  { recipe: 'cpu-llamacpp', replicas: 2, cpu: '500m', memory: '8Gi' },
  { recipe: 'disaggregated', prefillReplicas: 2, prefillGpus: 4, decodeReplicas: 4, decodeGpus: 2 },
];

describe('single node, tensor parallel over its free GPUs', () => {
  it('sizes itself on the ready, schedulable node with the most free GPUs', () => {
    expect(largestFreeGpuNode(CLUSTER)?.nodeName).toBe('a100-1');
    expect(recipeChoiceFromInput('single-node-tp', {}, CLUSTER)).toEqual({
      ok: true,
      choice: { recipe: 'single-node-tp', gpus: 4 },
      node: 'a100-1',
    });
  });

  it('rounds the group down to a power of two (6 free GPUs make a tensor-parallel group of 4)', () => {
    expect(
      recipeChoiceFromInput('single-node-tp', {}, { nodes: [gpuNode('six', 8, 2)] })
    ).toMatchObject({
      ok: true,
      choice: { recipe: 'single-node-tp', gpus: 4 },
      node: 'six',
    });
  });

  it('breaks ties by node name and counts only nodes offering the requested GPU resource', () => {
    const nodes = [
      gpuNode('b', 4, 0),
      gpuNode('a', 4, 0),
      gpuNode('mi300', 8, 0, { gpuResourceName: 'amd.com/gpu' }),
    ];
    expect(largestFreeGpuNode({ nodes })?.nodeName).toBe('a');
    expect(largestFreeGpuNode({ nodes }, 'amd.com/gpu')?.nodeName).toBe('mi300');
  });

  it('cannot be applied before the capacity is known or when no node has a free GPU', () => {
    expect(recipeChoiceFromInput('single-node-tp', {}, null)).toEqual({
      ok: false,
      problem: 'capacity-unknown',
      errors: {},
    });
    const full = { nodes: [gpuNode('a100-0', 8, 8), gpuNode('spare', 8, 0, { ready: false })] };
    expect(largestFreeGpuNode(full)).toBeUndefined();
    expect(recipeChoiceFromInput('single-node-tp', {}, full)).toMatchObject({
      ok: false,
      problem: 'no-free-gpu',
    });
  });

  it('gives one replica all of the node’s free GPUs with the matching tensor-parallel arg', () => {
    const spec = applyRecipe(ENTERED, { recipe: 'single-node-tp', gpus: 4 });
    expect(spec).toStrictEqual({
      model: { id: 'Qwen/Qwen3-8B', servedName: 'qwen' },
      engine: { type: 'vllm', contextLength: 8192, args: { 'tensor-parallel-size': '4' } },
      scaling: { replicas: 1 },
      resources: { gpu: { count: 4 }, memory: '32Gi' },
      env: [{ name: 'HF_HUB_OFFLINE', value: '1' }],
      nodeSelector: { pool: 'gpu' },
      secrets: { huggingFaceToken: 'hf-token' },
      podTemplate: { metadata: { labels: { team: 'research' } } },
    });
    expect(ModelDeploymentSpecSchema.parse(spec)).toEqual(spec);
    expect(selectProvider(spec)).toMatchObject({ ok: true, provider: 'kuberay' });
  });

  it('uses the engine’s own flag, and vLLM when the engine was unset or has no tensor parallelism', () => {
    const sglang = applyRecipe(
      { model: { id: 'Qwen/Qwen3-8B' }, engine: { type: 'sglang' } },
      { recipe: 'single-node-tp', gpus: 8 }
    );
    expect(sglang.engine).toEqual({ type: 'sglang', args: { 'tp-size': '8' } });
    const unset = applyRecipe(
      { model: { id: 'Qwen/Qwen3-8B' } },
      { recipe: 'single-node-tp', gpus: 2 }
    );
    expect(unset.engine).toEqual({ type: 'vllm', args: { 'tensor-parallel-size': '2' } });
    const llamacpp = applyRecipe(
      { model: { id: 'Qwen/Qwen3-8B' }, engine: { type: 'llamacpp', image: 'llama:cpu' } },
      { recipe: 'single-node-tp', gpus: 2 }
    );
    // An image built for another engine would not start vLLM.
    expect(llamacpp.engine).toEqual({ type: 'vllm', args: { 'tensor-parallel-size': '2' } });
  });
});

describe('N replicas × G GPUs', () => {
  it('turns a disaggregated spec into N aggregated replicas of G GPUs, keeping a provider that can run it', () => {
    const spec = applyRecipe(structuredClone(LLAMA_70B_PD.spec), {
      recipe: 'replicas-x-gpus',
      replicas: 3,
      gpusPerReplica: 2,
    });
    expect(spec).toStrictEqual({
      model: { id: 'meta-llama/Llama-3.1-70B-Instruct' },
      provider: { name: 'dynamo', overrides: { routerMode: 'kv', frontend: { replicas: 2 } } },
      engine: { type: 'vllm', args: { 'tensor-parallel-size': '2' } },
      scaling: { replicas: 3 },
      resources: { gpu: { count: 2 } },
      secrets: { huggingFaceToken: 'hf-token' },
    });
    expect(ModelDeploymentSpecSchema.parse(spec)).toEqual(spec);
    expect(selectProvider(spec)).toMatchObject({ ok: true, provider: 'dynamo', explicit: true });
  });

  it('with one GPU per replica sets no tensor-parallel arg and removes a stale one', () => {
    const spec = applyRecipe(
      {
        ...ENTERED,
        engine: {
          type: 'vllm',
          args: { 'tensor-parallel-size': '4' },
          extraArgs: ['--tensor-parallel-size=4', '--enable-chunked-prefill'],
        },
      },
      { recipe: 'replicas-x-gpus', replicas: 4, gpusPerReplica: 1 }
    );
    expect(spec.engine).toEqual({ type: 'vllm', extraArgs: ['--enable-chunked-prefill'] });
    expect(spec.scaling).toEqual({ replicas: 4 });
    expect(spec.resources).toEqual({ gpu: { count: 1 }, memory: '32Gi' });
  });
});

describe('CPU-only llama.cpp', () => {
  it('runs llama.cpp without GPUs on the CPU and memory asked for, which KAITO serves', () => {
    const spec = applyRecipe(
      {
        model: { id: 'google/gemma-3-1b-it-qat-q8_0-gguf', source: 'huggingface' },
        provider: { name: 'dynamo' },
        engine: {
          type: 'vllm',
          image: 'vllm/vllm-openai:v0.8.0',
          args: { 'tensor-parallel-size': '4', 'max-num-seqs': '32' },
          extraArgs: ['--tensor-parallel-size', '4', '--enable-chunked-prefill'],
        },
        serving: { mode: 'disaggregated' },
        scaling: { prefill: { replicas: 1 }, decode: { replicas: 2 } },
        resources: { gpu: { count: 4, type: 'nvidia.com/gpu' }, memory: '64Gi' },
      },
      { recipe: 'cpu-llamacpp', replicas: 2, cpu: '4', memory: '16Gi' }
    );
    expect(spec).toStrictEqual({
      model: { id: 'google/gemma-3-1b-it-qat-q8_0-gguf', source: 'huggingface' },
      engine: {
        type: 'llamacpp',
        args: { 'max-num-seqs': '32' },
        extraArgs: ['--enable-chunked-prefill'],
      },
      scaling: { replicas: 2 },
      resources: { gpu: { count: 0 }, cpu: '4', memory: '16Gi' },
    });
    expect(ModelDeploymentSpecSchema.parse(spec)).toEqual(spec);
    // Dynamo cannot run llama.cpp on CPU, so the explicit choice went and the rules pick KAITO.
    expect(selectProvider(spec)).toMatchObject({
      ok: true,
      provider: 'kaito',
      reason: 'no GPU requested → kaito (only CPU provider)',
    });
  });

  it('keeps an explicit KAITO', () => {
    const spec = applyRecipe(
      { model: { id: 'Qwen/Qwen3-0.6B' }, provider: { name: 'kaito' } },
      { recipe: 'cpu-llamacpp', replicas: 1, cpu: '8', memory: '16Gi' }
    );
    expect(spec.provider).toEqual({ name: 'kaito' });
    expect(selectProvider(spec)).toMatchObject({ ok: true, provider: 'kaito', explicit: true });
  });
});

describe('disaggregated prefill/decode', () => {
  it('writes the reference shape: serving mode, prefill and decode replicas with their GPUs', () => {
    const spec = applyRecipe(
      { ...ENTERED, resources: { gpu: { count: 1, type: 'nvidia.com/gpu' }, memory: '32Gi' } },
      {
        recipe: 'disaggregated',
        prefillReplicas: 2,
        prefillGpus: 4,
        decodeReplicas: 4,
        decodeGpus: 2,
      }
    );
    expect(spec).toStrictEqual({
      model: { id: 'Qwen/Qwen3-8B', servedName: 'qwen' },
      // engine.args reach both workers; with different GPU counts no single degree is right.
      engine: { type: 'vllm', contextLength: 8192 },
      serving: { mode: 'disaggregated' },
      scaling: {
        prefill: { replicas: 2, gpu: { type: 'nvidia.com/gpu', count: 4 } },
        decode: { replicas: 4, gpu: { type: 'nvidia.com/gpu', count: 2 } },
      },
      resources: { memory: '32Gi' },
      env: [{ name: 'HF_HUB_OFFLINE', value: '1' }],
      nodeSelector: { pool: 'gpu' },
      secrets: { huggingFaceToken: 'hf-token' },
      podTemplate: { metadata: { labels: { team: 'research' } } },
    });
    expect(ModelDeploymentSpecSchema.parse(spec)).toEqual(spec);
    expect(selectProvider(spec)).toMatchObject({
      ok: true,
      provider: 'dynamo',
      reason: 'disaggregated serving → dynamo (prefill/decode disaggregation)',
    });
  });

  it('sets the tensor-parallel degree when prefill and decode use the same GPU count, and keeps component memory', () => {
    const spec = applyRecipe(
      {
        model: { id: 'Qwen/Qwen3-8B' },
        engine: { type: 'trtllm' },
        scaling: { replicas: 2, prefill: { memory: '64Gi' } },
      },
      {
        recipe: 'disaggregated',
        prefillReplicas: 1,
        prefillGpus: 2,
        decodeReplicas: 3,
        decodeGpus: 2,
      }
    );
    // No provider serves TensorRT-LLM disaggregated, so the recipe uses vLLM.
    expect(spec.engine).toEqual({ type: 'vllm', args: { 'tensor-parallel-size': '2' } });
    expect(spec.scaling).toEqual({
      prefill: { memory: '64Gi', replicas: 1, gpu: { count: 2 } },
      decode: { replicas: 3, gpu: { count: 2 } },
    });
    expect(ModelDeploymentSpecSchema.safeParse(spec).success).toBe(true);
  });
});

describe('every recipe', () => {
  it('keeps the model and the fields it is not about', () => {
    for (const choice of CHOICES) {
      const spec = applyRecipe(ENTERED, choice);
      expect(spec.model, choice.recipe).toEqual({ id: 'Qwen/Qwen3-8B', servedName: 'qwen' });
      expect(spec.env, choice.recipe).toEqual(ENTERED.env);
      expect(spec.secrets, choice.recipe).toEqual(ENTERED.secrets);
      expect(spec.podTemplate, choice.recipe).toEqual(ENTERED.podTemplate);
      expect(spec.nodeSelector, choice.recipe).toEqual(ENTERED.nodeSelector);
      expect(ModelDeploymentSpecSchema.safeParse(spec).success, choice.recipe).toBe(true);
    }
    // The input is not changed.
    expect(ENTERED.scaling).toEqual({ replicas: 3 });
  });

  it('gives a spec the CRD accepts and a provider can run, whatever the counts', () => {
    const countArb = fc.integer({ min: 1, max: 64 });
    const choiceArb: fc.Arbitrary<RecipeChoice> = fc.oneof(
      countArb.map(gpus => ({ recipe: 'single-node-tp' as const, gpus })),
      fc.tuple(countArb, countArb).map(([replicas, gpusPerReplica]) => ({
        recipe: 'replicas-x-gpus' as const,
        replicas,
        gpusPerReplica,
      })),
      fc
        .tuple(countArb, fc.constantFrom('1', '500m', '8'), fc.constantFrom('1Gi', '16Gi'))
        .map(([replicas, cpu, memory]) => ({
          recipe: 'cpu-llamacpp' as const,
          replicas,
          cpu,
          memory,
        })),
      fc.tuple(countArb, countArb, countArb, countArb).map(([a, b, c, d]) => ({
        recipe: 'disaggregated' as const,
        prefillReplicas: a,
        prefillGpus: b,
        decodeReplicas: c,
        decodeGpus: d,
      }))
    );
    const startArb = fc.constantFrom<ModelDeploymentSpec>(
      ENTERED,
      structuredClone(LLAMA_70B_PD.spec),
      { model: { id: 'Qwen/Qwen3-0.6B' }, provider: { name: 'vllm' }, engine: { type: 'trtllm' } }
    );
    fc.assert(
      fc.property(startArb, choiceArb, (start, choice) => {
        const spec = applyRecipe(start, choice);
        expect(ModelDeploymentSpecSchema.safeParse(spec).success).toBe(true);
        expect(selectProvider(spec).ok).toBe(true);
        const demand = specDemand(spec);
        expect(demand.totalGpus).toBe(
          demand.groups.reduce((sum, group) => sum + group.pods * group.gpusPerPod, 0)
        );
      })
    );
  });

  it('refuses a choice outside its parameters', () => {
    expect(() =>
      applyRecipe(ENTERED, { recipe: 'replicas-x-gpus', replicas: 0, gpusPerReplica: 1 })
    ).toThrow(/Replicas must be at least 1/);
  });
});

describe('parameters from the form', () => {
  it('starts each recipe from its defaults, which are valid', () => {
    for (const recipe of RECIPES) {
      if (recipe.needsCapacity) continue;
      expect(recipeChoiceFromInput(recipe.id, defaultRecipeInput(recipe.id), null).ok).toBe(true);
    }
    expect(defaultRecipeInput('cpu-llamacpp')).toEqual({ replicas: '1', cpu: '4', memory: '16Gi' });
  });

  it('names each parameter that is not a whole number ≥ 1 or a quantity', () => {
    expect(
      recipeChoiceFromInput('cpu-llamacpp', { replicas: '0', cpu: '4 cores', memory: '16Gi' }, null)
    ).toEqual({
      ok: false,
      problem: 'invalid-parameters',
      errors: {
        replicas: 'must be a whole number of at least 1',
        cpu: 'must be a Kubernetes quantity such as "32Gi" or "500m"',
      },
    });
    expect(
      recipeChoiceFromInput('replicas-x-gpus', { replicas: ' 2 ', gpusPerReplica: '1.5' }, null)
    ).toMatchObject({
      ok: false,
      errors: { gpusPerReplica: 'must be a whole number of at least 1' },
    });
    expect(
      recipeChoiceFromInput('replicas-x-gpus', { replicas: ' 2 ', gpusPerReplica: '4' }, null)
    ).toEqual({
      ok: true,
      choice: { recipe: 'replicas-x-gpus', replicas: 2, gpusPerReplica: 4 },
    });
  });
});

describe('demand', () => {
  it('counts pods × GPUs per pod, with the memory and CPU they request', () => {
    expect(recipeDemand(ENTERED, { recipe: 'single-node-tp', gpus: 4 })).toEqual({
      groups: [
        { role: 'server', pods: 1, gpusPerPod: 4, gpuType: 'nvidia.com/gpu', memory: '32Gi' },
      ],
      pods: 1,
      totalGpus: 4,
      totalMemoryGb: 32,
    });
    expect(
      recipeDemand(ENTERED, { recipe: 'replicas-x-gpus', replicas: 3, gpusPerReplica: 2 })
    ).toEqual({
      groups: [
        { role: 'server', pods: 3, gpusPerPod: 2, gpuType: 'nvidia.com/gpu', memory: '32Gi' },
      ],
      pods: 3,
      totalGpus: 6,
      totalMemoryGb: 96,
    });
    expect(
      recipeDemand(ENTERED, { recipe: 'cpu-llamacpp', replicas: 2, cpu: '500m', memory: '8Gi' })
    ).toEqual({
      groups: [
        {
          role: 'server',
          pods: 2,
          gpusPerPod: 0,
          gpuType: 'nvidia.com/gpu',
          cpu: '500m',
          memory: '8Gi',
        },
      ],
      pods: 2,
      totalGpus: 0,
      totalMemoryGb: 16,
      totalCpu: 1,
    });
  });

  it('counts prefill and decode workers separately for disaggregated serving', () => {
    expect(
      recipeDemand(ENTERED, {
        recipe: 'disaggregated',
        prefillReplicas: 2,
        prefillGpus: 4,
        decodeReplicas: 4,
        decodeGpus: 2,
      })
    ).toEqual({
      groups: [
        { role: 'prefill', pods: 2, gpusPerPod: 4, gpuType: 'nvidia.com/gpu' },
        { role: 'decode', pods: 4, gpusPerPod: 2, gpuType: 'nvidia.com/gpu' },
      ],
      pods: 6,
      totalGpus: 16,
    });
  });

  it('reads the CRD defaults for omitted fields (one replica, no GPU; replicas 0 runs one)', () => {
    expect(specDemand({ model: { id: 'a/b' }, scaling: { replicas: 0 } })).toMatchObject({
      pods: 1,
      totalGpus: 0,
    });
  });
});

describe('fit against the cluster’s free GPUs', () => {
  it('fits and says where the pods go', () => {
    const { fit } = assessRecipe(
      ENTERED,
      { recipe: 'replicas-x-gpus', replicas: 3, gpusPerReplica: 2 },
      CLUSTER
    );
    expect(fit).toEqual({
      fits: true,
      checked: true,
      reason: 'Fits: uses 6 of 6 free GPUs (a100-0: 1 pod, a100-1: 2 pods).',
      placement: [
        { node: 'a100-0', pods: 1 },
        { node: 'a100-1', pods: 2 },
      ],
    });
  });

  it('single-node tensor parallelism fits on the node it was sized on', () => {
    const choice = recipeChoiceFromInput('single-node-tp', {}, CLUSTER);
    if (!choice.ok) throw new Error('expected a choice');
    const { fit } = assessRecipe(ENTERED, choice.choice, CLUSTER);
    expect(fit.fits).toBe(true);
    expect(fit.placement).toEqual([{ node: 'a100-1', pods: 1 }]);
  });

  it('does not fit when one pod needs more GPUs than any ready node has free', () => {
    const { fit } = assessRecipe(ENTERED, { recipe: 'single-node-tp', gpus: 8 }, CLUSTER);
    expect(fit).toMatchObject({
      fits: false,
      reason: 'Each pod needs 8 GPUs on one node; the most free on any ready node is 4.',
    });
    const disaggregated = assessRecipe(
      ENTERED,
      {
        recipe: 'disaggregated',
        prefillReplicas: 1,
        prefillGpus: 8,
        decodeReplicas: 1,
        decodeGpus: 1,
      },
      CLUSTER
    );
    expect(disaggregated.fit.reason).toBe(
      'Each prefill pod needs 8 GPUs on one node; the most free on any ready node is 4.'
    );
  });

  it('does not fit when the pods need more GPUs than are free in total', () => {
    const { fit } = assessRecipe(
      ENTERED,
      { recipe: 'replicas-x-gpus', replicas: 7, gpusPerReplica: 1 },
      CLUSTER
    );
    expect(fit).toMatchObject({
      fits: false,
      reason: 'Needs 7 GPUs in total; 6 are free on ready, schedulable nodes.',
    });
  });

  it('does not fit when the free GPUs are split so that whole pods cannot be placed', () => {
    // 6 free GPUs (2 + 4), but three pods of 2 … fits; two pods of 3 do not (a100-0 has only 2).
    const { fit } = assessRecipe(
      ENTERED,
      { recipe: 'replicas-x-gpus', replicas: 2, gpusPerReplica: 3 },
      CLUSTER
    );
    expect(fit).toMatchObject({
      fits: false,
      reason:
        'Needs 2 pods (6 GPUs); the free GPUs are split across nodes so that only 1 of them can be placed.',
    });
  });

  it('puts each pod where it fills the free GPUs most tightly, keeping room for the others', () => {
    // Taking the first node that fits would put the 4-GPU prefill pod on gpu-a (6 free), leaving 2 + 4
    // free: then only one 3-GPU decode pod could be placed.
    const nodes = { nodes: [gpuNode('gpu-a', 8, 2), gpuNode('gpu-b', 4, 0)] };
    const { fit } = assessRecipe(
      ENTERED,
      {
        recipe: 'disaggregated',
        prefillReplicas: 1,
        prefillGpus: 4,
        decodeReplicas: 2,
        decodeGpus: 3,
      },
      nodes
    );
    expect(fit).toMatchObject({
      fits: true,
      reason: 'Fits: uses 10 of 10 free GPUs (gpu-a: 2 pods, gpu-b: 1 pod).',
      placement: [
        { node: 'gpu-a', pods: 2 },
        { node: 'gpu-b', pods: 1 },
      ],
    });
  });

  it('names a cluster without GPU nodes, or without a usable one', () => {
    const choice: RecipeChoice = { recipe: 'replicas-x-gpus', replicas: 1, gpusPerReplica: 1 };
    expect(assessRecipe(ENTERED, choice, { nodes: [cpuNode('cpu-0', 32)] }).fit.reason).toBe(
      'The cluster has no nodes with nvidia.com/gpu GPUs.'
    );
    expect(
      assessRecipe(ENTERED, choice, { nodes: [gpuNode('a', 8, 0, { schedulable: false })] }).fit
        .reason
    ).toBe('No node with nvidia.com/gpu GPUs is ready and schedulable.');
    const amd = { ...ENTERED, resources: { gpu: { count: 1, type: 'amd.com/gpu' } } };
    expect(assessRecipe(amd, choice, CLUSTER).fit.reason).toBe(
      'The cluster has no nodes with amd.com/gpu GPUs.'
    );
  });

  it('checks CPU-only pods against each node’s unrequested memory', () => {
    const nodes = { nodes: [cpuNode('cpu-0', 32, 20), cpuNode('cpu-1', 32, 8)] };
    const fits = assessRecipe(
      ENTERED,
      { recipe: 'cpu-llamacpp', replicas: 2, cpu: '4', memory: '12Gi' },
      nodes
    );
    expect(fits.fit).toEqual({
      fits: true,
      checked: true,
      reason:
        'Fits on CPU: 24 GiB of memory (cpu-0: 1 pod, cpu-1: 1 pod). CPU requests are not checked.',
      placement: [
        { node: 'cpu-0', pods: 1 },
        { node: 'cpu-1', pods: 1 },
      ],
    });
    const tooBig = assessRecipe(
      ENTERED,
      { recipe: 'cpu-llamacpp', replicas: 1, cpu: '4', memory: '30Gi' },
      nodes
    );
    expect(tooBig.fit).toMatchObject({
      fits: false,
      reason:
        'Each pod needs 30 GiB of memory on one node; the most unrequested on any ready node is 24 GiB. CPU requests are not checked.',
    });
    const tooMany = assessRecipe(
      ENTERED,
      { recipe: 'cpu-llamacpp', replicas: 4, cpu: '4', memory: '12Gi' },
      nodes
    );
    expect(tooMany.fit).toMatchObject({
      fits: false,
      reason:
        'Needs 48 GiB of memory in total; 36 GiB is unrequested on ready nodes. CPU requests are not checked.',
    });
  });

  it('says so when no node reports its memory', () => {
    const demand = specDemand({ model: { id: 'a/b' }, resources: { memory: '8Gi' } });
    const unknown = { ...cpuNode('cpu-0', 0), memoryAllocatableGb: undefined };
    expect(assessDemandFit(demand, { nodes: [unknown] })).toEqual({
      fits: true,
      checked: false,
      reason: 'Runs on CPU; no ready node reports its memory, so this is unchecked.',
      placement: [],
    });
  });
});
