/**
 * POSTs a ModelDeployment with the user's own credentials (ApiProxy), so RBAC applies to the real user.
 * `dryRun=All` makes the API server run admission and the CRD's schema/CEL validation without storing
 * anything: the same answer a real create would get.
 */
import {
  MODEL_DEPLOYMENT_GROUP,
  MODEL_DEPLOYMENT_PLURAL,
  MODEL_DEPLOYMENT_VERSION,
} from '@airunway/shared-client/schemas/modelDeployment';
import { ApiProxy } from '@kinvolk/headlamp-plugin/lib';
import type { JsonObject } from './draft';

export interface SubmitError {
  status?: number;
  message?: string;
}

export function modelDeploymentsPath(namespace: string): string {
  return `/apis/${MODEL_DEPLOYMENT_GROUP}/${MODEL_DEPLOYMENT_VERSION}/namespaces/${encodeURIComponent(
    namespace
  )}/${MODEL_DEPLOYMENT_PLURAL}`;
}

/**
 * `replaces`: the name of the object an edit replaces. Then it is a PUT of the whole object with the
 * resourceVersion it was read at: the API server answers 409 if it changed since, never overwriting.
 */
export async function submitDeployment(
  object: JsonObject,
  options: { dryRun: boolean; replaces?: string }
): Promise<JsonObject> {
  const namespace = String((object.metadata as JsonObject | undefined)?.namespace ?? '');
  const query = options.dryRun ? '?dryRun=All' : '';
  const path = options.replaces
    ? `${modelDeploymentsPath(namespace)}/${encodeURIComponent(options.replaces)}`
    : modelDeploymentsPath(namespace);
  return ApiProxy.request(`${path}${query}`, {
    method: options.replaces ? 'PUT' : 'POST',
    body: JSON.stringify(object),
    headers: { 'Content-Type': 'application/json' },
  });
}
