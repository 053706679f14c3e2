import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useClusterNames } from '../../hooks/useClusterNames';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { ProxyLocationSection } from './ProxyLocationSection';

/**
 * Headlamp's plugin settings screen has no cluster in its URL: pick the cluster, then set where its proxy
 * runs. The cluster's own settings (default namespace, HuggingFace token) are on AI Runway → Settings.
 */
function PluginSettingsForm() {
  const { t } = useTranslation();
  const clusters = useClusterNames();
  const [cluster, setCluster] = useState('');
  const selected = cluster || clusters[0] || '';
  if (clusters.length === 0) {
    return (
      <Typography>
        {t('Add a cluster to Headlamp to set where its AI Runway proxy runs.')}
      </Typography>
    );
  }
  return (
    <Stack spacing={2}>
      <TextField
        select
        size="small"
        label={t('Cluster')}
        value={selected}
        onChange={event => setCluster(event.target.value)}
        sx={{ maxWidth: 320 }}
      >
        {clusters.map(name => (
          <MenuItem key={name} value={name}>
            {name}
          </MenuItem>
        ))}
      </TextField>
      <ProxyLocationSection cluster={selected} />
      <Typography variant="body2">
        {t(
          'The default namespace and the HuggingFace token belong to each cluster: set them in AI Runway → Settings.'
        )}
      </Typography>
    </Stack>
  );
}

export function PluginSettings() {
  return (
    <ErrorBoundary what="AI Runway settings">
      <PluginSettingsForm />
    </ErrorBoundary>
  );
}
