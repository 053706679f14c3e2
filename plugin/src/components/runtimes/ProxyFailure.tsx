import { isProxyError } from '@airunway/shared-client/client';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import type { ProxyLocation } from '../../proxy/location';
import { useProxyLocation } from '../../proxy/useProxyLocation';
import { isProxyUnavailable } from '../models/proxyErrors';

/**
 * A failed proxy call as one sentence that says what to do next. The API server strips the user's
 * identity before the proxy, so a 403 always means RBAC on services/proxy: name the verb and the role.
 */
export function ProxyFailure(props: {
  error: unknown;
  /** The services/proxy verb the request needed: POST → create, GET → get. */
  verb: 'create' | 'get';
  /** What was being changed, for the conflict sentence. */
  subject?: string;
  /** The location that was called, when it is not the saved one (the settings' "Test connection"). */
  location?: ProxyLocation;
}) {
  const { t } = useTranslation();
  const saved = useProxyLocation();
  const location = props.location ?? saved;
  const { error, verb } = props;
  const code = isProxyError(error) ? error.code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const where = { service: location.service, namespace: location.namespace, verb };

  if (code === 'FORBIDDEN' || code === 'UNAUTHORIZED') {
    return (
      <Alert severity="warning" role="alert">
        <AlertTitle>{t('Permission denied')}</AlertTitle>
        {verb === 'create'
          ? t(
              'Your Kubernetes identity may not "create" on services/proxy "{{service}}" in namespace {{namespace}}, which installing and removing runtimes needs. Ask a cluster administrator to bind you to the airunway-operator ClusterRole.',
              where
            )
          : t(
              'Your Kubernetes identity may not "get" on services/proxy "{{service}}" in namespace {{namespace}}. Ask a cluster administrator to bind you to the airunway-viewer ClusterRole.',
              where
            )}
      </Alert>
    );
  }
  if (code === 'CONFLICT') {
    return (
      <Alert severity="warning" role="alert">
        <AlertTitle>{t('Another operation is running')}</AlertTitle>
        {t(
          'Another operation on the Helm release of {{subject}} is running or has left it in a state that blocks this one. Wait for it to finish, refresh, then try again.',
          { subject: props.subject ?? t('this component') }
        )}{' '}
        {message}
      </Alert>
    );
  }
  if (isProxyUnavailable(error)) {
    return (
      <Alert severity="error" role="alert">
        <AlertTitle>{t('The AI Runway proxy is not reachable')}</AlertTitle>
        {t(
          'Check that the {{service}} Service in namespace {{namespace}} exists and has a ready pod, or set where the proxy runs in AI Runway → Settings.',
          where
        )}
      </Alert>
    );
  }
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{t('The operation failed')}</AlertTitle>
      {message}
    </Alert>
  );
}
