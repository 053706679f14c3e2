/**
 * Monthly prices as the Models and GPU capacity pages show them: the amount in the price's own currency,
 * "estimate" beside static or low-confidence prices, and where the price came from as visible text (a
 * tooltip alone would hide it from keyboard and touch users).
 */
import type { PriceOrigin } from '@airunway/shared-client/poolPricing';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useCallback } from 'react';
import type { NodePoolCostsResult } from '../../hooks/useNodePoolCosts';

/** `amount` in `currency` for the user's language; a currency Intl does not know is shown by its code. */
export function useMoney(): (amount: number, currency: string) => string {
  const { i18n } = useTranslation();
  const language = i18n?.language;
  return useCallback(
    (amount: number, currency: string) => {
      try {
        return new Intl.NumberFormat(language || undefined, {
          style: 'currency',
          currency,
        }).format(amount);
      } catch {
        return `${amount.toFixed(2)} ${currency}`;
      }
    },
    [language]
  );
}

/** Where a price came from, in words. */
export function usePriceOrigin(): (origin: PriceOrigin) => string {
  const { t } = useTranslation();
  return useCallback(
    (origin: PriceOrigin) => {
      if (origin.source === 'static') {
        return t(
          'Static list-price estimate: no real-time price for this pool. Prices vary by region.'
        );
      }
      const where = origin.instanceType
        ? origin.region
          ? t('{{instanceType}} in {{region}}', {
              instanceType: origin.instanceType,
              region: origin.region,
            })
          : origin.instanceType
        : t('this pool');
      if (origin.confidence !== 'high') {
        return t('Cloud price for {{where}}, from another region than the pool.', { where });
      }
      return origin.cached
        ? t('Cloud price for {{where}}, from the proxy cache.', { where })
        : t('Real-time cloud price for {{where}}.', { where });
    },
    [t]
  );
}

/** An amount per month, with "estimate" when the price is only one, and its origin below. */
export function MonthlyAmount({
  amount,
  currency,
  origin,
  detail,
}: {
  amount: number;
  currency: string;
  origin: PriceOrigin;
  /** What the amount is made of (e.g. "2 × $4,485.70 per GPU on pool h100"). */
  detail?: string;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const describe = usePriceOrigin();
  const source = describe(origin);
  return (
    <Box title={source}>
      <Typography variant="body2" component="div">
        {t('{{amount}} / month', { amount: money(amount, currency) })}
        {origin.estimate && ` (${t('estimate')})`}
      </Typography>
      {detail && (
        <Typography variant="caption" component="div">
          {detail}
        </Typography>
      )}
      <Typography variant="caption" component="div">
        {source}
      </Typography>
    </Box>
  );
}

/** "—" and why there is no amount. */
export function NoAmount({ reason }: { reason: string }) {
  return (
    <Box>
      <Typography variant="body2" component="div" aria-hidden="true">
        —
      </Typography>
      <Typography variant="caption" component="div">
        {reason}
      </Typography>
    </Box>
  );
}

/**
 * What to show instead of an amount while prices are not known: loading, the proxy missing, or its error.
 * Undefined once prices are there.
 */
export function usePricesPending(prices: NodePoolCostsResult): string | undefined {
  const { t } = useTranslation();
  if (prices.costs) return undefined;
  if (prices.proxyUnavailable) {
    return t(
      'Cost needs the AI Runway proxy, which is not reachable on this cluster. Install it from AI Runway → Runtimes.'
    );
  }
  if (prices.error) return t('Prices unavailable: {{message}}', { message: prices.error.message });
  return t('Loading prices…');
}
