import { createProxyClient } from '@airunway/shared-client/client';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useEffect, useState } from 'react';
import {
  pluginConfig,
  type ProxyLocation,
  ProxyLocationSchema,
  resolveProxyLocation,
  saveProxyLocation,
} from '../../proxy/location';
import { serviceProxyTransport } from '../../proxy/transport';
import { ProxyFailure } from '../runtimes/ProxyFailure';

type Field = keyof ProxyLocation;
const FIELDS: readonly Field[] = ['namespace', 'service', 'port'];

type TestResult = { ok: true; timestamp: string } | { ok: false; error: unknown } | null;

function fieldError(field: Field, value: string): string | undefined {
  const result = ProxyLocationSchema.shape[field].safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

/**
 * Where the AI Runway proxy runs on one cluster (this viewer's setting, kept in Headlamp's plugin config).
 * "Test connection" calls the proxy's health endpoint at the location in the form, before it is saved.
 */
export function ProxyLocationSection(props: { cluster: string }) {
  const { t } = useTranslation();
  const config = pluginConfig.useConfig()();
  const saved = resolveProxyLocation(config, props.cluster);
  const [draft, setDraft] = useState<ProxyLocation>(saved);
  const [status, setStatus] = useState<'saved' | null>(null);
  const [test, setTest] = useState<TestResult>(null);
  const [testing, setTesting] = useState(false);
  // A different cluster (plugin settings screen) starts from that cluster's saved location.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setDraft(saved), [props.cluster]);

  const errors = Object.fromEntries(FIELDS.map(f => [f, fieldError(f, draft[f])])) as Record<
    Field,
    string | undefined
  >;
  const valid = FIELDS.every(f => !errors[f]);
  const labels: Record<Field, string> = {
    namespace: t('Namespace'),
    service: t('Service name'),
    port: t('Service port (name or number)'),
  };

  function change(field: Field, value: string) {
    setDraft(current => ({ ...current, [field]: value.trim() }));
    setStatus(null);
    setTest(null);
  }

  async function testConnection() {
    setTesting(true);
    setTest(null);
    try {
      const client = createProxyClient({ transport: serviceProxyTransport(props.cluster, draft) });
      const health = await client.health();
      setTest({ ok: true, timestamp: health.timestamp });
    } catch (error) {
      setTest({ ok: false, error });
    } finally {
      setTesting(false);
    }
  }

  return (
    <Stack
      spacing={2}
      component="form"
      aria-label={t('AI Runway proxy location')}
      noValidate
      onSubmit={event => {
        event.preventDefault();
        if (!valid) return;
        saveProxyLocation(props.cluster, draft);
        setStatus('saved');
      }}
    >
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        {FIELDS.map(field => (
          <TextField
            key={field}
            size="small"
            label={labels[field]}
            value={draft[field]}
            error={Boolean(errors[field])}
            helperText={errors[field] ?? ' '}
            onChange={event => change(field, event.target.value)}
          />
        ))}
      </Stack>
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="contained" disabled={!valid}>
          {t('Save proxy location')}
        </Button>
        <Button variant="outlined" disabled={!valid || testing} onClick={testConnection}>
          {testing ? t('Testing…') : t('Test connection')}
        </Button>
      </Stack>
      <div role="status">
        {status === 'saved' &&
          t('Saved for cluster {{cluster}}: {{service}}:{{port}} in {{namespace}}.', {
            cluster: props.cluster,
            ...draft,
          })}
      </div>
      {test?.ok && (
        <Alert severity="success">
          {t('The proxy answered its health check ({{timestamp}}).', { timestamp: test.timestamp })}
        </Alert>
      )}
      {test && !test.ok && <ProxyFailure error={test.error} verb="get" location={draft} />}
    </Stack>
  );
}
