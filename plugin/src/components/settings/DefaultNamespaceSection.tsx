import { NamespaceNameSchema } from '@airunway/shared-client/schemas/identifiers';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { clusterConfigKey, useClusterConfig } from '../../hooks/useClusterConfig';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { CLUSTER_CONFIG, writeDefaultNamespace } from './clusterConfig';
import { SaveOutcome } from './SaveOutcome';

type Failure = { status?: number; message?: string };

/** The namespace new deployments start in, for everyone on this cluster. */
export function DefaultNamespaceSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const config = useClusterConfig();
  const current = config.data?.data?.[CLUSTER_CONFIG.defaultNamespaceKey] ?? '';
  const [draft, setDraft] = useState(current);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<{ error: Failure; verb: string } | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => setDraft(current), [current]);

  if (config.error) {
    return (
      <ApiErrorBanner
        error={config.error as Failure}
        intent={{ verb: 'get', resource: 'configmaps', namespace: CLUSTER_CONFIG.namespace }}
      />
    );
  }
  if (config.isPending) return <Loader title={t('Loading cluster settings')} />;

  const exists = config.data !== null;
  const parsed = NamespaceNameSchema.safeParse(draft);
  const invalid = draft !== '' && !parsed.success;

  async function save() {
    setSaving(true);
    setFailure(null);
    setSaved(false);
    try {
      await writeDefaultNamespace(exists, draft);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: clusterConfigKey(config.cluster) });
    } catch (error) {
      setFailure({ error: error as Failure, verb: exists ? 'patch' : 'create' });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Stack spacing={2}>
      <div>
        {exists && current
          ? t('Currently {{current}} (ConfigMap {{name}} in {{configNamespace}}).', {
              current,
              name: CLUSTER_CONFIG.name,
              configNamespace: CLUSTER_CONFIG.namespace,
            })
          : t(
              'Not set on this cluster: saving creates ConfigMap {{name}} in {{configNamespace}}.',
              {
                name: CLUSTER_CONFIG.name,
                configNamespace: CLUSTER_CONFIG.namespace,
              }
            )}
      </div>
      <Stack direction="row" spacing={1} alignItems="flex-start">
        <TextField
          size="small"
          label={t('Default namespace')}
          value={draft}
          error={invalid}
          helperText={invalid ? parsed.error?.issues[0]?.message : ' '}
          onChange={event => {
            setDraft(event.target.value.trim());
            setSaved(false);
          }}
        />
        <Button
          variant="contained"
          disabled={saving || draft === '' || invalid || draft === current}
          onClick={save}
        >
          {saving ? t('Saving…') : t('Save default namespace')}
        </Button>
      </Stack>
      <SaveOutcome saved={saved} savedText={t('Default namespace saved.')} failure={failure} />
    </Stack>
  );
}
