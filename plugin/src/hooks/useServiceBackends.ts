/**
 * The pods behind a Service (its EndpointSlices, listed and watched through Headlamp: one request whatever
 * the number of pods), for reading each replica of a deployment on its own. `undefined` while loading;
 * `null` when the slices cannot be read (then the caller falls back to the deployment's own pods).
 */
import {
  type EndpointSliceLike,
  type ServiceBackend,
  serviceBackends,
} from '@airunway/shared-client/serviceBackends';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';

export function useServiceBackends(namespace: string, service: string | undefined) {
  const result = K8s.ResourceClasses.EndpointSlice.useList({
    namespace,
    // An empty service name selects nothing (no Service has an empty name).
    labelSelector: `kubernetes.io/service-name=${service ?? ''}`,
  });
  const failed = Boolean(result.errors?.length || result.error);
  const items = result.items;
  return useMemo<ServiceBackend[] | null | undefined>(() => {
    if (failed) return null;
    if (!items) return undefined;
    return serviceBackends(items.map(slice => slice.jsonData as EndpointSliceLike));
  }, [failed, items]);
}
