import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';

export interface Pair {
  key: string;
  value: string;
  /** A reference the form cannot edit (an env var's valueFrom); the value input is then disabled. */
  ref?: unknown;
}

interface KeyValueListProps {
  /** Names the group and each row's inputs for screen readers, e.g. "Engine argument". */
  title: string;
  keyLabel: string;
  valueLabel: string;
  rows: Pair[];
  onChange: (rows: Pair[]) => void;
  /** Errors for the whole group (e.g. from `spec.nodeSelector`), and per row by index. */
  errors: string[];
  rowErrors?: (index: number) => string[];
}

/** An editable list of key/value rows: add, edit, remove; every input labelled with its row number. */
export function KeyValueList(props: KeyValueListProps) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<Pair>) =>
    props.onChange(props.rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <Stack spacing={1} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2">
        {props.title}
      </Typography>
      {props.rows.map((row, index) => {
        const rowErrors = props.rowErrors?.(index) ?? [];
        return (
          <Stack key={index} direction="row" spacing={1} alignItems="flex-start">
            <TextField
              size="small"
              label={`${props.keyLabel} ${index + 1}`}
              value={row.key}
              error={rowErrors.length > 0}
              helperText={rowErrors.join('; ') || undefined}
              onChange={event => update(index, { key: event.target.value })}
            />
            <TextField
              size="small"
              label={`${props.valueLabel} ${index + 1}`}
              value={row.ref !== undefined ? t('(from a reference; edit in YAML)') : row.value}
              disabled={row.ref !== undefined}
              onChange={event => update(index, { value: event.target.value })}
            />
            <Button
              onClick={() => props.onChange(props.rows.filter((_, i) => i !== index))}
              aria-label={t('Remove {{what}} {{number}}', { what: props.title, number: index + 1 })}
            >
              {t('Remove')}
            </Button>
          </Stack>
        );
      })}
      <div>
        <Button
          size="small"
          onClick={() => props.onChange([...props.rows, { key: '', value: '' }])}
          aria-label={t('Add {{what}}', { what: props.title })}
        >
          {t('Add')}
        </Button>
      </div>
      {props.errors.length > 0 && <FormHelperText error>{props.errors.join('; ')}</FormHelperText>}
    </Stack>
  );
}
