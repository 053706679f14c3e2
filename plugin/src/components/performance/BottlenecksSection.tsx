import type { Bottleneck, Recommendation } from '@airunway/shared-client/advisor';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox, SimpleTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Typography from '@mui/material/Typography';
import { useEnumLabels } from '../common/enumLabels';
import { formatValue, unitOf } from './metricCharts';

/** Sustained bottlenecks from the shared-client detector, most severe first. */
export function BottlenecksSection(props: {
  bottlenecks: Bottleneck[];
  points: number;
  /** To name, for each bottleneck, the recommendations below that address it. */
  recommendations: Recommendation[];
}) {
  const { t } = useTranslation();
  const labels = useEnumLabels();
  return (
    <SectionBox title={t('Bottlenecks')}>
      {props.bottlenecks.length === 0 ? (
        <Typography variant="body2">
          {props.points < 3
            ? t('Collecting samples: a bottleneck is reported once it lasts three scrapes.')
            : t('No sustained bottleneck in the current window.')}
        </Typography>
      ) : (
        <SimpleTable
          data={props.bottlenecks}
          columns={[
            { label: t('Type'), getter: (b: Bottleneck) => labels.bottleneck[b.type] },
            { label: t('Severity'), getter: (b: Bottleneck) => labels.severity[b.severity] },
            { label: t('Metric'), getter: (b: Bottleneck) => b.metric },
            {
              label: t('Current / threshold'),
              getter: (b: Bottleneck) =>
                `${formatValue(b.currentValue, unitOf(b.metric))} / ${formatValue(
                  b.threshold,
                  unitOf(b.metric)
                )}`,
            },
            {
              label: t('Since'),
              getter: (b: Bottleneck) => new Date(b.sinceMs).toLocaleTimeString(),
            },
            { label: t('What is happening'), getter: (b: Bottleneck) => b.description },
            {
              label: t('Recommended'),
              getter: (b: Bottleneck) =>
                props.recommendations
                  .filter(r => r.addresses.includes(b.type))
                  .map(r => r.title)
                  .join('; ') || t('Nothing the advisor can change for this engine'),
            },
          ]}
        />
      )}
    </SectionBox>
  );
}
