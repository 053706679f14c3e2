/**
 * One row per selected cluster (Headlamp's multi-cluster selection): GPU totals, what is free, the largest
 * group of GPUs free on one node, and the GPU models. A cluster that cannot be read shows why on its own row.
 */
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { type ClusterCapacityRow, gpuModelCounts } from '../../hooks/useClusterCapacities';
import { ApiErrorBanner } from '../common/ApiErrorBanner';

const COLUMN_COUNT = 7;

function ClusterRow({ row }: { row: ClusterCapacityRow }) {
  const { t } = useTranslation();
  const name = (
    <TableCell component="th" scope="row">
      {row.cluster}
    </TableCell>
  );
  if (row.error) {
    return (
      <TableRow>
        {name}
        <TableCell colSpan={COLUMN_COUNT - 1}>
          <ApiErrorBanner
            error={row.error}
            intent={{ verb: 'list', resource: row.failedResource ?? 'nodes' }}
          />
        </TableCell>
      </TableRow>
    );
  }
  const capacity = row.capacity;
  if (!capacity) {
    return (
      <TableRow>
        {name}
        <TableCell colSpan={COLUMN_COUNT - 1}>{t('Loading…')}</TableCell>
      </TableRow>
    );
  }
  const models = gpuModelCounts(capacity)
    .map(({ model, gpus }) => `${model || t('unknown model')} × ${gpus}`)
    .join(', ');
  return (
    <TableRow>
      {name}
      <TableCell>{capacity.gpuNodeCount}</TableCell>
      <TableCell>{capacity.totalGpus}</TableCell>
      <TableCell>{capacity.allocatedGpus}</TableCell>
      <TableCell>{capacity.schedulableAvailableGpus}</TableCell>
      <TableCell>{capacity.maxContiguousAvailable}</TableCell>
      <TableCell>{models || t('no GPUs')}</TableCell>
    </TableRow>
  );
}

export function ClusterOverview({ rows }: { rows: ClusterCapacityRow[] }) {
  const { t } = useTranslation();
  return (
    <SectionBox title={t('GPU capacity across selected clusters')}>
      <Table size="small" aria-label={t('GPU capacity per cluster')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('Cluster')}</TableCell>
            <TableCell>{t('GPU nodes')}</TableCell>
            <TableCell>{t('Total GPUs')}</TableCell>
            <TableCell>{t('Allocated GPUs')}</TableCell>
            <TableCell>{t('Available GPUs (schedulable)')}</TableCell>
            <TableCell>{t('Max contiguous GPUs on one node')}</TableCell>
            <TableCell>{t('GPU models')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <ClusterRow key={row.cluster} row={row} />
          ))}
        </TableBody>
      </Table>
    </SectionBox>
  );
}
