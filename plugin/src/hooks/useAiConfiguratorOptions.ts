/**
 * This cluster's defaults for the create form's Suggest button (AI Runway → Settings → AI Configurator),
 * read from the airunway-config ConfigMap. Until the ConfigMap has loaded, and when it is missing or
 * unreadable, the defaults apply (optimize for throughput, no latency limit).
 */
import { useMemo } from 'react';
import {
  type AiConfiguratorOptions,
  aiConfiguratorOptionsFrom,
} from '../components/settings/clusterConfig';
import { useClusterConfig } from './useClusterConfig';

export type { AiConfiguratorOptions };

export function useAiConfiguratorOptions(): AiConfiguratorOptions {
  const { data } = useClusterConfig();
  return useMemo(() => aiConfiguratorOptionsFrom(data), [data]);
}
