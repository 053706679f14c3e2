import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { classifyApiError, type RequestIntent } from './apiError';

export interface ApiErrorBannerProps {
  error: { status?: number; message?: string } | null | undefined;
  intent: RequestIntent;
  /** Shown for a 404 instead of the generic text (e.g. the CRD banner). */
  notFound?: React.ReactNode;
}

/**
 * One sentence per failure that says what to do next: a 403 names the missing permission (verb and
 * resource), other failures show the API server's message. Never a raw stack.
 */
export function ApiErrorBanner({ error, intent, notFound }: ApiErrorBannerProps) {
  const { t } = useTranslation();
  const problem = classifyApiError(error, intent);
  if (!problem) return null;
  if (problem.kind === 'not-found' && notFound) return <>{notFound}</>;
  if (problem.kind === 'forbidden') {
    const scope = problem.namespace
      ? t('in namespace {{namespace}}', { namespace: problem.namespace })
      : t('across all namespaces');
    return (
      <Alert severity="warning" role="alert">
        <AlertTitle>{t('Permission denied')}</AlertTitle>
        {t(
          'Your Kubernetes identity is not allowed to {{verb}} {{resource}} {{scope}}. Ask a cluster administrator for a Role or ClusterRole that grants "{{verb}}" on "{{resource}}".',
          { verb: problem.verb, resource: problem.resource, scope }
        )}
      </Alert>
    );
  }
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>
        {problem.kind === 'not-found'
          ? t('Not found')
          : t('Could not load {{resource}}', { resource: intent.resource })}
      </AlertTitle>
      {problem.message ||
        t('The cluster did not answer. Check that it is reachable and try again.')}
    </Alert>
  );
}
