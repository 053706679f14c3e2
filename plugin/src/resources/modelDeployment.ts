/**
 * The ModelDeployment custom resource as a Headlamp KubeObject, the way the official cert-manager and KEDA
 * plugins model their CRDs: Headlamp's `useList`/`useGet` then list and *watch* it per cluster, and the
 * getters below are the only place the views read spec/status shapes from.
 *
 * Shapes and defaults come from shared-client (the CRD contract); nothing here re-derives them.
 */
import {
  type Condition,
  MODEL_DEPLOYMENT_API_VERSION,
  MODEL_DEPLOYMENT_KIND,
  MODEL_DEPLOYMENT_PLURAL,
  type ModelDeploymentSpec,
  type ModelDeploymentStatus,
  SPEC_DEFAULTS,
} from '@airunway/shared-client/schemas/modelDeployment';
import { K8s } from '@kinvolk/headlamp-plugin/lib';

/** Label the controller puts on every pod it creates for a deployment. */
export const MODEL_DEPLOYMENT_POD_LABEL = 'airunway.ai/model-deployment';

// Reached through the `K8s` namespace rather than `lib/k8s/cluster`: that subpath exists only in Headlamp's
// runtime module map, not as a file in the published package, so tests could not load it.
const { KubeObject } = K8s.cluster;

export interface KubeModelDeployment extends K8s.cluster.KubeObjectInterface {
  spec: ModelDeploymentSpec;
  status?: ModelDeploymentStatus;
}

export class ModelDeployment extends KubeObject<KubeModelDeployment> {
  static override readonly apiVersion = MODEL_DEPLOYMENT_API_VERSION;
  static override readonly kind = MODEL_DEPLOYMENT_KIND;
  static override readonly apiName = MODEL_DEPLOYMENT_PLURAL;
  static override readonly isNamespaced = true;

  // Headlamp resolves a details link through this route name (registered in index.tsx).
  static override get detailsRoute() {
    return 'airunway-deployment';
  }

  get spec(): ModelDeploymentSpec {
    return this.jsonData.spec ?? { model: {} };
  }

  get status(): ModelDeploymentStatus {
    return this.jsonData.status ?? {};
  }

  /** The controller's phase; `Pending` until a controller has written status. */
  get phase(): string {
    return this.status.phase ?? 'Pending';
  }

  get message(): string | undefined {
    return this.status.message;
  }

  get modelId(): string {
    return this.spec.model?.id ?? this.spec.model?.servedName ?? '';
  }

  /** The provider actually running it (status), else the one asked for, else auto-selection pending. */
  get provider(): string | undefined {
    return this.status.provider?.name ?? this.spec.provider?.name;
  }

  get providerSelectedReason(): string | undefined {
    return this.status.provider?.selectedReason;
  }

  /** What the provider created for it, e.g. `Workspace/qwen` (written by the provider controller). */
  get providerResource(): string | undefined {
    const { resourceKind, resourceName } = this.status.provider ?? {};
    if (!resourceName) return undefined;
    return resourceKind ? `${resourceKind}/${resourceName}` : resourceName;
  }

  get engine(): string | undefined {
    return this.status.engine?.type ?? this.spec.engine?.type;
  }

  get engineSelectedReason(): string | undefined {
    return this.status.engine?.selectedReason;
  }

  get readyReplicas(): number {
    return this.status.replicas?.ready ?? 0;
  }

  /** Desired replicas as the controller reports them, else what the spec asks for (CRD default 1). */
  get desiredReplicas(): number {
    return this.status.replicas?.desired ?? this.spec.scaling?.replicas ?? SPEC_DEFAULTS.replicas;
  }

  /** In-cluster endpoint as `service:port`, or undefined until the provider has published one. */
  get endpoint(): string | undefined {
    const endpoint = this.status.endpoint;
    if (!endpoint?.service) return undefined;
    return endpoint.port !== undefined ? `${endpoint.service}:${endpoint.port}` : endpoint.service;
  }

  get gatewayEndpoint(): string | undefined {
    return this.status.gateway?.endpoint;
  }

  get conditions(): Condition[] {
    return this.status.conditions ?? [];
  }

  /** Label selector for the pods of this deployment. */
  get podSelector(): string {
    return `${MODEL_DEPLOYMENT_POD_LABEL}=${this.metadata.name}`;
  }
}
