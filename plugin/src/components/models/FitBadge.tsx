import type { FitResult } from '@airunway/shared-client/fit';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/**
 * The verdict as a label plus the reason as visible text (a tooltip alone would hide it from keyboard and
 * touch users); colour is never the only signal.
 */
export function FitBadge({ fit }: { fit: FitResult | undefined }) {
  const { t } = useTranslation();
  if (!fit) {
    return <Typography variant="body2">{t('Size unknown: fit not checked')}</Typography>;
  }
  const label =
    fit.verdict === 'does-not-fit'
      ? t('Does not fit')
      : fit.gpusNeeded === 0
      ? t('Fits on CPU')
      : fit.verdict === 'fits'
      ? t('Fits on 1 GPU')
      : t('Needs {{count}} GPUs', { count: fit.gpusNeeded });
  return (
    <Box title={fit.reason}>
      <StatusLabel status={fit.verdict === 'does-not-fit' ? 'error' : 'success'}>
        {label}
      </StatusLabel>
      <Typography variant="caption" component="div">
        {fit.reason}
      </Typography>
    </Box>
  );
}
