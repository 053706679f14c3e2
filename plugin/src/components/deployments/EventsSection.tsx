import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox, SimpleTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import { ApiErrorBanner } from '../common/ApiErrorBanner';

type Event = InstanceType<typeof K8s.event.default>;

export function EventsSection(props: {
  namespace: string;
  events: Event[] | null;
  error: { status?: number; message?: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <SectionBox title={t('Events')}>
      {props.error ? (
        <ApiErrorBanner
          error={props.error}
          intent={{ verb: 'list', resource: 'events', namespace: props.namespace }}
        />
      ) : (
        <SimpleTable
          data={props.events}
          emptyMessage={t('No events for this deployment or its pods.')}
          columns={[
            { label: t('Type'), getter: (event: Event) => event.jsonData.type ?? '' },
            { label: t('Reason'), getter: (event: Event) => event.jsonData.reason ?? '' },
            {
              label: t('Object'),
              getter: (event: Event) =>
                `${event.jsonData.involvedObject?.kind ?? ''}/${
                  event.jsonData.involvedObject?.name ?? ''
                }`,
            },
            { label: t('Message'), getter: (event: Event) => event.jsonData.message ?? '' },
            { label: t('Count'), getter: (event: Event) => event.jsonData.count ?? 1 },
            { label: t('Last seen'), getter: (event: Event) => event.getAge() },
          ]}
        />
      )}
    </SectionBox>
  );
}
