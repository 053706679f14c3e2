import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { useSecretExists } from '../../hooks/useSecretExists';
import type { KubeFailure } from '../settings/hfTokenSecret';

/**
 * Whether the HuggingFace token Secret the deployment names is in its namespace: without it the model
 * server cannot download a gated model, and the pods fail long after Create said yes.
 */
export function HfSecretStatus(props: { namespace: string; secret: string }) {
  const { t } = useTranslation();
  const paths = useAirunwayPaths();
  const status = useSecretExists(props.namespace, props.secret);
  const names = { name: props.secret, namespace: props.namespace };
  if (props.secret === '' || (status.fetchStatus === 'idle' && status.isPending)) return null;
  if (status.isPending) {
    return <Typography variant="body2">{t('Looking for Secret {{name}}…', names)}</Typography>;
  }
  if (status.error) {
    const failure = status.error as KubeFailure;
    return (
      <Typography variant="body2">
        {failure.status === 403
          ? t(
              'You may not get secrets in {{namespace}}, so whether {{name}} exists is unknown.',
              names
            )
          : t('Whether Secret {{name}} exists is unknown: {{message}}', {
              ...names,
              message: failure.message ?? '',
            })}
      </Typography>
    );
  }
  if (status.data) {
    return (
      <Typography variant="body2" color="success.main">
        {t('Secret {{name}} is in {{namespace}}.', names)}
      </Typography>
    );
  }
  return (
    <Alert severity="warning">
      {t(
        'There is no Secret {{name}} in {{namespace}}: the model server will not be able to download a gated model.',
        names
      )}{' '}
      <Link component={RouterLink} to={paths.settings()}>
        {t('Save your HuggingFace token in Settings')}
      </Link>
    </Alert>
  );
}
