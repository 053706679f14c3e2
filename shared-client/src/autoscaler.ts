/**
 * Cluster autoscaler detection and health, read from the `cluster-autoscaler-status` ConfigMap in
 * `kube-system` (key `status`).
 *
 * The autoscaler has written two formats there:
 * - plain text, written by releases before the structured status (late 2023) and still seen on older clusters:
 *     Cluster-autoscaler status at 2021-01-08 04:04:55.644106199 +0000 UTC:
 *     Cluster-wide:
 *       Health:      Healthy (ready=3 unready=0 notStarted=0 longNotStarted=0 registered=3 longUnregistered=0)
 *     NodeGroups:
 *       Name:        eks-gpu
 *       Health:      Healthy (ready=2 ... registered=2 longUnregistered=0 cloudProviderTarget=2 (minSize=1, maxSize=3))
 *       ScaleUp:     NoActivity (ready=2 cloudProviderTarget=2)
 * - YAML (`ClusterAutoscalerStatus` in clusterstate/api/types.go): `time`, `autoscalerStatus`,
 *   `clusterWide.health.{status,nodeCounts}`, `nodeGroups[].{name, health.{status, nodeCounts.registered.total,
 *   cloudProviderTarget, minSize, maxSize}, scaleUp.status}`.
 * Both carry Go-formatted times ("2006-01-02 15:04:05.999999999 -0700 MST"), as does the ConfigMap's
 * `cluster-autoscaler.kubernetes.io/last-updated` annotation.
 */
import { z } from 'zod';
import { type K8sConfigMap, type K8sNode } from './k8s';
import { parseYaml } from './yaml';

export const AUTOSCALER_STATUS_CONFIGMAP = {
  namespace: 'kube-system',
  name: 'cluster-autoscaler-status',
  key: 'status',
} as const;
export const LAST_UPDATED_ANNOTATION = 'cluster-autoscaler.kubernetes.io/last-updated';
/** A status older than this means the autoscaler has stopped writing it. */
export const STATUS_STALE_AFTER_MS = 5 * 60 * 1000;

export const AutoscalerTypeSchema = z.enum(['aks-managed', 'cluster-autoscaler', 'none']);
export type AutoscalerType = z.infer<typeof AutoscalerTypeSchema>;

export const AutoscalerNodeGroupSchema = z.object({
  name: z.string(),
  minSize: z.number().int().nonnegative(),
  maxSize: z.number().int().nonnegative(),
  /** Registered nodes now (else the cloud provider's target when the status omits node counts). */
  currentSize: z.number().int().nonnegative(),
  /** The size the cloud provider is moving the group to. */
  targetSize: z.number().int().nonnegative().optional(),
  readyNodes: z.number().int().nonnegative().optional(),
  health: z.string(),
  /** Scale-up condition, e.g. NoActivity, InProgress, Backoff. */
  scaleUp: z.string().optional(),
});
export type AutoscalerNodeGroup = z.infer<typeof AutoscalerNodeGroupSchema>;

export const AutoscalerStatusSchema = z.object({
  format: z.enum(['yaml', 'text']),
  /** Running or Initializing (YAML format only). */
  autoscalerStatus: z.string().optional(),
  /** Cluster-wide health: Healthy or Unhealthy. */
  health: z.string().optional(),
  /** ISO 8601. */
  lastUpdated: z.string().optional(),
  nodeGroups: z.array(AutoscalerNodeGroupSchema),
});
export type AutoscalerStatus = z.infer<typeof AutoscalerStatusSchema>;

export const AutoscalerDetectionSchema = z.object({
  type: AutoscalerTypeSchema,
  detected: z.boolean(),
  healthy: z.boolean(),
  message: z.string(),
  health: z.string().optional(),
  lastUpdated: z.string().optional(),
  nodeGroupCount: z.number().int().nonnegative(),
  nodeGroups: z.array(AutoscalerNodeGroupSchema),
});
export type AutoscalerDetection = z.infer<typeof AutoscalerDetectionSchema>;

/** Go's time.String() / the annotation format, or RFC 3339, to ISO 8601; `undefined` when unreadable. */
export function parseAutoscalerTime(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const match =
    /(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}:?\d{2})?/.exec(text);
  if (!match) return undefined;
  const fraction = (match[3] ?? '').slice(0, 3).padEnd(3, '0');
  const zone =
    match[4] === undefined || match[4] === 'Z'
      ? 'Z'
      : match[4].includes(':')
      ? match[4]
      : `${match[4].slice(0, 3)}:${match[4].slice(3)}`;
  const millis = Date.parse(`${match[1]}T${match[2]}.${fraction}${zone}`);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

function toCount(value: unknown): number | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
      ? Number(value)
      : NaN;
  return Number.isFinite(number) && number >= 0 ? Math.floor(number) : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function makeNodeGroup(fields: {
  name: string;
  health?: string;
  minSize?: number;
  maxSize?: number;
  registered?: number;
  ready?: number;
  target?: number;
  scaleUp?: string;
}): AutoscalerNodeGroup {
  const group: AutoscalerNodeGroup = {
    name: fields.name,
    minSize: fields.minSize ?? 0,
    maxSize: fields.maxSize ?? 0,
    currentSize: fields.registered ?? fields.target ?? 0,
    health: fields.health ?? 'Unknown',
  };
  if (fields.target !== undefined) group.targetSize = fields.target;
  if (fields.ready !== undefined) group.readyNodes = fields.ready;
  if (fields.scaleUp) group.scaleUp = fields.scaleUp;
  return group;
}

function parseYamlStatus(document: Record<string, unknown>): AutoscalerStatus {
  const clusterHealth = asRecord(asRecord(document['clusterWide'])?.['health']);
  const groups = Array.isArray(document['nodeGroups']) ? document['nodeGroups'] : [];
  const status: AutoscalerStatus = {
    format: 'yaml',
    nodeGroups: groups.flatMap((entry): AutoscalerNodeGroup[] => {
      const group = asRecord(entry);
      const name = asString(group?.['name']);
      if (!group || !name) return [];
      const health = asRecord(group['health']);
      const registered = asRecord(asRecord(health?.['nodeCounts'])?.['registered']);
      const fields: Parameters<typeof makeNodeGroup>[0] = { name };
      const assign = <K extends keyof typeof fields>(
        key: K,
        value: (typeof fields)[K] | undefined
      ) => {
        if (value !== undefined) fields[key] = value;
      };
      assign('health', asString(health?.['status']));
      assign('minSize', toCount(health?.['minSize']));
      assign('maxSize', toCount(health?.['maxSize']));
      assign('registered', toCount(registered?.['total']));
      assign('ready', toCount(registered?.['ready']));
      assign('target', toCount(health?.['cloudProviderTarget']));
      assign('scaleUp', asString(asRecord(group['scaleUp'])?.['status']));
      return [makeNodeGroup(fields)];
    }),
  };
  const autoscalerStatus = asString(document['autoscalerStatus']);
  if (autoscalerStatus) status.autoscalerStatus = autoscalerStatus;
  const health = asString(clusterHealth?.['status']);
  if (health) status.health = health;
  const lastUpdated = parseAutoscalerTime(asString(document['time']));
  if (lastUpdated) status.lastUpdated = lastUpdated;
  return status;
}

function keyValues(text: string): Record<string, number> {
  const values: Record<string, number> = {};
  for (const match of text.matchAll(/(\w+)=(\d+)/g)) {
    if (match[1] && match[2]) values[match[1]] = Number(match[2]);
  }
  return values;
}

function parseTextStatus(text: string): AutoscalerStatus {
  const status: AutoscalerStatus = { format: 'text', nodeGroups: [] };
  let section: 'header' | 'cluster' | 'groups' = 'header';
  let current: Parameters<typeof makeNodeGroup>[0] | undefined;
  const pending: Array<Parameters<typeof makeNodeGroup>[0]> = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const header = /^Cluster-autoscaler status at (.+?):?$/.exec(line);
    if (header) {
      const lastUpdated = parseAutoscalerTime(header[1]);
      if (lastUpdated) status.lastUpdated = lastUpdated;
      continue;
    }
    if (/^Cluster-wide:/.test(line)) {
      section = 'cluster';
      continue;
    }
    if (/^NodeGroups:/.test(line)) {
      section = 'groups';
      continue;
    }
    const name = /^Name:\s*(.+)$/.exec(line);
    if (name?.[1] && section === 'groups') {
      current = { name: name[1].trim() };
      pending.push(current);
      continue;
    }
    const health = /^Health:\s*(\w+)(.*)$/.exec(line);
    if (health?.[1]) {
      if (section === 'cluster') status.health = health[1];
      else if (section === 'groups' && current) {
        const values = keyValues(health[2] ?? '');
        current.health = health[1];
        if (values['minSize'] !== undefined) current.minSize = values['minSize'];
        if (values['maxSize'] !== undefined) current.maxSize = values['maxSize'];
        if (values['registered'] !== undefined) current.registered = values['registered'];
        if (values['ready'] !== undefined) current.ready = values['ready'];
        if (values['cloudProviderTarget'] !== undefined)
          current.target = values['cloudProviderTarget'];
      }
      continue;
    }
    const scaleUp = /^ScaleUp:\s*(\w+)/.exec(line);
    if (scaleUp?.[1] && section === 'groups' && current) current.scaleUp = scaleUp[1];
  }
  status.nodeGroups = pending.map(makeNodeGroup);
  return status;
}

/** Parses the ConfigMap's `status` text in either format; `undefined` when it is neither. */
export function parseAutoscalerStatus(
  text: string | null | undefined
): AutoscalerStatus | undefined {
  if (!text || !text.trim()) return undefined;
  if (
    /^\s*Cluster-autoscaler status at /.test(text) ||
    /^\s*(Cluster-wide|NodeGroups):/m.test(text)
  )
    return parseTextStatus(text);
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch {
    return undefined;
  }
  const record = asRecord(document);
  if (
    !record ||
    !['autoscalerStatus', 'clusterWide', 'nodeGroups', 'time'].some(key => key in record)
  )
    return undefined;
  return parseYamlStatus(record);
}

/** AKS nodes carry `kubernetes.azure.com/*` labels and an `azure://` provider ID. */
export function isAksCluster(nodes: readonly K8sNode[]): boolean {
  return nodes.some(node => {
    const labels = node.metadata?.labels ?? {};
    return (
      'kubernetes.azure.com/cluster' in labels ||
      'kubernetes.azure.com/agentpool' in labels ||
      (node.spec?.providerID ?? '').startsWith('azure://')
    );
  });
}

export interface AutoscalerDetectionInput {
  nodes?: readonly K8sNode[];
  /** The `kube-system/cluster-autoscaler-status` ConfigMap, or null/undefined when it does not exist. */
  statusConfigMap?: K8sConfigMap | null;
  /** A cluster-autoscaler Deployment found in kube-system (fallback when there is no status ConfigMap). */
  autoscalerDeployment?: { replicas?: number; readyReplicas?: number } | null;
  now?: Date | number;
  staleAfterMs?: number;
}

function minutesAgo(fromMillis: number, nowMillis: number): string {
  const minutes = Math.max(0, Math.round((nowMillis - fromMillis) / 60000));
  return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
}

/**
 * Detects the autoscaler and judges its health. Healthy means the status was written within the last five
 * minutes, the cluster-wide health is Healthy, and the autoscaler is not still initializing.
 */
export function detectAutoscaler(input: AutoscalerDetectionInput): AutoscalerDetection {
  const nodes = input.nodes ?? [];
  const aks = isAksCluster(nodes);
  const nowMillis =
    input.now === undefined
      ? Date.now()
      : typeof input.now === 'number'
      ? input.now
      : input.now.getTime();
  const staleAfterMs = input.staleAfterMs ?? STATUS_STALE_AFTER_MS;
  const configMap = input.statusConfigMap;

  if (configMap) {
    const type: AutoscalerType = aks ? 'aks-managed' : 'cluster-autoscaler';
    const label = aks ? 'AKS managed cluster autoscaler' : 'Cluster Autoscaler';
    const status = parseAutoscalerStatus(configMap.data?.[AUTOSCALER_STATUS_CONFIGMAP.key]);
    const lastUpdated =
      status?.lastUpdated ??
      parseAutoscalerTime(configMap.metadata?.annotations?.[LAST_UPDATED_ANNOTATION]);
    const nodeGroups = status?.nodeGroups ?? [];
    const result = (healthy: boolean, message: string): AutoscalerDetection => ({
      type,
      detected: true,
      healthy,
      message,
      ...(status?.health ? { health: status.health } : {}),
      ...(lastUpdated ? { lastUpdated } : {}),
      nodeGroupCount: nodeGroups.length,
      nodeGroups,
    });
    if (!status)
      return result(false, `${label} status ConfigMap found, but its status could not be read.`);
    const updatedMillis = lastUpdated ? Date.parse(lastUpdated) : undefined;
    if (updatedMillis !== undefined && nowMillis - updatedMillis > staleAfterMs) {
      return result(
        false,
        `${label} status was last updated ${minutesAgo(
          updatedMillis,
          nowMillis
        )}; the autoscaler may not be running.`
      );
    }
    if (status.autoscalerStatus === 'Initializing')
      return result(false, `${label} is initializing.`);
    if (status.health && status.health !== 'Healthy')
      return result(false, `${label} reports the cluster ${status.health}.`);
    const groups = aks ? 'node pool(s)' : 'node group(s)';
    return result(true, `${label} running on ${nodeGroups.length} ${groups}`);
  }

  const deployment = input.autoscalerDeployment;
  if (deployment) {
    const healthy = (deployment.readyReplicas ?? 0) > 0;
    return {
      type: 'cluster-autoscaler',
      detected: true,
      healthy,
      message: healthy
        ? 'Cluster Autoscaler deployment is running but has not published its status ConfigMap yet.'
        : 'Cluster Autoscaler deployment found, but none of its replicas is ready.',
      nodeGroupCount: 0,
      nodeGroups: [],
    };
  }

  return {
    type: 'none',
    detected: false,
    healthy: false,
    message: aks
      ? 'No autoscaler detected. Enable the cluster autoscaler on the AKS node pools to add GPU nodes on demand.'
      : 'No autoscaler detected. Install the Kubernetes Cluster Autoscaler to add nodes on demand.',
    nodeGroupCount: 0,
    nodeGroups: [],
  };
}
