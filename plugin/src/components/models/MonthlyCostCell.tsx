import type { ClusterCapacity } from '@airunway/shared-client/capacity';
import type { FitResult } from '@airunway/shared-client/fit';
import { modelMonthlyCost } from '@airunway/shared-client/poolPricing';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import type { NodePoolCostsResult } from '../../hooks/useNodePoolCosts';
import { MonthlyAmount, NoAmount, useMoney, usePricesPending } from '../common/MonthlyCost';

/**
 * The monthly cost of the GPUs a model needs, beside its fit: on the pool of the node the fit chose (or the
 * cheapest pool whose GPUs fit), "—" with the reason when there is nothing to price.
 */
export function MonthlyCostCell({
  fit,
  capacity,
  prices,
}: {
  fit: FitResult | undefined;
  capacity: ClusterCapacity | null;
  prices: NodePoolCostsResult;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const pending = usePricesPending(prices);
  if (!capacity) return <NoAmount reason={t('Waiting for the cluster capacity')} />;
  if (!fit) return <NoAmount reason={t('Size unknown: cost not checked')} />;
  if (fit.verdict === 'does-not-fit') {
    return <NoAmount reason={t('Does not fit: nothing to price')} />;
  }
  if (fit.gpusNeeded === 0) return <NoAmount reason={t('Runs on CPU: no GPU cost')} />;
  if (pending || !prices.costs) return <NoAmount reason={pending ?? ''} />;
  const cost = modelMonthlyCost(fit, capacity, prices.costs);
  if (cost.kind === 'none') {
    return <NoAmount reason={t('No price is known for the GPU pools this model fits')} />;
  }
  const perGpu = money(cost.perGpuMonthly, cost.currency);
  const detail =
    cost.pool === 'fit-node'
      ? t('{{count}} × {{perGpu}} per GPU on pool {{pool}}', {
          count: cost.gpus,
          perGpu,
          pool: cost.poolName,
        })
      : t('{{count}} × {{perGpu}} per GPU on pool {{pool}}, the cheapest whose GPUs fit', {
          count: cost.gpus,
          perGpu,
          pool: cost.poolName,
        });
  return (
    <MonthlyAmount
      amount={cost.monthly}
      currency={cost.currency}
      origin={cost.origin}
      detail={detail}
    />
  );
}
