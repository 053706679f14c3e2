/**
 * A proxy-backed helper on the create form that could not reach the proxy. The form itself talks to the
 * API server directly, so the message says what is missing and that everything else still works.
 */
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import { isProxyUnavailable } from '../models/proxyErrors';

export function ProxyUnavailableNote(props: { error: unknown; feature: string }) {
  const { t } = useTranslation();
  if (isProxyUnavailable(props.error)) {
    return (
      <Alert severity="warning" role="alert">
        {t(
          'The AI Runway proxy is not reachable, so {{feature}} is unavailable. Fill the fields yourself; the rest of the form works without the proxy.',
          { feature: props.feature }
        )}
      </Alert>
    );
  }
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <Alert severity="error" role="alert">
      {t('The proxy could not answer ({{feature}}): {{message}}', {
        feature: props.feature,
        message,
      })}
    </Alert>
  );
}
