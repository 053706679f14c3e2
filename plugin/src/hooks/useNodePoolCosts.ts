/**
 * Real-time monthly prices of the selected cluster's GPU node pools, from the AI Runway proxy
 * (`GET /costs/node-pools`, Azure retail prices with a static fallback). The plugin sends the pools it
 * computed with the user's own credentials (`pricedPools`), so one request prices the whole page however
 * many models it shows. The query key is the cluster plus the pools' JSON: the same pools are asked for once,
 * and a pod scheduling elsewhere does not refetch.
 */
import type { ClusterCapacity } from '@airunway/shared-client/capacity';
import { pricedPools, pricedPoolsParam } from '@airunway/shared-client/poolPricing';
import type { NodePoolCost } from '@airunway/shared-client/schemas/proxy';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { isProxyUnavailable } from '../components/models/proxyErrors';
import { useProxyClient } from '../proxy/useProxyClient';
import { useCostOptions } from './useCostOptions';

/** Prices change at most hourly (the proxy caches them for an hour). */
const PRICE_STALE_MS = 10 * 60_000;

export interface NodePoolCostsResult {
  /** The pools' prices; an empty list when the cluster has no GPU pool, undefined until known. */
  costs: NodePoolCost[] | undefined;
  isLoading: boolean;
  error: Error | null;
  /** The proxy is not there (not installed or not reachable): costs need it. */
  proxyUnavailable: boolean;
}

export function useNodePoolCosts(capacity: ClusterCapacity | null): NodePoolCostsResult {
  const { client, cluster } = useProxyClient();
  // Settings → Costs: list prices only, when the cluster's admins prefer them to the cloud's price API.
  const { preferRealtime, hoursPerMonth } = useCostOptions();
  const pools = useMemo(() => (capacity ? pricedPools(capacity.nodePools) : undefined), [capacity]);
  const param = useMemo(() => (pools ? pricedPoolsParam(pools) : undefined), [pools]);
  const hasPools = pools !== undefined && pools.length > 0;
  const query = useQuery({
    queryKey: [cluster, 'proxy', 'costs', 'node-pools', param ?? '', preferRealtime, hoursPerMonth],
    queryFn: () => client.nodePoolCosts({ pools: param, realtime: preferRealtime, hoursPerMonth }),
    enabled: hasPools,
    staleTime: PRICE_STALE_MS,
    // Keep the previous prices on screen while a changed pool list is priced, never another cluster's.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[0] === cluster ? previous : undefined,
  });
  const noPools = pools !== undefined && pools.length === 0;
  return {
    costs: noPools ? [] : query.data?.nodePoolCosts,
    isLoading: hasPools && query.isLoading,
    error: hasPools ? query.error : null,
    proxyUnavailable: hasPools && isProxyUnavailable(query.error),
  };
}
