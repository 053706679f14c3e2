import { z } from 'zod';
import {
  AnnotationsSchema,
  Dns1123LabelSchema,
  Dns1123SubdomainSchema,
  HfModelIdSchema,
  K8sObjectNameSchema,
  LabelsSchema,
  NamespaceNameSchema,
  QualifiedNameSchema,
} from './identifiers';

export const MODEL_DEPLOYMENT_GROUP = 'airunway.ai';
export const MODEL_DEPLOYMENT_VERSION = 'v1alpha1';
export const MODEL_DEPLOYMENT_API_VERSION = `${MODEL_DEPLOYMENT_GROUP}/${MODEL_DEPLOYMENT_VERSION}`;
export const MODEL_DEPLOYMENT_KIND = 'ModelDeployment';
export const MODEL_DEPLOYMENT_LIST_KIND = 'ModelDeploymentList';
export const MODEL_DEPLOYMENT_PLURAL = 'modeldeployments';
export const MODEL_DEPLOYMENT_SINGULAR = 'modeldeployment';

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

export const ENGINE_TYPES = ['vllm', 'sglang', 'trtllm', 'llamacpp'] as const;
export const EngineTypeSchema = z.enum(ENGINE_TYPES);
export type EngineType = z.infer<typeof EngineTypeSchema>;

export const PROVIDER_NAMES = ['dynamo', 'kaito', 'kuberay', 'llmd', 'vllm'] as const;
export const ProviderNameSchema = z.enum(PROVIDER_NAMES);
export type ProviderName = z.infer<typeof ProviderNameSchema>;

export const SERVING_MODES = ['aggregated', 'disaggregated'] as const;
export const ServingModeSchema = z.enum(SERVING_MODES);
export type ServingMode = z.infer<typeof ServingModeSchema>;

export const MODEL_SOURCES = ['huggingface', 'custom'] as const;
export const ModelSourceSchema = z.enum(MODEL_SOURCES);
export type ModelSource = z.infer<typeof ModelSourceSchema>;

export const VOLUME_PURPOSES = ['modelCache', 'compilationCache', 'custom'] as const;
export const VolumePurposeSchema = z.enum(VOLUME_PURPOSES);
export type VolumePurpose = z.infer<typeof VolumePurposeSchema>;

export const ACCESS_MODES = [
  'ReadWriteOnce',
  'ReadWriteMany',
  'ReadOnlyMany',
  'ReadWriteOncePod',
] as const;
export const AccessModeSchema = z.enum(ACCESS_MODES);
export type AccessMode = z.infer<typeof AccessModeSchema>;

export const DEPLOYMENT_PHASES = [
  'Pending',
  'Deploying',
  'Running',
  'Failed',
  'Terminating',
] as const;
export const DeploymentPhaseSchema = z.enum(DEPLOYMENT_PHASES);
export type DeploymentPhase = z.infer<typeof DeploymentPhaseSchema>;

/** Condition types the published controller writes. Others may appear; the schema accepts any. */
export const CONDITION_TYPES = [
  'Validated',
  'EngineSelected',
  'ProviderSelected',
  'ProviderCompatible',
  'StorageReady',
  'ModelDownloaded',
  'ResourceCreated',
  'Ready',
  'GatewayReady',
] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

/** Spec defaults the CRD applies when a field is omitted. */
export const SPEC_DEFAULTS = {
  modelSource: 'huggingface',
  servingMode: 'aggregated',
  replicas: 1,
  gpuCount: 0,
  gpuType: 'nvidia.com/gpu',
} as const;

// ---------------------------------------------------------------------------------------------
// Shared building blocks
// ---------------------------------------------------------------------------------------------

/** Kubernetes resource.Quantity, e.g. `32Gi`, `500m`, `8`, `1e3`. */
export const QUANTITY_PATTERN =
  /^(\d+(\.\d+)?|\.\d+)([eE][+-]?\d+|Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

/** memory and cpu are typed as strings in the published CRD, so a bare number is refused. */
export const QuantityStringSchema = z
  .string()
  .regex(QUANTITY_PATTERN, 'must be a Kubernetes quantity such as "32Gi" or "500m"');
export type Quantity = z.infer<typeof QuantityStringSchema>;

/** resource.Quantity fields (volume size) take a number or a string. */
export const QuantitySchema = z.union([QuantityStringSchema, z.number().nonnegative()]);

const nonNegativeInt = (label: string) =>
  z
    .number()
    .int(`${label} must be a whole number`)
    .min(0, `${label} must be 0 or more`)
    .max(2_147_483_647);

/** Engine arg keys become `--<key>` flags; a leading "-" would let a key smuggle in another flag. */
export const ENGINE_ARG_KEY_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

const ENV_VAR_NAME_PATTERN = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const KeySelectorSchema = z.object({
  name: z.string().optional(),
  key: z.string(),
  optional: z.boolean().optional(),
});

export const EnvVarSchema = z.object({
  name: z.string().regex(ENV_VAR_NAME_PATTERN, 'must be a valid environment variable name'),
  value: z.string().optional(),
  valueFrom: z
    .object({
      secretKeyRef: KeySelectorSchema.optional(),
      configMapKeyRef: KeySelectorSchema.optional(),
      fieldRef: z.object({ fieldPath: z.string(), apiVersion: z.string().optional() }).optional(),
      resourceFieldRef: z
        .object({
          resource: z.string(),
          containerName: z.string().optional(),
          divisor: QuantitySchema.optional(),
        })
        .optional(),
    })
    .optional(),
});
export type EnvVar = z.infer<typeof EnvVarSchema>;

export const TolerationSchema = z.object({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute', '']).optional(),
  tolerationSeconds: z.number().int().optional(),
});
export type Toleration = z.infer<typeof TolerationSchema>;

// ---------------------------------------------------------------------------------------------
// Spec
// ---------------------------------------------------------------------------------------------

export const StorageVolumeSchema = z.object({
  name: Dns1123LabelSchema,
  claimName: Dns1123SubdomainSchema.optional(),
  mountPath: z.string().regex(/^\//, 'must be an absolute path').optional(),
  purpose: VolumePurposeSchema.optional(),
  readOnly: z.boolean().optional(),
  size: QuantitySchema.optional(),
  // "" is meaningful: it disables dynamic provisioning.
  storageClassName: z.union([z.literal(''), Dns1123SubdomainSchema]).optional(),
  accessMode: AccessModeSchema.optional(),
});
export type StorageVolume = z.infer<typeof StorageVolumeSchema>;

export const StorageSpecSchema = z.object({
  volumes: z.array(StorageVolumeSchema).max(8).optional(),
});

export const ModelSpecSchema = z.object({
  id: z.string().max(256).optional(),
  source: ModelSourceSchema.optional(),
  servedName: z.string().max(256).optional(),
  storage: StorageSpecSchema.optional(),
});
export type ModelSpec = z.infer<typeof ModelSpecSchema>;

export const EngineSpecSchema = z.object({
  type: EngineTypeSchema.optional(),
  image: z.string().optional(),
  contextLength: z.number().int().min(1, 'contextLength must be at least 1').optional(),
  trustRemoteCode: z.boolean().optional(),
  enablePrefixCaching: z.boolean().optional(),
  enforceEager: z.boolean().optional(),
  args: z
    .record(
      z.string().regex(ENGINE_ARG_KEY_PATTERN, 'must be a flag name without leading dashes'),
      z.string()
    )
    .optional(),
  extraArgs: z.array(z.string()).optional(),
});
export type EngineSpec = z.infer<typeof EngineSpecSchema>;

export const ProviderSpecSchema = z.object({
  name: ProviderNameSchema.optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});
export type ProviderSpec = z.infer<typeof ProviderSpecSchema>;

export const ServingSpecSchema = z.object({ mode: ServingModeSchema.optional() });

export const GpuSpecSchema = z.object({
  count: nonNegativeInt('GPU count').optional(),
  type: QualifiedNameSchema.optional(),
});
export type GpuSpec = z.infer<typeof GpuSpecSchema>;

export const ComponentScalingSpecSchema = z.object({
  replicas: nonNegativeInt('replicas').optional(),
  gpu: GpuSpecSchema.optional(),
  memory: QuantityStringSchema.optional(),
});
export type ComponentScalingSpec = z.infer<typeof ComponentScalingSpecSchema>;

export const ScalingSpecSchema = z.object({
  replicas: nonNegativeInt('replicas').optional(),
  prefill: ComponentScalingSpecSchema.optional(),
  decode: ComponentScalingSpecSchema.optional(),
});

export const ResourceSpecSchema = z.object({
  gpu: GpuSpecSchema.optional(),
  memory: QuantityStringSchema.optional(),
  cpu: QuantityStringSchema.optional(),
});
export type ResourceSpec = z.infer<typeof ResourceSpecSchema>;

export const PodTemplateSpecSchema = z.object({
  metadata: z
    .object({ labels: LabelsSchema.optional(), annotations: AnnotationsSchema.optional() })
    .optional(),
});

export const SecretsSpecSchema = z.object({ huggingFaceToken: K8sObjectNameSchema.optional() });

export const GatewaySpecSchema = z.object({
  enabled: z.boolean().optional(),
  modelName: z.string().max(256).optional(),
  // The published CRD types this as the name of an HTTPRoute in the same namespace.
  httpRouteRef: K8sObjectNameSchema.optional(),
});

const ModelDeploymentSpecShape = z.object({
  model: ModelSpecSchema,
  provider: ProviderSpecSchema.optional(),
  engine: EngineSpecSchema.optional(),
  serving: ServingSpecSchema.optional(),
  scaling: ScalingSpecSchema.optional(),
  resources: ResourceSpecSchema.optional(),
  image: z.string().optional(),
  env: z.array(EnvVarSchema).optional(),
  podTemplate: PodTemplateSpecSchema.optional(),
  secrets: SecretsSpecSchema.optional(),
  gateway: GatewaySpecSchema.optional(),
  nodeSelector: LabelsSchema.optional(),
  tolerations: z.array(TolerationSchema).optional(),
});

type SpecShape = z.infer<typeof ModelDeploymentSpecShape>;

/** The flag name of a raw `--flag` / `--flag=value` token, or undefined for anything else. */
export function extraArgFlagName(token: string): string | undefined {
  if (!token.startsWith('--') || token.length <= 2 || token.startsWith('---')) return undefined;
  const name = token.slice(2).split('=')[0]?.trim();
  return name ? name : undefined;
}

// Rules the CRD's CEL validations and the controller's admission webhook enforce, so a spec that
// passes here is one the real API server accepts.
function checkSpec(spec: SpecShape, ctx: z.RefinementCtx): void {
  const source = spec.model.source ?? SPEC_DEFAULTS.modelSource;
  if (source === 'huggingface') {
    if (!spec.model.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['model', 'id'],
        message: 'model.id is required when model.source is huggingface',
      });
    } else if (!HfModelIdSchema.safeParse(spec.model.id).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['model', 'id'],
        message: 'model.id must be a HuggingFace model id such as "org/model-name"',
      });
    }
  }

  if ((spec.serving?.mode ?? SPEC_DEFAULTS.servingMode) === 'disaggregated') {
    for (const component of ['prefill', 'decode'] as const) {
      if (!spec.scaling?.[component]) {
        ctx.addIssue({
          code: 'custom',
          path: ['scaling', component],
          message: `scaling.${component} is required when serving.mode is disaggregated`,
        });
      }
    }
  }

  if (spec.image && spec.engine?.image && spec.image !== spec.engine.image) {
    ctx.addIssue({
      code: 'custom',
      path: ['image'],
      message:
        'spec.image conflicts with spec.engine.image; remove spec.image (engine.image is preferred)',
    });
  }

  const args = spec.engine?.args ?? {};
  spec.engine?.extraArgs?.forEach((token, index) => {
    const flag = extraArgFlagName(token);
    if (flag !== undefined && Object.hasOwn(args, flag)) {
      ctx.addIssue({
        code: 'custom',
        path: ['engine', 'extraArgs', index],
        message: `--${flag} is set in both engine.args and engine.extraArgs; set it in one place`,
      });
    }
  });
}

export const ModelDeploymentSpecSchema = ModelDeploymentSpecShape.superRefine(checkSpec);
export type ModelDeploymentSpec = z.infer<typeof ModelDeploymentSpecSchema>;

// ---------------------------------------------------------------------------------------------
// Status (written by the controllers; read leniently so newer controllers do not break reading)
// ---------------------------------------------------------------------------------------------

export const ConditionSchema = z.looseObject({
  type: z.string(),
  status: z.enum(['True', 'False', 'Unknown']),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTransitionTime: z.string().optional(),
  observedGeneration: z.number().int().optional(),
});
export type Condition = z.infer<typeof ConditionSchema>;

export const ImageStatusSchema = z.looseObject({
  requested: z.string().optional(),
  resolved: z.string().optional(),
  repository: z.string().optional(),
  tag: z.string().optional(),
  digest: z.string().optional(),
  source: z.string().optional(),
  verified: z.boolean().optional(),
  message: z.string().optional(),
});

export const ModelDeploymentStatusSchema = z.looseObject({
  phase: DeploymentPhaseSchema.optional(),
  message: z.string().optional(),
  observedGeneration: z.number().int().optional(),
  provider: z
    .looseObject({
      name: z.string().optional(),
      resourceName: z.string().optional(),
      resourceKind: z.string().optional(),
      selectedReason: z.string().optional(),
    })
    .optional(),
  engine: z
    .looseObject({
      type: EngineTypeSchema.optional(),
      selectedReason: z.string().optional(),
    })
    .optional(),
  replicas: z
    .looseObject({
      desired: z.number().int().optional(),
      ready: z.number().int().optional(),
      available: z.number().int().optional(),
    })
    .optional(),
  endpoint: z
    .looseObject({ service: z.string().optional(), port: z.number().int().optional() })
    .optional(),
  gateway: z
    .looseObject({
      endpoint: z.string().optional(),
      modelName: z.string().optional(),
      gatewayNamespace: z.string().optional(),
      apiFormats: z.array(z.string()).optional(),
    })
    .optional(),
  // Older controllers wrote the resolved image as a string, newer ones as an object.
  image: z.union([z.string(), ImageStatusSchema]).optional(),
  conditions: z.array(ConditionSchema).optional(),
});
export type ModelDeploymentStatus = z.infer<typeof ModelDeploymentStatusSchema>;

// ---------------------------------------------------------------------------------------------
// Object
// ---------------------------------------------------------------------------------------------

export const OwnerReferenceSchema = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string(),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
});

export const ObjectMetaSchema = z.looseObject({
  name: K8sObjectNameSchema,
  namespace: NamespaceNameSchema.optional(),
  labels: LabelsSchema.optional(),
  annotations: AnnotationsSchema.optional(),
  resourceVersion: z.string().optional(),
  uid: z.string().optional(),
  generation: z.number().int().optional(),
  creationTimestamp: z.string().optional(),
  deletionTimestamp: z.string().optional(),
  finalizers: z.array(z.string()).optional(),
  ownerReferences: z.array(OwnerReferenceSchema).optional(),
});
export type ObjectMeta = z.infer<typeof ObjectMetaSchema>;

export const ModelDeploymentSchema = z.looseObject({
  apiVersion: z.literal(MODEL_DEPLOYMENT_API_VERSION),
  kind: z.literal(MODEL_DEPLOYMENT_KIND),
  metadata: ObjectMetaSchema,
  spec: ModelDeploymentSpecSchema,
  status: ModelDeploymentStatusSchema.optional(),
});
export type ModelDeployment = z.infer<typeof ModelDeploymentSchema>;

export const ModelDeploymentListSchema = z.looseObject({
  apiVersion: z.literal(MODEL_DEPLOYMENT_API_VERSION),
  kind: z.literal(MODEL_DEPLOYMENT_LIST_KIND),
  metadata: z
    .looseObject({ resourceVersion: z.string().optional(), continue: z.string().optional() })
    .optional(),
  items: z.array(ModelDeploymentSchema),
});
export type ModelDeploymentList = z.infer<typeof ModelDeploymentListSchema>;

// ---------------------------------------------------------------------------------------------
// Resolution helpers: what the CRD defaults mean for an omitted field
// ---------------------------------------------------------------------------------------------

export function resolvedModelSource(spec: ModelDeploymentSpec): ModelSource {
  return spec.model.source ?? SPEC_DEFAULTS.modelSource;
}

export function resolvedServingMode(spec: ModelDeploymentSpec): ServingMode {
  return spec.serving?.mode ?? SPEC_DEFAULTS.servingMode;
}

/** GPUs one aggregated replica asks for (`resources.gpu.count`, default 0). */
export function requestedGpuCount(spec: ModelDeploymentSpec): number {
  return spec.resources?.gpu?.count ?? SPEC_DEFAULTS.gpuCount;
}

/**
 * Whether the deployment needs GPU nodes. Disaggregated serving always does: the controller treats
 * it as GPU work whatever `resources` says.
 */
export function requestsGpu(spec: ModelDeploymentSpec): boolean {
  return resolvedServingMode(spec) === 'disaggregated' || requestedGpuCount(spec) > 0;
}
