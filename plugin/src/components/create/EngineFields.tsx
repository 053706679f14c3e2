import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import { DraftField, type SectionProps } from './fields';
import { KeyValueList } from './KeyValueList';
import { errorsUnder } from './validation';

/** Engine image, context length, remote code, named args and raw extra flags. */
export function EngineFields(props: SectionProps) {
  const { t } = useTranslation();
  const { draft, errors, onChange } = props;
  return (
    <Stack spacing={2}>
      <Stack direction="row" flexWrap="wrap" gap={2}>
        <DraftField
          {...props}
          field="engineImage"
          path="spec.engine.image"
          label={t('Engine image')}
          hint={t('Defaults to the provider image')}
        />
        <DraftField
          {...props}
          field="contextLength"
          path="spec.engine.contextLength"
          label={t('Context length')}
          type="number"
          hint={t('Defaults to the model maximum')}
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={draft.trustRemoteCode}
              onChange={event => onChange({ trustRemoteCode: event.target.checked })}
            />
          }
          label={t('Trust remote code (vLLM and SGLang)')}
        />
      </Stack>
      <KeyValueList
        title={t('Engine argument')}
        keyLabel={t('Argument name')}
        valueLabel={t('Argument value')}
        rows={draft.engineArgs}
        onChange={rows => onChange({ engineArgs: rows })}
        errors={errorsUnder(errors, 'spec.engine.args')}
      />
      <DraftField
        {...props}
        field="extraArgs"
        path="spec.engine.extraArgs"
        label={t('Extra engine flags')}
        hint={t('One flag per line, e.g. --enable-chunked-prefill')}
        textFieldProps={{ multiline: true, minRows: 2, fullWidth: true }}
      />
    </Stack>
  );
}
