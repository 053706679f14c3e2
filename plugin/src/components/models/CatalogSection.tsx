import type { ClusterCapacity } from '@airunway/shared-client/capacity';
import {
  type CatalogModel,
  ENGINES,
  filterCatalog,
  MODEL_CATALOG,
} from '@airunway/shared-client/catalog';
import type { FitResult } from '@airunway/shared-client/fit';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox, SimpleTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { NodePoolCostsResult } from '../../hooks/useNodePoolCosts';
import { DeployButton } from './DeployButton';
import { FitBadge } from './FitBadge';
import { GatedLink } from './GatedLink';
import { catalogModelFit } from './modelFit';
import { MonthlyCostCell } from './MonthlyCostCell';

export interface CapacityState {
  capacity: ClusterCapacity | null;
  /** Capacity could not be read (the page shows why); fits are then not shown. */
  failed: boolean;
}

function FitCell({ fit, capacity }: { fit: FitResult | undefined; capacity: CapacityState }) {
  const { t } = useTranslation();
  if (capacity.failed) return <>{t('Capacity unknown')}</>;
  if (!fit) return <>{t('Checking cluster capacity…')}</>;
  return <FitBadge fit={fit} />;
}

/**
 * The engine to prefill: llama.cpp when the fit runs it on CPU, else the filtered engine when the model
 * supports it, else the model's first.
 */
function deployEngine(model: CatalogModel, engineFilter: string, fit?: FitResult) {
  const supports = (name: string) => model.supportedEngines.some(engine => engine === name);
  if (fit?.gpusNeeded === 0 && supports('llamacpp')) return 'llamacpp';
  if (engineFilter && supports(engineFilter)) return engineFilter;
  return model.supportedEngines[0];
}

export function CatalogSection({
  capacity,
  prices,
}: {
  capacity: CapacityState;
  prices: NodePoolCostsResult;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [engine, setEngine] = useState('');
  const models = useMemo(() => filterCatalog(MODEL_CATALOG, { search, engine }), [search, engine]);
  const cluster = capacity.capacity;
  const fits = useMemo(
    () =>
      new Map(
        cluster ? MODEL_CATALOG.map(model => [model.id, catalogModelFit(model, cluster)]) : []
      ),
    [cluster]
  );

  return (
    <SectionBox title={t('Curated models')}>
      <Stack direction="row" spacing={2} sx={{ mb: 2 }}>
        <TextField
          size="small"
          label={t('Search curated models')}
          value={search}
          onChange={event => setSearch(event.target.value)}
        />
        <TextField
          select
          size="small"
          label={t('Engine')}
          value={engine}
          onChange={event => setEngine(event.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          <option value="">{t('All engines')}</option>
          {ENGINES.map(name => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </TextField>
      </Stack>
      <SimpleTable
        data={models}
        // The whole curated list on one page: it is short, and search narrows it.
        rowsPerPage={[MODEL_CATALOG.length]}
        showPagination={false}
        emptyMessage={t('No curated model matches this search and engine.')}
        columns={[
          {
            label: t('Model'),
            // The name, id and description need room; the numbers beside them do not.
            gridTemplate: 'minmax(240px, 3fr)',
            getter: (model: CatalogModel) => (
              <>
                <Typography variant="body2">{model.name}</Typography>
                <Typography variant="caption">
                  {model.id}
                  {' · '}
                  {model.task}
                  {model.gated && (
                    <>
                      {' · '}
                      <GatedLink />
                    </>
                  )}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {model.description}
                </Typography>
              </>
            ),
          },
          { label: t('Size'), gridTemplate: 'auto', getter: (model: CatalogModel) => model.size },
          {
            label: t('Context'),
            gridTemplate: 'auto',
            getter: (model: CatalogModel) => model.contextLength,
          },
          {
            label: t('Engines'),
            getter: (model: CatalogModel) => model.supportedEngines.join(', '),
          },
          {
            label: t('GPU memory'),
            getter: (model: CatalogModel) => `${model.minGpuMemory} GB`,
          },
          {
            label: t('Fit on this cluster'),
            gridTemplate: 'minmax(200px, 2fr)',
            getter: (model: CatalogModel) => (
              <FitCell fit={fits.get(model.id)} capacity={capacity} />
            ),
          },
          {
            label: t('Monthly cost'),
            getter: (model: CatalogModel) =>
              capacity.failed ? (
                t('No cost without the cluster capacity')
              ) : (
                <MonthlyCostCell fit={fits.get(model.id)} capacity={cluster} prices={prices} />
              ),
          },
          {
            label: t('Actions'),
            gridTemplate: 'auto',
            getter: (model: CatalogModel) => (
              <DeployButton
                prefill={{
                  model: model.id,
                  engine: deployEngine(model, engine, fits.get(model.id)),
                  gpus: fits.get(model.id)?.gpusNeeded ?? model.minGpus,
                  gated: model.gated,
                }}
              />
            ),
          },
        ]}
      />
    </SectionBox>
  );
}
