/**
 * Why an answer failed, in a sentence that says what to do: a 403 names the permission the API server
 * refused (create on services/proxy or pods/proxy), 502/503/504 mean the model server cannot be reached
 * yet, an error inside the stream is the model server's own, anything else shows its message.
 */
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { type ChatError, type ChatTarget, proxyResource } from '../../hooks/usePlaygroundChat';
import { classifyApiError } from '../common/apiError';

const UNREACHABLE = new Set([502, 503, 504]);

export function ChatErrorAlert(props: { error: ChatError; target: ChatTarget; namespace: string }) {
  const { t } = useTranslation();
  const { error, target, namespace } = props;
  const resource = proxyResource(target);
  const where =
    target.kind === 'service'
      ? t('Service {{name}}', { name: target.service })
      : t('pod {{name}}', { name: target.pod });

  if (error.inStream) {
    return (
      <Alert severity="error">
        <AlertTitle>{t('The model server stopped with an error')}</AlertTitle>
        {error.message}
      </Alert>
    );
  }
  if (error.status === 403) {
    const problem = classifyApiError(error, { verb: 'create', resource, namespace });
    const verb = problem?.kind === 'forbidden' ? problem.verb : 'create';
    const named = problem?.kind === 'forbidden' ? problem.resource : resource;
    const scope =
      problem?.kind === 'forbidden' && problem.namespace ? problem.namespace : namespace;
    return (
      <Alert severity="warning">
        <AlertTitle>{t('Permission denied')}</AlertTitle>
        {t(
          'Your Kubernetes identity is not allowed to {{verb}} {{resource}} in namespace {{scope}}, which the playground needs to reach the model. Ask a cluster administrator for a Role that grants "{{verb}}" on "{{resource}}".',
          { verb, resource: named, scope }
        )}
      </Alert>
    );
  }
  if (error.status !== undefined && UNREACHABLE.has(error.status)) {
    return (
      <Alert severity="warning">
        <AlertTitle>{t('The model is not reachable yet')}</AlertTitle>
        {t(
          'The API server could not reach the model server behind {{where}} (HTTP {{status}}). It may still be starting or loading the model; try again once the deployment is Running and its pods are Ready.',
          { where, status: error.status }
        )}
        {error.message ? ` ${t('Details: {{message}}', { message: error.message })}` : ''}
      </Alert>
    );
  }
  if (error.status === undefined) {
    return (
      <Alert severity="error">
        <AlertTitle>{t('No answer')}</AlertTitle>
        {t('The cluster did not answer. Check that it is reachable and try again.')}
        {error.message ? ` ${t('Details: {{message}}', { message: error.message })}` : ''}
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      <AlertTitle>{t('The request failed (HTTP {{status}})', { status: error.status })}</AlertTitle>
      {error.message || t('No message was given.')}
    </Alert>
  );
}
