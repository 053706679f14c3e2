import { computeClusterCapacity } from '@airunway/shared-client/capacity';
import type { K8sNode } from '@airunway/shared-client/k8s';
import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import { useMemo } from 'react';

/** What the GPU operator is for: how many GPUs the nodes advertise (nvidia.com/gpu, amd.com/gpu). */
export function GpusFound() {
  const { t } = useTranslation();
  const { items, errors } = K8s.ResourceClasses.Node.useList();
  const capacity = useMemo(
    () =>
      items
        ? computeClusterCapacity(
            items.map(node => node.jsonData as K8sNode),
            []
          )
        : null,
    [items]
  );
  const error = errors?.[0];
  if (error) {
    return (
      <StatusLabel status="">
        {error.status === 403
          ? t('Unknown: you may not list nodes')
          : t('Unknown: {{message}}', { message: error.message ?? '' })}
      </StatusLabel>
    );
  }
  if (!capacity) return <StatusLabel status="">{t('Checking…')}</StatusLabel>;
  return capacity.totalGpus > 0 ? (
    <StatusLabel status="success">
      {t('{{gpus}} GPUs on {{nodes}} nodes', {
        gpus: capacity.totalGpus,
        nodes: capacity.gpuNodeCount,
      })}
    </StatusLabel>
  ) : (
    <StatusLabel status="warning">{t('No node advertises GPUs')}</StatusLabel>
  );
}
