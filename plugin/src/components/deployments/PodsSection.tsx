import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox, SimpleTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { PhaseLabel } from '../common/PhaseLabel';

type Pod = InstanceType<typeof K8s.ResourceClasses.Pod>;

function readyCount(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec?.containers?.length ?? statuses.length;
  return `${statuses.filter(status => status.ready).length}/${total}`;
}

function restarts(pod: Pod): number {
  return (pod.status?.containerStatuses ?? []).reduce(
    (sum, status) => sum + (status.restartCount ?? 0),
    0
  );
}

export function PodsSection(props: {
  namespace: string;
  selector: string;
  pods: Pod[] | null;
  error: { status?: number; message?: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <SectionBox title={t('Pods')}>
      {props.error ? (
        <ApiErrorBanner
          error={props.error}
          intent={{ verb: 'list', resource: 'pods', namespace: props.namespace }}
        />
      ) : (
        <SimpleTable
          data={props.pods}
          emptyMessage={t('No pods carry the label {{selector}} yet.', {
            selector: props.selector,
          })}
          columns={[
            { label: t('Name'), getter: (pod: Pod) => pod.getName() },
            {
              label: t('Phase'),
              getter: (pod: Pod) => <PhaseLabel phase={pod.status?.phase ?? 'Unknown'} />,
            },
            { label: t('Ready'), getter: readyCount },
            { label: t('Restarts'), getter: restarts },
            { label: t('Node'), getter: (pod: Pod) => pod.spec?.nodeName || t('not scheduled') },
            { label: t('Age'), getter: (pod: Pod) => pod.getAge() },
          ]}
        />
      )}
    </SectionBox>
  );
}
