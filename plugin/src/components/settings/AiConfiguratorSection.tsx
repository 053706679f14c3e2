import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useProxyClient } from '../../proxy/useProxyClient';
import { ProxyFailure } from '../runtimes/ProxyFailure';
import {
  aiConfiguratorOptionsData,
  aiConfiguratorOptionsFrom,
  AiConfiguratorOptionsSchema,
  CLUSTER_CONFIG,
  MAX_LATENCY_MS,
  OPTIMIZE_FOR,
} from './clusterConfig';
import { SaveOutcome } from './SaveOutcome';
import { useSaveClusterConfig } from './useSaveClusterConfig';

type OptimizeFor = (typeof OPTIMIZE_FOR)[number];

/** Whether the proxy can run the AI Configurator, as it says itself. */
function AiConfiguratorStatus() {
  const { t } = useTranslation();
  const { client, cluster } = useProxyClient();
  const status = useQuery({
    queryKey: [cluster, 'proxy', 'aiconfigurator', 'status'],
    queryFn: () => client.aiConfiguratorStatus(),
  });
  if (status.isPending) return <Loader title={t('Checking the AI Configurator')} />;
  if (status.error) return <ProxyFailure error={status.error} verb="get" />;
  const { available, version, error, runningInCluster } = status.data;
  return (
    <div>
      {available ? (
        <StatusLabel status="success">
          {version
            ? t('AI Configurator {{version}} is available', { version })
            : t('AI Configurator is available')}
        </StatusLabel>
      ) : (
        <StatusLabel status="warning">{t('AI Configurator is not available')}</StatusLabel>
      )}{' '}
      {available
        ? runningInCluster
          ? t('It runs in the cluster, next to the proxy.')
          : ''
        : error
        ? t(
            'Suggest on the create page falls back to built-in rules until the proxy can run it. The proxy says: {{error}}',
            { error }
          )
        : t('Suggest on the create page falls back to built-in rules until the proxy can run it.')}
    </div>
  );
}

/** AI Configurator status, and this cluster's defaults for the create form's Suggest button. */
export function AiConfiguratorSection() {
  const { t } = useTranslation();
  const { config, save, saving, saved, failure, reset } = useSaveClusterConfig();
  const current = aiConfiguratorOptionsFrom(config.data);
  const currentLatency = current.maxLatencyMs === undefined ? '' : String(current.maxLatencyMs);
  const [optimizeFor, setOptimizeFor] = useState<OptimizeFor>(current.optimizeFor);
  const [latency, setLatency] = useState(currentLatency);
  const legendId = useId();
  useEffect(() => {
    setOptimizeFor(current.optimizeFor);
    setLatency(currentLatency);
  }, [current.optimizeFor, currentLatency]);

  const latencyText = latency.trim();
  const candidate = {
    optimizeFor,
    ...(latencyText === ''
      ? {}
      : { maxLatencyMs: /^\d+$/.test(latencyText) ? Number(latencyText) : Number.NaN }),
  };
  const parsed = AiConfiguratorOptionsSchema.safeParse(candidate);
  const latencyInvalid =
    !parsed.success && parsed.error.issues.some(issue => issue.path[0] === 'maxLatencyMs');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!parsed.success) return;
    void save(aiConfiguratorOptionsData(parsed.data));
  }

  return (
    <Stack spacing={2}>
      <AiConfiguratorStatus />
      {config.isPending ? (
        <Loader title={t('Loading AI Configurator defaults')} />
      ) : config.error ? (
        <Typography>
          {t('These defaults are kept in ConfigMap {{name}}, which could not be read.', {
            name: CLUSTER_CONFIG.name,
          })}
        </Typography>
      ) : (
        <Stack
          spacing={2}
          component="form"
          aria-label={t('AI Configurator defaults')}
          onSubmit={submit}
          noValidate
        >
          <FormControl component="fieldset">
            <FormLabel component="legend" id={legendId}>
              {t('Optimize suggestions for')}
            </FormLabel>
            <RadioGroup
              row
              aria-labelledby={legendId}
              value={optimizeFor}
              onChange={event => {
                setOptimizeFor(event.target.value as OptimizeFor);
                reset();
              }}
            >
              <FormControlLabel value="throughput" control={<Radio />} label={t('Throughput')} />
              <FormControlLabel value="latency" control={<Radio />} label={t('Latency')} />
            </RadioGroup>
          </FormControl>
          <TextField
            size="small"
            label={t('Maximum latency (ms)')}
            value={latency}
            error={latencyInvalid}
            helperText={
              latencyInvalid
                ? t(
                    'Enter a whole number of milliseconds from {{min}} to {{max}}, or leave it empty',
                    {
                      min: MAX_LATENCY_MS.min,
                      max: MAX_LATENCY_MS.max,
                    }
                  )
                : t('Optional; leave empty for no limit')
            }
            inputProps={{ inputMode: 'numeric' }}
            onChange={event => {
              setLatency(event.target.value);
              reset();
            }}
          />
          <div>
            <Button type="submit" variant="contained" disabled={saving}>
              {saving ? t('Saving…') : t('Save AI Configurator defaults')}
            </Button>
          </div>
          <SaveOutcome
            saved={saved}
            savedText={t('AI Configurator defaults saved for this cluster.')}
            failure={failure}
          />
        </Stack>
      )}
    </Stack>
  );
}
