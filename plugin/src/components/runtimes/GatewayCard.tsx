import { gatewayCrdInstallCommands } from '@airunway/shared-client/providers/install';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { NameValueTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useGatewayModels, useGateways } from '../../hooks/useGatewayOverview';
import type { ActionOutcome } from '../../hooks/useRuntimeActions';
import { useCrdState } from '../../hooks/useRuntimeKubeStatus';
import { useGatewayProxyStatus } from '../../hooks/useRuntimeProxyStatus';
import { ActionResults } from './ActionResults';
import { GatewayList, GatewayModelList } from './GatewayObjects';
import { CrdLabel } from './KubeStatusLabels';
import { ManualCommands } from './ManualCommands';
import { GATEWAY_API_CRD, INFERENCE_EXTENSION_CRD } from './runtimeComponents';

/**
 * The Gateway API and Inference Extension CRDs, a prerequisite of every provider, the Gateways and the
 * models reachable through them. CRDs, Gateways (with their addresses) and models are read from Kubernetes
 * with the user's own credentials, so they show without the proxy; CRD versions and the proxy's own verdict
 * on the gateway come from the proxy when it is there.
 */
export function GatewayCard(props: {
  proxyUp: boolean;
  busy: boolean;
  running: boolean;
  /** False when the user may not POST to the proxy (or the page is still asking). */
  mayChange?: boolean;
  /** The id of the page's sentence that says why the install is disabled. */
  lockedReasonId?: string;
  outcome?: ActionOutcome;
  onInstall: () => void;
}) {
  const { t } = useTranslation();
  const gatewayApi = useCrdState(GATEWAY_API_CRD);
  const inferenceExt = useCrdState(INFERENCE_EXTENSION_CRD);
  const gateways = useGateways(gatewayApi);
  const models = useGatewayModels();
  const proxyStatus = useGatewayProxyStatus(props.proxyUp);
  const subject = t('Gateway API and Inference Extension CRDs');
  const status = proxyStatus.data;

  const rows = [
    {
      name: t('Gateway API'),
      value: gatewayApi && <CrdLabel name={GATEWAY_API_CRD} state={gatewayApi} />,
    },
    {
      name: t('Inference Extension'),
      value: inferenceExt && <CrdLabel name={INFERENCE_EXTENSION_CRD} state={inferenceExt} />,
    },
    { name: t('Gateways'), value: <GatewayList state={gateways} /> },
    { name: t('Models through the gateway'), value: <GatewayModelList state={models} /> },
    ...(status
      ? [
          {
            name: t('Versions'),
            value: t('Gateway API {{api}}, Inference Extension {{ext}} (expected {{pinned}})', {
              api: status.gatewayApiVersion ?? '—',
              ext: status.inferenceExtVersion ?? '—',
              pinned: status.pinnedVersion,
            }),
          },
          {
            name: t('Proxy gateway check'),
            value: status.gatewayAvailable
              ? t('Available at {{endpoint}}', { endpoint: status.gatewayEndpoint ?? '—' })
              : t('No Gateway is available'),
          },
        ]
      : []),
  ];

  return (
    <Paper
      variant="outlined"
      sx={{ p: 2 }}
      component="section"
      aria-labelledby="airunway-runtime-gateway"
    >
      <Typography id="airunway-runtime-gateway" variant="h6" component="h3">
        {subject}
      </Typography>
      <NameValueTable rows={rows} />
      <Button
        variant="contained"
        sx={{ my: 1 }}
        disabled={!props.proxyUp || props.busy || props.mayChange === false}
        {...(props.mayChange === false && props.lockedReasonId
          ? { 'aria-describedby': props.lockedReasonId }
          : {})}
        onClick={props.onInstall}
      >
        {props.running ? t('Installing CRDs…') : t('Install gateway CRDs')}
      </Button>
      {props.outcome && <ActionResults outcome={props.outcome} subject={subject} />}
      <ManualCommands commands={gatewayCrdInstallCommands()} subject={subject} />
    </Paper>
  );
}
