/**
 * Edit a ModelDeployment with update semantics: the same form and YAML as create, filled from the object
 * as the API server has it; Save replaces it at the resourceVersion it was read at (see submitDeployment).
 */
import type {
  ModelDeploymentSpec,
  ModelDeploymentStatus,
} from '@airunway/shared-client/schemas/modelDeployment';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { ModelDeployment } from '../../resources/modelDeployment';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { DeploymentEditorPage } from './CreateDeploymentPage';
import { type JsonObject, objectToDraft } from './draft';

/** What an update sends besides the spec: identity and concurrency fields, no server-owned ones. */
export function editableObject(object: JsonObject): JsonObject {
  const rest = { ...object };
  delete rest.status;
  const metadata = { ...((object.metadata as JsonObject | undefined) ?? {}) };
  for (const key of ['managedFields', 'uid', 'creationTimestamp', 'generation', 'selfLink']) {
    delete metadata[key];
  }
  return { ...rest, metadata };
}

export function EditDeploymentPage() {
  const { t } = useTranslation();
  const { namespace, name } = useParams<{ namespace: string; name: string }>();
  const paths = useAirunwayPaths();
  const [deployment, error] = ModelDeployment.useGet(name, namespace, { cluster: paths.cluster });

  if (error) {
    return (
      <SectionBox title={name} backLink={paths.deployment(namespace, name)}>
        <ApiErrorBanner
          error={error}
          intent={{ verb: 'get', resource: 'modeldeployments.airunway.ai', namespace }}
        />
      </SectionBox>
    );
  }
  if (!deployment) return <Loader title={t('Loading model deployment {{name}}', { name })} />;

  return <EditLoaded deployment={deployment} name={name} />;
}

/**
 * The object as first loaded is frozen here: the watch keeps delivering newer versions, but the edit (and
 * the resourceVersion its PUT carries) must stay the one the user started from, or a concurrent change
 * would be silently overwritten instead of answered with 409.
 */
function EditLoaded(props: { deployment: ModelDeployment; name: string }) {
  const { t } = useTranslation();
  const [loaded] = useState(() => {
    const json = props.deployment.jsonData;
    return {
      object: editableObject(json as unknown as JsonObject),
      spec: json.spec as ModelDeploymentSpec,
      ...(json.status ? { status: json.status as ModelDeploymentStatus } : {}),
    };
  });
  return (
    <DeploymentEditorPage
      title={t('Edit model deployment {{name}}', { name: props.name })}
      initial={() => objectToDraft(loaded.object)}
      original={loaded}
    />
  );
}
