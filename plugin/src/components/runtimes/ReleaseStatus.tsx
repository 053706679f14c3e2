import {
  type HelmReleaseStatus,
  PENDING_RELEASE_STATUSES,
} from '@airunway/shared-client/schemas/proxy';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Stack from '@mui/material/Stack';
import { useProviderReleaseStatus } from '../../hooks/useRuntimeProxyStatus';
import type { RuntimeComponent } from './runtimeComponents';

function labelStatus(status: HelmReleaseStatus): 'success' | 'warning' | 'error' | '' {
  if (status === 'deployed') return 'success';
  if (status === 'failed') return 'error';
  if (PENDING_RELEASE_STATUSES.includes(status) || status === 'uninstalling') return 'warning';
  return '';
}

/**
 * The component's Helm release as the proxy reads it (`helm status`): Helm's own state word (deployed,
 * pending-install, failed …), revision and chart version, and what the next action will do about it.
 * Without the proxy it says so; the Kubernetes-side rows of the card do not depend on it.
 */
export function ReleaseStatus(props: { component: RuntimeComponent; proxyUp: boolean }) {
  const { t } = useTranslation();
  const release = useProviderReleaseStatus(props.component.id, props.proxyUp);
  if (!props.proxyUp) return <>{t('Unknown without the AI Runway proxy')}</>;
  if (release.error) return <>{t('Unknown: {{message}}', { message: release.error.message })}</>;
  if (!release.data) return <StatusLabel status="">{t('Checking…')}</StatusLabel>;
  const { release: info, pinnedVersion, pending, message } = release.data;
  const chartVersion = info?.chartVersion;
  return (
    <Stack spacing={0.5} alignItems="flex-start">
      {info?.status ? (
        <StatusLabel status={labelStatus(info.status)}>
          {[
            t('Helm: {{status}}', { status: info.status }),
            ...(info.revision !== undefined
              ? [t('revision {{revision}}', { revision: info.revision })]
              : []),
            ...(chartVersion || info.chart
              ? [t('chart {{chart}}', { chart: chartVersion ?? info.chart })]
              : []),
          ].join(' · ')}
        </StatusLabel>
      ) : (
        <StatusLabel status="">
          {info
            ? t('No Helm release {{name}} in {{namespace}}', {
                name: info.name,
                namespace: info.namespace,
              })
            : t('No Helm release')}
        </StatusLabel>
      )}
      {pending && (
        <span>
          {t(
            'An earlier operation did not finish; the next install, upgrade or uninstall recovers the release.'
          )}
        </span>
      )}
      {info?.status === 'deployed' &&
        pinnedVersion &&
        chartVersion &&
        chartVersion !== pinnedVersion && (
          <span>{t('Upgrade installs chart {{pinned}}', { pinned: pinnedVersion })}</span>
        )}
      {message && <span>{message}</span>}
    </Stack>
  );
}
