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

export async function submitDeployment(
  object: JsonObject,
  options: { dryRun: boolean }
): Promise<JsonObject> {
  const namespace = String((object.metadata as JsonObject | undefined)?.namespace ?? '');
  const query = options.dryRun ? '?dryRun=All' : '';
  return ApiProxy.request(`${modelDeploymentsPath(namespace)}${query}`, {
    method: 'POST',
    body: JSON.stringify(object),
    headers: { 'Content-Type': 'application/json' },
  });
}
