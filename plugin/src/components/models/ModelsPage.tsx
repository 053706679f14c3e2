import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Stack from '@mui/material/Stack';
import { useCapacity } from '../../hooks/useCapacity';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { CatalogSection } from './CatalogSection';
import { HfSearchSection } from './HfSearchSection';

/**
 * Pick a model: the curated catalog (always works) and HuggingFace search (needs the proxy), each with a
 * fit badge against the selected cluster's free GPUs. A capacity failure only hides the badges.
 */
export function ModelsPage() {
  const { t } = useTranslation();
  const { capacity, error, failedResource } = useCapacity();
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
      <CatalogSection capacity={{ capacity, failed: Boolean(error) }} />
      <HfSearchSection capacity={capacity} />
    </Stack>
  );
}
