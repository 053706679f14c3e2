/**
 * Recipes for the create form: each shows what it asks of the cluster and whether the selected cluster's
 * free GPUs (or memory, for CPU) can take it, and Apply rewrites the spec (the form and YAML follow). The
 * logic is shared-client's recipes module; only the wording and inputs live here.
 */
import type { ClusterCapacity } from '@airunway/shared-client/capacity';
import {
  applyRecipe,
  assessDemandFit,
  defaultRecipeInput,
  type Demand,
  type DemandFit,
  type PodGroupDemand,
  type RecipeChoice,
  recipeChoiceFromInput,
  type RecipeDefinition,
  type RecipeId,
  RECIPES,
  specDemand,
} from '@airunway/shared-client/recipes';
import {
  type ModelDeploymentSpec,
  SPEC_DEFAULTS,
} from '@airunway/shared-client/schemas/modelDeployment';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { useCapacity } from '../../hooks/useCapacity';

type Translate = ReturnType<typeof useTranslation>['t'];

function recipeTitle(t: Translate, id: RecipeId): string {
  switch (id) {
    case 'single-node-tp':
      return t('Single node, tensor parallel');
    case 'replicas-x-gpus':
      return t('N replicas × G GPUs');
    case 'cpu-llamacpp':
      return t('CPU only (llama.cpp)');
    case 'disaggregated':
      return t('Disaggregated prefill/decode');
  }
}

function recipeDescription(t: Translate, id: RecipeId): string {
  switch (id) {
    case 'single-node-tp':
      return t(
        'One replica on every free GPU of the node with the most free GPUs, split with tensor parallelism.'
      );
    case 'replicas-x-gpus':
      return t('N identical replicas, each with G GPUs on one node (tensor parallel G).');
    case 'cpu-llamacpp':
      return t(
        'llama.cpp on CPU with no GPUs; the controller picks KAITO. Use a GGUF model that fits in memory.'
      );
    case 'disaggregated':
      return t(
        'Separate prefill and decode workers with their own replicas and GPUs (NVIDIA Dynamo).'
      );
  }
}

function parameterLabel(t: Translate, id: RecipeId, name: string): string {
  const labels: Record<string, string> = {
    'replicas-x-gpus.replicas': t('Replicas (N)'),
    'replicas-x-gpus.gpusPerReplica': t('GPUs per replica (G)'),
    'cpu-llamacpp.replicas': t('CPU replicas'),
    'cpu-llamacpp.cpu': t('CPU per replica'),
    'cpu-llamacpp.memory': t('Memory per replica'),
    'disaggregated.prefillReplicas': t('Prefill pods'),
    'disaggregated.prefillGpus': t('GPUs per prefill pod'),
    'disaggregated.decodeReplicas': t('Decode pods'),
    'disaggregated.decodeGpus': t('GPUs per decode pod'),
  };
  return labels[`${id}.${name}`] ?? name;
}

function groupText(t: Translate, group: PodGroupDemand): string {
  const pods =
    group.role === 'prefill'
      ? t('Prefill: {{pods}} pod(s)', { pods: group.pods })
      : group.role === 'decode'
      ? t('Decode: {{pods}} pod(s)', { pods: group.pods })
      : t('{{pods}} pod(s)', { pods: group.pods });
  const gpus =
    group.gpusPerPod > 0 ? t('{{gpus}} GPU(s) per pod', { gpus: group.gpusPerPod }) : t('no GPU');
  const resources = [
    group.cpu ? t('CPU {{cpu}}', { cpu: group.cpu }) : null,
    group.memory ? t('memory {{memory}}', { memory: group.memory }) : null,
  ].filter(Boolean);
  return [pods, gpus, ...resources].join(' · ');
}

/** What the recipe asks of the cluster, per pod group and in total. */
function DemandSummary({ demand }: { demand: Demand }) {
  const { t } = useTranslation();
  const totals = [
    t('Total: {{gpus}} GPU(s) in {{pods}} pod(s)', {
      gpus: demand.totalGpus,
      pods: demand.pods,
    }),
    demand.totalCpu !== undefined ? t('{{cpu}} CPU', { cpu: demand.totalCpu }) : null,
    demand.totalMemoryGb !== undefined
      ? t('{{memory}} GiB memory', { memory: demand.totalMemoryGb })
      : null,
  ].filter(Boolean);
  return (
    <Box>
      {demand.groups.map(group => (
        <Typography key={group.role} variant="body2">
          {groupText(t, group)}
        </Typography>
      ))}
      <Typography variant="body2" sx={{ fontWeight: 'bold' }}>
        {totals.join(' · ')}
      </Typography>
    </Box>
  );
}

/** The verdict as a label plus the reason as text (as the Models page's fit badge shows it). */
function RecipeFitBadge(props: { fit: DemandFit | null; capacityState: CapacityState }) {
  const { t } = useTranslation();
  const { fit, capacityState } = props;
  if (!fit) {
    return (
      <Typography variant="body2">
        {capacityState === 'loading'
          ? t('Checking cluster capacity…')
          : t('Fit not checked: the cluster capacity is unavailable.')}
      </Typography>
    );
  }
  const label = !fit.checked ? t('Not checked') : fit.fits ? t('Fits') : t('Does not fit');
  return (
    <Box title={fit.reason}>
      <StatusLabel status={!fit.checked ? '' : fit.fits ? 'success' : 'error'}>{label}</StatusLabel>
      <Typography variant="caption" component="div">
        {fit.reason}
      </Typography>
    </Box>
  );
}

type CapacityState = 'loading' | 'ready' | 'failed';

interface RecipeCardProps {
  recipe: RecipeDefinition;
  spec: ModelDeploymentSpec;
  capacity: ClusterCapacity | null;
  capacityState: CapacityState;
  onApply: (spec: ModelDeploymentSpec, title: string) => void;
}

function evaluate(
  spec: ModelDeploymentSpec,
  choice: RecipeChoice,
  capacity: ClusterCapacity | null
): { spec: ModelDeploymentSpec; demand: Demand; fit: DemandFit | null } | null {
  // A spec mid-edit can hold anything the YAML allows; a recipe that cannot read it shows nothing.
  try {
    const next = applyRecipe(spec, choice);
    const demand = specDemand(next);
    return { spec: next, demand, fit: capacity ? assessDemandFit(demand, capacity) : null };
  } catch {
    return null;
  }
}

function RecipeCard({ recipe, spec, capacity, capacityState, onApply }: RecipeCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [input, setInput] = useState(() => defaultRecipeInput(recipe.id));
  const title = recipeTitle(t, recipe.id);
  const gpuType = spec.resources?.gpu?.type ?? SPEC_DEFAULTS.gpuType;
  const result = recipeChoiceFromInput(recipe.id, input, capacity, gpuType);
  const evaluated = result.ok ? evaluate(spec, result.choice, capacity) : null;

  const problem = result.ok
    ? result.node && result.choice.recipe === 'single-node-tp'
      ? t('Sized on node {{node}}: {{gpus}} free GPU(s), tensor parallel {{gpus}}.', {
          node: result.node,
          gpus: result.choice.gpus,
        })
      : null
    : result.problem === 'capacity-unknown'
    ? capacityState === 'loading'
      ? t('Checking cluster capacity…')
      : t('Needs the cluster capacity to size itself, which is unavailable.')
    : result.problem === 'no-free-gpu'
    ? t('No ready, schedulable node has a free {{gpuType}} GPU.', { gpuType })
    : null;

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby={titleId}
      sx={{ p: 2, height: '100%' }}
    >
      <Stack spacing={1.5} sx={{ height: '100%' }}>
        <Typography id={titleId} variant="subtitle1" component="h3" sx={{ fontWeight: 'bold' }}>
          {title}
        </Typography>
        <Typography variant="body2">{recipeDescription(t, recipe.id)}</Typography>
        {recipe.parameters.length > 0 && (
          <Stack direction="row" flexWrap="wrap" gap={1.5}>
            {recipe.parameters.map(parameter => {
              const error = !result.ok ? result.errors[parameter.name] : undefined;
              return (
                <TextField
                  key={parameter.name}
                  size="small"
                  label={parameterLabel(t, recipe.id, parameter.name)}
                  type={parameter.kind === 'count' ? 'number' : 'text'}
                  value={input[parameter.name] ?? ''}
                  onChange={event =>
                    setInput(current => ({ ...current, [parameter.name]: event.target.value }))
                  }
                  error={error !== undefined}
                  helperText={
                    error === undefined
                      ? undefined
                      : parameter.kind === 'count'
                      ? t('Enter a whole number of at least 1')
                      : t('Enter a Kubernetes quantity such as 4, 500m or 16Gi')
                  }
                  inputProps={parameter.kind === 'count' ? { min: 1, step: 1 } : undefined}
                  sx={{ width: 170 }}
                />
              );
            })}
          </Stack>
        )}
        {problem && <Typography variant="body2">{problem}</Typography>}
        {evaluated && (
          <>
            <DemandSummary demand={evaluated.demand} />
            <RecipeFitBadge fit={evaluated.fit} capacityState={capacityState} />
          </>
        )}
        <Box sx={{ mt: 'auto' }}>
          <Button
            variant="outlined"
            size="small"
            disabled={!evaluated}
            aria-label={t('Apply recipe {{title}}', { title })}
            onClick={() => evaluated && onApply(evaluated.spec, title)}
          >
            {t('Apply')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}

/**
 * The recipes as cards; `onApply` receives the spec with the recipe applied. Capacity is that of the
 * cluster Headlamp has selected, as on the Models page.
 */
export function RecipePicker(props: {
  spec: ModelDeploymentSpec;
  onApply: (spec: ModelDeploymentSpec) => void;
}) {
  const { t } = useTranslation();
  const result = useCapacity();
  const [applied, setApplied] = useState('');
  // A failed list can leave the other one (or an empty one) behind: a capacity computed from it would
  // claim the cluster has no GPUs, so any error means unknown.
  const capacity = result.error ? null : result.capacity;
  const capacityState: CapacityState = result.error ? 'failed' : capacity ? 'ready' : 'loading';
  return (
    <Box>
      <Grid container spacing={2}>
        {RECIPES.map(recipe => (
          <Grid item xs={12} md={6} key={recipe.id}>
            <RecipeCard
              recipe={recipe}
              spec={props.spec}
              capacity={capacity}
              capacityState={capacityState}
              onApply={(spec, title) => {
                props.onApply(spec);
                setApplied(title);
              }}
            />
          </Grid>
        ))}
      </Grid>
      <Typography role="status" variant="body2" sx={{ mt: 1 }}>
        {applied
          ? t('Applied “{{title}}”: the form and the YAML now use it.', { title: applied })
          : ''}
      </Typography>
    </Box>
  );
}
