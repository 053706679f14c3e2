/**
 * Recipes: presets that reshape a ModelDeployment spec for a common way of running a model (one node with
 * tensor parallelism over its free GPUs, N replicas of G GPUs, llama.cpp on CPU, disaggregated
 * prefill/decode), what each asks of the cluster, and whether the cluster's free GPUs (or memory) can take it.
 *
 * A recipe changes only what it is about (engine, serving mode, scaling, resources, tensor parallelism) and
 * keeps everything else the user set: the model, env, placement, secrets, fields without a form input.
 */
import { z } from 'zod';
import type { ClusterCapacity, NodeGpuCapacity } from './capacity';
import { incompatibilityReason } from './providers/capabilities';
import { TENSOR_PARALLEL_FLAG_NAMES, withTensorParallel } from './providers/engineArgs';
import { bytesToGb, parseQuantity } from './quantity';
import {
  type ComponentScalingSpec,
  type EngineSpec,
  type EngineType,
  extraArgFlagName,
  type ModelDeploymentSpec,
  QuantityStringSchema,
  requestsGpu,
  resolvedServingMode,
  SPEC_DEFAULTS,
} from './schemas/modelDeployment';

export const RECIPE_IDS = [
  'single-node-tp',
  'replicas-x-gpus',
  'cpu-llamacpp',
  'disaggregated',
] as const;
export const RecipeIdSchema = z.enum(RECIPE_IDS);
export type RecipeId = z.infer<typeof RecipeIdSchema>;

const count = (label: string) =>
  z
    .number()
    .int(`${label} must be a whole number`)
    .min(1, `${label} must be at least 1`)
    .max(2_147_483_647);

export const RecipeChoiceSchema = z.discriminatedUnion('recipe', [
  z.object({ recipe: z.literal('single-node-tp'), gpus: count('GPUs') }),
  z.object({
    recipe: z.literal('replicas-x-gpus'),
    replicas: count('Replicas'),
    gpusPerReplica: count('GPUs per replica'),
  }),
  z.object({
    recipe: z.literal('cpu-llamacpp'),
    replicas: count('Replicas'),
    cpu: QuantityStringSchema,
    memory: QuantityStringSchema,
  }),
  z.object({
    recipe: z.literal('disaggregated'),
    prefillReplicas: count('Prefill replicas'),
    prefillGpus: count('Prefill GPUs'),
    decodeReplicas: count('Decode replicas'),
    decodeGpus: count('Decode GPUs'),
  }),
]);
/** A recipe with its parameters filled in. */
export type RecipeChoice = z.infer<typeof RecipeChoiceSchema>;

export interface RecipeParameter {
  name: string;
  /** `count`: a whole number ≥ 1; `quantity`: a Kubernetes quantity such as `4` or `16Gi`. */
  kind: 'count' | 'quantity';
  /** The value the input starts with. */
  default: string;
}

export interface RecipeDefinition {
  id: RecipeId;
  /** What the user chooses. The single-node recipe has none: its GPU count comes from the cluster. */
  parameters: readonly RecipeParameter[];
  /** Whether applying it needs the cluster's capacity (the single-node GPU count). */
  needsCapacity: boolean;
}

export const RECIPES: readonly RecipeDefinition[] = [
  { id: 'single-node-tp', parameters: [], needsCapacity: true },
  {
    id: 'replicas-x-gpus',
    parameters: [
      { name: 'replicas', kind: 'count', default: '2' },
      { name: 'gpusPerReplica', kind: 'count', default: '1' },
    ],
    needsCapacity: false,
  },
  {
    id: 'cpu-llamacpp',
    parameters: [
      { name: 'replicas', kind: 'count', default: '1' },
      { name: 'cpu', kind: 'quantity', default: '4' },
      { name: 'memory', kind: 'quantity', default: '16Gi' },
    ],
    needsCapacity: false,
  },
  {
    id: 'disaggregated',
    parameters: [
      { name: 'prefillReplicas', kind: 'count', default: '1' },
      { name: 'prefillGpus', kind: 'count', default: '1' },
      { name: 'decodeReplicas', kind: 'count', default: '1' },
      { name: 'decodeGpus', kind: 'count', default: '1' },
    ],
    needsCapacity: false,
  },
];

export function recipeDefinition(id: RecipeId): RecipeDefinition {
  return RECIPES.find(recipe => recipe.id === id) as RecipeDefinition;
}

export function defaultRecipeInput(id: RecipeId): Record<string, string> {
  return Object.fromEntries(
    recipeDefinition(id).parameters.map(parameter => [parameter.name, parameter.default])
  );
}

// ---------------------------------------------------------------------------------------------------------
// The single-node GPU count

type Nodes = Pick<ClusterCapacity, 'nodes'>;

function isUsable(node: NodeGpuCapacity): boolean {
  return node.ready && node.schedulable;
}

function offers(node: NodeGpuCapacity, gpuType: string): boolean {
  return node.totalGpus > 0 && node.gpuResourceName === gpuType;
}

/**
 * The ready, schedulable node with the most free GPUs of this resource (ties: the first by name): where
 * a single-node tensor-parallel group is largest.
 */
export function largestFreeGpuNode(
  capacity: Nodes,
  gpuType: string = SPEC_DEFAULTS.gpuType
): NodeGpuCapacity | undefined {
  let best: NodeGpuCapacity | undefined;
  for (const node of capacity.nodes) {
    if (!isUsable(node) || !offers(node, gpuType) || node.availableGpus <= 0) continue;
    if (
      !best ||
      node.availableGpus > best.availableGpus ||
      (node.availableGpus === best.availableGpus && node.nodeName < best.nodeName)
    ) {
      best = node;
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------
// Form input → choice

export type RecipeInputProblem = 'capacity-unknown' | 'no-free-gpu' | 'invalid-parameters';

export type RecipeChoiceResult =
  | {
      ok: true;
      choice: RecipeChoice;
      /** The node the single-node recipe sized itself on. */ node?: string;
    }
  | {
      ok: false;
      problem: RecipeInputProblem;
      /** Per parameter name. */ errors: Record<string, string>;
    };

/**
 * The recipe's choice from what its inputs hold (strings), or why it cannot be applied yet. The single-node
 * recipe takes its GPU count from the largest free node of `gpuType`, so it needs the capacity.
 */
export function recipeChoiceFromInput(
  id: RecipeId,
  input: Readonly<Record<string, string>>,
  capacity: Nodes | null | undefined,
  gpuType: string = SPEC_DEFAULTS.gpuType
): RecipeChoiceResult {
  if (id === 'single-node-tp') {
    if (!capacity) return { ok: false, problem: 'capacity-unknown', errors: {} };
    const node = largestFreeGpuNode(capacity, gpuType);
    if (!node) return { ok: false, problem: 'no-free-gpu', errors: {} };
    // Tensor parallelism splits attention heads evenly, which models allow for powers of two: 6 free GPUs
    // make a group of 4.
    const gpus = 2 ** Math.floor(Math.log2(node.availableGpus));
    return { ok: true, choice: { recipe: id, gpus }, node: node.nodeName };
  }
  const errors: Record<string, string> = {};
  const values: Record<string, number | string> = {};
  for (const parameter of recipeDefinition(id).parameters) {
    const text = (input[parameter.name] ?? '').trim();
    if (parameter.kind === 'count') {
      if (/^\d+$/.test(text) && Number(text) >= 1) values[parameter.name] = Number(text);
      else errors[parameter.name] = 'must be a whole number of at least 1';
    } else {
      const quantity = QuantityStringSchema.safeParse(text);
      if (quantity.success) values[parameter.name] = quantity.data;
      else errors[parameter.name] = quantity.error.issues[0]?.message ?? 'invalid quantity';
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, problem: 'invalid-parameters', errors };
  const parsed = RecipeChoiceSchema.safeParse({ recipe: id, ...values });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] = issue.message;
    return { ok: false, problem: 'invalid-parameters', errors };
  }
  return { ok: true, choice: parsed.data };
}

// ---------------------------------------------------------------------------------------------------------
// Applying a recipe

/** Engines with a tensor-parallel flag; a GPU recipe keeps the user's engine when it is one of these. */
const TENSOR_PARALLEL_ENGINES: ReadonlySet<EngineType> = new Set(['vllm', 'sglang', 'trtllm']);
/** Engines a provider serves disaggregated (Dynamo: vLLM and SGLang; KubeRay and llm-d: vLLM). */
const DISAGGREGATED_ENGINES: ReadonlySet<EngineType> = new Set(['vllm', 'sglang']);

/** Raw extra args without any tensor-parallel flag (and the value token after a bare one). */
function withoutTensorParallelTokens(tokens: readonly string[] | undefined): string[] {
  const result: string[] = [];
  const list = tokens ?? [];
  for (let i = 0; i < list.length; i++) {
    const token = list[i] as string;
    const words = token.trim().split(/\s+/);
    const head = words[0] ?? '';
    const flag = head === '-tp' ? 'tp' : extraArgFlagName(head);
    if (flag !== undefined && TENSOR_PARALLEL_FLAG_NAMES.has(flag)) {
      const bare = words.length === 1 && !head.includes('=');
      const next = list[i + 1];
      if (bare && next !== undefined && !next.trim().startsWith('-')) i += 1;
      continue;
    }
    result.push(token);
  }
  return result;
}

/** The engine section for `type` with tensor parallelism `tensorParallel`; an image for another engine goes. */
function engineSection(
  current: EngineSpec | undefined,
  type: EngineType,
  tensorParallel: number
): EngineSpec {
  const { args: _args, extraArgs: _extraArgs, image, ...rest } = current ?? {};
  const args = withTensorParallel(type, current?.args, tensorParallel);
  const extraArgs = withoutTensorParallelTokens(current?.extraArgs);
  const keepImage = image !== undefined && (current?.type === undefined || current.type === type);
  return {
    ...rest,
    type,
    ...(keepImage ? { image } : {}),
    ...(Object.keys(args).length > 0 ? { args } : {}),
    ...(extraArgs.length > 0 ? { extraArgs } : {}),
  };
}

function withoutKeys<T extends object, K extends keyof T>(
  value: T | undefined,
  keys: K[]
): Omit<T, K> {
  const copy = { ...(value ?? {}) } as T;
  for (const key of keys) delete copy[key];
  return copy;
}

/** The spec with `key` set to `value`, or left out when that is an empty object. */
function setSection<K extends keyof ModelDeploymentSpec>(
  spec: ModelDeploymentSpec,
  key: K,
  value: ModelDeploymentSpec[K]
): ModelDeploymentSpec {
  const next = { ...spec };
  if (value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) {
    delete next[key];
  } else {
    next[key] = value;
  }
  return next;
}

/** Aggregated serving: disaggregated mode and the prefill/decode scaling go. */
function aggregated(spec: ModelDeploymentSpec, replicas: number): ModelDeploymentSpec {
  let next = spec;
  if (spec.serving?.mode === 'disaggregated') {
    next = setSection(next, 'serving', withoutKeys(spec.serving, ['mode']));
  }
  return setSection(next, 'scaling', {
    ...withoutKeys(spec.scaling, ['prefill', 'decode']),
    replicas,
  });
}

/** An explicit provider that cannot run the result is dropped, so the controller's rules choose one. */
function withCompatibleProvider(spec: ModelDeploymentSpec): ModelDeploymentSpec {
  const provider = spec.provider?.name;
  const engine = spec.engine?.type;
  if (!provider || !engine) return spec;
  const problem = incompatibilityReason(provider, {
    engine,
    gpu: requestsGpu(spec),
    mode: resolvedServingMode(spec),
  });
  return problem ? setSection(spec, 'provider', undefined) : spec;
}

function gpuAggregated(
  spec: ModelDeploymentSpec,
  replicas: number,
  gpusPerReplica: number
): ModelDeploymentSpec {
  const current = spec.engine?.type;
  const engine = current && TENSOR_PARALLEL_ENGINES.has(current) ? current : 'vllm';
  let next = aggregated(spec, replicas);
  next = setSection(next, 'engine', engineSection(spec.engine, engine, gpusPerReplica));
  next = setSection(next, 'resources', {
    ...spec.resources,
    gpu: { ...spec.resources?.gpu, count: gpusPerReplica },
  });
  return next;
}

function cpuLlamacpp(
  spec: ModelDeploymentSpec,
  choice: Extract<RecipeChoice, { recipe: 'cpu-llamacpp' }>
): ModelDeploymentSpec {
  let next = aggregated(spec, choice.replicas);
  next = setSection(next, 'engine', engineSection(spec.engine, 'llamacpp', 1));
  // The GPU resource name means nothing without GPUs; an explicit 0 says "CPU" in the YAML.
  next = setSection(next, 'resources', {
    ...withoutKeys(spec.resources, ['gpu']),
    gpu: { count: 0 },
    cpu: choice.cpu,
    memory: choice.memory,
  });
  return next;
}

function disaggregated(
  spec: ModelDeploymentSpec,
  choice: Extract<RecipeChoice, { recipe: 'disaggregated' }>
): ModelDeploymentSpec {
  const current = spec.engine?.type;
  const engine = current && DISAGGREGATED_ENGINES.has(current) ? current : 'vllm';
  const gpuType = spec.resources?.gpu?.type;
  const component = (
    existing: ComponentScalingSpec | undefined,
    replicas: number,
    gpus: number
  ): ComponentScalingSpec => ({
    ...existing,
    replicas,
    gpu: {
      ...(gpuType ? { type: gpuType } : {}),
      ...existing?.gpu,
      count: gpus,
    },
  });
  let next = setSection(spec, 'serving', { ...spec.serving, mode: 'disaggregated' });
  next = setSection(next, 'scaling', {
    ...withoutKeys(spec.scaling, ['replicas']),
    prefill: component(spec.scaling?.prefill, choice.prefillReplicas, choice.prefillGpus),
    decode: component(spec.scaling?.decode, choice.decodeReplicas, choice.decodeGpus),
  });
  // engine.args reach both workers, so a tensor-parallel degree fits only when both use the same GPU count.
  const tensorParallel = choice.prefillGpus === choice.decodeGpus ? choice.prefillGpus : 1;
  next = setSection(next, 'engine', engineSection(spec.engine, engine, tensorParallel));
  // Each component carries its own GPUs; resources.gpu would be ignored and only confuse.
  next = setSection(next, 'resources', withoutKeys(spec.resources, ['gpu']));
  return next;
}

/**
 * The spec with the recipe applied. The model, and every field the recipe is not about, are kept; an
 * explicit provider that cannot run the result is dropped (the controller's rules then choose).
 */
export function applyRecipe(spec: ModelDeploymentSpec, choice: RecipeChoice): ModelDeploymentSpec {
  const parsed = RecipeChoiceSchema.parse(choice);
  let next: ModelDeploymentSpec;
  switch (parsed.recipe) {
    case 'single-node-tp':
      next = gpuAggregated(spec, 1, parsed.gpus);
      break;
    case 'replicas-x-gpus':
      next = gpuAggregated(spec, parsed.replicas, parsed.gpusPerReplica);
      break;
    case 'cpu-llamacpp':
      next = cpuLlamacpp(spec, parsed);
      break;
    case 'disaggregated':
      next = disaggregated(spec, parsed);
      break;
  }
  return withCompatibleProvider(next);
}

// ---------------------------------------------------------------------------------------------------------
// Demand

export type PodRole = 'server' | 'prefill' | 'decode';

export interface PodGroupDemand {
  /** `server` for aggregated serving; `prefill` and `decode` workers for disaggregated serving. */
  role: PodRole;
  pods: number;
  gpusPerPod: number;
  gpuType: string;
  cpu?: string;
  memory?: string;
}

export interface Demand {
  groups: PodGroupDemand[];
  pods: number;
  totalGpus: number;
  /** Sum over pods of their memory requests in GiB, when any group requests memory. */
  totalMemoryGb?: number;
  /** Sum over pods of their CPU requests in cores, when any group requests CPU. */
  totalCpu?: number;
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Memory of a quantity string in GiB (the unit node memory is counted in), or undefined. */
function memoryGb(memory: string | undefined): number | undefined {
  const bytes = parseQuantity(memory);
  return bytes === undefined ? undefined : bytesToGb(bytes);
}

/**
 * What the spec asks of the cluster: its model-server pods (Dynamo's frontend router, which has no GPU, is
 * not counted) with their GPUs, CPU and memory.
 */
export function specDemand(spec: ModelDeploymentSpec): Demand {
  const groups: PodGroupDemand[] = [];
  if (resolvedServingMode(spec) === 'disaggregated') {
    for (const role of ['prefill', 'decode'] as const) {
      const component = spec.scaling?.[role];
      groups.push({
        role,
        pods: component?.replicas ?? SPEC_DEFAULTS.replicas,
        gpusPerPod: component?.gpu?.count ?? SPEC_DEFAULTS.gpuCount,
        gpuType: component?.gpu?.type ?? SPEC_DEFAULTS.gpuType,
        ...(component?.memory ? { memory: component.memory } : {}),
      });
    }
  } else {
    // The providers treat replicas 0 as 1.
    groups.push({
      role: 'server',
      pods: spec.scaling?.replicas || SPEC_DEFAULTS.replicas,
      gpusPerPod: spec.resources?.gpu?.count ?? SPEC_DEFAULTS.gpuCount,
      gpuType: spec.resources?.gpu?.type ?? SPEC_DEFAULTS.gpuType,
      ...(spec.resources?.cpu ? { cpu: spec.resources.cpu } : {}),
      ...(spec.resources?.memory ? { memory: spec.resources.memory } : {}),
    });
  }
  const demand: Demand = {
    groups,
    pods: groups.reduce((sum, group) => sum + group.pods, 0),
    totalGpus: groups.reduce((sum, group) => sum + group.pods * group.gpusPerPod, 0),
  };
  const memories = groups.filter(group => memoryGb(group.memory) !== undefined);
  if (memories.length > 0) {
    demand.totalMemoryGb = roundTenth(
      memories.reduce((sum, group) => sum + group.pods * (memoryGb(group.memory) ?? 0), 0)
    );
  }
  const cpus = groups.filter(group => parseQuantity(group.cpu) !== undefined);
  if (cpus.length > 0) {
    demand.totalCpu = roundTenth(
      cpus.reduce((sum, group) => sum + group.pods * (parseQuantity(group.cpu) ?? 0), 0)
    );
  }
  return demand;
}

/** What the spec would ask of the cluster with the recipe applied. */
export function recipeDemand(spec: ModelDeploymentSpec, choice: RecipeChoice): Demand {
  return specDemand(applyRecipe(spec, choice));
}

// ---------------------------------------------------------------------------------------------------------
// Fit

export interface DemandFit {
  fits: boolean;
  /** False when the cluster reports too little to tell (no node reports its memory); `fits` is then true. */
  checked: boolean;
  reason: string;
  /** Where the pods would go when they fit: pods per node, in node order. */
  placement: { node: string; pods: number }[];
}

function formatGib(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)} GiB`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function podsOf(role: PodRole): string {
  return role === 'server' ? 'pod' : `${role} pod`;
}

function placementText(placement: Map<string, number>): string {
  return [...placement]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([node, pods]) => `${node}: ${plural(pods, 'pod', 'pods')}`)
    .join(', ');
}

function placementList(placement: Map<string, number>): DemandFit['placement'] {
  return [...placement]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([node, pods]) => ({ node, pods }));
}

interface PodToPlace {
  role: PodRole;
  amount: number;
  gpuType?: string;
}

/**
 * Best fit, largest pods first: each pod goes to the node whose free amount it fills most tightly, which
 * keeps large free blocks for the large pods. Returns the pods placed per node, and how many were placed.
 */
function pack(
  pods: readonly PodToPlace[],
  free: Map<string, number>,
  eligible: (pod: PodToPlace, node: string) => boolean
): { placed: number; placement: Map<string, number> } {
  const placement = new Map<string, number>();
  let placed = 0;
  const sorted = [...pods].sort((a, b) => b.amount - a.amount);
  for (const pod of sorted) {
    let best: string | undefined;
    for (const [node, amount] of free) {
      if (amount < pod.amount || !eligible(pod, node)) continue;
      const bestAmount = best === undefined ? Infinity : (free.get(best) as number);
      if (amount < bestAmount || (amount === bestAmount && node < (best as string))) best = node;
    }
    if (best === undefined) continue;
    free.set(best, (free.get(best) as number) - pod.amount);
    placement.set(best, (placement.get(best) ?? 0) + 1);
    placed += 1;
  }
  return { placed, placement };
}

function expand(groups: readonly PodGroupDemand[], amount: (group: PodGroupDemand) => number) {
  const pods: PodToPlace[] = [];
  for (const group of groups) {
    for (let i = 0; i < group.pods; i++) {
      pods.push({ role: group.role, amount: amount(group), gpuType: group.gpuType });
    }
  }
  return pods;
}

function gpuFit(demand: Demand, capacity: Nodes): DemandFit {
  const notFit = (reason: string): DemandFit => ({
    fits: false,
    checked: true,
    reason,
    placement: [],
  });
  const groups = demand.groups.filter(group => group.gpusPerPod > 0 && group.pods > 0);
  const types = [...new Set(groups.map(group => group.gpuType))];
  let freeTotal = 0;
  for (const type of types) {
    const typeGroups = groups.filter(group => group.gpuType === type);
    const nodes = capacity.nodes.filter(node => offers(node, type));
    const usable = nodes.filter(isUsable);
    if (nodes.length === 0) return notFit(`The cluster has no nodes with ${type} GPUs.`);
    if (usable.length === 0) return notFit(`No node with ${type} GPUs is ready and schedulable.`);
    const mostFree = usable.reduce((most, node) => Math.max(most, node.availableGpus), 0);
    const largest = typeGroups.reduce((a, b) => (b.gpusPerPod > a.gpusPerPod ? b : a));
    if (largest.gpusPerPod > mostFree) {
      return notFit(
        `Each ${podsOf(largest.role)} needs ${
          largest.gpusPerPod
        } GPUs on one node; the most free on any ready node is ${mostFree}.`
      );
    }
    const needed = typeGroups.reduce((sum, group) => sum + group.pods * group.gpusPerPod, 0);
    const free = usable.reduce((sum, node) => sum + node.availableGpus, 0);
    freeTotal += free;
    if (needed > free) {
      return notFit(`Needs ${needed} GPUs in total; ${free} are free on ready, schedulable nodes.`);
    }
  }
  // Every pod is now at most as large as a node's free GPUs and there are no more pods than free GPUs, so
  // the expansion below stays within the cluster's size.
  const free = new Map<string, number>();
  const typeOf = new Map<string, string | undefined>();
  for (const node of capacity.nodes) {
    if (!isUsable(node) || node.totalGpus <= 0 || node.availableGpus <= 0) continue;
    free.set(node.nodeName, node.availableGpus);
    typeOf.set(node.nodeName, node.gpuResourceName);
  }
  const pods = expand(groups, group => group.gpusPerPod);
  const { placed, placement } = pack(pods, free, (pod, node) => typeOf.get(node) === pod.gpuType);
  if (placed < pods.length) {
    return notFit(
      `Needs ${demand.pods} pods (${demand.totalGpus} GPUs); the free GPUs are split across nodes so that only ${placed} of them can be placed.`
    );
  }
  return {
    fits: true,
    checked: true,
    reason: `Fits: uses ${demand.totalGpus} of ${freeTotal} free GPUs (${placementText(
      placement
    )}).`,
    placement: placementList(placement),
  };
}

function memoryFit(demand: Demand, capacity: Nodes): DemandFit {
  const cpuNote = demand.totalCpu !== undefined ? ' CPU requests are not checked.' : '';
  const groups = demand.groups.filter(group => memoryGb(group.memory) !== undefined);
  if (groups.length === 0) {
    return {
      fits: true,
      checked: false,
      reason: `Requests no GPU and no memory, so there is nothing to check.${cpuNote}`,
      placement: [],
    };
  }
  const free = new Map<string, number>();
  for (const node of capacity.nodes) {
    if (!isUsable(node) || node.memoryAllocatableGb === undefined) continue;
    free.set(node.nodeName, Math.max(0, node.memoryAllocatableGb - node.memoryRequestedGb));
  }
  if (free.size === 0) {
    return {
      fits: true,
      checked: false,
      reason: `Runs on CPU; no ready node reports its memory, so this is unchecked.${cpuNote}`,
      placement: [],
    };
  }
  const notFit = (reason: string): DemandFit => ({
    fits: false,
    checked: true,
    reason: reason + cpuNote,
    placement: [],
  });
  const mostFree = Math.max(...free.values());
  const largest = groups.reduce((a, b) =>
    (memoryGb(b.memory) ?? 0) > (memoryGb(a.memory) ?? 0) ? b : a
  );
  const largestGb = memoryGb(largest.memory) ?? 0;
  if (largestGb > mostFree) {
    return notFit(
      `Each ${podsOf(largest.role)} needs ${formatGib(
        roundTenth(largestGb)
      )} of memory on one node; the most unrequested on any ready node is ${formatGib(
        roundTenth(mostFree)
      )}.`
    );
  }
  const totalFree = [...free.values()].reduce((sum, value) => sum + value, 0);
  const needed = demand.totalMemoryGb ?? 0;
  if (needed > totalFree) {
    return notFit(
      `Needs ${formatGib(needed)} of memory in total; ${formatGib(
        roundTenth(totalFree)
      )} is unrequested on ready nodes.`
    );
  }
  const pods = expand(groups, group => memoryGb(group.memory) ?? 0);
  const { placed, placement } = pack(pods, free, () => true);
  if (placed < pods.length) {
    return notFit(
      `Needs ${plural(
        pods.length,
        'pod',
        'pods'
      )} of memory; the unrequested memory is split across nodes so that only ${placed} can be placed.`
    );
  }
  return {
    fits: true,
    checked: true,
    reason: `Fits on CPU: ${formatGib(needed)} of memory (${placementText(placement)}).${cpuNote}`,
    placement: placementList(placement),
  };
}

/**
 * Whether the demand fits the cluster now: each pod's GPUs on one ready, schedulable node with that many
 * free (pods packed best-fit, largest first), or for CPU-only demand each pod's memory in one node's
 * unrequested memory. CPU requests are not checked: the capacity does not track them.
 */
export function assessDemandFit(demand: Demand, capacity: Nodes): DemandFit {
  return demand.totalGpus > 0 ? gpuFit(demand, capacity) : memoryFit(demand, capacity);
}

/** The recipe's demand on this spec, and whether it fits the cluster. */
export function assessRecipe(
  spec: ModelDeploymentSpec,
  choice: RecipeChoice,
  capacity: Nodes
): { spec: ModelDeploymentSpec; demand: Demand; fit: DemandFit } {
  const next = applyRecipe(spec, choice);
  const demand = specDemand(next);
  return { spec: next, demand, fit: assessDemandFit(demand, capacity) };
}
