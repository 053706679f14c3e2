/**
 * The Overview tab: what the deployment is and how it is doing — status, why pods are pending, conditions,
 * pods, events and the spec.
 */
import { toYaml } from '@airunway/shared-client/yaml';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import {
  ConditionsTable,
  NameValueTable,
  SectionBox,
} from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { useAutoscaler } from '../../hooks/useAutoscaler';
import type { DeploymentDetails } from '../../hooks/useDeploymentDetails';
import type { ModelDeployment } from '../../resources/modelDeployment';
import { PhaseLabel } from '../common/PhaseLabel';
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
        {toYaml(deployment.spec)}
      </Box>
    </SectionBox>
  );
}

export function OverviewTab(props: { deployment: ModelDeployment; details: DeploymentDetails }) {
  const { t } = useTranslation();
  const { deployment, details } = props;
  const namespace = deployment.getNamespace() ?? '';
  const autoscaler = useAutoscaler();
  return (
    <Stack spacing={1}>
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
