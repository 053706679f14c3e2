/**
 * Whether the user may change the cluster through the AI Runway proxy: install, upgrade and uninstall are
 * POSTs to the API server's service proxy, which needs `create` on `services/proxy` for the proxy's Service
 * in its namespace. One SelfSubjectAccessReview per cluster and proxy location, asked before the buttons
 * are offered, so a viewer sees up front what they cannot do instead of a refusal after the click.
 *
 * `allowed` and `denied` are the API server's verdict; `unknown` means the review itself failed (no
 * permission to ask, a network error), and then the page still offers the actions and lets the API server
 * decide. `undefined` while the review is on its way.
 */
import { canI } from '@airunway/shared-client/optimization/workflow';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ProxyLocation } from '../proxy/location';
import { useProxyLocation } from '../proxy/useProxyLocation';
import { kubeRequest } from './kubeRequest';

export type ProxyActionAccess = 'allowed' | 'denied' | 'unknown';

/** The attributes of the review: what a POST to `/api/v1/namespaces/<ns>/services/<name>:<port>/proxy` needs. */
export function proxyActionAttributes(location: Pick<ProxyLocation, 'namespace' | 'service'>) {
  return {
    verb: 'create',
    group: '',
    resource: 'services',
    subresource: 'proxy',
    namespace: location.namespace,
    name: location.service,
  };
}

export function useCanUseProxyActions(): {
  access: ProxyActionAccess | undefined;
  location: ProxyLocation & { cluster: string };
} {
  const location = useProxyLocation();
  const { cluster, namespace, service, port } = location;
  const request = useMemo(() => kubeRequest(cluster), [cluster]);
  // Not under [cluster, 'k8s']: the actions invalidate that prefix afterwards, and a permission does not
  // change because a chart was installed.
  const review = useQuery({
    queryKey: [cluster, 'access', 'services/proxy', 'create', namespace, service, port],
    queryFn: async (): Promise<ProxyActionAccess> =>
      (await canI(request, proxyActionAttributes({ namespace, service }))) ? 'allowed' : 'denied',
    staleTime: 60_000,
    retry: false,
  });
  const access: ProxyActionAccess | undefined = review.isError ? 'unknown' : review.data;
  return { access, location };
}
