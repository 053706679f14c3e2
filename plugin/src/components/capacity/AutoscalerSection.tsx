import type { AutoscalerNodeGroup } from '@airunway/shared-client/autoscaler';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import {
  NameValueTable,
  SectionBox,
  SimpleTable,
} from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import type { AutoscalerResult } from '../../hooks/useAutoscaler';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { labelOf, useEnumLabels } from '../common/enumLabels';

export function AutoscalerSection({ autoscaler }: { autoscaler: AutoscalerResult }) {
  const { t } = useTranslation();
  const { detection, error } = autoscaler;
  const labels = useEnumLabels();
  return (
    <SectionBox title={t('Autoscaler')}>
      {error ? (
        <ApiErrorBanner
          error={error}
          intent={{ verb: 'get', resource: 'configmaps', namespace: 'kube-system' }}
        />
      ) : !detection ? (
        <Alert severity="info">{t('Checking for a cluster autoscaler…')}</Alert>
      ) : (
        <>
          <NameValueTable
            rows={[
              { name: t('Type'), value: labelOf(labels.autoscaler, detection.type) },
              { name: t('Status'), value: detection.message },
              { name: t('Health'), value: detection.health ?? '—', hide: !detection.detected },
              {
                name: t('Last updated'),
                value: detection.lastUpdated ?? '—',
                hide: !detection.detected,
              },
            ]}
          />
          {detection.nodeGroups.length > 0 && (
            <SimpleTable
              data={detection.nodeGroups}
              columns={[
                { label: t('Node group'), getter: (group: AutoscalerNodeGroup) => group.name },
                { label: t('Min'), getter: (group: AutoscalerNodeGroup) => group.minSize },
                { label: t('Max'), getter: (group: AutoscalerNodeGroup) => group.maxSize },
                { label: t('Current'), getter: (group: AutoscalerNodeGroup) => group.currentSize },
                { label: t('Health'), getter: (group: AutoscalerNodeGroup) => group.health },
                {
                  label: t('Scale-up'),
                  getter: (group: AutoscalerNodeGroup) => group.scaleUp ?? '—',
                },
              ]}
            />
          )}
        </>
      )}
    </SectionBox>
  );
}
