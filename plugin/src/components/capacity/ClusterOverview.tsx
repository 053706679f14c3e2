/**
 * One row per selected cluster (Headlamp's multi-cluster selection): GPU totals, what is free, the largest
 * group of GPUs free on one node, and the GPU models. A cluster that cannot be read shows why on its own row.
 * A cluster's name links to its details, shown below the overview.
 */
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Link as RouterLink } from 'react-router-dom';
import { ROUTES } from '../../hooks/useAirunwayPaths';
import { type ClusterCapacityRow, gpuModelCounts } from '../../hooks/useClusterCapacities';
import { ApiErrorBanner } from '../common/ApiErrorBanner';

const COLUMN_COUNT = 7;

/**
 * The page for the same selection with `cluster` first: Headlamp treats the first selected cluster as the
 * current one, so its details show below the overview while every cluster stays selected.
 */
function capacityPathWithFirst(cluster: string, clusters: string[]): string {
  const order = [cluster, ...clusters.filter(name => name !== cluster)];
  return `/c/${order.join('+')}${ROUTES.capacity}`;
}

function ClusterRow(props: {
  row: ClusterCapacityRow;
  clusters: string[];
  current: string | null;
}) {
  const { t } = useTranslation();
  const { row } = props;
  const name = (
    <TableCell component="th" scope="row">
      {row.cluster === props.current ? (
        <span aria-current="true">{row.cluster}</span>
      ) : (
        <RouterLink
          to={capacityPathWithFirst(row.cluster, props.clusters)}
          title={t('Show the details of {{cluster}} below', { cluster: row.cluster })}
        >
          {row.cluster}
        </RouterLink>
      )}
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

export function ClusterOverview(props: { rows: ClusterCapacityRow[]; current: string | null }) {
  const { t } = useTranslation();
  const clusters = props.rows.map(row => row.cluster);
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
          {props.rows.map(row => (
            <ClusterRow key={row.cluster} row={row} clusters={clusters} current={props.current} />
          ))}
        </TableBody>
      </Table>
    </SectionBox>
  );
}
