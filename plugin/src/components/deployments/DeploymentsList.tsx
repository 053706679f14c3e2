import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox, SimpleTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Button from '@mui/material/Button';
import { useCallback } from 'react';
import { Link as RouterLink, useHistory, useLocation } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { useModelDeployments } from '../../hooks/useModelDeployments';
import type { ModelDeployment } from '../../resources/modelDeployment';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { CrdMissingBanner } from '../common/CrdMissingBanner';
import { PhaseLabel } from '../common/PhaseLabel';
import { NamespacePicker } from './NamespacePicker';

const RESOURCE = 'modeldeployments.airunway.ai';

/** The namespace scope lives in the URL (`?namespace=`) so a filtered list can be linked and reloaded. */
function useNamespaceParam(): [string, (namespace: string) => void] {
  const location = useLocation();
  const history = useHistory();
  const namespace = new URLSearchParams(location.search).get('namespace') ?? '';
  const setNamespace = useCallback(
    (next: string) => {
      const params = new URLSearchParams(location.search);
      if (next) params.set('namespace', next);
      else params.delete('namespace');
      const search = params.toString();
      history.replace({ pathname: location.pathname, search: search ? `?${search}` : '' });
    },
    [history, location.pathname, location.search]
  );
  return [namespace, setNamespace];
}

export function DeploymentsList() {
  const { t } = useTranslation();
  const paths = useAirunwayPaths();
  const [namespace, setNamespace] = useNamespaceParam();
  const { items, error, isLoading } = useModelDeployments(namespace || undefined);

  return (
    <SectionBox
      title={t('Model deployments')}
      headerProps={{
        titleSideActions: [
          <NamespacePicker key="ns" value={namespace} onChange={setNamespace} />,
          <Button
            key="create"
            component={RouterLink}
            to={paths.createDeployment(namespace ? { namespace } : {})}
            variant="contained"
          >
            {t('Create')}
          </Button>,
        ],
      }}
    >
      {error ? (
        <ApiErrorBanner
          error={error}
          intent={{ verb: 'list', resource: RESOURCE, ...(namespace ? { namespace } : {}) }}
          notFound={<CrdMissingBanner />}
        />
      ) : isLoading ? (
        <Loader title={t('Loading model deployments')} />
      ) : (
        <SimpleTable
          data={items}
          emptyMessage={
            namespace
              ? t('No model deployments in namespace {{namespace}}.', { namespace })
              : t('No model deployments on this cluster yet.')
          }
          columns={[
            {
              label: t('Name'),
              getter: (item: ModelDeployment) => (
                <RouterLink to={paths.deployment(item.getNamespace() ?? '', item.getName())}>
                  {item.getName()}
                </RouterLink>
              ),
              sort: (a: ModelDeployment, b: ModelDeployment) =>
                a.getName().localeCompare(b.getName()),
            },
            { label: t('Namespace'), getter: (item: ModelDeployment) => item.getNamespace() },
            { label: t('Model'), getter: (item: ModelDeployment) => item.modelId || '—' },
            {
              label: t('Provider'),
              getter: (item: ModelDeployment) => item.provider ?? t('auto'),
            },
            { label: t('Engine'), getter: (item: ModelDeployment) => item.engine ?? t('auto') },
            {
              label: t('Phase'),
              getter: (item: ModelDeployment) => <PhaseLabel phase={item.phase} />,
            },
            {
              label: t('Ready'),
              getter: (item: ModelDeployment) => `${item.readyReplicas}/${item.desiredReplicas}`,
            },
            { label: t('Age'), getter: (item: ModelDeployment) => item.getAge() },
          ]}
        />
      )}
    </SectionBox>
  );
}
