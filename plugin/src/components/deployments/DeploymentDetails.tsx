import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import {
  ConditionsTable,
  Loader,
  NameValueTable,
  SectionBox,
} from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { useParams } from 'react-router-dom';
import { stringify } from 'yaml';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { useAutoscaler } from '../../hooks/useAutoscaler';
import { useDeploymentDetails } from '../../hooks/useDeploymentDetails';
import type { ModelDeployment } from '../../resources/modelDeployment';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { CrdMissingBanner } from '../common/CrdMissingBanner';
import { PhaseLabel } from '../common/PhaseLabel';
import { DeleteDeploymentButton } from './DeleteDeploymentButton';
import { EventsSection } from './EventsSection';
import { PendingReasons } from './PendingReasons';
import { PodsSection } from './PodsSection';

function withReason(value: string | undefined, reason: string | undefined, auto: string) {
  if (!value) return auto;
  return reason ? `${value} — ${reason}` : value;
}

function OverviewSection({ deployment }: { deployment: ModelDeployment }) {
  const { t } = useTranslation();
  const rows = [
    { name: t('Namespace'), value: deployment.getNamespace() },
    { name: t('Model'), value: deployment.modelId || '—' },
    { name: t('Phase'), value: <PhaseLabel phase={deployment.phase} /> },
    { name: t('Message'), value: deployment.message ?? '—' },
    {
      name: t('Provider'),
      value: withReason(
        deployment.provider,
        deployment.providerSelectedReason,
        t('auto (not selected yet)')
      ),
    },
    {
      name: t('Provider resource'),
      value: deployment.providerResource,
      hide: !deployment.providerResource,
    },
    {
      name: t('Engine'),
      value: withReason(
        deployment.engine,
        deployment.engineSelectedReason,
        t('auto (not selected yet)')
      ),
    },
    {
      name: t('Replicas ready'),
      value: `${deployment.readyReplicas}/${deployment.desiredReplicas}`,
    },
    { name: t('Endpoint'), value: deployment.endpoint ?? t('not published yet') },
    {
      name: t('Gateway endpoint'),
      value: deployment.gatewayEndpoint,
      hide: !deployment.gatewayEndpoint,
    },
    { name: t('Age'), value: deployment.getAge() },
  ];
  return (
    <SectionBox title={t('Model deployment {{name}}', { name: deployment.getName() })}>
      <NameValueTable rows={rows} />
    </SectionBox>
  );
}

function SpecSection({ deployment }: { deployment: ModelDeployment }) {
  const { t } = useTranslation();
  return (
    <SectionBox title={t('Spec')}>
      {/* Focusable so keyboard users can scroll a long spec. */}
      <Box
        component="pre"
        role="region"
        tabIndex={0}
        aria-label={t('Spec as YAML')}
        sx={{ overflow: 'auto', maxHeight: 400, m: 0, p: 1, fontSize: '0.85rem' }}
      >
        {stringify(deployment.spec)}
      </Box>
    </SectionBox>
  );
}

export function DeploymentDetails() {
  const { t } = useTranslation();
  const { namespace, name } = useParams<{ namespace: string; name: string }>();
  const paths = useAirunwayPaths();
  const details = useDeploymentDetails(namespace, name);
  const autoscaler = useAutoscaler();
  const { deployment, deploymentError } = details;

  if (deploymentError) {
    return (
      <SectionBox title={name} backLink={paths.deployments()}>
        <ApiErrorBanner
          error={deploymentError}
          intent={{ verb: 'get', resource: 'modeldeployments.airunway.ai', namespace }}
          notFound={
            // A missing object names itself in the 404 message; a missing CRD does not.
            deploymentError.message?.includes(`"${name}"`) ? undefined : <CrdMissingBanner />
          }
        />
      </SectionBox>
    );
  }
  if (!deployment) return <Loader title={t('Loading model deployment {{name}}', { name })} />;

  return (
    <Stack spacing={1}>
      <SectionBox
        backLink={paths.deployments()}
        title={name}
        headerProps={{
          actions: [
            <DeleteDeploymentButton
              key="delete"
              deployment={deployment}
              afterDelete={paths.deployments()}
            />,
          ],
        }}
      />
      <OverviewSection deployment={deployment} />
      <PendingReasons reasons={details.pendingReasons} autoscaler={autoscaler} />
      <SectionBox title={t('Conditions')}>
        <ConditionsTable resource={deployment.jsonData} showLastUpdate={false} />
      </SectionBox>
      <PodsSection
        namespace={namespace}
        selector={deployment.podSelector}
        pods={details.pods}
        error={details.podsError}
      />
      <EventsSection namespace={namespace} events={details.events} error={details.eventsError} />
      <SpecSection deployment={deployment} />
    </Stack>
  );
}
