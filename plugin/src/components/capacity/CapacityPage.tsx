import type { NodeGpuCapacity, NodePoolCapacity } from '@airunway/shared-client/capacity';
import { poolMonthlyCost } from '@airunway/shared-client/poolPricing';
import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import {
  Loader,
  NameValueTable,
  SectionBox,
  SimpleTable,
} from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import { useMemo } from 'react';
import { useAutoscaler } from '../../hooks/useAutoscaler';
import { useCapacity } from '../../hooks/useCapacity';
import { useClusterCapacities } from '../../hooks/useClusterCapacities';
import { type NodePoolCostsResult, useNodePoolCosts } from '../../hooks/useNodePoolCosts';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { MonthlyAmount, NoAmount, usePricesPending } from '../common/MonthlyCost';
import { AllocationChart } from './AllocationChart';
import { AutoscalerSection } from './AutoscalerSection';
import { ClusterOverview } from './ClusterOverview';

function gpuLabel(item: { gpuModel?: string; gpuProduct?: string }) {
  return item.gpuModel ?? item.gpuProduct ?? '—';
}

function memoryLabel(gb: number | undefined) {
  return gb === undefined ? '—' : `${gb} GB`;
}

/** What the whole pool costs per month (instance price × nodes), from the proxy's prices. */
function PoolCostCell({ pool, prices }: { pool: NodePoolCapacity; prices: NodePoolCostsResult }) {
  const { t } = useTranslation();
  const pending = usePricesPending(prices);
  if (pending || !prices.costs) return <NoAmount reason={pending ?? ''} />;
  const cost = poolMonthlyCost(
    prices.costs.find(item => item.poolName === pool.name),
    pool
  );
  if (!cost) return <NoAmount reason={t('No price is known for this pool')} />;
  return <MonthlyAmount amount={cost.monthly} currency={cost.currency} origin={cost.origin} />;
}

/**
 * With several clusters selected in Headlamp, an overview row per cluster comes first, then the details of
 * the current cluster (the first selected one, whose autoscaler status the page reads).
 */
export function CapacityPage() {
  const { t } = useTranslation();
  const selected = K8s.useSelectedClusters();
  const current = K8s.useCluster();
  if (selected.length <= 1) return <ClusterCapacity title={t('GPU capacity')} />;
  return (
    <Stack spacing={1}>
      <AllClusters clusters={selected} current={current} />
      {current && (
        <ClusterCapacity
          cluster={current}
          title={t('GPU capacity of cluster {{cluster}}', { cluster: current })}
        />
      )}
    </Stack>
  );
}

function AllClusters({ clusters, current }: { clusters: string[]; current: string | null }) {
  // By name, so rows stay put when a link makes another cluster the current (first) one.
  const sorted = useMemo(() => [...clusters].sort(), [clusters]);
  return <ClusterOverview rows={useClusterCapacities(sorted)} current={current} />;
}

function ClusterCapacity({ cluster, title }: { cluster?: string; title: string }) {
  const { t } = useTranslation();
  const { capacity, nodes, error, failedResource, isLoading } = useCapacity(cluster);
  const autoscaler = useAutoscaler(nodes);
  const prices = useNodePoolCosts(capacity);
  const gpuNodes = useMemo(
    () => capacity?.nodes.filter(node => node.totalGpus > 0) ?? [],
    [capacity]
  );
  const gpuPools = useMemo(
    () => capacity?.nodePools.filter(pool => pool.gpuCount > 0) ?? [],
    [capacity]
  );

  if (error) {
    return (
      <SectionBox title={title}>
        <ApiErrorBanner
          error={error}
          intent={{ verb: 'list', resource: failedResource ?? 'nodes' }}
        />
      </SectionBox>
    );
  }
  if (isLoading || !capacity) return <Loader title={t('Loading GPU capacity')} />;

  return (
    <Stack spacing={1}>
      <SectionBox title={title}>
        {capacity.gpuNodeCount === 0 && (
          <Alert severity="info">
            {t(
              'No node on this cluster advertises GPUs (nvidia.com/gpu or amd.com/gpu). Add GPU nodes, or install the NVIDIA GPU operator so existing GPU nodes advertise them.'
            )}
          </Alert>
        )}
        <NameValueTable
          rows={[
            { name: t('GPU nodes'), value: capacity.gpuNodeCount },
            { name: t('Total GPUs'), value: capacity.totalGpus },
            { name: t('Allocated GPUs'), value: capacity.allocatedGpus },
            { name: t('Available GPUs (schedulable)'), value: capacity.schedulableAvailableGpus },
            { name: t('Max contiguous GPUs on one node'), value: capacity.maxContiguousAvailable },
            {
              name: t('Total GPU memory'),
              value: memoryLabel(capacity.totalMemoryGb || undefined),
            },
          ]}
        />
      </SectionBox>
      <AutoscalerSection autoscaler={autoscaler} />
      {gpuPools.length > 0 && (
        <SectionBox title={t('Node pools')}>
          <AllocationChart
            title={t('GPU allocation per pool')}
            data={gpuPools.map(pool => ({
              name: pool.name,
              allocated: pool.allocatedGpus,
              available: pool.availableGpus,
            }))}
          />
          <SimpleTable
            data={gpuPools}
            columns={[
              { label: t('Pool'), getter: (pool: NodePoolCapacity) => pool.name },
              { label: t('Nodes'), getter: (pool: NodePoolCapacity) => pool.nodeCount },
              { label: t('GPU model'), getter: gpuLabel },
              {
                label: t('GPU memory'),
                getter: (pool: NodePoolCapacity) => memoryLabel(pool.gpuMemoryGb),
              },
              { label: t('GPUs'), getter: (pool: NodePoolCapacity) => pool.gpuCount },
              { label: t('Allocated'), getter: (pool: NodePoolCapacity) => pool.allocatedGpus },
              { label: t('Available'), getter: (pool: NodePoolCapacity) => pool.availableGpus },
              {
                label: t('Monthly cost'),
                getter: (pool: NodePoolCapacity) => <PoolCostCell pool={pool} prices={prices} />,
              },
            ]}
          />
        </SectionBox>
      )}
      {gpuNodes.length > 0 && (
        <SectionBox title={t('GPU nodes')}>
          <AllocationChart
            title={t('GPU allocation per node')}
            data={gpuNodes.map(node => ({
              name: node.nodeName,
              allocated: node.allocatedGpus,
              available: node.availableGpus,
            }))}
          />
          <SimpleTable
            data={gpuNodes}
            columns={[
              { label: t('Node'), getter: (node: NodeGpuCapacity) => node.nodeName },
              { label: t('Pool'), getter: (node: NodeGpuCapacity) => node.pool ?? '—' },
              {
                label: t('Ready'),
                getter: (node: NodeGpuCapacity) =>
                  !node.ready ? t('Not ready') : node.schedulable ? t('Ready') : t('Cordoned'),
              },
              { label: t('GPU model'), getter: gpuLabel },
              {
                label: t('GPU memory'),
                getter: (node: NodeGpuCapacity) => memoryLabel(node.gpuMemoryGb),
              },
              { label: t('GPUs'), getter: (node: NodeGpuCapacity) => node.totalGpus },
              { label: t('Allocated'), getter: (node: NodeGpuCapacity) => node.allocatedGpus },
              { label: t('Available'), getter: (node: NodeGpuCapacity) => node.availableGpus },
            ]}
          />
        </SectionBox>
      )}
    </Stack>
  );
}
