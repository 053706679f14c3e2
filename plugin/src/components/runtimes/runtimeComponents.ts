/**
 * What the Runtimes page checks for each installable component. Names, CRDs, operator pods and manual
 * commands all come from shared-client's install plans, which the proxy's registry reads too, so the
 * page and the proxy's own status check look at the same things.
 */
import { INSTALL_PLANS, type OperatorPods } from '@airunway/shared-client/providers/install';
import type { ProviderId } from '@airunway/shared-client/schemas/proxy';

export type { OperatorPods };

export interface RuntimeComponent {
  id: ProviderId;
  displayName: string;
  /** The CRD whose presence means "installed"; undefined for components that create plain Deployments. */
  crd?: string;
  operator: OperatorPods;
}

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
  return {
    id,
    displayName: plan.displayName,
    ...(plan.crd ? { crd: plan.crd } : {}),
    operator: plan.operator,
  };
});

export {
  GATEWAY_API_CRD,
  INFERENCE_EXTENSION_CRD,
} from '@airunway/shared-client/providers/install';
