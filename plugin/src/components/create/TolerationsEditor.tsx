import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { TolerationDraft } from './draft';

const OPERATORS = ['', 'Equal', 'Exists'] as const;
const EFFECTS = ['', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export function TolerationsEditor(props: {
  rows: TolerationDraft[];
  onChange: (rows: TolerationDraft[]) => void;
  errors: string[];
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<TolerationDraft>) =>
    props.onChange(props.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const select = (
    label: string,
    value: string,
    options: readonly string[],
    set: (v: string) => void
  ) => (
    <TextField
      select
      size="small"
      label={label}
      value={value}
      onChange={event => set(event.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      {options.map(option => (
        <option key={option} value={option}>
          {option || t('(any)')}
        </option>
      ))}
    </TextField>
  );
  return (
    <Stack spacing={1} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2">
        {t('Tolerations')}
      </Typography>
      {props.rows.map((row, index) => {
        const n = index + 1;
        return (
          <Stack key={index} direction="row" spacing={1}>
            <TextField
              size="small"
              label={t('Toleration key {{n}}', { n })}
              value={row.key}
              onChange={event => update(index, { key: event.target.value })}
            />
            {select(t('Toleration operator {{n}}', { n }), row.operator, OPERATORS, v =>
              update(index, { operator: v as TolerationDraft['operator'] })
            )}
            <TextField
              size="small"
              label={t('Toleration value {{n}}', { n })}
              value={row.value}
              onChange={event => update(index, { value: event.target.value })}
            />
            {select(t('Toleration effect {{n}}', { n }), row.effect, EFFECTS, v =>
              update(index, { effect: v as TolerationDraft['effect'] })
            )}
            <Button
              onClick={() => props.onChange(props.rows.filter((_, i) => i !== index))}
              aria-label={t('Remove toleration {{n}}', { n })}
            >
              {t('Remove')}
            </Button>
          </Stack>
        );
      })}
      <div>
        <Button
          size="small"
          aria-label={t('Add toleration')}
          onClick={() =>
            props.onChange([...props.rows, { key: '', operator: '', value: '', effect: '' }])
          }
        >
          {t('Add')}
        </Button>
      </div>
      {props.errors.length > 0 && <FormHelperText error>{props.errors.join('; ')}</FormHelperText>}
    </Stack>
  );
}
