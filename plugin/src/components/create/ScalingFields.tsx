import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Stack from '@mui/material/Stack';
import { DraftField, type SectionProps } from './fields';

/** Serving mode, replicas (or prefill/decode for disaggregated serving) and resources. */
export function ScalingFields(props: SectionProps) {
  const { t } = useTranslation();
  const disaggregated = props.draft.servingMode === 'disaggregated';
  return (
    <Stack direction="row" flexWrap="wrap" gap={2}>
      <DraftField
        {...props}
        field="servingMode"
        path="spec.serving.mode"
        label={t('Serving mode')}
        options={[
          ['', t('Default (aggregated)')],
          ['aggregated', t('aggregated')],
          ['disaggregated', t('disaggregated (prefill/decode)')],
        ]}
      />
      {disaggregated ? (
        <>
          <DraftField
            {...props}
            field="prefillReplicas"
            path="spec.scaling.prefill.replicas"
            exact={['spec.scaling.prefill']}
            label={t('Prefill replicas')}
            type="number"
          />
          <DraftField
            {...props}
            field="prefillGpus"
            path="spec.scaling.prefill.gpu"
            label={t('Prefill GPUs per replica')}
            type="number"
          />
          <DraftField
            {...props}
            field="decodeReplicas"
            path="spec.scaling.decode.replicas"
            exact={['spec.scaling.decode']}
            label={t('Decode replicas')}
            type="number"
          />
          <DraftField
            {...props}
            field="decodeGpus"
            path="spec.scaling.decode.gpu"
            label={t('Decode GPUs per replica')}
            type="number"
          />
        </>
      ) : (
        <DraftField
          {...props}
          field="replicas"
          path="spec.scaling.replicas"
          label={t('Replicas')}
          type="number"
          hint={t('Defaults to 1')}
        />
      )}
      <DraftField
        {...props}
        field="gpuCount"
        path="spec.resources.gpu.count"
        label={t('GPUs per replica')}
        type="number"
        hint={t('0 or empty runs on CPU')}
      />
      <DraftField
        {...props}
        field="gpuType"
        path="spec.resources.gpu.type"
        label={t('GPU resource name')}
        hint={t('Defaults to nvidia.com/gpu')}
      />
      <DraftField
        {...props}
        field="memory"
        path="spec.resources.memory"
        label={t('Memory')}
        hint={t('For example 32Gi')}
      />
      <DraftField
        {...props}
        field="cpu"
        path="spec.resources.cpu"
        label={t('CPU')}
        hint={t('For example 4 or 500m')}
      />
    </Stack>
  );
}
