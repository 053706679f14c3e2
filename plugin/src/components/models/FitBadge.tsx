import type { FitResult } from '@airunway/shared-client/fit';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useFitText } from './useFitText';

/**
 * The verdict as a label plus the reason as visible text (a tooltip alone would hide it from keyboard and
 * touch users); colour is never the only signal.
 */
export function FitBadge({ fit }: { fit: FitResult | undefined }) {
  const { t } = useTranslation();
  const fitText = useFitText();
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
  const reason = fitText(fit.message);
  return (
    <Box title={reason}>
      <StatusLabel status={fit.verdict === 'does-not-fit' ? 'error' : 'success'}>
        {label}
      </StatusLabel>
      <Typography variant="caption" component="div">
        {reason}
      </Typography>
    </Box>
  );
}
