/**
 * Why is a pod pending? Classification of scheduler `FailedScheduling` messages (and the cluster
 * autoscaler's scale-up events) into a resource type, whether an autoscaler could help, and a sentence
 * that says what to do.
 *
 * Scheduler messages have the shape
 *   `0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {nvidia.com/gpu: present}.
 *    preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod.`
 * The part before `preemption:` lists, per filter failure, how many nodes failed it; that list is what is
 * classified. Messages without it (`pod has unbound immediate PersistentVolumeClaims`) are matched whole.
 */
import { z } from 'zod';
import { GPU_RESOURCE_NAMES } from './gpu';
import { type K8sEvent, timeToMillis } from './k8s';

export const PendingCategorySchema = z.enum([
  'insufficient-resources',
  'untolerated-taint',
  'node-selector-mismatch',
  'pod-affinity',
  'topology-spread',
  'unbound-pvc',
  'volume-node-affinity',
  'nodes-unschedulable',
  'nodes-not-ready',
  'no-free-ports',
  'no-nodes',
  'autoscaler-scaling-up',
  'autoscaler-cannot-scale',
  'other',
]);
export type PendingCategory = z.infer<typeof PendingCategorySchema>;

export const ResourceTypeSchema = z.enum(['gpu', 'cpu', 'memory']);
export type ResourceType = z.infer<typeof ResourceTypeSchema>;

export const NodeFailureSchema = z.object({
  /** Nodes that failed this filter. */
  nodes: z.number().int().nonnegative(),
  category: PendingCategorySchema,
  /** The resource named by an `Insufficient <resource>` entry, verbatim (e.g. `nvidia.com/gpu`). */
  resource: z.string().optional(),
  /** The taint named by an untolerated-taint entry, e.g. `nvidia.com/gpu: present`. */
  taint: z.string().optional(),
  text: z.string(),
});
export type NodeFailure = z.infer<typeof NodeFailureSchema>;

export const ShortageSchema = z.object({
  /** The resource as the scheduler named it (`nvidia.com/gpu`, `memory`, `pods`). */
  resource: z.string().optional(),
  resourceType: ResourceTypeSchema.optional(),
  /** Nodes that fell short; absent when the message gave no breakdown. */
  nodes: z.number().int().nonnegative().optional(),
  /** Other nodes ruled out by the deployment's own configuration. */
  excludedBy: z.array(
    z.object({
      kind: z.enum(['taint', 'selector']),
      taint: z.string().optional(),
      nodes: z.number().int().nonnegative(),
    })
  ),
});
export type Shortage = z.infer<typeof ShortageSchema>;

export const PendingReasonSchema = z.object({
  reason: z.string(),
  message: z.string(),
  isResourceConstraint: z.boolean(),
  resourceType: ResourceTypeSchema.optional(),
  canAutoscalerHelp: z.boolean(),
  category: PendingCategorySchema,
  /** What to do, in one sentence (English; `shortage` or the category carries it as data). */
  guidance: z.string(),
  /** For a resource shortage: what is short, on how many nodes, and which other nodes are ruled out. */
  shortage: ShortageSchema.optional(),
  availableNodes: z.number().int().nonnegative().optional(),
  totalNodes: z.number().int().nonnegative().optional(),
  nodeFailures: z.array(NodeFailureSchema),
  /** How often the event was seen, and when last (ISO 8601), when known. */
  count: z.number().int().positive().optional(),
  lastSeen: z.string().optional(),
});
export type PendingReason = z.infer<typeof PendingReasonSchema>;

const RESOURCE_CATEGORIES: readonly PendingCategory[] = ['insufficient-resources'];

function resourceTypeOf(resource: string): ResourceType | undefined {
  const name = resource.trim().toLowerCase();
  if ((GPU_RESOURCE_NAMES as readonly string[]).includes(name) || name.endsWith('/gpu'))
    return 'gpu';
  if (name === 'cpu') return 'cpu';
  if (name === 'memory' || name.startsWith('hugepages-')) return 'memory';
  return undefined;
}

/** One `<n> <failure>` entry of the node breakdown. */
function classifyFailure(nodes: number, text: string): NodeFailure {
  const lower = text.toLowerCase();
  const insufficient = /^insufficient\s+(.+)$/i.exec(text);
  if (insufficient?.[1])
    return { nodes, category: 'insufficient-resources', resource: insufficient[1].trim(), text };
  if (lower.startsWith('too many pods'))
    return { nodes, category: 'insufficient-resources', resource: 'pods', text };
  const taint = /taint\s*\{([^}]*)\}/i.exec(text);
  if (taint?.[1] !== undefined) {
    const key = taint[1].trim();
    const notReady = /node\.kubernetes\.io\/(not-ready|unreachable)/.test(key);
    if (notReady) return { nodes, category: 'nodes-not-ready', taint: key, text };
    if (/node\.kubernetes\.io\/unschedulable/.test(key))
      return { nodes, category: 'nodes-unschedulable', taint: key, text };
    return { nodes, category: 'untolerated-taint', taint: key, text };
  }
  if (lower.includes('taint')) return { nodes, category: 'untolerated-taint', text };
  if (lower.includes('volume node affinity') || lower.includes('volume affinity'))
    return { nodes, category: 'volume-node-affinity', text };
  if (lower.includes('pod affinity') || lower.includes('anti-affinity'))
    return { nodes, category: 'pod-affinity', text };
  if (
    lower.includes('node affinity') ||
    lower.includes('node selector') ||
    lower.includes('affinity/selector')
  ) {
    return { nodes, category: 'node-selector-mismatch', text };
  }
  if (lower.includes('topology spread')) return { nodes, category: 'topology-spread', text };
  if (lower.includes('were unschedulable') || lower.includes('was unschedulable'))
    return { nodes, category: 'nodes-unschedulable', text };
  if (lower.includes('not ready') || lower.includes('unreachable'))
    return { nodes, category: 'nodes-not-ready', text };
  if (lower.includes('free ports')) return { nodes, category: 'no-free-ports', text };
  return { nodes, category: 'other', text };
}

const BREAKDOWN_PATTERN = /(\d+)\/(\d+) nodes are available(?::\s*([\s\S]*))?/i;

function splitBreakdown(list: string): NodeFailure[] {
  const failures: NodeFailure[] = [];
  // Entries are "<count> <text>" separated by ", "; a taint's braces may themselves contain ", ".
  const entryPattern = /(\d+)\s+((?:[^,{]|\{[^}]*\})+)/g;
  for (const match of list.matchAll(entryPattern)) {
    const text = (match[2] ?? '').trim().replace(/\.+$/, '');
    if (text) failures.push(classifyFailure(Number(match[1]), text));
  }
  return failures;
}

interface ParsedMessage {
  availableNodes?: number;
  totalNodes?: number;
  failures: NodeFailure[];
  wholeMessageCategory?: PendingCategory;
}

function parseSchedulerMessage(message: string): ParsedMessage {
  const lower = message.toLowerCase();
  let wholeMessageCategory: PendingCategory | undefined;
  if (
    lower.includes('unbound immediate persistentvolumeclaims') ||
    /persistentvolumeclaim "[^"]*" not found/.test(lower)
  ) {
    wholeMessageCategory = 'unbound-pvc';
  } else if (lower.includes('no nodes available to schedule pods')) {
    wholeMessageCategory = 'no-nodes';
  }
  const main = message.split(/\bpreemption:/i)[0] ?? '';
  const breakdown = BREAKDOWN_PATTERN.exec(main);
  if (!breakdown)
    return { failures: [], ...(wholeMessageCategory ? { wholeMessageCategory } : {}) };
  const parsed: ParsedMessage = {
    availableNodes: Number(breakdown[1]),
    totalNodes: Number(breakdown[2]),
    failures: splitBreakdown(breakdown[3] ?? ''),
  };
  if (wholeMessageCategory) parsed.wholeMessageCategory = wholeMessageCategory;
  else if (parsed.totalNodes === 0) parsed.wholeMessageCategory = 'no-nodes';
  return parsed;
}

function pluralNodes(count: number): string {
  return `${count} node${count === 1 ? '' : 's'}`;
}

const RESOURCE_WORDS: Readonly<Record<ResourceType, string>> = {
  gpu: 'GPUs',
  cpu: 'CPU',
  memory: 'memory',
};

/** The English advice for a resource shortage (the plugin says the same through its translations). */
export function shortageGuidance(shortage: Shortage): string {
  const { resource, resourceType, nodes } = shortage;
  const subject = nodes === undefined ? 'Nodes' : pluralNodes(nodes);
  const singular = nodes === 1;
  let advice: string;
  if (resource === 'pods') {
    advice = `${subject} already ${
      singular ? 'runs' : 'run'
    } as many pods as allowed: add nodes (an autoscaler can add them).`;
  } else {
    const lack = singular ? 'lacks' : 'lack';
    const what = resourceType ? RESOURCE_WORDS[resourceType] : resource ?? 'resources';
    advice =
      resourceType === 'gpu'
        ? `${subject} ${lack} free ${what}: free GPUs by scaling down other GPU workloads, request fewer GPUs, or add GPU nodes (an autoscaler can add them).`
        : `${subject} ${lack} enough ${what}: lower the pod's ${what} request or add larger nodes (an autoscaler can add them).`;
  }
  if (shortage.excludedBy.length === 0) return advice;
  const exclusions = shortage.excludedBy
    .map(exclusion =>
      exclusion.kind === 'taint'
        ? `an untolerated taint${exclusion.taint ? ` {${exclusion.taint}}` : ''} (${pluralNodes(
            exclusion.nodes
          )})`
        : `the pod's node selector or affinity (${pluralNodes(exclusion.nodes)})`
    )
    .join(' and ');
  return `${advice} Other nodes are excluded by ${exclusions}.`;
}

/** What to do about each category but a resource shortage (whose words depend on the resource and node count). */
export const CATEGORY_GUIDANCE: Readonly<
  Record<Exclude<PendingCategory, 'insufficient-resources'>, string>
> = {
  'untolerated-taint':
    'Nodes carry a taint the pod does not tolerate: add a matching toleration to the deployment (GPU nodes are often tainted nvidia.com/gpu) or remove the taint.',
  'node-selector-mismatch':
    "No node matches the pod's nodeSelector or node affinity: check the labels it asks for (for example the GPU type) against the nodes' labels.",
  'pod-affinity':
    "The pod's pod-affinity or anti-affinity rules exclude the remaining nodes: relax the rules or add nodes.",
  'topology-spread':
    "The pod's topology spread constraints cannot be met: relax them or add nodes in the missing zones.",
  'unbound-pvc':
    "The pod waits for a PersistentVolumeClaim to be bound: check that the claim exists, that its storage class has a provisioner, and the claim's events.",
  'volume-node-affinity':
    "The pod's volume is bound to a zone or node that cannot run it: use a volume in the node's zone or a WaitForFirstConsumer storage class.",
  'nodes-unschedulable': 'Nodes are cordoned: uncordon them (kubectl uncordon) or add nodes.',
  'nodes-not-ready':
    'Nodes are not ready: check the kubelet and the node conditions, or wait for them to recover.',
  'no-free-ports':
    'The host ports the pod requests are taken on every node: drop hostPort or free the port.',
  'no-nodes': 'The cluster has no nodes the scheduler can use: add nodes.',
  'autoscaler-scaling-up':
    'The cluster autoscaler is adding a node for this pod: wait for it to join.',
  'autoscaler-cannot-scale':
    "The cluster autoscaler cannot add a node for this pod (a node group is at its maximum size or none fits): raise the node group's maximum or add a node group that fits.",
  other: 'Read the scheduler message for the failing condition.',
};

/** The failure that explains the most about a pod: a resource shortage first (fixable), then the largest count. */
function primaryFailure(failures: readonly NodeFailure[]): NodeFailure | undefined {
  const resourceFailures = failures.filter(failure =>
    RESOURCE_CATEGORIES.includes(failure.category)
  );
  const pool = resourceFailures.length > 0 ? resourceFailures : failures;
  const rank = (failure: NodeFailure) =>
    failure.resource ? resourceRank(resourceTypeOf(failure.resource)) : 0;
  return pool.reduce<NodeFailure | undefined>((best, failure) => {
    if (!best) return failure;
    if (rank(failure) !== rank(best)) return rank(failure) > rank(best) ? failure : best;
    return failure.nodes > best.nodes ? failure : best;
  }, undefined);
}

// An LLM pod short of GPUs is short of GPUs first; CPU or memory shortages on other nodes are secondary.
function resourceRank(type: ResourceType | undefined): number {
  return type === 'gpu' ? 3 : type === 'memory' ? 2 : type === 'cpu' ? 1 : 0;
}

function classifyAutoscalerEvent(reason: string, message: string): PendingReason | undefined {
  if (reason === 'TriggeredScaleUp') {
    return {
      reason,
      message,
      isResourceConstraint: true,
      canAutoscalerHelp: true,
      category: 'autoscaler-scaling-up',
      guidance: CATEGORY_GUIDANCE['autoscaler-scaling-up'],
      nodeFailures: [],
    };
  }
  if (reason === 'NotTriggerScaleUp' || reason === 'FailedScaleUp') {
    return {
      reason,
      message,
      isResourceConstraint: false,
      canAutoscalerHelp: false,
      category: 'autoscaler-cannot-scale',
      guidance: CATEGORY_GUIDANCE['autoscaler-cannot-scale'],
      nodeFailures: [],
    };
  }
  return undefined;
}

/**
 * Classifies one event reason and message. The message is the scheduler's text; arbitrary text is accepted
 * and yields category `other`.
 */
export function classifyPendingMessage(
  message: string,
  reason = 'FailedScheduling'
): PendingReason {
  const text = typeof message === 'string' ? message : String(message ?? '');
  const eventReason = typeof reason === 'string' && reason ? reason : 'FailedScheduling';
  const autoscaler = classifyAutoscalerEvent(eventReason, text);
  if (autoscaler) return autoscaler;

  const parsed = parseSchedulerMessage(text);
  const base = {
    reason: eventReason,
    message: text,
    nodeFailures: parsed.failures,
    ...(parsed.availableNodes !== undefined ? { availableNodes: parsed.availableNodes } : {}),
    ...(parsed.totalNodes !== undefined ? { totalNodes: parsed.totalNodes } : {}),
  };
  const primary = primaryFailure(parsed.failures);

  if (primary?.category === 'insufficient-resources') {
    const resourceType = primary.resource ? resourceTypeOf(primary.resource) : undefined;
    const shortage: Shortage = {
      ...(primary.resource ? { resource: primary.resource } : {}),
      ...(resourceType ? { resourceType } : {}),
      nodes: primary.nodes,
      excludedBy: parsed.failures.flatMap((failure): Shortage['excludedBy'] =>
        failure.category === 'untolerated-taint'
          ? [
              {
                kind: 'taint' as const,
                ...(failure.taint ? { taint: failure.taint } : {}),
                nodes: failure.nodes,
              },
            ]
          : failure.category === 'node-selector-mismatch'
          ? [{ kind: 'selector' as const, nodes: failure.nodes }]
          : []
      ),
    };
    return {
      ...base,
      isResourceConstraint: true,
      ...(resourceType ? { resourceType } : {}),
      // A new node like the ones that fell short on resources would take the pod.
      canAutoscalerHelp: true,
      category: 'insufficient-resources',
      guidance: shortageGuidance(shortage),
      shortage,
    };
  }

  const category: PendingCategory =
    parsed.wholeMessageCategory ?? primary?.category ?? fallbackCategory(text);
  if (category === 'insufficient-resources') {
    // Reached only through the whole-text fallback ("Insufficient memory" without a node breakdown).
    const resource = /insufficient\s+([\w./-]+)/i.exec(text)?.[1];
    const resourceType = resource ? resourceTypeOf(resource) : undefined;
    const shortage: Shortage = {
      ...(resource ? { resource } : {}),
      ...(resourceType ? { resourceType } : {}),
      excludedBy: [],
    };
    return {
      ...base,
      isResourceConstraint: true,
      ...(resourceType ? { resourceType } : {}),
      canAutoscalerHelp: true,
      category,
      guidance: shortageGuidance(shortage),
      shortage,
    };
  }
  return {
    ...base,
    isResourceConstraint: false,
    // Taints, selectors, affinity, volumes and cordons stay wrong on any node an autoscaler would add
    // from the same templates; "no nodes" is the exception.
    canAutoscalerHelp: category === 'no-nodes',
    category,
    guidance: CATEGORY_GUIDANCE[category],
  };
}

function fallbackCategory(text: string): PendingCategory {
  if (/insufficient\s+\S+/i.test(text)) return 'insufficient-resources';
  const single = classifyFailure(0, text);
  return single.category;
}

const PENDING_EVENT_REASONS = new Set([
  'FailedScheduling',
  'NotTriggerScaleUp',
  'TriggeredScaleUp',
  'FailedScaleUp',
]);

/** When the event was last seen: the newest of its timestamps (core/v1 and events.k8s.io fill different ones). */
function eventTime(event: K8sEvent): number | undefined {
  let newest: number | undefined;
  for (const time of [
    event.series?.lastObservedTime,
    event.lastTimestamp,
    event.eventTime,
    event.firstTimestamp,
    event.metadata?.creationTimestamp,
  ]) {
    const millis = timeToMillis(time);
    if (millis !== undefined && (newest === undefined || millis > newest)) newest = millis;
  }
  return newest;
}

export interface PendingReasonsOptions {
  /** Keep only events about this pod (matched on involvedObject name, and uid when given). */
  podName?: string;
  podUid?: string;
}

/**
 * The pending reasons in a pod's events: scheduler failures and cluster-autoscaler decisions, classified,
 * newest first, one entry per distinct reason and message (counts summed, latest time kept).
 */
export function pendingReasonsFromEvents(
  events: readonly K8sEvent[],
  options: PendingReasonsOptions = {}
): PendingReason[] {
  const byKey = new Map<
    string,
    { reason: PendingReason; time: number | undefined; order: number }
  >();
  events.forEach((event, order) => {
    const reason = event.reason ?? '';
    if (!PENDING_EVENT_REASONS.has(reason)) return;
    const involved = event.involvedObject;
    if (
      options.podName !== undefined &&
      involved?.name !== undefined &&
      involved.name !== options.podName
    )
      return;
    if (
      options.podUid !== undefined &&
      involved?.uid !== undefined &&
      involved.uid !== options.podUid
    )
      return;
    const message = event.message ?? '';
    const key = `${reason}\u0000${message}`;
    const time = eventTime(event);
    const count = Math.max(1, Math.floor(event.series?.count ?? event.count ?? 1));
    const existing = byKey.get(key);
    if (existing) {
      existing.reason.count = (existing.reason.count ?? 1) + count;
      if (time !== undefined && (existing.time === undefined || time > existing.time)) {
        existing.time = time;
        existing.reason.lastSeen = new Date(time).toISOString();
      }
      existing.order = Math.max(existing.order, order);
      return;
    }
    const classified = classifyPendingMessage(message, reason);
    classified.count = count;
    if (time !== undefined) classified.lastSeen = new Date(time).toISOString();
    byKey.set(key, { reason: classified, time, order });
  });
  return [...byKey.values()]
    .sort((a, b) => (b.time ?? -Infinity) - (a.time ?? -Infinity) || b.order - a.order)
    .map(entry => entry.reason);
}
