import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Stack from '@mui/material/Stack';
import { DraftField, type SectionProps } from './fields';
import { KeyValueList } from './KeyValueList';
import { TolerationsEditor } from './TolerationsEditor';
import { errorsUnder } from './validation';

/** Environment, node placement and gateway exposure. */
export function PlacementFields(props: SectionProps) {
  const { t } = useTranslation();
  const { draft, errors, onChange } = props;
  return (
    <Stack spacing={2}>
      <KeyValueList
        title={t('Environment variable')}
        keyLabel={t('Variable name')}
        valueLabel={t('Variable value')}
        rows={draft.env.map(entry => ({
          key: entry.name,
          value: entry.value,
          ...(entry.valueFrom !== undefined ? { ref: entry.valueFrom } : {}),
        }))}
        onChange={rows =>
          onChange({
            env: rows.map(row => ({
              name: row.key,
              value: row.value,
              ...(row.ref !== undefined ? { valueFrom: row.ref } : {}),
            })),
          })
        }
        errors={errors['spec.env'] ? [errors['spec.env']] : []}
        rowErrors={index => errorsUnder(errors, `spec.env[${index}]`)}
      />
      <KeyValueList
        title={t('Node selector')}
        keyLabel={t('Node label')}
        valueLabel={t('Node label value')}
        rows={draft.nodeSelector}
        onChange={rows => onChange({ nodeSelector: rows })}
        errors={errorsUnder(errors, 'spec.nodeSelector')}
      />
      <TolerationsEditor
        rows={draft.tolerations}
        onChange={rows => onChange({ tolerations: rows })}
        errors={errorsUnder(errors, 'spec.tolerations')}
      />
      <Stack direction="row" flexWrap="wrap" gap={2}>
        <DraftField
          {...props}
          field="gatewayEnabled"
          path="spec.gateway.enabled"
          label={t('Gateway')}
          options={[
            ['', t('Default (on when a Gateway is detected)')],
            ['true', t('Enabled')],
            ['false', t('Disabled')],
          ]}
        />
        <DraftField
          {...props}
          field="gatewayModelName"
          path="spec.gateway.modelName"
          label={t('Gateway model name')}
          hint={t('Defaults to the served model name')}
        />
      </Stack>
    </Stack>
  );
}
