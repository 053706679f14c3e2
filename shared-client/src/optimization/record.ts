import { z } from 'zod';
import { RecommendationTypeSchema, SeveritySchema } from '../advisor';

/**
 * The optimisation workflow's record, kept on the cluster so every viewer of the deployment sees the same
 * history and it outlives the browser tab: one ConfigMap per ModelDeployment, in its namespace, owned by it
 * (ownerReference, so deleting the deployment deletes its history), holding the records as JSON under one
 * key. A ConfigMap rather than annotations on the ModelDeployment: a history with two full specs per entry
 * would soon crowd the object every list and watch transfers, and editing it would bump the deployment's
 * resourceVersion and race with the user's own edits.
 *
 * States: PENDING_APPROVAL → APPROVED | REJECTED; APPROVED → IN_PROGRESS | FAILED; IN_PROGRESS → COMPLETED |
 * FAILED | ROLLED_BACK; COMPLETED → ROLLED_BACK. Each step records who took it, when and why.
 */

export const OptimizationStateSchema = z.enum([
  'PENDING_APPROVAL',
  'APPROVED',
  'REJECTED',
  'IN_PROGRESS',
  'COMPLETED',
  'FAILED',
  'ROLLED_BACK',
]);
export type OptimizationState = z.infer<typeof OptimizationStateSchema>;

const TRANSITIONS: Readonly<Record<OptimizationState, readonly OptimizationState[]>> = {
  PENDING_APPROVAL: ['APPROVED', 'REJECTED'],
  APPROVED: ['IN_PROGRESS', 'FAILED'],
  REJECTED: [],
  IN_PROGRESS: ['COMPLETED', 'FAILED', 'ROLLED_BACK'],
  COMPLETED: ['ROLLED_BACK'],
  FAILED: [],
  ROLLED_BACK: [],
};

export function canTransition(from: OptimizationState, to: OptimizationState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States whose change was applied to the deployment and may be rolled back. */
export function isRollbackable(state: OptimizationState): boolean {
  return canTransition(state, 'ROLLED_BACK');
}

export const MetricSummarySchema = z.record(z.string(), z.number());
export type MetricSummary = z.infer<typeof MetricSummarySchema>;

export const HistoryEntrySchema = z.object({
  state: OptimizationStateSchema,
  /** Kubernetes username from a SelfSubjectReview. */
  by: z.string(),
  at: z.string(),
  note: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

const Spec = z.record(z.string(), z.unknown());

export const OptimizationRecordSchema = z.object({
  id: z.string().min(1),
  type: RecommendationTypeSchema,
  priority: SeveritySchema,
  title: z.string(),
  expectedEffect: z.string(),
  risks: z.array(z.string()),
  changesIdentityField: z.boolean(),
  state: OptimizationStateSchema,
  specBefore: Spec,
  specAfter: Spec,
  /** Every step, oldest first; the first is the proposal. */
  history: z.array(HistoryEntrySchema).min(1),
  /** When the change reached the API server (set with IN_PROGRESS). */
  appliedAt: z.string().optional(),
  /** Averages over the window before the change and over the settled window after it. */
  metricsBefore: MetricSummarySchema.optional(),
  metricsAfter: MetricSummarySchema.optional(),
});
export type OptimizationRecord = z.infer<typeof OptimizationRecordSchema>;

/** Records kept per deployment; the oldest finished ones go first. ConfigMaps hold at most 1 MiB. */
export const MAX_RECORDS = 50;

export const HISTORY_KEY = 'optimizations.json';
export const HISTORY_LABEL = 'airunway.ai/optimizations-for';

/** The ConfigMap that holds a deployment's records (DNS subdomain: at most 253 characters). */
export function historyConfigMapName(deploymentName: string): string {
  return `${deploymentName}-optimizations`.slice(0, 253);
}

export class InvalidTransitionError extends Error {
  constructor(readonly record: OptimizationRecord, readonly to: OptimizationState) {
    const last = record.history.at(-1);
    super(
      `This optimisation is ${record.state}` +
        (last ? ` (by ${last.by} at ${last.at})` : '') +
        `, so it cannot become ${to}.`
    );
    this.name = 'InvalidTransitionError';
  }
}

export interface Step {
  by: string;
  at: string;
  note?: string;
}

/** The record moved to `to`, or InvalidTransitionError. `extra` sets fields that belong to that step. */
export function transition(
  record: OptimizationRecord,
  to: OptimizationState,
  step: Step,
  extra: Partial<Pick<OptimizationRecord, 'appliedAt' | 'metricsBefore' | 'metricsAfter'>> = {}
): OptimizationRecord {
  if (!canTransition(record.state, to)) throw new InvalidTransitionError(record, to);
  const entry: HistoryEntry = { state: to, by: step.by, at: step.at };
  if (step.note) entry.note = step.note;
  return { ...record, ...extra, state: to, history: [...record.history, entry] };
}

/** Who proposed, and who decided (approved or rejected), read off the history. */
export function proposer(record: OptimizationRecord): HistoryEntry {
  return record.history[0]!;
}

export function decision(record: OptimizationRecord): HistoryEntry | undefined {
  return record.history.find(h => h.state === 'APPROVED' || h.state === 'REJECTED');
}

const HistorySchema = z.array(OptimizationRecordSchema);

export interface DecodedHistory {
  records: OptimizationRecord[];
  /** Set when the stored JSON could not be read: shown to the user, and nothing is overwritten. */
  error?: string;
}

/** The records in a ConfigMap's data; an unreadable value is an error, never silently an empty history. */
export function decodeHistory(data: Readonly<Record<string, string>> | undefined): DecodedHistory {
  const raw = data?.[HISTORY_KEY];
  if (raw === undefined || raw === '') return { records: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { records: [], error: `${HISTORY_KEY} is not valid JSON.` };
  }
  const parsed = HistorySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      records: [],
      error: `${HISTORY_KEY} does not hold optimisation records (${issue?.path.join('.')}: ${
        issue?.message
      }).`,
    };
  }
  return { records: parsed.data };
}

const FINISHED: readonly OptimizationState[] = ['REJECTED', 'FAILED', 'ROLLED_BACK', 'COMPLETED'];

/** The records to store: at most MAX_RECORDS, dropping the oldest finished ones first. */
export function encodeHistory(records: readonly OptimizationRecord[]): Record<string, string> {
  const kept = [...records];
  for (let i = 0; kept.length > MAX_RECORDS && i < kept.length; ) {
    if (FINISHED.includes(kept[i]!.state)) kept.splice(i, 1);
    else i++;
  }
  return { [HISTORY_KEY]: JSON.stringify(kept.slice(-MAX_RECORDS)) };
}
