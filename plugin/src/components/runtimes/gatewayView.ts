/**
 * Pure helpers behind the gateway card: what a Gateway's status (Gateway API v1) and a ModelDeployment's
 * `status.gateway` mean for someone checking whether models can be reached through the gateway.
 */
import type { ModelDeploymentStatus } from '@airunway/shared-client/schemas/modelDeployment';

/** Every Gateway of the cluster in one list request (Gateway API v1). */
export const GATEWAYS_PATH = '/apis/gateway.networking.k8s.io/v1/gateways';

/** The fields of a Gateway the card reads (`gateway.networking.k8s.io/v1`). */
export interface GatewayLike {
  metadata: { name: string; namespace?: string };
  spec?: {
    gatewayClassName?: string;
    listeners?: { name?: string; port?: number; protocol?: string }[];
  };
  status?: {
    addresses?: { type?: string; value?: string }[];
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

export interface GatewaySummary {
  key: string;
  namespace: string;
  name: string;
  className?: string;
  /** The addresses the implementation assigned (status.addresses), e.g. an IP or a hostname. */
  addresses: string[];
  /** `protocol :port` of each listener. */
  listeners: string[];
  /** The Programmed condition: true, false, or unknown when the implementation has not reported it. */
  programmed: boolean | undefined;
}

export function summarizeGateway(gateway: GatewayLike): GatewaySummary {
  const namespace = gateway.metadata.namespace ?? '';
  const programmed = gateway.status?.conditions?.find(c => c.type === 'Programmed');
  return {
    key: `${namespace}/${gateway.metadata.name}`,
    namespace,
    name: gateway.metadata.name,
    ...(gateway.spec?.gatewayClassName ? { className: gateway.spec.gatewayClassName } : {}),
    addresses: (gateway.status?.addresses ?? []).flatMap(a => (a.value ? [a.value] : [])),
    listeners: (gateway.spec?.listeners ?? []).map(l =>
      [l.protocol, l.port !== undefined ? `:${l.port}` : undefined].filter(Boolean).join(' ')
    ),
    programmed: programmed ? programmed.status === 'True' : undefined,
  };
}

/** The fields of a ModelDeployment the card reads. */
export interface GatewayModelSource {
  metadata: { name: string; namespace?: string };
  spec?: { model?: { id?: string; servedName?: string } };
  status?: Pick<ModelDeploymentStatus, 'gateway' | 'phase'>;
}

export interface GatewayModel {
  key: string;
  namespace: string;
  deployment: string;
  /** The model name clients send through the gateway (`status.gateway.modelName`). */
  modelName: string;
  endpoint?: string;
  phase?: string;
}

/**
 * The models the controller reports as routed through the gateway: those with a `status.gateway` endpoint
 * or model name. Sorted by model name so the list does not jump as watch events arrive.
 */
export function modelsThroughGateway(deployments: readonly GatewayModelSource[]): GatewayModel[] {
  const models: GatewayModel[] = [];
  for (const d of deployments) {
    const gateway = d.status?.gateway;
    if (!gateway?.endpoint && !gateway?.modelName) continue;
    const namespace = d.metadata.namespace ?? '';
    models.push({
      key: `${namespace}/${d.metadata.name}`,
      namespace,
      deployment: d.metadata.name,
      // spec.gateway.modelName defaults to the served name or the model id (the reference's default).
      modelName:
        gateway.modelName ?? d.spec?.model?.servedName ?? d.spec?.model?.id ?? d.metadata.name,
      ...(gateway.endpoint ? { endpoint: gateway.endpoint } : {}),
      ...(d.status?.phase ? { phase: d.status.phase } : {}),
    });
  }
  return models.sort(
    (a, b) => a.modelName.localeCompare(b.modelName) || a.key.localeCompare(b.key)
  );
}
