import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { CLUSTER_CONFIG } from './clusterConfig';

/**
 * What a Settings save of the cluster's airunway-config ConfigMap came to: a polite status line when it
 * was saved, or the API server's refusal (a 403 names the verb on configmaps the user lacks).
 */
export function SaveOutcome(props: {
  saved: boolean;
  savedText: string;
  failure: { verb: string; error: { status?: number; message?: string } } | null | undefined;
}) {
  const { failure } = props;
  return (
    <>
      <div role="status">{props.saved && props.savedText}</div>
      {failure && (
        <ApiErrorBanner
          error={failure.error}
          intent={{
            verb: failure.verb,
            resource: 'configmaps',
            namespace: CLUSTER_CONFIG.namespace,
          }}
        />
      )}
    </>
  );
}
