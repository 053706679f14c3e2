import {
  type ComparedMetric,
  compareSummaries,
} from '@airunway/shared-client/optimization/compare';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { formatValue, unitOf } from './metricCharts';

/** Averages before vs after a change, with a verdict per metric. */
export function ComparisonTable(props: {
  before: Record<string, number>;
  after: Record<string, number>;
  caption: string;
}) {
  const { t } = useTranslation();
  const verdicts = { better: t('better'), worse: t('worse'), same: t('no change'), unknown: '—' };
  const labels: Record<ComparedMetric, string> = {
    ttftP95: t('Time to first token p95'),
    itlP95: t('Inter-token latency p95'),
    e2eP95: t('End-to-end latency p95'),
    generationTokensPerSecond: t('Generated tokens/s'),
    kvCacheUsage: t('KV-cache use'),
    requestsWaiting: t('Waiting requests'),
    preemptionsPerSecond: t('Preemptions/s'),
  };
  const rows = compareSummaries(props.before, props.after);
  return (
    <Table size="small" aria-label={props.caption}>
      <TableHead>
        <TableRow>
          <TableCell>{t('Metric')}</TableCell>
          <TableCell>{t('Before')}</TableCell>
          <TableCell>{t('After')}</TableCell>
          <TableCell>{t('Verdict')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.metric}>
            <TableCell>{labels[row.metric]}</TableCell>
            <TableCell>{formatValue(row.before, unitOf(row.metric))}</TableCell>
            <TableCell>{formatValue(row.after, unitOf(row.metric))}</TableCell>
            <TableCell>{verdicts[row.verdict]}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
