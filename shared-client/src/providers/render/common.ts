import { isPlainObject } from '../../json';
import {
  type ComponentScalingSpec,
  type EngineType,
  type EnvVar,
  type GpuSpec,
  MODEL_DEPLOYMENT_API_VERSION,
  MODEL_DEPLOYMENT_KIND,
  type ModelDeploymentSpec,
  type ProviderName,
  SPEC_DEFAULTS,
} from '../../schemas/modelDeployment';

/** Enough of a ModelDeployment to render from: a form can preview before the object exists. */
export interface ManifestSource {
  metadata: { name: string; namespace?: string; uid?: string };
  spec: ModelDeploymentSpec;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
  blockOwnerDeletion: boolean;
}

export interface RenderedMetadata {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

/** A Kubernetes object as a provider controller would create it. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: RenderedMetadata;
  [field: string]: unknown;
}

export interface ProviderEndpoint {
  service: string;
  port: number;
}

export interface ProviderManifests {
  provider: ProviderName;
  engine: EngineType;
  /** The primary object (the one status is read from) comes first. */
  objects: RenderedObject[];
  /** What status.endpoint will say once the provider is running. */
  endpoint: ProviderEndpoint;
  /** Where the preview knowingly differs from, or cannot predict, what the provider creates. */
  warnings: string[];
}

/** The namespace kubectl and the API server use when a manifest names none. */
export const DEFAULT_NAMESPACE = 'default';

export const LABEL_MANAGED_BY = 'airunway.ai/managed-by';
export const LABEL_MODEL_DEPLOYMENT = 'airunway.ai/model-deployment';
export const LABEL_DEPLOYMENT = 'airunway.ai/deployment';
export const LABEL_ENGINE_TYPE = 'airunway.ai/engine-type';

export function namespaceOf(source: ManifestSource): string {
  return source.metadata.namespace ?? DEFAULT_NAMESPACE;
}

export function baseLabels(source: ManifestSource, engine: EngineType): Record<string, string> {
  return {
    [LABEL_MANAGED_BY]: 'airunway',
    [LABEL_MODEL_DEPLOYMENT]: source.metadata.name,
    [LABEL_DEPLOYMENT]: source.metadata.name,
    [LABEL_ENGINE_TYPE]: engine,
  };
}

/** Pod-template labels and annotations the spec asks the provider to copy onto what it creates. */
export function podTemplateMetadata(spec: ModelDeploymentSpec): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  return {
    labels: { ...spec.podTemplate?.metadata?.labels },
    annotations: { ...spec.podTemplate?.metadata?.annotations },
  };
}

/** Owner references point at the ModelDeployment, which only has a UID once it exists. */
export function metadataFor(
  source: ManifestSource,
  name: string,
  labels: Record<string, string>,
  annotations: Record<string, string> = {}
): RenderedMetadata {
  const metadata: RenderedMetadata = { name, namespace: namespaceOf(source), labels };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  if (source.metadata.uid) {
    metadata.ownerReferences = [
      {
        apiVersion: MODEL_DEPLOYMENT_API_VERSION,
        kind: MODEL_DEPLOYMENT_KIND,
        name: source.metadata.name,
        uid: source.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ];
  }
  return metadata;
}

/** engine.image wins over the legacy spec.image (the webhook rejects two different values). */
export function imageOverride(spec: ModelDeploymentSpec): string | undefined {
  return spec.engine?.image || spec.image || undefined;
}

/**
 * Replicas of an aggregated deployment. The published providers treat 0 like "unset" (Go zero
 * value) and run one replica, so the preview does the same and says so.
 */
export function aggregatedReplicas(spec: ModelDeploymentSpec, warnings: string[]): number {
  const replicas = spec.scaling?.replicas;
  if (replicas === 0) {
    warnings.push(
      'scaling.replicas: 0 is treated as 1 by the providers; delete the deployment to stop it'
    );
  }
  return replicas ? replicas : SPEC_DEFAULTS.replicas;
}

export function componentReplicas(component: ComponentScalingSpec | undefined): number {
  return component?.replicas ?? SPEC_DEFAULTS.replicas;
}

export function gpuCountOf(gpu: GpuSpec | undefined): number {
  return gpu?.count ?? SPEC_DEFAULTS.gpuCount;
}

export function gpuResourceName(gpu: GpuSpec | undefined): string {
  return gpu?.type ?? SPEC_DEFAULTS.gpuType;
}

/** spec.env plus HF_TOKEN from the referenced Secret, as the providers inject it. */
export function containerEnv(spec: ModelDeploymentSpec): EnvVar[] {
  const env: EnvVar[] = [...(spec.env ?? [])];
  const secret = spec.secrets?.huggingFaceToken;
  if (secret && !env.some(variable => variable.name === 'HF_TOKEN')) {
    env.push({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: secret, key: 'HF_TOKEN' } } });
  }
  return env;
}

export function schedulingFields(spec: ModelDeploymentSpec): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (spec.nodeSelector && Object.keys(spec.nodeSelector).length > 0) {
    fields.nodeSelector = { ...spec.nodeSelector };
  }
  if (spec.tolerations && spec.tolerations.length > 0) {
    fields.tolerations = spec.tolerations.map(toleration => ({ ...toleration }));
  }
  return fields;
}

export const VOLUME_PURPOSE_MOUNT_PATHS = {
  modelCache: '/model-cache',
  compilationCache: '/compilation-cache',
} as const;

export interface ResolvedVolume {
  name: string;
  claimName: string;
  mountPath: string | undefined;
  readOnly: boolean;
  purpose: 'modelCache' | 'compilationCache' | 'custom';
}

/** Storage volumes with the defaults the controller applies (claim name, mount path by purpose). */
export function resolvedVolumes(source: ManifestSource): ResolvedVolume[] {
  return (source.spec.model.storage?.volumes ?? []).map(volume => {
    const purpose = volume.purpose ?? 'custom';
    return {
      name: volume.name,
      claimName: volume.claimName ?? `${source.metadata.name}-${volume.name}`,
      mountPath:
        volume.mountPath ??
        (purpose === 'custom' ? undefined : VOLUME_PURPOSE_MOUNT_PATHS[purpose]),
      readOnly: volume.readOnly ?? false,
      purpose,
    };
  });
}

/** Keys `provider.overrides` may not touch: the identity and status of the created object. */
export const BLOCKED_OVERRIDE_KEYS: readonly string[] = [
  'apiVersion',
  'kind',
  'metadata',
  'status',
];

/**
 * `provider.overrides` deep-merged over a rendered object, as the Dynamo, KAITO and llm-d providers
 * apply it: maps merge, everything else replaces, and null deletes. `consumedKeys` are overrides the
 * provider interprets itself (e.g. Dynamo's routerMode) rather than merging.
 */
export function applyOverrides(
  object: RenderedObject,
  overrides: Record<string, unknown> | undefined,
  consumedKeys: readonly string[],
  warnings: string[]
): RenderedObject {
  if (!overrides) return object;
  const merged = structuredClone(object) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    if (consumedKeys.includes(key)) continue;
    if (BLOCKED_OVERRIDE_KEYS.includes(key)) {
      warnings.push(`provider.overrides.${key} is not allowed; the provider rejects it`);
      continue;
    }
    mergeInto(merged, key, value);
  }
  return merged as RenderedObject;
}

function mergeInto(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value === null) {
    delete target[key];
    return;
  }
  const existing = target[key];
  if (isPlainObject(value) && isPlainObject(existing)) {
    for (const [childKey, childValue] of Object.entries(value)) {
      mergeInto(existing, childKey, childValue);
    }
    return;
  }
  target[key] = structuredClone(value);
}
