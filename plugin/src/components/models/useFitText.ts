/**
 * A fit verdict's sentence in the viewer's language: the same words as shared-client's English
 * fitReasonText, as literal t() keys so Headlamp's extraction puts them in the catalog.
 */
import { type FitMessage, formatGb } from '@airunway/shared-client/fit';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { useCallback } from 'react';

export function useFitText(): (message: FitMessage) => string {
  const { t } = useTranslation();
  return useCallback(
    (message: FitMessage) => {
      const unreported = (count: number) =>
        count > 0
          ? ` ${t(
              '{{count}} GPU node(s) do not report GPU memory (label nvidia.com/gpu.memory or nvidia.com/gpu.product) and were not counted.',
              { count }
            )}`
          : '';
      switch (message.code) {
        case 'cpu-unchecked':
          return t(
            'Runs on CPU and needs about {{required}} of memory; no ready node reports its memory, so this is unchecked.',
            { required: formatGb(message.requiredGb) }
          );
        case 'cpu-fits':
          return t(
            'Runs on CPU: needs {{required}} of memory; node {{node}} has {{free}} unrequested.',
            {
              required: formatGb(message.requiredGb),
              node: message.node,
              free: formatGb(message.freeGb),
            }
          );
        case 'cpu-does-not-fit':
          return t(
            'Needs {{required}} of memory on one node; the most unrequested on any ready node is {{free}}.',
            { required: formatGb(message.requiredGb), free: formatGb(message.freeGb) }
          );
        case 'fits-one-gpu':
          return t('Fits on one {{gpu}} ({{memory}}) on node {{node}}; needs about {{required}}.', {
            gpu: message.gpu,
            memory: formatGb(message.gpuMemoryGb),
            node: message.node,
            required: formatGb(message.requiredGb),
          });
        case 'fits-multi-gpu':
          return t(
            'Fits with {{gpus}} × {{memory}} GPUs (tensor parallel {{gpus}}) on node {{node}}; needs about {{required}}.',
            {
              gpus: message.gpus,
              memory: formatGb(message.gpuMemoryGb),
              node: message.node,
              required: formatGb(message.requiredGb),
            }
          );
        case 'no-gpu-nodes':
          return t('Needs about {{required}} of GPU memory, but the cluster has no GPU nodes.', {
            required: formatGb(message.requiredGb),
          });
        case 'no-usable-gpu-nodes':
          return t(
            'Needs about {{required}} of GPU memory, but no GPU node is ready and schedulable.',
            { required: formatGb(message.requiredGb) }
          );
        case 'no-gpu-memory-reported':
          return (
            t('Needs about {{required}} of GPU memory; no GPU node reports its GPU memory.', {
              required: formatGb(message.requiredGb),
            }) + unreported(message.unreportedGpuNodes)
          );
        case 'beyond-tensor-parallel':
          return (
            t(
              'Needs {{gpus}} × {{memory}} GPUs on one node, more than the {{max}} a single node serves with tensor parallelism; choose a quantized variant or larger GPUs.',
              {
                gpus: message.gpus,
                memory: formatGb(message.gpuMemoryGb),
                max: message.maxTensorParallel,
              }
            ) + unreported(message.unreportedGpuNodes)
          );
        case 'not-enough-free-gpus': {
          const values = {
            gpus: message.gpus,
            memory: formatGb(message.gpuMemoryGb),
            free: message.free,
          };
          return (
            (message.sameSizeOnly
              ? t(
                  'Needs {{gpus}} × {{memory}} GPUs on one node; the most free on any node with {{memory}} GPUs is {{free}}.',
                  values
                )
              : t(
                  'Needs {{gpus}} × {{memory}} GPUs on one node; the most free on any node is {{free}}.',
                  values
                )) + unreported(message.unreportedGpuNodes)
          );
        }
      }
    },
    [t]
  );
}
