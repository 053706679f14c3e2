/**
 * Cluster GPU capacity from Node and Pod lists: per node, per node pool and cluster-wide.
 *
 * Built for large clusters (5,000 nodes, 50,000 pods in one call): pods are read once and their requests
 * summed per node name, quantities are parsed through a per-call cache, and nodes are read once.
 */
import { z } from 'zod';
import {
  GPU_PRODUCT_LABELS,
  GPU_RESOURCE_NAMES,
  type GpuModel,
  GpuModelSchema,
  INSTANCE_TYPE_LABELS,
  nodeGpuMemoryGb,
  nodeGpuModel,
  nodeGpuProduct,
} from './gpu';
import type { K8sNode, K8sPod, ResourceRequirements } from './k8s';
import { bytesToGb, quantityOrZero } from './quantity';

/** Node-pool labels, most specific first: AKS, AKS (namespaced), EKS, GKE, Karpenter. */
export const NODE_POOL_LABELS = [
  'agentpool',
  'kubernetes.azure.com/agentpool',
  'eks.amazonaws.com/nodegroup',
  'cloud.google.com/gke-nodepool',
  'karpenter.sh/nodepool',
] as const;

const REGION_LABELS = [
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/region',
] as const;

export const NodeGpuCapacitySchema = z.object({
  nodeName: z.string(),
  totalGpus: z.number().nonnegative(),
  allocatedGpus: z.number().nonnegative(),
  /** Never negative: a node whose allocatable shrank below what is bound to it has none free. */
  availableGpus: z.number().nonnegative(),
  ready: z.boolean(),
  /** False when the node is cordoned (`spec.unschedulable`). */
  schedulable: z.boolean(),
  gpuResourceName: z.enum(GPU_RESOURCE_NAMES).optional(),
  gpuModel: GpuModelSchema.optional(),
  /** The raw product label, e.g. `NVIDIA-A100-SXM4-80GB`. */
  gpuProduct: z.string().optional(),
  /** Memory of one GPU, in GB. */
  gpuMemoryGb: z.number().positive().optional(),
  pool: z.string().optional(),
  instanceType: z.string().optional(),
  region: z.string().optional(),
  /** Allocatable node memory and the memory requested by the pods bound to it, in GB (for CPU-only models). */
  memoryAllocatableGb: z.number().nonnegative().optional(),
  memoryRequestedGb: z.number().nonnegative(),
});
export type NodeGpuCapacity = z.infer<typeof NodeGpuCapacitySchema>;

export const NodePoolCapacitySchema = z.object({
  name: z.string(),
  nodeCount: z.number().int().nonnegative(),
  gpuCount: z.number().nonnegative(),
  allocatedGpus: z.number().nonnegative(),
  availableGpus: z.number().nonnegative(),
  gpuModel: GpuModelSchema.optional(),
  gpuProduct: z.string().optional(),
  gpuMemoryGb: z.number().positive().optional(),
  instanceType: z.string().optional(),
  region: z.string().optional(),
});
export type NodePoolCapacity = z.infer<typeof NodePoolCapacitySchema>;

export const ClusterCapacitySchema = z.object({
  totalGpus: z.number().nonnegative(),
  allocatedGpus: z.number().nonnegative(),
  /** Sum of every node's free GPUs, including nodes that are not ready or are cordoned. */
  availableGpus: z.number().nonnegative(),
  /** Free GPUs on ready, schedulable nodes: what a new pod can actually get. */
  schedulableAvailableGpus: z.number().nonnegative(),
  /** Most free GPUs on any one ready, schedulable node: the largest tensor-parallel group placeable now. */
  maxContiguousAvailable: z.number().nonnegative(),
  maxNodeGpuCapacity: z.number().nonnegative(),
  gpuNodeCount: z.number().int().nonnegative(),
  /** Sum over GPU nodes of GPUs × per-GPU memory (nodes with unknown GPU memory add nothing). */
  totalMemoryGb: z.number().nonnegative(),
  /** Largest per-GPU memory on any GPU node. */
  maxGpuMemoryGb: z.number().positive().optional(),
  nodes: z.array(NodeGpuCapacitySchema),
  /** Pools sorted by name; nodes without a pool label belong to none (the totals still count them). */
  nodePools: z.array(NodePoolCapacitySchema),
});
export type ClusterCapacity = z.infer<typeof ClusterCapacitySchema>;

type Labels = Readonly<Record<string, string>> | undefined;

function firstLabel(labels: Labels, keys: readonly string[]): string | undefined {
  if (!labels) return undefined;
  for (let i = 0; i < keys.length; i++) {
    const value = labels[keys[i] as string];
    if (value) return value;
  }
  return undefined;
}

export function nodePoolName(labels: Labels): string | undefined {
  return firstLabel(labels, NODE_POOL_LABELS);
}

/**
 * Few distinct quantity strings occur in a cluster ("1", "8", "16Gi"), so caching them per call removes
 * nearly all parsing.
 */
class QuantityCache {
  private readonly cache = new Map<string, number>();

  /** A resource amount; missing, malformed and negative values count as none. */
  parse(value: string | number | undefined): number {
    if (value === undefined) return 0;
    if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : 0;
    let parsed = this.cache.get(value);
    if (parsed === undefined) {
      parsed = Math.max(0, quantityOrZero(value));
      this.cache.set(value, parsed);
    }
    return parsed;
  }
}

// The per-pod code below uses indexed loops and named keys rather than for-of over GPU_RESOURCE_NAMES: it
// runs for every pod in the cluster, and the first call (before the JIT has optimised it) is the one a user
// waits for when a page opens.
const NVIDIA_GPU: (typeof GPU_RESOURCE_NAMES)[number] = 'nvidia.com/gpu';
const AMD_GPU: (typeof GPU_RESOURCE_NAMES)[number] = 'amd.com/gpu';

/**
 * GPUs a container holds: the larger of its request and limit. Extended resources cannot be overcommitted,
 * so a limit alone implies an equal request.
 */
function containerGpus(
  resources: ResourceRequirements | undefined,
  quantities: QuantityCache
): number {
  if (!resources) return 0;
  let nvidia = 0;
  let amd = 0;
  const requests = resources.requests;
  if (requests) {
    const n = requests[NVIDIA_GPU];
    if (n !== undefined) nvidia = quantities.parse(n);
    const a = requests[AMD_GPU];
    if (a !== undefined) amd = quantities.parse(a);
  }
  const limits = resources.limits;
  if (limits) {
    const n = limits[NVIDIA_GPU];
    if (n !== undefined) {
      const value = quantities.parse(n);
      if (value > nvidia) nvidia = value;
    }
    const a = limits[AMD_GPU];
    if (a !== undefined) {
      const value = quantities.parse(a);
      if (value > amd) amd = value;
    }
  }
  return nvidia + amd;
}

/** Memory a container reserves for scheduling: its request, else its limit (which then defaults the request). */
function containerMemory(
  resources: ResourceRequirements | undefined,
  quantities: QuantityCache
): number {
  if (!resources) return 0;
  const requested = resources.requests?.['memory'];
  return quantities.parse(requested !== undefined ? requested : resources.limits?.['memory']);
}

interface PodUsage {
  gpus: number;
  memoryBytes: number;
}

/**
 * The scheduler's effective pod request (GPUs and memory): the larger of (app containers + sidecars) and the
 * peak of any one init container together with the sidecars started before it, plus pod overhead. Both
 * resources are read in one pass over the containers.
 */
function podUsage(pod: K8sPod, quantities: QuantityCache, out: PodUsage): PodUsage {
  out.gpus = 0;
  out.memoryBytes = 0;
  const spec = pod.spec;
  if (!spec) return out;
  let gpus = 0;
  let memory = 0;
  const containers = spec.containers;
  if (containers) {
    for (let i = 0; i < containers.length; i++) {
      const resources = containers[i]?.resources;
      if (!resources) continue;
      gpus += containerGpus(resources, quantities);
      memory += containerMemory(resources, quantities);
    }
  }
  const initContainers = spec.initContainers;
  if (initContainers && initContainers.length > 0) {
    let sidecarGpus = 0;
    let sidecarMemory = 0;
    let peakGpus = 0;
    let peakMemory = 0;
    for (let i = 0; i < initContainers.length; i++) {
      const container = initContainers[i];
      if (!container) continue;
      const initGpus = containerGpus(container.resources, quantities);
      const initMemory = containerMemory(container.resources, quantities);
      if (container.restartPolicy === 'Always') {
        gpus += initGpus;
        memory += initMemory;
        sidecarGpus += initGpus;
        sidecarMemory += initMemory;
        if (sidecarGpus > peakGpus) peakGpus = sidecarGpus;
        if (sidecarMemory > peakMemory) peakMemory = sidecarMemory;
      } else {
        if (initGpus + sidecarGpus > peakGpus) peakGpus = initGpus + sidecarGpus;
        if (initMemory + sidecarMemory > peakMemory) peakMemory = initMemory + sidecarMemory;
      }
    }
    if (peakGpus > gpus) gpus = peakGpus;
    if (peakMemory > memory) memory = peakMemory;
  }
  const overhead = spec.overhead;
  if (overhead) {
    gpus += quantities.parse(overhead[NVIDIA_GPU]) + quantities.parse(overhead[AMD_GPU]);
    memory += quantities.parse(overhead['memory']);
  }
  out.gpus = gpus;
  out.memoryBytes = memory;
  return out;
}

/** Succeeded and Failed pods keep their node name but hold no resources. */
export function isTerminalPod(pod: K8sPod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** GPUs a pod holds by the Kubernetes effective-request rule. */
export function podGpuRequest(pod: K8sPod): number {
  return podUsage(pod, new QuantityCache(), { gpus: 0, memoryBytes: 0 }).gpus;
}

/** Requests of the live pods bound to each known node, summed in one pass over the pods. */
function usageByNode(
  nodeNames: ReadonlySet<string>,
  pods: readonly K8sPod[],
  quantities: QuantityCache
): Map<string, PodUsage> {
  const usage = new Map<string, PodUsage>();
  const scratch: PodUsage = { gpus: 0, memoryBytes: 0 };
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i];
    const nodeName = pod?.spec?.nodeName;
    if (!pod || !nodeName || !nodeNames.has(nodeName)) continue;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    podUsage(pod, quantities, scratch);
    const entry = usage.get(nodeName);
    if (entry) {
      entry.gpus += scratch.gpus;
      entry.memoryBytes += scratch.memoryBytes;
    } else {
      usage.set(nodeName, { gpus: scratch.gpus, memoryBytes: scratch.memoryBytes });
    }
  }
  return usage;
}

interface GpuIdentity {
  model?: GpuModel;
  product?: string;
  memoryGb?: number;
}
type GpuIdentityCache = (labels: Labels) => GpuIdentity;

const IDENTITY_LABELS = [
  ...GPU_PRODUCT_LABELS,
  ...INSTANCE_TYPE_LABELS,
  'nvidia.com/gpu.memory',
  'amd.com/gpu.vram',
] as const;

/** A pool's nodes share their GPU labels, so the GPU identity is worked out once per distinct label set. */
function gpuIdentityCache(): GpuIdentityCache {
  const cache = new Map<string, GpuIdentity>();
  return labels => {
    let key = '';
    for (let i = 0; i < IDENTITY_LABELS.length; i++)
      key += `${labels?.[IDENTITY_LABELS[i] as string] ?? ''}\u0000`;
    let identity = cache.get(key);
    if (!identity) {
      identity = {};
      const model = nodeGpuModel(labels);
      if (model) identity.model = model;
      const product = nodeGpuProduct(labels);
      if (product) identity.product = product;
      const memoryGb = nodeGpuMemoryGb(labels);
      if (memoryGb !== undefined) identity.memoryGb = memoryGb;
      cache.set(key, identity);
    }
    return identity;
  };
}

function isNodeReady(node: K8sNode): boolean {
  const conditions = node.status?.conditions;
  if (!conditions) return false;
  for (let i = 0; i < conditions.length; i++) {
    const condition = conditions[i];
    if (condition?.type === 'Ready') return condition.status === 'True';
  }
  return false;
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

function nodeResource(node: K8sNode, name: string): string | number | undefined {
  const allocated = node.status?.allocatable?.[name];
  return allocated !== undefined ? allocated : node.status?.capacity?.[name];
}

/**
 * Every node and pool object is created with all its fields (absent ones `undefined`) so that thousands of
 * them share one object shape; optional fields added one by one would give each combination its own shape
 * and make the first, unoptimised call on a large cluster several times slower.
 */
function nodeCapacity(
  node: K8sNode,
  usage: PodUsage | undefined,
  quantities: QuantityCache,
  identities: GpuIdentityCache
): NodeGpuCapacity {
  const labels = node.metadata?.labels;
  const nvidia = quantities.parse(nodeResource(node, NVIDIA_GPU));
  const amd = quantities.parse(nodeResource(node, AMD_GPU));
  const total = (nvidia > 0 ? nvidia : 0) + (amd > 0 ? amd : 0);
  const allocated = usage ? usage.gpus : 0;
  const memoryValue = nodeResource(node, 'memory');
  // GPU identity matters only where GPUs are; skipping label reads on CPU nodes keeps large clusters cheap.
  const identity = total > 0 ? identities(labels) : undefined;
  return {
    nodeName: node.metadata?.name ?? '',
    totalGpus: total,
    allocatedGpus: allocated,
    availableGpus: total > allocated ? total - allocated : 0,
    ready: isNodeReady(node),
    schedulable: node.spec?.unschedulable !== true,
    gpuResourceName: nvidia > 0 ? NVIDIA_GPU : amd > 0 ? AMD_GPU : undefined,
    gpuModel: identity?.model,
    gpuProduct: identity?.product,
    gpuMemoryGb: identity?.memoryGb,
    pool: firstLabel(labels, NODE_POOL_LABELS),
    instanceType: firstLabel(labels, INSTANCE_TYPE_LABELS),
    region: firstLabel(labels, REGION_LABELS),
    memoryAllocatableGb:
      memoryValue !== undefined ? roundTenth(bytesToGb(quantities.parse(memoryValue))) : undefined,
    memoryRequestedGb: roundTenth(bytesToGb(usage ? usage.memoryBytes : 0)),
  };
}

function addToPool(pools: Map<string, NodePoolCapacity>, node: NodeGpuCapacity): void {
  if (!node.pool) return;
  let pool = pools.get(node.pool);
  if (!pool) {
    pool = {
      name: node.pool,
      nodeCount: 0,
      gpuCount: 0,
      allocatedGpus: 0,
      availableGpus: 0,
      gpuModel: undefined,
      gpuProduct: undefined,
      gpuMemoryGb: undefined,
      instanceType: undefined,
      region: undefined,
    };
    pools.set(node.pool, pool);
  }
  pool.nodeCount += 1;
  pool.gpuCount += node.totalGpus;
  pool.allocatedGpus += node.allocatedGpus;
  pool.availableGpus += node.availableGpus;
  pool.gpuModel ??= node.gpuModel;
  pool.gpuProduct ??= node.gpuProduct;
  pool.gpuMemoryGb ??= node.gpuMemoryGb;
  pool.instanceType ??= node.instanceType;
  pool.region ??= node.region;
}

/** Per-node, per-pool and cluster-wide GPU capacity. Pods bound to nodes not in `nodes` are ignored. */
export function computeClusterCapacity(
  nodes: readonly K8sNode[],
  pods: readonly K8sPod[]
): ClusterCapacity {
  const quantities = new QuantityCache();
  const identities = gpuIdentityCache();
  const nodeNames = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    const name = nodes[i]?.metadata?.name;
    if (name) nodeNames.add(name);
  }
  const usage = usageByNode(nodeNames, pods, quantities);
  const pools = new Map<string, NodePoolCapacity>();
  const result: ClusterCapacity = {
    totalGpus: 0,
    allocatedGpus: 0,
    availableGpus: 0,
    schedulableAvailableGpus: 0,
    maxContiguousAvailable: 0,
    maxNodeGpuCapacity: 0,
    gpuNodeCount: 0,
    totalMemoryGb: 0,
    nodes: [],
    nodePools: [],
  };
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as K8sNode;
    const capacity = nodeCapacity(
      node,
      usage.get(node.metadata?.name ?? ''),
      quantities,
      identities
    );
    result.nodes.push(capacity);
    addToPool(pools, capacity);
    result.totalGpus += capacity.totalGpus;
    result.allocatedGpus += capacity.allocatedGpus;
    result.availableGpus += capacity.availableGpus;
    if (capacity.totalGpus <= 0) continue;
    result.gpuNodeCount += 1;
    result.maxNodeGpuCapacity = Math.max(result.maxNodeGpuCapacity, capacity.totalGpus);
    if (capacity.gpuMemoryGb !== undefined) {
      result.totalMemoryGb += capacity.totalGpus * capacity.gpuMemoryGb;
      result.maxGpuMemoryGb = Math.max(result.maxGpuMemoryGb ?? 0, capacity.gpuMemoryGb);
    }
    if (capacity.ready && capacity.schedulable) {
      result.schedulableAvailableGpus += capacity.availableGpus;
      result.maxContiguousAvailable = Math.max(
        result.maxContiguousAvailable,
        capacity.availableGpus
      );
    }
  }
  result.totalMemoryGb = roundTenth(result.totalMemoryGb);
  result.nodePools = [...pools.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  return result;
}
