import { z } from 'zod';
import { isPlainObject, jsonEqual } from './json';
import type { Engine } from './prometheus/normalize';
import type { DerivedPoint } from './prometheus/rates';
import { IDENTITY_FIELDS } from './providers/updates';

/**
 * The tuning advisor: finds sustained bottlenecks in a window of derived metric points and proposes
 * concrete ModelDeployment spec patches for them, which the UI previews as a diff before applying.
 */

// ---------------------------------------------------------------------------------------------------
// Vocabulary (shared with the performance-agent API)

export const BottleneckTypeSchema = z.enum([
  'MEMORY_PRESSURE',
  'HIGH_LATENCY',
  'LOW_THROUGHPUT',
  'QUEUE_BUILDUP',
  'CACHE_INEFFICIENCY',
]);
export type BottleneckType = z.infer<typeof BottleneckTypeSchema>;

export const SeveritySchema = z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']);
export type Severity = z.infer<typeof SeveritySchema>;

export const RecommendationTypeSchema = z.enum([
  'QUANTIZATION',
  'KV_CACHE',
  'BATCHING',
  'SPECULATIVE_DECODING',
  'SCALING',
]);
export type RecommendationType = z.infer<typeof RecommendationTypeSchema>;

export const BottleneckSchema = z.object({
  type: BottleneckTypeSchema,
  severity: SeveritySchema,
  /** The DerivedPoint field that breached, e.g. `ttftP95`. */
  metric: z.string(),
  currentValue: z.number(),
  threshold: z.number(),
  /** Timestamp of the first point of the sustained run that is still going on. */
  sinceMs: z.number(),
  description: z.string(),
});
export type Bottleneck = z.infer<typeof BottleneckSchema>;

// ---------------------------------------------------------------------------------------------------
// Thresholds

export const AdvisorThresholdsSchema = z.object({
  /** Consecutive breaching points (ending at the latest) before a bottleneck is reported. */
  minConsecutivePoints: z.number().int().min(1),
  /** KV-cache use fraction above which memory is under pressure. */
  kvCacheUsage: z.number().min(0).max(1),
  ttftP95Seconds: z.number().positive(),
  itlP95Seconds: z.number().positive(),
  /** Generation throughput below this, with requests waiting, is low throughput. */
  minGenerationTokensPerSecond: z.number().positive(),
  /** Waiting requests that make low generation throughput matter. */
  lowThroughputMinWaiting: z.number().min(0),
  /** Waiting requests above which the queue is building up. */
  queueWaiting: z.number().min(0),
  prefixCacheHitRate: z.number().min(0).max(1),
  /** Prefix-cache lookups (tokens) per interval below which the hit rate says nothing. */
  prefixCacheMinQueries: z.number().min(0),
});
export type AdvisorThresholds = z.infer<typeof AdvisorThresholdsSchema>;

export const DEFAULT_THRESHOLDS: Readonly<AdvisorThresholds> = Object.freeze({
  minConsecutivePoints: 3,
  kvCacheUsage: 0.9,
  ttftP95Seconds: 3,
  itlP95Seconds: 0.2,
  minGenerationTokensPerSecond: 50,
  lowThroughputMinWaiting: 1,
  queueWaiting: 5,
  prefixCacheHitRate: 0.3,
  prefixCacheMinQueries: 1000,
});

// ---------------------------------------------------------------------------------------------------
// Detection

const SEVERITY_ORDER: readonly Severity[] = SeveritySchema.options;

function severityRank(severity: Severity): number {
  return SEVERITY_ORDER.indexOf(severity);
}

function raiseSeverity(severity: Severity, steps: number): Severity {
  return SEVERITY_ORDER[Math.min(SEVERITY_ORDER.length - 1, severityRank(severity) + steps)]!;
}

/** How many times the threshold the value is (or, for lower-is-worse metrics, the other way round). */
export function severityFromRatio(rawRatio: number): Severity {
  // Rounded so that e.g. 0.3 / 0.2 (1.4999999999999998) grades as the 1.5 it means.
  const ratio = Math.round(rawRatio * 1e9) / 1e9;
  if (ratio < 1.25) return 'LOW';
  if (ratio < 1.5) return 'MEDIUM';
  if (ratio < 2) return 'HIGH';
  return 'CRITICAL';
}

/**
 * KV use cannot exceed 1, so a ratio to the threshold hardly moves; severity is the share of the
 * remaining headroom already used. Preemptions mean the cache has actually run out: one level worse.
 */
function kvSeverity(value: number, threshold: number, preempting: boolean): Severity {
  const used = threshold >= 1 ? 1 : (value - threshold) / (1 - threshold);
  const base: Severity = used < 1 / 3 ? 'LOW' : used < 2 / 3 ? 'MEDIUM' : 'HIGH';
  return preempting ? raiseSeverity(base, 1) : base;
}

/** The trailing run of consecutive points that breach; empty if the latest point does not. */
function trailingRun(
  points: readonly DerivedPoint[],
  breaches: (p: DerivedPoint) => boolean
): DerivedPoint[] {
  let start = points.length;
  while (start > 0 && breaches(points[start - 1]!)) start--;
  return points.slice(start);
}

const isNumber = (v: number | undefined): v is number => v !== undefined && !Number.isNaN(v);

const pct = (v: number): string => `${Math.round(v * 100)}%`;
const secs = (v: number): string => (v < 1 ? `${Math.round(v * 1000)} ms` : `${v.toFixed(2)} s`);

/**
 * Bottlenecks sustained over the last `minConsecutivePoints` points of the window (or longer), most
 * severe first. A point where the metric is undefined never breaches, so it also ends a run.
 */
export function detectBottlenecks(
  points: readonly DerivedPoint[],
  thresholds: Partial<AdvisorThresholds> = {}
): Bottleneck[] {
  const t: AdvisorThresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  const window = [...points].sort((a, b) => a.timestampMs - b.timestampMs);
  const found: Bottleneck[] = [];
  // The length guard keeps a misconfigured minimum of 0 from reporting an empty run.
  const sustained = (run: DerivedPoint[]): boolean =>
    run.length > 0 && run.length >= t.minConsecutivePoints;

  const memory = trailingRun(
    window,
    p => isNumber(p.kvCacheUsage) && p.kvCacheUsage > t.kvCacheUsage
  );
  if (sustained(memory)) {
    const value = memory.at(-1)!.kvCacheUsage!;
    const preempting = memory.some(
      p => (p.preemptions ?? 0) > 0 || (p.preemptionsPerSecond ?? 0) > 0
    );
    found.push({
      type: 'MEMORY_PRESSURE',
      severity: kvSeverity(value, t.kvCacheUsage, preempting),
      metric: 'kvCacheUsage',
      currentValue: value,
      threshold: t.kvCacheUsage,
      sinceMs: memory[0]!.timestampMs,
      description:
        `KV cache ${pct(value)} full over ${memory.length} samples (threshold ${pct(
          t.kvCacheUsage
        )})` + (preempting ? ', and the engine is preempting requests to make room.' : '.'),
    });
  }

  const latencyChecks = [
    { metric: 'ttftP95', label: 'Time to first token p95', threshold: t.ttftP95Seconds },
    { metric: 'itlP95', label: 'Inter-token latency p95', threshold: t.itlP95Seconds },
  ] as const;
  for (const check of latencyChecks) {
    const run = trailingRun(
      window,
      p => isNumber(p[check.metric]) && p[check.metric]! > check.threshold
    );
    if (!sustained(run)) continue;
    const value = run.at(-1)![check.metric]!;
    found.push({
      type: 'HIGH_LATENCY',
      severity: severityFromRatio(value / check.threshold),
      metric: check.metric,
      currentValue: value,
      threshold: check.threshold,
      sinceMs: run[0]!.timestampMs,
      description: `${check.label} is ${secs(value)} over ${run.length} samples (threshold ${secs(
        check.threshold
      )}).`,
    });
  }

  const throughput = trailingRun(
    window,
    p =>
      isNumber(p.generationTokensPerSecond) &&
      isNumber(p.requestsWaiting) &&
      // Low throughput with an empty queue is just low demand, whatever the configured minimum.
      p.requestsWaiting > 0 &&
      p.requestsWaiting >= t.lowThroughputMinWaiting &&
      p.generationTokensPerSecond < t.minGenerationTokensPerSecond
  );
  if (sustained(throughput)) {
    const last = throughput.at(-1)!;
    const value = last.generationTokensPerSecond!;
    found.push({
      type: 'LOW_THROUGHPUT',
      severity: severityFromRatio(t.minGenerationTokensPerSecond / Math.max(value, 1e-9)),
      metric: 'generationTokensPerSecond',
      currentValue: value,
      threshold: t.minGenerationTokensPerSecond,
      sinceMs: throughput[0]!.timestampMs,
      description: `Generating ${value.toFixed(1)} tokens/s while ${
        last.requestsWaiting
      } requests wait (expected at least ${t.minGenerationTokensPerSecond} tokens/s).`,
    });
  }

  const queue = trailingRun(
    window,
    p => isNumber(p.requestsWaiting) && p.requestsWaiting > t.queueWaiting
  );
  if (sustained(queue)) {
    const value = queue.at(-1)!.requestsWaiting!;
    found.push({
      type: 'QUEUE_BUILDUP',
      // A threshold of 0 means any queue counts; grade against 1 so the ratio stays finite.
      severity: severityFromRatio(value / Math.max(t.queueWaiting, 1)),
      metric: 'requestsWaiting',
      currentValue: value,
      threshold: t.queueWaiting,
      sinceMs: queue[0]!.timestampMs,
      description: `${value} requests waiting over ${queue.length} samples (threshold ${t.queueWaiting}).`,
    });
  }

  const cache = trailingRun(
    window,
    p =>
      isNumber(p.prefixCacheHitRate) &&
      isNumber(p.prefixCacheQueries) &&
      p.prefixCacheQueries >= t.prefixCacheMinQueries &&
      p.prefixCacheHitRate < t.prefixCacheHitRate
  );
  if (sustained(cache)) {
    const value = cache.at(-1)!.prefixCacheHitRate!;
    found.push({
      type: 'CACHE_INEFFICIENCY',
      severity: severityFromRatio(t.prefixCacheHitRate / Math.max(value, 1e-9)),
      metric: 'prefixCacheHitRate',
      currentValue: value,
      threshold: t.prefixCacheHitRate,
      sinceMs: cache[0]!.timestampMs,
      description: `Prefix-cache hit rate ${pct(value)} over ${
        cache.length
      } samples (threshold ${pct(t.prefixCacheHitRate)}).`,
    });
  }

  return found.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

// ---------------------------------------------------------------------------------------------------
// The part of a ModelDeployment spec the advisor touches. Loose objects: the caller passes the whole
// spec and every field the advisor does not know about is carried through untouched.

export const AdvisorSpecSchema = z.looseObject({
  engine: z
    .looseObject({
      type: z.string().optional(),
      args: z.record(z.string(), z.string()).optional(),
      contextLength: z.number().int().positive().optional(),
      enablePrefixCaching: z.boolean().optional(),
    })
    .optional(),
  scaling: z.looseObject({ replicas: z.number().int().min(0).optional() }).optional(),
  resources: z
    .looseObject({
      gpu: z
        .looseObject({ count: z.number().int().min(0).optional(), type: z.string().optional() })
        .optional(),
      memory: z.string().optional(),
      cpu: z.string().optional(),
    })
    .optional(),
});
export type AdvisorSpec = z.infer<typeof AdvisorSpecSchema>;

/** A patch has the shape of the spec; it is deep-merged into it by applyPatch. */
export const SpecPatchSchema = AdvisorSpecSchema;
export type SpecPatch = AdvisorSpec;

export const RecommendationSchema = z.object({
  type: RecommendationTypeSchema,
  /** The severity of the worst bottleneck it addresses. */
  priority: SeveritySchema,
  title: z.string(),
  rationale: z.string(),
  expectedEffect: z.string(),
  risks: z.array(z.string()),
  patch: SpecPatchSchema,
  /** Whether applying the patch recreates the deployment (it changes model.id, engine.type, ...). */
  changesIdentityField: z.boolean(),
  addresses: z.array(BottleneckTypeSchema),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

/** Spec paths whose change makes the controller delete and recreate the deployment (one list: updates.ts). */
export const IDENTITY_PATHS: readonly string[] = IDENTITY_FIELDS;

// ---------------------------------------------------------------------------------------------------
// Engine knobs. Defaults are the engines' own when the arg is unset.

interface EngineKnobs {
  memoryFraction?: { arg: string; default: number; target: number };
  quantization: boolean;
  speculative?: { arg: string; value: string };
  maxSequences?: { arg: string; default: number };
  batchedTokens?: { arg: string; default: number };
}

const KNOBS: Partial<Record<string, EngineKnobs>> = {
  vllm: {
    memoryFraction: { arg: 'gpu-memory-utilization', default: 0.9, target: 0.95 },
    quantization: true,
    // n-gram speculation needs no draft model, so it is safe to propose without knowing the model.
    speculative: {
      arg: 'speculative-config',
      value: '{"method":"ngram","num_speculative_tokens":4,"prompt_lookup_max":4}',
    },
    maxSequences: { arg: 'max-num-seqs', default: 256 },
    batchedTokens: { arg: 'max-num-batched-tokens', default: 8192 },
  },
  sglang: {
    memoryFraction: { arg: 'mem-fraction-static', default: 0.88, target: 0.92 },
    quantization: true,
    maxSequences: { arg: 'max-running-requests', default: 256 },
    batchedTokens: { arg: 'chunked-prefill-size', default: 8192 },
  },
};

const MAX_SEQUENCES_CAP = 1024;
const MIN_SEQUENCES = 16;
const BATCHED_TOKENS_CAP = 65536;
const MIN_CONTEXT_LENGTH = 2048;

function numericArg(spec: AdvisorSpec, arg: string, fallback: number): number {
  const raw = spec.engine?.args?.[arg];
  const parsed = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(parsed) ? parsed : fallback;
}

function argsPatch(args: Record<string, string>): SpecPatch {
  return { engine: { args } };
}

// ---------------------------------------------------------------------------------------------------
// Recommendation builders. Each returns undefined when it has nothing to change.

type Builder = (
  ctx: BuildContext
) => Omit<Recommendation, 'priority' | 'changesIdentityField' | 'addresses'> | undefined;

interface BuildContext {
  spec: AdvisorSpec;
  knobs: EngineKnobs | undefined;
  bottleneck: Bottleneck;
  all: readonly Bottleneck[];
}

const scaleOut: Builder = ({ spec, bottleneck }) => {
  const current = spec.scaling?.replicas ?? 1;
  const severe = severityRank(bottleneck.severity) >= severityRank('HIGH');
  const next = severe ? Math.max(current * 2, current + 1) : current + 1;
  return {
    type: 'SCALING',
    title: `Scale to ${next} replicas`,
    rationale: `${bottleneck.description} More replicas split the load, so each engine queues and batches less.`,
    expectedEffect: `Roughly ${(next / Math.max(current, 1)).toFixed(
      1
    )}x the serving capacity; queueing delay and time to first token fall accordingly.`,
    risks: [
      `Needs ${
        next - current
      } more replica(s) worth of GPUs; new pods stay Pending if the cluster has none free.`,
      'Cost grows with the replica count.',
    ],
    patch: { scaling: { replicas: next } },
  };
};

const raiseMemoryFraction: Builder = ({ spec, knobs, bottleneck }) => {
  const knob = knobs?.memoryFraction;
  if (!knob || numericArg(spec, knob.arg, knob.default) >= knob.target) return undefined;
  return {
    type: 'KV_CACHE',
    title: `Give the KV cache more GPU memory (${knob.arg} ${knob.target})`,
    rationale: `${bottleneck.description} The engine sizes its KV cache from the share of GPU memory it may use; raising that share adds cache blocks.`,
    expectedEffect:
      'More KV-cache blocks: more concurrent sequences before preemption and a longer-lived prefix cache.',
    risks: [
      'Less headroom for activations and CUDA graphs; an out-of-memory at start-up means lowering it again.',
      'The engine restarts to apply it.',
    ],
    patch: argsPatch({ [knob.arg]: String(knob.target) }),
  };
};

const lowerContextLength: Builder = ({ spec, bottleneck }) => {
  const current = spec.engine?.contextLength;
  if (current === undefined || current <= MIN_CONTEXT_LENGTH) return undefined;
  const next = Math.max(MIN_CONTEXT_LENGTH, Math.floor(current / 2 / 1024) * 1024);
  if (next >= current) return undefined;
  return {
    type: 'KV_CACHE',
    title: `Lower the maximum context length to ${next}`,
    rationale: `${bottleneck.description} A shorter maximum context lets the scheduler admit more sequences into the same KV cache.`,
    expectedEffect: 'More concurrent sequences per replica and fewer preemptions.',
    risks: [
      `Requests longer than ${next} tokens will be rejected.`,
      'The engine restarts to apply it.',
    ],
    patch: { engine: { contextLength: next } },
  };
};

const enablePrefixCaching: Builder = ({ spec, bottleneck }) => {
  if (spec.engine?.enablePrefixCaching !== false) return undefined;
  return {
    type: 'KV_CACHE',
    title: 'Enable prefix caching',
    rationale: `${bottleneck.description} Prefix caching is switched off in the spec, so shared prompt prefixes are recomputed every time.`,
    expectedEffect:
      'Repeated system prompts and chat history are served from cache: lower TTFT and prefill load.',
    risks: ['Slight memory overhead for the cache index.', 'The engine restarts to apply it.'],
    patch: { engine: { enablePrefixCaching: true } },
  };
};

const quantize: Builder = ({ spec, knobs, bottleneck }) => {
  if (!knobs?.quantization || spec.engine?.args?.quantization !== undefined) return undefined;
  return {
    type: 'QUANTIZATION',
    title: 'Serve FP8-quantized weights',
    rationale: `${bottleneck.description} FP8 halves the memory the weights take, and the freed memory goes to the KV cache.`,
    expectedEffect:
      'About half the weight memory; more KV-cache blocks and higher batch sizes on the same GPUs.',
    risks: [
      'Small accuracy loss is possible; check quality on your own prompts.',
      'Full FP8 speed needs Ada/Hopper or newer GPUs; older ones run weight-only FP8.',
      'The engine reloads the model to apply it.',
    ],
    patch: argsPatch({ quantization: 'fp8' }),
  };
};

const speculate: Builder = ({ spec, knobs, bottleneck }) => {
  const speculative = knobs?.speculative;
  if (!speculative || spec.engine?.args?.[speculative.arg] !== undefined) return undefined;
  return {
    type: 'SPECULATIVE_DECODING',
    title: 'Enable n-gram speculative decoding',
    rationale: `${bottleneck.description} Speculative decoding proposes several tokens per step from the prompt and verifies them in one forward pass.`,
    expectedEffect:
      'Lower inter-token latency when outputs repeat prompt text (RAG, code editing, summaries).',
    risks: [
      'Little gain, and some overhead, when outputs rarely repeat the prompt.',
      'Under heavy load the verification work can lower total throughput.',
    ],
    patch: argsPatch({ [speculative.arg]: speculative.value }),
  };
};

const growBatches: Builder = ({ spec, knobs, bottleneck }) => {
  const seqKnob = knobs?.maxSequences;
  const tokenKnob = knobs?.batchedTokens;
  if (!seqKnob || !tokenKnob) return undefined;
  const seqs = numericArg(spec, seqKnob.arg, seqKnob.default);
  const tokens = numericArg(spec, tokenKnob.arg, tokenKnob.default);
  const nextSeqs = Math.min(MAX_SEQUENCES_CAP, seqs * 2);
  const nextTokens = Math.min(BATCHED_TOKENS_CAP, tokens * 2);
  const args: Record<string, string> = {};
  if (nextSeqs > seqs) args[seqKnob.arg] = String(nextSeqs);
  if (nextTokens > tokens) args[tokenKnob.arg] = String(nextTokens);
  if (Object.keys(args).length === 0) return undefined;
  return {
    type: 'BATCHING',
    title: 'Batch more requests per step',
    rationale: `${bottleneck.description} Larger batches keep the GPU busy with waiting requests instead of leaving them queued.`,
    expectedEffect:
      'Higher tokens/s per replica and a shorter queue, as long as the KV cache has room.',
    risks: [
      'Each step takes longer, so inter-token latency rises.',
      'With a nearly full KV cache, larger batches cause preemptions.',
    ],
    patch: argsPatch(args),
  };
};

const shrinkBatches: Builder = ({ spec, knobs, bottleneck }) => {
  const seqKnob = knobs?.maxSequences;
  if (!seqKnob) return undefined;
  const seqs = numericArg(spec, seqKnob.arg, seqKnob.default);
  const next = Math.max(MIN_SEQUENCES, Math.floor(seqs / 2));
  if (next >= seqs) return undefined;
  return {
    type: 'BATCHING',
    title: `Cap concurrent sequences at ${next}`,
    rationale: `${bottleneck.description} Every running sequence adds work to each decoding step; fewer of them make each step, and so each token, faster.`,
    expectedEffect: 'Lower inter-token latency for running requests.',
    risks: [
      'Lower total throughput; more requests wait in the queue.',
      'Pair with scaling if the queue grows.',
    ],
    patch: argsPatch({ [seqKnob.arg]: String(next) }),
  };
};

const growPrefill: Builder = ({ spec, knobs, bottleneck }) => {
  const tokenKnob = knobs?.batchedTokens;
  if (!tokenKnob) return undefined;
  const tokens = numericArg(spec, tokenKnob.arg, tokenKnob.default);
  const next = Math.min(BATCHED_TOKENS_CAP, tokens * 2);
  if (next <= tokens) return undefined;
  return {
    type: 'BATCHING',
    title: `Prefill more tokens per step (${tokenKnob.arg} ${next})`,
    rationale: `${bottleneck.description} A larger token budget per step lets long prompts finish prefill in fewer steps.`,
    expectedEffect: 'Lower time to first token for long prompts.',
    risks: [
      'Steps that carry big prefills delay decoding of running requests: inter-token latency spikes.',
    ],
    patch: argsPatch({ [tokenKnob.arg]: String(next) }),
  };
};

const has = (all: readonly Bottleneck[], type: BottleneckType): boolean =>
  all.some(b => b.type === type);

/** Which builders answer a bottleneck, in order of preference. */
function buildersFor(bottleneck: Bottleneck, all: readonly Bottleneck[]): Builder[] {
  switch (bottleneck.type) {
    case 'MEMORY_PRESSURE': {
      const builders = [raiseMemoryFraction, lowerContextLength, quantize];
      // Preemption (HIGH and up) means the replica cannot hold its load at all.
      return severityRank(bottleneck.severity) >= severityRank('HIGH')
        ? [...builders, scaleOut]
        : builders;
    }
    case 'HIGH_LATENCY':
      return bottleneck.metric === 'itlP95' ? [speculate, shrinkBatches] : [scaleOut, growPrefill];
    case 'LOW_THROUGHPUT':
      return has(all, 'MEMORY_PRESSURE') ? [quantize, scaleOut] : [growBatches, scaleOut];
    case 'QUEUE_BUILDUP':
      return has(all, 'MEMORY_PRESSURE') ? [scaleOut] : [scaleOut, growBatches];
    case 'CACHE_INEFFICIENCY':
      return [enablePrefixCaching, raiseMemoryFraction];
  }
}

export interface RecommendOptions {
  /** Engine seen in the metrics, used when the spec leaves engine.type to the controller. */
  engine?: Engine;
}

/**
 * Concrete spec changes for the bottlenecks, most urgent first. One recommendation per type: the most
 * severe bottleneck decides it (so latency and throughput fixes never propose opposite batch sizes).
 * Changes that would leave the spec as it is are not proposed.
 */
export function recommend(
  bottlenecks: readonly Bottleneck[],
  currentSpec: AdvisorSpec,
  options: RecommendOptions = {}
): Recommendation[] {
  const engineType = currentSpec.engine?.type ?? options.engine;
  const knobs = engineType ? KNOBS[engineType] : undefined;
  const ordered = [...bottlenecks].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity)
  );
  const byType = new Map<RecommendationType, Recommendation>();

  for (const bottleneck of ordered) {
    for (const build of buildersFor(bottleneck, ordered)) {
      const draft = build({ spec: currentSpec, knobs, bottleneck, all: ordered });
      if (!draft) continue;
      const existing = byType.get(draft.type);
      if (existing) {
        // The same change serves this bottleneck too; a different change of the same type is dropped.
        if (
          jsonEqual(existing.patch, draft.patch) &&
          !existing.addresses.includes(bottleneck.type)
        ) {
          existing.addresses.push(bottleneck.type);
        }
        continue;
      }
      const changes = diffSpec(currentSpec, applyPatch(currentSpec, draft.patch));
      if (changes.length === 0) continue;
      byType.set(draft.type, {
        ...draft,
        priority: bottleneck.severity,
        changesIdentityField: changes.some(c => IDENTITY_PATHS.includes(c.path)),
        addresses: [bottleneck.type],
      });
    }
  }
  return [...byType.values()].sort((a, b) => severityRank(b.priority) - severityRank(a.priority));
}

// ---------------------------------------------------------------------------------------------------
// Patching and diffing

type Json = unknown;

function cloneJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  if (isPlainObject(value)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) defineOwn(out, k, cloneJson(v));
    return out as T;
  }
  return value;
}

function defineOwn(target: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function mergeInto(target: Record<string, Json>, patch: Record<string, Json>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      // JSON merge-patch semantics: null removes the field.
      delete target[key];
      continue;
    }
    const current = Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
    if (isPlainObject(value) && isPlainObject(current)) {
      mergeInto(current, value);
    } else {
      defineOwn(target, key, cloneJson(value));
    }
  }
}

/**
 * The spec with the patch deep-merged in: objects merge key by key, arrays and scalars replace,
 * undefined is ignored and null removes a field. Neither argument is modified, and the result shares
 * no objects with them.
 */
export function applyPatch<T extends Record<string, unknown>>(
  spec: T,
  patch: Record<string, unknown>
): T {
  const result = cloneJson(spec) as Record<string, Json>;
  mergeInto(result, patch);
  return result as T;
}

export const SpecChangeSchema = z.object({
  /** Dotted path, e.g. `engine.args.gpu-memory-utilization`. */
  path: z.string(),
  /** The same path as segments, for keys that contain dots. */
  segments: z.array(z.string()),
  before: z.unknown(),
  after: z.unknown(),
});
export type SpecChange = z.infer<typeof SpecChangeSchema>;

/**
 * Every leaf that differs between two specs, with its old and new value (undefined where absent), in
 * the order the fields appear. Objects are walked; arrays and scalars compare as a whole.
 */
export function diffSpec(
  before: Record<string, unknown>,
  after: Record<string, unknown>
): SpecChange[] {
  const changes: SpecChange[] = [];
  walk(before, after, [], changes);
  return changes;
}

function walk(before: Json, after: Json, segments: string[], out: SpecChange[]): void {
  if (isPlainObject(before) || isPlainObject(after)) {
    if (isPlainObject(before) && isPlainObject(after)) {
      const keys = [
        ...Object.keys(before),
        ...Object.keys(after).filter(k => !Object.prototype.hasOwnProperty.call(before, k)),
      ];
      for (const key of keys) {
        const b = Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined;
        const a = Object.prototype.hasOwnProperty.call(after, key) ? after[key] : undefined;
        walk(b, a, [...segments, key], out);
      }
      return;
    }
    // An object appeared or disappeared: report each leaf inside it.
    if (isPlainObject(before)) {
      if (after !== undefined) {
        out.push(change(segments, before, after));
        return;
      }
      for (const [key, value] of Object.entries(before))
        walk(value, undefined, [...segments, key], out);
    } else {
      if (before !== undefined) {
        out.push(change(segments, before, after));
        return;
      }
      for (const [key, value] of Object.entries(after as Record<string, Json>))
        walk(undefined, value, [...segments, key], out);
    }
    return;
  }
  if (!jsonEqual(before, after)) out.push(change(segments, before, after));
}

function change(segments: string[], before: Json, after: Json): SpecChange {
  return { path: segments.join('.'), segments, before: cloneJson(before), after: cloneJson(after) };
}
