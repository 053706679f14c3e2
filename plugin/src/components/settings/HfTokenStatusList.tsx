import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import type { KubeFailure, NamespaceResult } from './hfTokenSecret';

export type { NamespaceResult };

function StatusText({ query, namespace }: { query: UseQueryResult<boolean>; namespace: string }) {
  const { t } = useTranslation();
  if (query.error) {
    const error = query.error as KubeFailure;
    return (
      <StatusLabel status="">
        {error.status === 403
          ? t('Unknown: you may not get secrets in {{namespace}}', { namespace })
          : t('Unknown: {{message}}', { message: error.message ?? '' })}
      </StatusLabel>
    );
  }
  if (query.data === undefined) return <StatusLabel status="">{t('Checking…')}</StatusLabel>;
  return query.data ? (
    <StatusLabel status="success">{t('Token saved')}</StatusLabel>
  ) : (
    <StatusLabel status="warning">{t('No token')}</StatusLabel>
  );
}

/** Which of the chosen namespaces have the Secret. */
export function HfTokenStatusList(props: {
  statuses: { namespace: string; query: UseQueryResult<boolean> | undefined }[];
}) {
  const { t } = useTranslation();
  if (props.statuses.length === 0) return null;
  return (
    <Box component="ul" aria-label={t('HuggingFace token per namespace')} sx={{ m: 0, pl: 3 }}>
      {props.statuses.map(({ namespace, query }) => (
        <li key={namespace}>
          {namespace}: {query && <StatusText query={query} namespace={namespace} />}
        </li>
      ))}
    </Box>
  );
}

/** The outcome of a save or delete, per namespace; a failure names the missing permission. */
export function HfTokenResults(props: { verb: 'create' | 'delete'; results: NamespaceResult[] }) {
  const { t } = useTranslation();
  const failed = props.results.filter(result => result.error);
  const done = props.results.filter(result => !result.error).map(result => result.namespace);
  return (
    <Box role="status">
      {done.length > 0 && (
        <Alert severity="success">
          {props.verb === 'create'
            ? t('Token saved in {{namespaces}}.', { namespaces: done.join(', ') })
            : t('Token deleted from {{namespaces}}.', { namespaces: done.join(', ') })}
        </Alert>
      )}
      {failed.map(result => (
        <ApiErrorBanner
          key={result.namespace}
          error={result.error}
          intent={{ verb: props.verb, resource: 'secrets', namespace: result.namespace }}
        />
      ))}
    </Box>
  );
}
