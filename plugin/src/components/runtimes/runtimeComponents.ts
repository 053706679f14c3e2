/**
 * What the Runtimes page checks for each installable component. Names, CRDs and manual commands come from
 * shared-client's install plans; the operator pods (namespace + label selector) are not in shared-client yet,
 * so they are listed here to match the proxy's registry (backend-proxy/src/helm/registry.ts), which is what
 * the proxy's own status check uses.
 */
import { INSTALL_PLANS } from '@airunway/shared-client/providers/install';
import type { ProviderId } from '@airunway/shared-client/schemas/proxy';

export interface OperatorPods {
  namespace: string;
  /** Label selector of the operator's pods in `namespace`. */
  selector: string;
}

export interface RuntimeComponent {
  id: ProviderId;
  displayName: string;
  /** The CRD whose presence means "installed"; undefined for components that create plain Deployments. */
  crd?: string;
  operator: OperatorPods;
}

const OPERATOR_PODS: Readonly<Record<ProviderId, OperatorPods>> = {
  dynamo: { namespace: 'dynamo-system', selector: 'app.kubernetes.io/name=dynamo-operator' },
  kuberay: { namespace: 'ray-system', selector: 'app.kubernetes.io/name=kuberay-operator' },
  kaito: { namespace: 'kaito-workspace', selector: 'app.kubernetes.io/name=workspace' },
  llmd: { namespace: 'airunway-system', selector: 'app.kubernetes.io/name=llmd-provider' },
  vllm: { namespace: 'airunway-system', selector: 'app.kubernetes.io/name=vllm-provider' },
  'gpu-operator': { namespace: 'gpu-operator', selector: 'app=gpu-operator' },
  'airunway-controller': {
    namespace: 'airunway-system',
    selector: 'app.kubernetes.io/name=airunway-controller',
  },
};

/** Page order: the controller first (nothing works without it), then providers, then the GPU operator. */
const ORDER: readonly ProviderId[] = [
  'airunway-controller',
  'dynamo',
  'kuberay',
  'kaito',
  'llmd',
  'vllm',
  'gpu-operator',
];

export const RUNTIME_COMPONENTS: readonly RuntimeComponent[] = ORDER.map(id => {
  const plan = INSTALL_PLANS[id];
  // The release namespace of the install plan wins where there is one, so the two cannot drift.
  const namespace = plan.releases[0]?.namespace ?? OPERATOR_PODS[id].namespace;
  return {
    id,
    displayName: plan.displayName,
    ...(plan.crd ? { crd: plan.crd } : {}),
    operator: { ...OPERATOR_PODS[id], namespace },
  };
});

/** The CRDs that make up "the gateway" (what the proxy's gateway status checks). */
export const GATEWAY_API_CRD = 'gateways.gateway.networking.k8s.io';
export const INFERENCE_EXTENSION_CRD = 'inferencepools.inference.networking.k8s.io';
