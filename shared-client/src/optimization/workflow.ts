import { applyPatch, type Recommendation } from '../advisor';
import { jsonEqual } from '../json';
import { mergePatchBetween } from './mergePatch';
import {
  decodeHistory,
  encodeHistory,
  HISTORY_LABEL,
  historyConfigMapName,
  type MetricSummary,
  type OptimizationRecord,
  type OptimizationState,
  type Step,
  transition,
} from './record';

/**
 * The optimisation workflow against the Kubernetes API, with the user's own credentials: the caller passes
 * a request function (Headlamp's ApiProxy in the plugin, a token-bearing fetch in the integration tests), so
 * RBAC decides everything and the same code runs in both.
 *
 * Two objects change: the ModelDeployment (only its spec, with a merge patch conditioned on the
 * resourceVersion of the object whose spec was checked) and the history ConfigMap (PUT at the
 * resourceVersion it was read at). Neither write can lose someone else's update: a concurrent change
 * gives a 409, which is retried from a fresh read only when the fresh object still says what the step
 * assumed, and reported otherwise.
 */

export interface KubeRequestInit {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  body?: unknown;
  /** Defaults to application/json; merge patches pass application/merge-patch+json. */
  contentType?: string;
}
export interface KubeResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty or non-JSON body. */
  body: unknown;
}
export type KubeRequest = (path: string, init: KubeRequestInit) => Promise<KubeResponse>;

export type WorkflowErrorCode =
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  /** The deployment's spec is no longer what the step assumed (someone else changed it). */
  | 'SPEC_CHANGED'
  /** Still conflicting after the bounded retries. */
  | 'CONFLICT'
  | 'INVALID_HISTORY'
  | 'API';

export class WorkflowError extends Error {
  constructor(readonly code: WorkflowErrorCode, message: string, readonly status?: number) {
    super(message);
    this.name = 'WorkflowError';
  }
}

export interface DeploymentRef {
  namespace: string;
  name: string;
}

interface Deployment {
  metadata?: { name?: string; namespace?: string; uid?: string; resourceVersion?: string };
  spec?: Record<string, unknown>;
}

const MAX_ATTEMPTS = 3;

function statusMessage(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : undefined;
}

function failure(res: KubeResponse, what: string): WorkflowError {
  const detail = statusMessage(res.body);
  const suffix = detail ? `: ${detail}` : '';
  if (res.status === 403)
    return new WorkflowError('FORBIDDEN', `Not allowed to ${what}${suffix}`, 403);
  if (res.status === 404)
    return new WorkflowError('NOT_FOUND', `Not found when trying to ${what}${suffix}`, 404);
  if (res.status === 409)
    return new WorkflowError('CONFLICT', `Conflict when trying to ${what}${suffix}`, 409);
  return new WorkflowError('API', `Could not ${what} (HTTP ${res.status})${suffix}`, res.status);
}

const ok = (status: number) => status >= 200 && status < 300;

function deploymentPath(ref: DeploymentRef): string {
  return `/apis/airunway.ai/v1alpha1/namespaces/${encodeURIComponent(
    ref.namespace
  )}/modeldeployments/${encodeURIComponent(ref.name)}`;
}

function historyPath(ref: DeploymentRef, named = true): string {
  const base = `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/configmaps`;
  return named ? `${base}/${encodeURIComponent(historyConfigMapName(ref.name))}` : base;
}

// ---------------------------------------------------------------------------------------------------
// Who the user is and what they may do

/** The user's Kubernetes username (SelfSubjectReview, authentication.k8s.io/v1). */
export async function whoAmI(request: KubeRequest): Promise<string> {
  const res = await request('/apis/authentication.k8s.io/v1/selfsubjectreviews', {
    method: 'POST',
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  if (!ok(res.status)) throw failure(res, 'ask the API server who you are');
  const username = (res.body as { status?: { userInfo?: { username?: unknown } } })?.status
    ?.userInfo?.username;
  if (typeof username !== 'string' || username === '')
    throw new WorkflowError('API', 'The API server did not say who you are.');
  return username;
}

export interface AccessAttributes {
  verb: string;
  group: string;
  resource: string;
  /** A subresource such as `proxy` (services/proxy) or `status`. */
  subresource?: string;
  namespace: string;
  name?: string;
}

/** Whether the user may do it (SelfSubjectAccessReview). */
export async function canI(request: KubeRequest, attributes: AccessAttributes): Promise<boolean> {
  const res = await request('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    method: 'POST',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: attributes },
    },
  });
  if (!ok(res.status)) throw failure(res, 'check your permissions');
  return (res.body as { status?: { allowed?: unknown } })?.status?.allowed === true;
}

export interface WorkflowPermissions {
  /** Approve, apply and roll back change the deployment: patch on modeldeployments. */
  patchDeployment: boolean;
  /** Every step writes the record: create and update on configmaps in the namespace. */
  writeHistory: boolean;
}

export async function workflowPermissions(
  request: KubeRequest,
  ref: DeploymentRef
): Promise<WorkflowPermissions> {
  const [patch, create, update] = await Promise.all([
    canI(request, {
      verb: 'patch',
      group: 'airunway.ai',
      resource: 'modeldeployments',
      namespace: ref.namespace,
      name: ref.name,
    }),
    canI(request, { verb: 'create', group: '', resource: 'configmaps', namespace: ref.namespace }),
    canI(request, {
      verb: 'update',
      group: '',
      resource: 'configmaps',
      namespace: ref.namespace,
      name: historyConfigMapName(ref.name),
    }),
  ]);
  return { patchDeployment: patch, writeHistory: create && update };
}

// ---------------------------------------------------------------------------------------------------
// The record

interface ConfigMap {
  metadata?: { resourceVersion?: string } & Record<string, unknown>;
  data?: Record<string, string>;
}

export interface History {
  records: OptimizationRecord[];
  /** Of the ConfigMap; undefined when it does not exist yet. */
  resourceVersion?: string;
  error?: string;
  /** The ConfigMap as read: a replace keeps its metadata (ownerReferences, labels) and other keys. */
  configMap?: ConfigMap;
}

export async function readHistory(request: KubeRequest, ref: DeploymentRef): Promise<History> {
  const res = await request(historyPath(ref), { method: 'GET' });
  if (res.status === 404) return { records: [] };
  if (!ok(res.status)) throw failure(res, 'read the optimisation history');
  const cm = res.body as ConfigMap;
  return {
    ...decodeHistory(cm.data),
    resourceVersion: cm.metadata?.resourceVersion,
    configMap: cm,
  };
}

async function getDeployment(request: KubeRequest, ref: DeploymentRef): Promise<Deployment> {
  const res = await request(deploymentPath(ref), { method: 'GET' });
  if (!ok(res.status)) throw failure(res, `read ModelDeployment ${ref.namespace}/${ref.name}`);
  return res.body as Deployment;
}

/**
 * Read, change, write the history, at the read resourceVersion; a 409 re-reads and re-applies `change`,
 * whose transitions then judge the fresh state (a record someone else already approved cannot be
 * approved again).
 */
async function updateHistory(
  request: KubeRequest,
  ref: DeploymentRef,
  change: (records: OptimizationRecord[]) => OptimizationRecord[]
): Promise<OptimizationRecord[]> {
  for (let attempt = 1; ; attempt++) {
    const history = await readHistory(request, ref);
    if (history.error) throw new WorkflowError('INVALID_HISTORY', history.error);
    const records = change(history.records);
    const data = encodeHistory(records);
    let res: KubeResponse;
    if (history.configMap === undefined) {
      const owner = await getDeployment(request, ref);
      res = await request(historyPath(ref, false), {
        method: 'POST',
        body: historyConfigMap(ref, owner, data),
      });
    } else {
      // A PUT replaces the object: send it back as read (its resourceVersion makes the write
      // conditional), with only the records changed, so ownerReferences and labels survive.
      const cm = history.configMap;
      res = await request(historyPath(ref), {
        method: 'PUT',
        body: { apiVersion: 'v1', kind: 'ConfigMap', ...cm, data: { ...cm.data, ...data } },
      });
    }
    if (ok(res.status)) return records;
    // 409 on PUT: changed since read; on POST: someone created it first. Both: read again.
    if (res.status === 409 && attempt < MAX_ATTEMPTS) continue;
    throw failure(res, 'write the optimisation history');
  }
}

function historyConfigMap(ref: DeploymentRef, owner: Deployment, data: Record<string, string>) {
  const metadata: Record<string, unknown> = {
    name: historyConfigMapName(ref.name),
    namespace: ref.namespace,
    labels: { [HISTORY_LABEL]: ref.name },
  };
  if (owner.metadata?.uid) {
    metadata.ownerReferences = [
      {
        apiVersion: 'airunway.ai/v1alpha1',
        kind: 'ModelDeployment',
        name: ref.name,
        uid: owner.metadata.uid,
      },
    ];
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data };
}

function findRecord(records: readonly OptimizationRecord[], id: string): OptimizationRecord {
  const record = records.find(r => r.id === id);
  if (!record) throw new WorkflowError('NOT_FOUND', `No optimisation ${id} in the history.`);
  return record;
}

function replaceRecord(records: OptimizationRecord[], next: OptimizationRecord) {
  return records.map(r => (r.id === next.id ? next : r));
}

async function step(
  request: KubeRequest,
  ref: DeploymentRef,
  id: string,
  to: OptimizationState,
  s: Step,
  extra?: Parameters<typeof transition>[3]
): Promise<OptimizationRecord> {
  const records = await updateHistory(request, ref, current =>
    replaceRecord(current, transition(findRecord(current, id), to, s, extra))
  );
  return findRecord(records, id);
}

// ---------------------------------------------------------------------------------------------------
// The steps

export function newRecordId(): string {
  return globalThis.crypto.randomUUID();
}

/** Records a recommendation as PENDING_APPROVAL, with the spec it was computed from and the spec it asks for. */
export async function propose(
  request: KubeRequest,
  ref: DeploymentRef,
  specBefore: Record<string, unknown>,
  recommendation: Recommendation,
  s: Step,
  id: string = newRecordId()
): Promise<OptimizationRecord> {
  const record: OptimizationRecord = {
    id,
    type: recommendation.type,
    priority: recommendation.priority,
    title: recommendation.title,
    expectedEffect: recommendation.expectedEffect,
    risks: recommendation.risks,
    changesIdentityField: recommendation.changesIdentityField,
    state: 'PENDING_APPROVAL',
    specBefore,
    specAfter: applyPatch(specBefore, recommendation.patch),
    history: [
      { state: 'PENDING_APPROVAL', by: s.by, at: s.at, ...(s.note ? { note: s.note } : {}) },
    ],
  };
  const records = await updateHistory(request, ref, current => [...current, record]);
  return findRecord(records, id);
}

export function decide(
  request: KubeRequest,
  ref: DeploymentRef,
  id: string,
  verdict: 'APPROVED' | 'REJECTED',
  s: Step
): Promise<OptimizationRecord> {
  return step(request, ref, id, verdict, s);
}

/**
 * Changes the deployment's spec from `expected` to `target` with a merge patch that carries the
 * resourceVersion of the object whose spec was compared. A 409 (the object changed between the read and
 * the write, often only its status) is retried from a fresh read; a spec that no longer equals `expected`
 * is SPEC_CHANGED and nothing is written.
 */
export async function patchSpec(
  request: KubeRequest,
  ref: DeploymentRef,
  expected: Record<string, unknown>,
  target: Record<string, unknown>
): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await getDeployment(request, ref);
    if (!jsonEqual(current.spec ?? {}, expected)) {
      throw new WorkflowError(
        'SPEC_CHANGED',
        `ModelDeployment ${ref.namespace}/${ref.name} was changed by someone else since this optimisation was proposed; nothing was applied. Review the current spec and propose again.`,
        409
      );
    }
    const res = await request(deploymentPath(ref), {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: {
        metadata: { resourceVersion: current.metadata?.resourceVersion },
        spec: mergePatchBetween(current.spec ?? {}, target),
      },
    });
    if (ok(res.status)) return (res.body as Deployment)?.metadata?.resourceVersion;
    if (res.status === 409 && attempt < MAX_ATTEMPTS) continue;
    throw failure(res, `change ModelDeployment ${ref.namespace}/${ref.name}`);
  }
}

/**
 * APPROVED → IN_PROGRESS, then the spec change. The record is written first, so a change never reaches the
 * deployment without its record; a change that fails leaves the record FAILED with the reason.
 */
export async function applyOptimization(
  request: KubeRequest,
  ref: DeploymentRef,
  id: string,
  s: Step,
  metricsBefore?: MetricSummary
): Promise<OptimizationRecord> {
  const started = await step(request, ref, id, 'IN_PROGRESS', s, {
    appliedAt: s.at,
    ...(metricsBefore ? { metricsBefore } : {}),
  });
  try {
    await patchSpec(request, ref, started.specBefore, started.specAfter);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await step(request, ref, id, 'FAILED', { by: s.by, at: s.at, note: message });
    throw e;
  }
  return started;
}

export function completeOptimization(
  request: KubeRequest,
  ref: DeploymentRef,
  id: string,
  s: Step,
  metricsAfter?: MetricSummary
): Promise<OptimizationRecord> {
  return step(request, ref, id, 'COMPLETED', s, metricsAfter ? { metricsAfter } : {});
}

/**
 * Restores the spec before the change, if the deployment still has the spec the change gave it
 * (otherwise SPEC_CHANGED, and neither object changes), then records ROLLED_BACK.
 */
export async function rollbackOptimization(
  request: KubeRequest,
  ref: DeploymentRef,
  id: string,
  s: Step
): Promise<OptimizationRecord> {
  const { records, error } = await readHistory(request, ref);
  if (error) throw new WorkflowError('INVALID_HISTORY', error);
  const record = findRecord(records, id);
  // Judge the transition before touching the deployment.
  transition(record, 'ROLLED_BACK', s);
  await patchSpec(request, ref, record.specAfter, record.specBefore);
  return step(request, ref, id, 'ROLLED_BACK', s);
}
