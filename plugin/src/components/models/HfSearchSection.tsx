import type { ClusterCapacity } from '@airunway/shared-client/capacity';
import type { HfModelSearchResult } from '@airunway/shared-client/schemas/proxy';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox, SimpleTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useRef, useState } from 'react';
import { MODEL_SEARCH_PAGE_SIZE, useModelSearch } from '../../hooks/useModelSearch';
import type { NodePoolCostsResult } from '../../hooks/useNodePoolCosts';
import { DeployButton } from './DeployButton';
import { FitBadge } from './FitBadge';
import { GatedLink } from './GatedLink';
import { carriesGgufFiles } from './ggufFiles';
import { GgufFilesPanel, GgufFilesToggle } from './GgufFilesPanel';
import { searchResultFit } from './modelFit';
import { MonthlyCostCell } from './MonthlyCostCell';
import { isProxyUnavailable } from './proxyErrors';

/** "8B", "494M": the weights' size as people say it, in the viewer's locale. */
const PARAMETERS = new Intl.NumberFormat(undefined, {
  notation: 'compact',
  maximumFractionDigits: 1,
});

function ProxyNeededBanner() {
  const { t } = useTranslation();
  return (
    <Alert severity="info" role="status">
      <AlertTitle>{t('HuggingFace search needs the AI Runway proxy')}</AlertTitle>
      {t(
        'The proxy is not reachable on this cluster. Install it from AI Runway → Runtimes, or set where it runs in the plugin settings. The curated catalog above keeps working without it.'
      )}
    </Alert>
  );
}

function SearchError({ error }: { error: Error }) {
  const { t } = useTranslation();
  if (isProxyUnavailable(error)) return <ProxyNeededBanner />;
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{t('HuggingFace search failed')}</AlertTitle>
      {error.message}
    </Alert>
  );
}

export function HfSearchSection({
  capacity,
  prices,
}: {
  capacity: ClusterCapacity | null;
  prices: NodePoolCostsResult;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const search = useModelSearch(query, offset);
  // The one repo whose GGUF files are listed ('' = none): its files are fetched only once asked for.
  const [ggufRepo, setGgufRepo] = useState('');
  const ggufToggle = useRef<HTMLButtonElement | null>(null);
  const ggufPanelId = useId();
  const closeGguf = () => {
    setGgufRepo('');
    ggufToggle.current?.focus();
  };
  const page = search.data;
  // While the next page loads the previous one stays on screen: count from the offset it answered for.
  const pageOffset = page?.offset ?? offset;

  return (
    <SectionBox title={t('Search HuggingFace')}>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ mb: 2 }}
        role="search"
        onSubmit={(event: React.FormEvent) => {
          event.preventDefault();
          setOffset(0);
          setQuery(draft.trim());
          setGgufRepo('');
        }}
      >
        <TextField
          size="small"
          label={t('HuggingFace model search')}
          value={draft}
          onChange={event => setDraft(event.target.value)}
        />
        <Button type="submit" variant="contained" disabled={draft.trim() === ''}>
          {t('Search')}
        </Button>
      </Stack>
      {search.error ? (
        <SearchError error={search.error} />
      ) : search.isLoading ? (
        <Loader title={t('Searching HuggingFace')} />
      ) : page ? (
        <>
          <Typography variant="body2" role="status">
            {page.total === 0
              ? t('No text-generation model matches "{{query}}".', { query: page.query })
              : t('Showing {{from}}–{{to}} of {{total}} models', {
                  from: pageOffset + 1,
                  to: pageOffset + page.models.length,
                  total: page.total,
                })}
          </Typography>
          {page.models.length > 0 && (
            <SimpleTable
              data={page.models}
              // Pages come from the proxy (offset/limit), not from the table.
              rowsPerPage={[MODEL_SEARCH_PAGE_SIZE]}
              showPagination={false}
              columns={[
                {
                  label: t('Model'),
                  gridTemplate: 'minmax(240px, 3fr)',
                  getter: (model: HfModelSearchResult) => (
                    <>
                      <Typography variant="body2">{model.id}</Typography>
                      {model.gated && (
                        <Typography variant="caption">
                          <GatedLink />
                        </Typography>
                      )}
                    </>
                  ),
                },
                {
                  label: t('Parameters'),
                  getter: (model: HfModelSearchResult) =>
                    model.parameterCount === undefined
                      ? '—'
                      : PARAMETERS.format(model.parameterCount),
                },
                {
                  label: t('Downloads'),
                  getter: (model: HfModelSearchResult) => model.downloads.toLocaleString(),
                },
                {
                  label: t('Engines'),
                  getter: (model: HfModelSearchResult) => model.supportedEngines.join(', ') || '—',
                },
                {
                  label: t('GPU memory'),
                  getter: (model: HfModelSearchResult) => model.estimatedGpuMemory ?? '—',
                },
                {
                  label: t('Fit on this cluster'),
                  gridTemplate: 'minmax(200px, 2fr)',
                  getter: (model: HfModelSearchResult) =>
                    capacity ? (
                      <FitBadge fit={searchResultFit(model, capacity)} />
                    ) : (
                      t('Capacity unknown')
                    ),
                },
                {
                  label: t('Monthly cost'),
                  getter: (model: HfModelSearchResult) =>
                    capacity ? (
                      <MonthlyCostCell
                        fit={searchResultFit(model, capacity)}
                        capacity={capacity}
                        prices={prices}
                      />
                    ) : (
                      t('No cost without the cluster capacity')
                    ),
                },
                {
                  label: t('Actions'),
                  gridTemplate: 'auto',
                  getter: (model: HfModelSearchResult) => (
                    <Stack direction="row" spacing={1}>
                      <DeployButton
                        prefill={{
                          model: model.id,
                          engine: model.supportedEngines[0],
                          gpus: capacity ? searchResultFit(model, capacity)?.gpusNeeded : undefined,
                          gated: model.gated,
                        }}
                      />
                      {carriesGgufFiles(model) && (
                        <GgufFilesToggle
                          repo={model.id}
                          open={ggufRepo === model.id}
                          panelId={ggufPanelId}
                          onToggle={button => {
                            if (ggufRepo === model.id) return closeGguf();
                            ggufToggle.current = button;
                            setGgufRepo(model.id);
                          }}
                        />
                      )}
                    </Stack>
                  ),
                },
              ]}
            />
          )}
          {ggufRepo && <GgufFilesPanel id={ggufPanelId} repo={ggufRepo} onClose={closeGguf} />}
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <Button
              disabled={offset === 0 || search.isFetching}
              onClick={() => setOffset(Math.max(0, offset - MODEL_SEARCH_PAGE_SIZE))}
            >
              {t('Previous page')}
            </Button>
            <Button
              disabled={!page.hasMore || search.isFetching}
              onClick={() => setOffset(offset + MODEL_SEARCH_PAGE_SIZE)}
            >
              {t('Next page')}
            </Button>
          </Stack>
        </>
      ) : (
        <Typography variant="body2">
          {t('Search HuggingFace for text-generation models beyond the curated list.')}
        </Typography>
      )}
    </SectionBox>
  );
}
