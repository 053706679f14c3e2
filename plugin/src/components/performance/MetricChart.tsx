import type { NormalizedMetrics } from '@airunway/shared-client/prometheus/normalize';
import type { DerivedPoint } from '@airunway/shared-client/prometheus/rates';
import { hasMetric } from '@airunway/shared-client/prometheus/window';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ErrorBoundary } from '../common/ErrorBoundary';
import { type ChartSpec, formatValue, latest } from './metricCharts';

const time = (ms: number) => new Date(ms).toLocaleTimeString();

/**
 * One chart of the window, with its latest values as text (the chart is a figure; the numbers are what a
 * screen reader and a quick look need). A metric the engine does not expose says so instead of drawing 0.
 */
export function MetricChart(props: {
  spec: ChartSpec;
  points: DerivedPoint[];
  engine: string;
  /** The last scrape, undefined before the first. */
  latest?: NormalizedMetrics;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const { spec, points } = props;
  const title = spec.title(t);
  const available = spec.series.filter(s => hasMetric(points, s.field));
  const colours = [
    theme.palette.primary.main,
    theme.palette.warning.main,
    theme.palette.error.main,
  ];

  return (
    <figure style={{ margin: 0 }} aria-label={title}>
      <Typography component="figcaption" variant="subtitle2">
        {title}
      </Typography>
      {available.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {props.latest && !spec.exposed(props.latest)
            ? t('Not available: the {{engine}} server does not expose this metric.', {
                engine: props.engine,
              })
            : points.length < 2
            ? t('Waiting for a second scrape to compute this.')
            : t('No data in this window: no requests finished between the scrapes.')}
        </Typography>
      ) : (
        <>
          <Typography variant="body2">
            {available
              .map(s => `${s.label(t)}: ${formatValue(latest(points, s.field), spec.unit)}`)
              .join(' · ')}
          </Typography>
          <ErrorBoundary what={title}>
            <ResponsiveContainer width="100%" height={180}>
              <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="timestampMs" tickFormatter={time} minTickGap={40} />
                <YAxis tickFormatter={(v: number) => formatValue(v, spec.unit)} width={64} />
                <Tooltip
                  labelFormatter={(v: number) => time(v)}
                  formatter={(v: number) => formatValue(v, spec.unit)}
                />
                <Legend />
                {available.map((s, i) => (
                  <Line
                    key={s.field}
                    dataKey={s.field}
                    name={s.label(t)}
                    stroke={colours[i % colours.length]}
                    dot={false}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </ErrorBoundary>
        </>
      )}
    </figure>
  );
}

/**
 * Requests finished in each interval by finish reason (stop, length, abort, error), stacked, with the
 * window's totals as text. `length` means max_tokens cut the answer; `abort` and `error` are failures.
 */
export function SuccessByReason(props: { points: DerivedPoint[] }) {
  const { t } = useTranslation();
  const theme = useTheme();
  const title = t('Finished requests by reason');
  const totals = new Map<string, number>();
  const rows = props.points
    .filter(point => point.successByReason)
    .map(point => {
      for (const [reason, count] of Object.entries(point.successByReason ?? {})) {
        totals.set(reason, (totals.get(reason) ?? 0) + count);
      }
      return { timestampMs: point.timestampMs, ...point.successByReason };
    });
  const colours: Record<string, string> = {
    stop: theme.palette.success.main,
    length: theme.palette.warning.main,
    abort: theme.palette.grey[500],
    error: theme.palette.error.main,
  };
  return (
    <figure style={{ margin: 0 }} aria-label={title}>
      <Typography component="figcaption" variant="subtitle2">
        {title}
      </Typography>
      <Typography variant="body2" color={totals.size ? undefined : 'text.secondary'}>
        {totals.size
          ? [...totals].map(([reason, count]) => `${reason}: ${count}`).join(' · ')
          : t(
              'Not available yet: finish reasons need two scrapes from an engine that reports them.'
            )}
      </Typography>
      {totals.size > 0 && (
        <ErrorBoundary what={title}>
          <ResponsiveContainer width="100%" height={180}>
            <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="timestampMs" tickFormatter={time} minTickGap={40} />
              <YAxis allowDecimals={false} width={64} />
              <Tooltip labelFormatter={(v: number) => time(v)} />
              <Legend />
              {[...totals.keys()].map(reason => (
                <Bar
                  key={reason}
                  dataKey={reason}
                  stackId="reasons"
                  fill={colours[reason] ?? theme.palette.info.main}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </ErrorBoundary>
      )}
    </figure>
  );
}
