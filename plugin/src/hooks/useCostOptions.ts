/**
 * This cluster's cost options (AI Runway → Settings → Costs), read from the airunway-config ConfigMap:
 * the hours a month costs are computed for (1–744) and whether real-time prices are preferred. Until the
 * ConfigMap has loaded, and when it is missing or unreadable, the defaults apply (730 hours, real-time).
 */
import { useMemo } from 'react';
import { type CostOptions, costOptionsFrom } from '../components/settings/clusterConfig';
import { useClusterConfig } from './useClusterConfig';

export type { CostOptions };

export function useCostOptions(): CostOptions {
  const { data } = useClusterConfig();
  return useMemo(() => costOptionsFrom(data), [data]);
}
