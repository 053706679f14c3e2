import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Typography from '@mui/material/Typography';
import type { CrdState, PodsState } from '../../hooks/useRuntimeKubeStatus';

// Colour is never the only signal: every label carries its meaning in text.

export function CrdLabel(props: { name: string; state: CrdState }) {
  const { t } = useTranslation();
  const { state } = props;
  switch (state.state) {
    case 'loading':
      return <StatusLabel status="">{t('Checking…')}</StatusLabel>;
    case 'present':
      return (
        <StatusLabel status="success">{t('{{crd}} present', { crd: props.name })}</StatusLabel>
      );
    case 'absent':
      return (
        <StatusLabel status="warning">{t('{{crd}} missing', { crd: props.name })}</StatusLabel>
      );
    case 'unknown':
      return (
        <StatusLabel status="">
          {state.error.status === 403
            ? t('Unknown: you may not get customresourcedefinitions')
            : t('Unknown: {{message}}', { message: state.error.message ?? '' })}
        </StatusLabel>
      );
  }
}

export function PodsLabel(props: { namespace: string; state: PodsState }) {
  const { t } = useTranslation();
  const { state } = props;
  if (state.state === 'loading') return <StatusLabel status="">{t('Checking…')}</StatusLabel>;
  if (state.state === 'unknown') {
    return (
      <StatusLabel status="">
        {state.error.status === 403
          ? t('Unknown: you may not list pods in {{namespace}}', { namespace: props.namespace })
          : t('Unknown: {{message}}', { message: state.error.message ?? '' })}
      </StatusLabel>
    );
  }
  if (state.total === 0) {
    return (
      <StatusLabel status="warning">
        {t('No operator pods in {{namespace}}', { namespace: props.namespace })}
      </StatusLabel>
    );
  }
  return (
    <>
      <StatusLabel status={state.ready === state.total ? 'success' : 'error'}>
        {t('{{ready}} of {{total}} ready in {{namespace}}', {
          ready: state.ready,
          total: state.total,
          namespace: props.namespace,
        })}
      </StatusLabel>
      {state.versions.length > 0 && (
        <Typography variant="body2" component="span" sx={{ ml: 1 }}>
          {t('running version {{versions}}', { versions: state.versions.join(', ') })}
        </Typography>
      )}
    </>
  );
}
