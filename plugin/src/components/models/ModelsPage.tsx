import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Stack from '@mui/material/Stack';
import { useCapacity } from '../../hooks/useCapacity';
import { useNodePoolCosts } from '../../hooks/useNodePoolCosts';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { CatalogSection } from './CatalogSection';
import { HfSearchSection } from './HfSearchSection';

/**
 * Pick a model: the curated catalog (always works) and HuggingFace search (needs the proxy), each with a
 * fit badge against the selected cluster's free GPUs and the monthly cost of the GPUs it needs (one price
 * request for the page). A capacity failure only hides the badges; a missing proxy only the costs.
 */
export function ModelsPage() {
  const { t } = useTranslation();
  const { capacity, error, failedResource } = useCapacity();
  const prices = useNodePoolCosts(capacity);
  return (
    <Stack spacing={1}>
      {error && (
        <SectionBox title={t('GPU fit unavailable')}>
          <ApiErrorBanner
            error={error}
            intent={{ verb: 'list', resource: failedResource ?? 'nodes' }}
          />
        </SectionBox>
      )}
      <CatalogSection capacity={{ capacity, failed: Boolean(error) }} prices={prices} />
      <HfSearchSection capacity={capacity} prices={prices} />
    </Stack>
  );
}
