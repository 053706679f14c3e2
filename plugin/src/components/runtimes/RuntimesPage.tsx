import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import { useId } from 'react';
import { useCanUseProxyActions } from '../../hooks/useCanUseProxyActions';
import {
  type RuntimeAction,
  type RuntimeTarget,
  useRuntimeActions,
} from '../../hooks/useRuntimeActions';
import { useHelmStatus, useProxyHealth } from '../../hooks/useRuntimeProxyStatus';
import { useProxyLocation } from '../../proxy/useProxyLocation';
import { GatewayCard } from './GatewayCard';
import { GpusFound } from './GpusFound';
import { ProxyFailure } from './ProxyFailure';
import { RuntimeCard } from './RuntimeCard';
import { RUNTIME_COMPONENTS } from './runtimeComponents';

function ProxyState(props: { health: ReturnType<typeof useProxyHealth>; proxyUp: boolean }) {
  const { t } = useTranslation();
  const location = useProxyLocation();
  const helm = useHelmStatus(props.proxyUp);
  if (props.health.isPending) {
    return <Alert severity="info">{t('Checking the AI Runway proxy…')}</Alert>;
  }
  if (props.health.error) {
    return (
      <Stack spacing={1}>
        <Alert severity="warning" role="alert">
          <AlertTitle>{t('Installing needs the AI Runway proxy')}</AlertTitle>
          {t(
            'The proxy ({{service}}:{{port}} in {{namespace}}) could not be used, so install, upgrade and uninstall are unavailable. The CRD and operator status below come straight from Kubernetes; the manual commands still work.',
            location
          )}
        </Alert>
        <ProxyFailure error={props.health.error} verb="get" />
      </Stack>
    );
  }
  if (helm.error) return <ProxyFailure error={helm.error} verb="get" />;
  if (!helm.data) return null;
  return helm.data.available ? (
    <Alert severity="success">
      {t('The AI Runway proxy is up; Helm {{version}} is available.', {
        version: helm.data.version ?? '',
      })}
    </Alert>
  ) : (
    <Alert severity="error" role="alert">
      {t('The AI Runway proxy cannot run Helm: {{error}}', { error: helm.data.error ?? '' })}
    </Alert>
  );
}

/**
 * Everything AI Runway needs on the cluster: status read with the user's own credentials (works without the
 * proxy), install and removal through the proxy's Helm, and the same steps as copyable commands.
 *
 * The actions are offered only to who may use them: one access review for `create` on the proxy's
 * services/proxy before any button is enabled. Denied, every action is disabled and one sentence at the top
 * says which permission is missing; if the review itself fails, the actions stay and the API server decides.
 */
export function RuntimesPage() {
  const { t } = useTranslation();
  const health = useProxyHealth();
  const proxyUp = Boolean(health.data);
  const { run, running, outcomes } = useRuntimeActions();
  const { access, location } = useCanUseProxyActions();
  const lockedReasonId = useId();
  const busy = running !== undefined;
  const mayChange = access === 'allowed' || access === 'unknown';
  const act = (target: RuntimeTarget, action: RuntimeAction) => {
    if (mayChange) run(target, action);
  };
  const lock = { mayChange, ...(access === 'denied' ? { lockedReasonId } : {}) };

  return (
    <SectionBox title={t('Runtimes')}>
      <Stack spacing={2}>
        {access === 'denied' && (
          <Alert severity="info" role="alert" id={lockedReasonId}>
            {t(
              'You can view runtimes but not change them: your Kubernetes identity lacks create on services/proxy for {{service}} in {{namespace}}, which install, upgrade and uninstall go through; ask a cluster administrator to bind you to the airunway-operator ClusterRole, or use the manual commands below.',
              { service: location.service, namespace: location.namespace }
            )}
          </Alert>
        )}
        <ProxyState health={health} proxyUp={proxyUp} />
        <GatewayCard
          proxyUp={proxyUp}
          busy={busy}
          {...lock}
          running={running?.target === 'gateway'}
          {...(outcomes.gateway ? { outcome: outcomes.gateway } : {})}
          onInstall={() => act('gateway', 'install')}
        />
        {RUNTIME_COMPONENTS.map(component => {
          const outcome = outcomes[component.id];
          return (
            <RuntimeCard
              key={component.id}
              component={component}
              proxyUp={proxyUp}
              busy={busy}
              {...lock}
              {...(running?.target === component.id ? { runningAction: running.action } : {})}
              {...(outcome ? { outcome } : {})}
              onAction={action => act(component.id, action)}
              {...(component.id === 'gpu-operator'
                ? { extraRow: { name: t('GPUs found'), value: <GpusFound /> } }
                : {})}
            />
          );
        })}
      </Stack>
    </SectionBox>
  );
}
