import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useEffect, useState } from 'react';
import {
  CLUSTER_CONFIG,
  costOptionsData,
  costOptionsFrom,
  CostOptionsSchema,
  HOURS_PER_MONTH,
} from './clusterConfig';
import { SaveOutcome } from './SaveOutcome';
import { useSaveClusterConfig } from './useSaveClusterConfig';

/** How this cluster's monthly costs are computed, and whether real-time prices are preferred. */
export function CostOptionsSection() {
  const { t } = useTranslation();
  const { config, save, saving, saved, failure, reset } = useSaveClusterConfig();
  const current = costOptionsFrom(config.data);
  const [hours, setHours] = useState(String(current.hoursPerMonth));
  const [preferRealtime, setPreferRealtime] = useState(current.preferRealtime);
  useEffect(() => {
    setHours(String(current.hoursPerMonth));
    setPreferRealtime(current.preferRealtime);
  }, [current.hoursPerMonth, current.preferRealtime]);

  const hoursText = hours.trim();
  const parsed = CostOptionsSchema.safeParse({
    hoursPerMonth: /^\d+$/.test(hoursText) ? Number(hoursText) : Number.NaN,
    preferRealtime,
  });
  const hoursInvalid =
    !parsed.success && parsed.error.issues.some(issue => issue.path[0] === 'hoursPerMonth');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!parsed.success) return;
    void save(costOptionsData(parsed.data));
  }

  if (config.isPending) return <Loader title={t('Loading cost options')} />;
  if (config.error) {
    return (
      <Typography>
        {t('These options are kept in ConfigMap {{name}}, which could not be read.', {
          name: CLUSTER_CONFIG.name,
        })}
      </Typography>
    );
  }
  return (
    <Stack spacing={2} component="form" aria-label={t('Cost options')} onSubmit={submit} noValidate>
      <TextField
        size="small"
        label={t('Hours per month')}
        value={hours}
        error={hoursInvalid}
        helperText={
          hoursInvalid
            ? t('Enter a whole number of hours from {{min}} to {{max}}', {
                min: HOURS_PER_MONTH.min,
                max: HOURS_PER_MONTH.max,
              })
            : t('Monthly costs are hourly prices times this; {{default}} is an average month', {
                default: HOURS_PER_MONTH.default,
              })
        }
        inputProps={{ inputMode: 'numeric' }}
        onChange={event => {
          setHours(event.target.value);
          reset();
        }}
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={preferRealtime}
            onChange={event => {
              setPreferRealtime(event.target.checked);
              reset();
            }}
          />
        }
        label={t(
          'Prefer real-time prices (the static price list is used when they cannot be fetched)'
        )}
      />
      <div>
        <Button type="submit" variant="contained" disabled={saving}>
          {saving ? t('Saving…') : t('Save cost options')}
        </Button>
      </div>
      <SaveOutcome
        saved={saved}
        savedText={t('Cost options saved for this cluster.')}
        failure={failure}
      />
    </Stack>
  );
}
