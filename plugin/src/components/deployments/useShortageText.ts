/**
 * A resource shortage's advice in the viewer's language: the same words as shared-client's English
 * shortageGuidance, as literal t() keys (with `count`, so each language can say "1 node lacks" and
 * "3 nodes lack" its own way; the English singulars are the `_one` entries of the catalog).
 */
import type { Shortage } from '@airunway/shared-client/pending';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { useCallback } from 'react';

export function useShortageText(): (shortage: Shortage) => string {
  const { t } = useTranslation();
  return useCallback(
    (shortage: Shortage) => {
      const { resource, resourceType, nodes } = shortage;
      let advice: string;
      if (resource === 'pods') {
        advice =
          nodes === undefined
            ? t(
                'Nodes already run as many pods as allowed: add nodes (an autoscaler can add them).'
              )
            : t(
                '{{count}} nodes already run as many pods as allowed: add nodes (an autoscaler can add them).',
                { count: nodes }
              );
      } else if (resourceType === 'gpu') {
        advice =
          nodes === undefined
            ? t(
                'Nodes lack free GPUs: free GPUs by scaling down other GPU workloads, request fewer GPUs, or add GPU nodes (an autoscaler can add them).'
              )
            : t(
                '{{count}} nodes lack free GPUs: free GPUs by scaling down other GPU workloads, request fewer GPUs, or add GPU nodes (an autoscaler can add them).',
                { count: nodes }
              );
      } else {
        const what =
          resourceType === 'cpu'
            ? t('CPU')
            : resourceType === 'memory'
            ? t('memory')
            : resource ?? t('resources');
        advice =
          nodes === undefined
            ? t(
                "Nodes lack enough {{what}}: lower the pod's {{what}} request or add larger nodes (an autoscaler can add them).",
                { what }
              )
            : t(
                "{{count}} nodes lack enough {{what}}: lower the pod's {{what}} request or add larger nodes (an autoscaler can add them).",
                { count: nodes, what }
              );
      }
      if (shortage.excludedBy.length === 0) return advice;
      const exclusions = shortage.excludedBy
        .map(exclusion =>
          exclusion.kind === 'selector'
            ? t("the pod's node selector or affinity ({{count}} nodes)", { count: exclusion.nodes })
            : exclusion.taint
            ? t('an untolerated taint {{taint}} ({{count}} nodes)', {
                taint: `{${exclusion.taint}}`,
                count: exclusion.nodes,
              })
            : t('an untolerated taint ({{count}} nodes)', { count: exclusion.nodes })
        )
        .join(t(' and '));
      return `${advice} ${t('Other nodes are excluded by {{exclusions}}.', { exclusions })}`;
    },
    [t]
  );
}
