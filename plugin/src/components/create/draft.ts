/**
 * The create form's state and its two-way mapping to a ModelDeployment object. The form holds strings
 * (what inputs hold); the object carries only what the user set — no empty strings, maps, lists or
 * objects — so the request body is exactly the ModelDeployment a person would write by hand. Fields the
 * form has no input for (podTemplate, overrides, …) ride along untouched in `rest`, so editing the YAML
 * never loses them.
 */
import {
  GgufFilenameSchema,
  K8sObjectNameSchema,
} from '@airunway/shared-client/schemas/identifiers';
import {
  ACCESS_MODES,
  type AccessMode,
  type EngineType,
  MODEL_DEPLOYMENT_API_VERSION,
  MODEL_DEPLOYMENT_KIND,
  type ModelSource,
  type ProviderName,
  type ServingMode,
  VOLUME_PURPOSES,
  type VolumePurpose,
} from '@airunway/shared-client/schemas/modelDeployment';

export interface KeyValue {
  key: string;
  value: string;
}

export interface EnvDraft {
  name: string;
  value: string;
  /** A secret/configMap/field reference from the YAML; the form shows it but does not edit it. */
  valueFrom?: unknown;
}

export interface TolerationDraft {
  key: string;
  operator: '' | 'Exists' | 'Equal';
  value: string;
  effect: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  /** Fields without an input (tolerationSeconds), kept as they were. */
  extra?: Record<string, unknown>;
}

/**
 * `storageClassName` of a new claim: '' leaves it out (the cluster's default class), this value writes the
 * empty string the API reads as "no dynamic provisioning". Not a valid class name, so never ambiguous.
 */
export const NO_STORAGE_CLASS = '(none)';

/** One `spec.model.storage.volumes[]` entry: an existing claim (`claimName`) or a new one sized here. */
export interface VolumeDraft {
  mode: 'existing' | 'new';
  name: string;
  claimName: string;
  mountPath: string;
  purpose: '' | VolumePurpose;
  readOnly: boolean;
  size: string;
  storageClassName: string;
  accessMode: '' | AccessMode;
}

export interface DeploymentDraft {
  name: string;
  namespace: string;
  modelId: string;
  modelSource: '' | ModelSource;
  servedName: string;
  provider: '' | ProviderName;
  engine: '' | EngineType;
  servingMode: '' | ServingMode;
  replicas: string;
  prefillReplicas: string;
  prefillGpus: string;
  decodeReplicas: string;
  decodeGpus: string;
  gpuCount: string;
  gpuType: string;
  memory: string;
  cpu: string;
  engineImage: string;
  contextLength: string;
  trustRemoteCode: boolean;
  engineArgs: KeyValue[];
  /** One raw flag per line. */
  extraArgs: string;
  env: EnvDraft[];
  nodeSelector: KeyValue[];
  tolerations: TolerationDraft[];
  hfSecret: string;
  gatewayEnabled: '' | 'true' | 'false';
  gatewayModelName: string;
  volumes: VolumeDraft[];
}

export type JsonObject = Record<string, unknown>;

export const EMPTY_DRAFT: DeploymentDraft = {
  name: '',
  namespace: 'default',
  modelId: '',
  modelSource: '',
  servedName: '',
  provider: '',
  engine: '',
  servingMode: '',
  replicas: '',
  prefillReplicas: '',
  prefillGpus: '',
  decodeReplicas: '',
  decodeGpus: '',
  gpuCount: '',
  gpuType: '',
  memory: '',
  cpu: '',
  engineImage: '',
  contextLength: '',
  trustRemoteCode: false,
  engineArgs: [],
  extraArgs: '',
  env: [],
  nodeSelector: [],
  tolerations: [],
  hfSecret: '',
  gatewayEnabled: '',
  gatewayModelName: '',
  volumes: [],
};

/** A DNS-1123 label from a model id's basename: `Qwen/Qwen3-0.6B` → `qwen3-0-6b`. */
export function nameFromModelId(modelId: string): string {
  const base = modelId.split('/').pop() ?? '';
  return base
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
}

/**
 * The Models page's prefill (`?model=&engine=&gpus=&namespace=&hfSecret=`); without a namespace in the
 * query, `defaultNamespace` (the cluster's setting), else `default`.
 */
export function draftFromQuery(search: string, defaultNamespace?: string): DeploymentDraft {
  const query = new URLSearchParams(search);
  const hfSecret = query.get('hfSecret') ?? '';
  const model = query.get('model') ?? '';
  const engine = query.get('engine') ?? '';
  return {
    ...EMPTY_DRAFT,
    modelId: model,
    name: nameFromModelId(model),
    namespace: query.get('namespace') || defaultNamespace || EMPTY_DRAFT.namespace,
    // A Secret's name, or nothing: a malformed query value is dropped rather than put in the spec.
    hfSecret: K8sObjectNameSchema.safeParse(hfSecret).success ? hfSecret : '',
    engine: (['vllm', 'sglang', 'trtllm', 'llamacpp'].includes(engine) ? engine : '') as
      | ''
      | EngineType,
    gpuCount: /^\d+$/.test(query.get('gpus') ?? '') ? (query.get('gpus') as string) : '',
  };
}

/**
 * The Models page's GGUF pick (`?gguf=`): a `.gguf` file name inside the `model` repo, for the AIKit
 * builder to preselect. Anything else (another extension, `..`, an absolute path) is ignored.
 */
export function ggufFileFromQuery(search: string): string | undefined {
  const parsed = GgufFilenameSchema.safeParse(new URLSearchParams(search).get('gguf'));
  return parsed.success ? parsed.data : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Draft → object

/** Whole numbers become numbers; anything else stays a string so validation names the field. */
function numberOrRaw(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function text(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `path` only for a value the user gave (not undefined, '', false, [] or {}). */
function setIfGiven(target: JsonObject, path: string[], value: unknown): void {
  if (value === undefined || value === '' || value === false) return;
  if (Array.isArray(value) && value.length === 0) return;
  if (isPlainObject(value) && Object.keys(value).length === 0) return;
  let node = target;
  for (const segment of path.slice(0, -1)) {
    if (!isPlainObject(node[segment])) node[segment] = {};
    node = node[segment] as JsonObject;
  }
  node[path[path.length - 1] as string] = value;
}

function keyValueMap(entries: KeyValue[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) if (entry.key.trim() !== '') map[entry.key.trim()] = entry.value;
  return map;
}

function toleration(entry: TolerationDraft): JsonObject {
  const result: JsonObject = { ...(entry.extra ?? {}) };
  setIfGiven(result, ['key'], text(entry.key));
  setIfGiven(result, ['operator'], entry.operator);
  setIfGiven(result, ['value'], text(entry.value));
  setIfGiven(result, ['effect'], entry.effect);
  return result;
}

/**
 * An existing claim always carries `claimName` (empty until one is picked, so validation names the field);
 * a new one carries what sizes it. The name is always written for the same reason.
 */
function volume(entry: VolumeDraft): JsonObject {
  const result: JsonObject = { name: entry.name.trim() };
  if (entry.mode === 'existing') result.claimName = entry.claimName.trim();
  setIfGiven(result, ['mountPath'], text(entry.mountPath));
  setIfGiven(result, ['purpose'], entry.purpose);
  setIfGiven(result, ['readOnly'], entry.readOnly);
  if (entry.mode === 'new') {
    setIfGiven(result, ['size'], numberOrRaw(entry.size));
    if (entry.storageClassName === NO_STORAGE_CLASS) result.storageClassName = '';
    else setIfGiven(result, ['storageClassName'], text(entry.storageClassName));
    setIfGiven(result, ['accessMode'], entry.accessMode);
  }
  return result;
}

function envVar(entry: EnvDraft): JsonObject {
  const result: JsonObject = { name: entry.name.trim() };
  if (entry.valueFrom !== undefined) result.valueFrom = entry.valueFrom;
  else if (entry.value !== '') result.value = entry.value;
  return result;
}

/** Deep merge of plain objects; `over` wins. Arrays and scalars are replaced, not merged. */
function merge(base: JsonObject, over: JsonObject): JsonObject {
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? merge(current, value) : value;
  }
  return result;
}

/** Drops objects that end up empty (e.g. `scaling: {}` after its last field was cleared). */
function pruneEmpty(value: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    const pruned = isPlainObject(child) ? pruneEmpty(child) : child;
    if (isPlainObject(pruned) && Object.keys(pruned).length === 0) continue;
    result[key] = pruned;
  }
  return result;
}

export function draftToObject(draft: DeploymentDraft, rest: JsonObject = {}): JsonObject {
  const built: JsonObject = {};
  setIfGiven(built, ['metadata', 'name'], text(draft.name));
  setIfGiven(built, ['metadata', 'namespace'], text(draft.namespace));
  const spec: JsonObject = { model: {} };
  setIfGiven(spec, ['model', 'id'], text(draft.modelId));
  setIfGiven(spec, ['model', 'source'], draft.modelSource);
  setIfGiven(spec, ['model', 'servedName'], text(draft.servedName));
  setIfGiven(spec, ['model', 'storage', 'volumes'], draft.volumes.map(volume));
  setIfGiven(spec, ['provider', 'name'], draft.provider);
  setIfGiven(spec, ['engine', 'type'], draft.engine);
  setIfGiven(spec, ['engine', 'image'], text(draft.engineImage));
  setIfGiven(spec, ['engine', 'contextLength'], numberOrRaw(draft.contextLength));
  setIfGiven(spec, ['engine', 'trustRemoteCode'], draft.trustRemoteCode);
  setIfGiven(spec, ['engine', 'args'], keyValueMap(draft.engineArgs));
  setIfGiven(
    spec,
    ['engine', 'extraArgs'],
    draft.extraArgs
      .split('\n')
      .map(line => line.trim())
      .filter(Boolean)
  );
  setIfGiven(spec, ['serving', 'mode'], draft.servingMode);
  setIfGiven(spec, ['scaling', 'replicas'], numberOrRaw(draft.replicas));
  setIfGiven(spec, ['scaling', 'prefill', 'replicas'], numberOrRaw(draft.prefillReplicas));
  setIfGiven(spec, ['scaling', 'prefill', 'gpu', 'count'], numberOrRaw(draft.prefillGpus));
  setIfGiven(spec, ['scaling', 'decode', 'replicas'], numberOrRaw(draft.decodeReplicas));
  setIfGiven(spec, ['scaling', 'decode', 'gpu', 'count'], numberOrRaw(draft.decodeGpus));
  setIfGiven(spec, ['resources', 'gpu', 'count'], numberOrRaw(draft.gpuCount));
  setIfGiven(spec, ['resources', 'gpu', 'type'], text(draft.gpuType));
  setIfGiven(spec, ['resources', 'memory'], text(draft.memory));
  setIfGiven(spec, ['resources', 'cpu'], text(draft.cpu));
  setIfGiven(spec, ['env'], draft.env.filter(entry => entry.name.trim() !== '').map(envVar));
  setIfGiven(spec, ['nodeSelector'], keyValueMap(draft.nodeSelector));
  setIfGiven(
    spec,
    ['tolerations'],
    draft.tolerations.map(toleration).filter(entry => Object.keys(entry).length > 0)
  );
  setIfGiven(spec, ['secrets', 'huggingFaceToken'], text(draft.hfSecret));
  if (draft.gatewayEnabled !== '') spec.gateway = { enabled: draft.gatewayEnabled === 'true' };
  setIfGiven(spec, ['gateway', 'modelName'], text(draft.gatewayModelName));
  built.spec = spec;
  const merged = pruneEmpty(merge(rest, built));
  // spec.model is required by the CRD even when empty, so keep it for validation to name.
  const mergedSpec = (merged.spec ?? {}) as JsonObject;
  return {
    apiVersion: MODEL_DEPLOYMENT_API_VERSION,
    kind: MODEL_DEPLOYMENT_KIND,
    ...merged,
    spec: { model: {}, ...mergedSpec },
  };
}

// ---------------------------------------------------------------------------------------------------
// Object → draft

/** Every field the form edits; what remains after removing these is `rest`. */
const FORM_PATHS: readonly string[][] = [
  ['apiVersion'],
  ['kind'],
  ['metadata', 'name'],
  ['metadata', 'namespace'],
  ['spec', 'model', 'id'],
  ['spec', 'model', 'source'],
  ['spec', 'model', 'servedName'],
  ['spec', 'model', 'storage', 'volumes'],
  ['spec', 'provider', 'name'],
  ['spec', 'engine', 'type'],
  ['spec', 'engine', 'image'],
  ['spec', 'engine', 'contextLength'],
  ['spec', 'engine', 'trustRemoteCode'],
  ['spec', 'engine', 'args'],
  ['spec', 'engine', 'extraArgs'],
  ['spec', 'serving', 'mode'],
  ['spec', 'scaling', 'replicas'],
  ['spec', 'scaling', 'prefill', 'replicas'],
  ['spec', 'scaling', 'prefill', 'gpu', 'count'],
  ['spec', 'scaling', 'decode', 'replicas'],
  ['spec', 'scaling', 'decode', 'gpu', 'count'],
  ['spec', 'resources', 'gpu', 'count'],
  ['spec', 'resources', 'gpu', 'type'],
  ['spec', 'resources', 'memory'],
  ['spec', 'resources', 'cpu'],
  ['spec', 'env'],
  ['spec', 'nodeSelector'],
  ['spec', 'tolerations'],
  ['spec', 'secrets', 'huggingFaceToken'],
  ['spec', 'gateway', 'enabled'],
  ['spec', 'gateway', 'modelName'],
];

function get(value: unknown, path: string[]): unknown {
  let node = value;
  for (const segment of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

function without(value: JsonObject, path: string[]): JsonObject {
  const [head, ...tail] = path;
  if (head === undefined || !(head in value)) return value;
  const copy = { ...value };
  if (tail.length === 0) delete copy[head];
  else if (isPlainObject(copy[head])) copy[head] = without(copy[head] as JsonObject, tail);
  return copy;
}

function pairs(value: unknown): KeyValue[] {
  return isPlainObject(value)
    ? Object.entries(value).map(([key, entry]) => ({ key, value: str(entry) }))
    : [];
}

function pick<T extends string>(value: unknown, allowed: readonly T[]): '' | T {
  return allowed.includes(value as T) ? (value as T) : '';
}

export function objectToDraft(object: JsonObject): { draft: DeploymentDraft; rest: JsonObject } {
  const spec = ['spec'];
  const at = (...path: string[]) => get(object, [...spec, ...path]);
  const env = Array.isArray(at('env')) ? (at('env') as JsonObject[]) : [];
  const tolerations = Array.isArray(at('tolerations')) ? (at('tolerations') as JsonObject[]) : [];
  const extraArgs = Array.isArray(at('engine', 'extraArgs'))
    ? (at('engine', 'extraArgs') as unknown[])
    : [];
  const volumes = Array.isArray(at('model', 'storage', 'volumes'))
    ? (at('model', 'storage', 'volumes') as JsonObject[])
    : [];
  const gateway = at('gateway', 'enabled');
  const draft: DeploymentDraft = {
    name: str(get(object, ['metadata', 'name'])),
    namespace: str(get(object, ['metadata', 'namespace'])),
    modelId: str(at('model', 'id')),
    modelSource: pick(at('model', 'source'), ['huggingface', 'custom'] as const),
    servedName: str(at('model', 'servedName')),
    provider: pick(at('provider', 'name'), ['dynamo', 'kaito', 'kuberay', 'llmd', 'vllm'] as const),
    engine: pick(at('engine', 'type'), ['vllm', 'sglang', 'trtllm', 'llamacpp'] as const),
    servingMode: pick(at('serving', 'mode'), ['aggregated', 'disaggregated'] as const),
    replicas: str(at('scaling', 'replicas')),
    prefillReplicas: str(at('scaling', 'prefill', 'replicas')),
    prefillGpus: str(at('scaling', 'prefill', 'gpu', 'count')),
    decodeReplicas: str(at('scaling', 'decode', 'replicas')),
    decodeGpus: str(at('scaling', 'decode', 'gpu', 'count')),
    gpuCount: str(at('resources', 'gpu', 'count')),
    gpuType: str(at('resources', 'gpu', 'type')),
    memory: str(at('resources', 'memory')),
    cpu: str(at('resources', 'cpu')),
    engineImage: str(at('engine', 'image')),
    contextLength: str(at('engine', 'contextLength')),
    trustRemoteCode: at('engine', 'trustRemoteCode') === true,
    engineArgs: pairs(at('engine', 'args')),
    extraArgs: extraArgs.map(str).join('\n'),
    env: env.map(entry => ({
      name: str(entry.name),
      value: str(entry.value),
      ...(entry.valueFrom !== undefined ? { valueFrom: entry.valueFrom } : {}),
    })),
    nodeSelector: pairs(at('nodeSelector')),
    tolerations: tolerations.map(entry => {
      const { key, operator, value, effect, ...extra } = entry;
      return {
        key: str(key),
        operator: pick(operator, ['Exists', 'Equal'] as const),
        value: str(value),
        effect: pick(effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const),
        ...(Object.keys(extra).length > 0 ? { extra } : {}),
      };
    }),
    hfSecret: str(at('secrets', 'huggingFaceToken')),
    gatewayEnabled: gateway === true ? 'true' : gateway === false ? 'false' : '',
    gatewayModelName: str(at('gateway', 'modelName')),
    volumes: volumes.map(entry => ({
      mode: entry.claimName !== undefined ? 'existing' : 'new',
      name: str(entry.name),
      claimName: str(entry.claimName),
      mountPath: str(entry.mountPath),
      purpose: pick(entry.purpose, VOLUME_PURPOSES),
      readOnly: entry.readOnly === true,
      size: str(entry.size),
      storageClassName:
        entry.storageClassName === '' ? NO_STORAGE_CLASS : str(entry.storageClassName),
      accessMode: pick(entry.accessMode, ACCESS_MODES),
    })),
  };
  const rest = pruneEmpty(FORM_PATHS.reduce(without, object));
  return { draft, rest };
}
