import { isPlainObject } from '../json';
import {
  type ModelDeploymentSpec,
  type ModelDeploymentStatus,
  resolvedModelSource,
  resolvedServingMode,
  type StorageVolume,
} from '../schemas/modelDeployment';

export interface UpdateClassification {
  /** Fields whose change means delete + recreate (the admission webhook rejects them in place). */
  identityChanges: string[];
  /** Fields the providers reconcile in place. */
  configChanges: string[];
  recreates: boolean;
}

export interface ClassifyUpdateOptions {
  /**
   * Status of the existing object. A provider the controller auto-selected counts as set: the
   * webhook compares a new spec.provider.name against status.provider.name.
   */
  oldStatus?: ModelDeploymentStatus;
}

/** Changing one of these (engine and provider once set) recreates the deployment. */
export const IDENTITY_FIELDS = [
  'model.id',
  'model.source',
  'engine.type',
  'provider.name',
  'serving.mode',
] as const;

type Json = unknown;

// Go's omitempty means an empty list or map is never stored, so it equals an absent one.
function isAbsent(value: Json): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.values(value).every(isAbsent);
  return false;
}

function deepEqual(a: Json, b: Json): boolean {
  if (isAbsent(a) && isAbsent(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every(key => deepEqual(a[key], b[key]));
  }
  return a === b;
}

function childPath(parent: string, key: string): string {
  const segment = /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
  if (!parent) return segment;
  return segment.startsWith('"') ? `${parent}[${segment}]` : `${parent}.${segment}`;
}

/** Leaf paths (objects are walked, lists compared whole) where the two values differ. */
function changedPaths(a: Json, b: Json, path: string, out: string[]): void {
  if (deepEqual(a, b)) return;
  const aObject = isPlainObject(a) ? a : isAbsent(a) ? {} : undefined;
  const bObject = isPlainObject(b) ? b : isAbsent(b) ? {} : undefined;
  if (aObject && bObject && (isPlainObject(a) || isPlainObject(b))) {
    const keys = [...new Set([...Object.keys(aObject), ...Object.keys(bObject)])].sort();
    for (const key of keys) changedPaths(aObject[key], bObject[key], childPath(path, key), out);
    return;
  }
  out.push(path);
}

function managedVolumes(spec: ModelDeploymentSpec): Map<string, StorageVolume> {
  const volumes = spec.model.storage?.volumes ?? [];
  return new Map(volumes.filter(volume => volume.size !== undefined).map(v => [v.name, v]));
}

function volumePath(name: string): string {
  return `model.storage.volumes[name=${name}]`;
}

function withoutVolumes(spec: ModelDeploymentSpec): ModelDeploymentSpec {
  const { storage, ...model } = spec.model;
  if (!storage) return spec;
  const { volumes: _volumes, ...restOfStorage } = storage;
  return { ...spec, model: { ...model, storage: restOfStorage } };
}

function withoutIdentityFields(spec: ModelDeploymentSpec): ModelDeploymentSpec {
  const { id: _id, source: _source, ...model } = spec.model;
  const { type: _type, ...engine } = spec.engine ?? {};
  const { name: _name, ...provider } = spec.provider ?? {};
  const { mode: _mode, ...serving } = spec.serving ?? {};
  return { ...spec, model, engine, provider, serving };
}

/**
 * Which fields an edit changes, split into identity fields (the deployment must be deleted and
 * created again: the admission webhook rejects them in place) and config fields (patched in place).
 * Besides the five identity fields, a volume the controller provisioned (one with `size`) cannot be
 * changed or removed without a recreate.
 */
export function classifyUpdate(
  oldSpec: ModelDeploymentSpec,
  newSpec: ModelDeploymentSpec,
  options: ClassifyUpdateOptions = {}
): UpdateClassification {
  const identityChanges: string[] = [];
  const configChanges: string[] = [];

  if ((oldSpec.model.id ?? '') !== (newSpec.model.id ?? '')) identityChanges.push('model.id');
  // Source and mode have CRD defaults: omitting one is the same as writing the default.
  if (resolvedModelSource(oldSpec) !== resolvedModelSource(newSpec)) {
    identityChanges.push('model.source');
  }
  if (resolvedServingMode(oldSpec) !== resolvedServingMode(newSpec)) {
    identityChanges.push('serving.mode');
  }

  // Engine and provider are identity "once set": choosing one for the first time is a config edit.
  const oldEngine = oldSpec.engine?.type;
  const newEngine = newSpec.engine?.type;
  if (oldEngine && newEngine && oldEngine !== newEngine) identityChanges.push('engine.type');
  else if (oldEngine !== newEngine) configChanges.push('engine.type');

  const oldProvider = oldSpec.provider?.name ?? options.oldStatus?.provider?.name;
  const newProvider = newSpec.provider?.name;
  if (oldProvider && newProvider && oldProvider !== newProvider) {
    identityChanges.push('provider.name');
  } else if (oldSpec.provider?.name !== newProvider) {
    configChanges.push('provider.name');
  }

  const oldManaged = managedVolumes(oldSpec);
  for (const [name, volume] of oldManaged) {
    const replacement = newSpec.model.storage?.volumes?.find(v => v.name === name);
    if (!deepEqual(volume, replacement)) identityChanges.push(volumePath(name));
  }
  const unmanaged = (spec: ModelDeploymentSpec) =>
    (spec.model.storage?.volumes ?? []).filter(volume => !oldManaged.has(volume.name));
  if (!deepEqual(unmanaged(oldSpec), unmanaged(newSpec)))
    configChanges.push('model.storage.volumes');

  changedPaths(
    withoutVolumes(withoutIdentityFields(oldSpec)),
    withoutVolumes(withoutIdentityFields(newSpec)),
    '',
    configChanges
  );

  return {
    identityChanges,
    configChanges: [...new Set(configChanges)].sort(),
    recreates: identityChanges.length > 0,
  };
}
