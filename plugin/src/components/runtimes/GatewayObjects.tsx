import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import type { GatewayListState } from '../../hooks/useGatewayOverview';
import type { GatewayModel, GatewaySummary } from './gatewayView';

// The Gateways of the cluster and the models reachable through them, as the gateway card's rows.
// Colour is never the only signal: every label carries its meaning in text.

function Unknown(props: { error: { status?: number; message?: string }; denied: string }) {
  const { t } = useTranslation();
  return (
    <StatusLabel status="">
      {props.error.status === 403
        ? props.denied
        : t('Unknown: {{message}}', { message: props.error.message ?? '' })}
    </StatusLabel>
  );
}

function ProgrammedLabel(props: { programmed: boolean | undefined }) {
  const { t } = useTranslation();
  if (props.programmed === undefined)
    return <StatusLabel status="">{t('Not reported')}</StatusLabel>;
  return props.programmed ? (
    <StatusLabel status="success">{t('Programmed')}</StatusLabel>
  ) : (
    <StatusLabel status="error">{t('Not programmed')}</StatusLabel>
  );
}

export function GatewayList(props: { state: GatewayListState<GatewaySummary> }) {
  const { t } = useTranslation();
  const { state } = props;
  switch (state.state) {
    case 'loading':
      return <StatusLabel status="">{t('Checking…')}</StatusLabel>;
    case 'no-crd':
      return <>{t('None: the Gateway API CRDs are not installed')}</>;
    case 'unknown':
      return <Unknown error={state.error} denied={t('Unknown: you may not list gateways')} />;
    case 'listed':
      if (state.items.length === 0) {
        return <StatusLabel status="warning">{t('No Gateway in the cluster')}</StatusLabel>;
      }
      return (
        <Box component="ul" aria-label={t('Gateways')} sx={{ m: 0, pl: 2 }}>
          {state.items.map(gateway => (
            <li key={gateway.key}>
              {[
                gateway.className
                  ? t('{{namespace}}/{{name}} (class {{className}})', {
                      namespace: gateway.namespace,
                      name: gateway.name,
                      className: gateway.className,
                    })
                  : t('{{namespace}}/{{name}}', {
                      namespace: gateway.namespace,
                      name: gateway.name,
                    }),
                gateway.addresses.length > 0
                  ? t('address {{addresses}}', { addresses: gateway.addresses.join(', ') })
                  : t('no address yet'),
                ...(gateway.listeners.length > 0 ? [gateway.listeners.join(', ')] : []),
              ].join(' · ')}{' '}
              <ProgrammedLabel programmed={gateway.programmed} />
            </li>
          ))}
        </Box>
      );
  }
}

export function GatewayModelList(props: { state: GatewayListState<GatewayModel> }) {
  const { t } = useTranslation();
  const { state } = props;
  switch (state.state) {
    case 'loading':
      return <StatusLabel status="">{t('Checking…')}</StatusLabel>;
    case 'no-crd':
      return <>{t('None: the ModelDeployment CRD is not installed')}</>;
    case 'unknown':
      return (
        <Unknown error={state.error} denied={t('Unknown: you may not list modeldeployments')} />
      );
    case 'listed':
      if (state.items.length === 0) return <>{t('No model is routed through the gateway yet')}</>;
      return (
        <Box
          component="ul"
          aria-label={t('Models reachable through the gateway')}
          sx={{ m: 0, pl: 2 }}
        >
          {state.items.map(model => (
            <li key={model.key}>
              {[
                model.endpoint
                  ? t('{{model}} at {{endpoint}}', {
                      model: model.modelName,
                      endpoint: model.endpoint,
                    })
                  : model.modelName,
                t('deployment {{namespace}}/{{name}}', {
                  namespace: model.namespace,
                  name: model.deployment,
                }),
                ...(model.phase ? [model.phase] : []),
              ].join(' · ')}
            </li>
          ))}
        </Box>
      );
  }
}
