/**
 * "Suggest configuration": asks the proxy's AI Configurator for tensor parallelism, maximum model length
 * and GPU memory share for this model on this GPU, shows the proposal with where it came from, and writes
 * it into the spec only when the user applies it (shared-client's applySuggestion decides the flags).
 */
import { GPU_MODELS } from '@airunway/shared-client/gpu';
import type { ModelDeploymentSpec } from '@airunway/shared-client/schemas/modelDeployment';
import {
  AiConfiguratorAnalyzeRequestSchema,
  type AiConfiguratorAnalyzeResponse,
} from '@airunway/shared-client/schemas/proxy';
import {
  applySuggestion,
  clusterGpuTypes,
  defaultSuggestionGpuType,
  type SuggestionSource,
} from '@airunway/shared-client/suggestion';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useConfigSuggestion } from '../../hooks/useAiConfigurator';
import { useAiConfiguratorOptions } from '../../hooks/useAiConfiguratorOptions';
import { useCapacity } from '../../hooks/useCapacity';
import { FormPanel } from './FormPanel';
import { ProxyUnavailableNote } from './ProxyUnavailableNote';

type Translate = ReturnType<typeof useTranslation>['t'];

function sourceText(t: Translate, source: SuggestionSource | undefined): string {
  switch (source) {
    case 'aiconfigurator':
      return t('Source: NVIDIA AI Configurator');
    case 'builtin':
      return t('Source: built-in estimate (AI Configurator is not available)');
    default:
      return t('Source: defaults (no estimate was possible); check the values before applying');
  }
}

/** The answer, what applying it would write, and the Apply / Discard buttons. */
function Proposal(props: {
  answer: AiConfiguratorAnalyzeResponse;
  spec: ModelDeploymentSpec;
  onApply: (spec: ModelDeploymentSpec) => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  const { answer } = props;
  if (!answer.success) {
    return (
      <Alert severity="warning" role="alert">
        {t('No configuration could be suggested: {{error}}', {
          error: answer.error ?? t('no reason given'),
        })}
      </Alert>
    );
  }
  const applied = applySuggestion(props.spec, answer);
  const { config } = answer;
  const notes = [
    applied.engineChosen
      ? t('No engine is set, so applying also sets the engine to {{engine}}.', {
          engine: applied.engine,
        })
      : null,
    applied.tensorParallel === 'unsupported'
      ? t('{{engine}} has no tensor-parallel setting; it splits the model over the GPUs itself.', {
          engine: applied.engine,
        })
      : null,
    applied.gpuMemoryUtilization === 'unsupported'
      ? t('{{engine}} has no GPU memory share setting, so that value is not applied.', {
          engine: applied.engine,
        })
      : null,
  ].filter((note): note is string => note !== null);
  return (
    <Stack spacing={1}>
      <Typography variant="body2" sx={{ fontWeight: 'bold' }}>
        {sourceText(t, answer.source)}
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        <Typography component="li" variant="body2">
          {t('Tensor parallelism: {{degree}}', { degree: config.tensorParallelDegree })}
        </Typography>
        <Typography component="li" variant="body2">
          {t('Maximum model length: {{length}} tokens', { length: config.maxModelLen })}
        </Typography>
        <Typography component="li" variant="body2">
          {t('GPU memory utilisation: {{share}}', { share: config.gpuMemoryUtilization })}
        </Typography>
      </Box>
      {notes.map((note, index) => (
        // Translated text can be empty for a render while translations load: not a key.
        <Typography key={index} variant="body2">
          {note}
        </Typography>
      ))}
      {(answer.warnings ?? []).map((warning, index) => (
        <Alert key={index} severity="warning">
          {warning}
        </Alert>
      ))}
      <Stack direction="row" spacing={1}>
        <Button variant="contained" size="small" onClick={() => props.onApply(applied.spec)}>
          {t('Apply suggestion')}
        </Button>
        <Button size="small" onClick={props.onDiscard}>
          {t('Discard')}
        </Button>
      </Stack>
    </Stack>
  );
}

export function SuggestConfigPanel(props: {
  spec: ModelDeploymentSpec;
  /** The form's GPU field, used when it names a GPU model. */
  formGpuType: string;
  onApply: (spec: ModelDeploymentSpec) => void;
}) {
  const { t } = useTranslation();
  const { capacity } = useCapacity();
  const suggestion = useConfigSuggestion();
  // null: follow the form and the cluster until the user picks something.
  const [gpuChoice, setGpuChoice] = useState<string | null>(null);
  const [countChoice, setCountChoice] = useState<string | null>(null);
  // The cluster's defaults (Settings → AI Configurator) until the user picks otherwise.
  const defaults = useAiConfiguratorOptions();
  const [optimizeForChoice, setOptimizeFor] = useState<'throughput' | 'latency' | null>(null);
  const [maxLatencyChoice, setMaxLatency] = useState<string | null>(null);
  const optimizeFor = optimizeForChoice ?? defaults.optimizeFor;
  const maxLatency = maxLatencyChoice ?? defaults.maxLatencyMs?.toString() ?? '';
  const [problem, setProblem] = useState('');
  // The source of the suggestion last applied, kept on screen after the proposal closes.
  const [applied, setApplied] = useState('');

  const gpuType = gpuChoice ?? defaultSuggestionGpuType(props.formGpuType, capacity);
  const specGpus = props.spec.resources?.gpu?.count ?? 0;
  const gpuCount = countChoice ?? String(specGpus > 0 ? specGpus : 1);
  const inCluster = clusterGpuTypes(capacity);
  const gpuOptions = [
    ...inCluster,
    ...GPU_MODELS.filter(model => !inCluster.includes(model)),
    ...(gpuType &&
    !inCluster.includes(gpuType) &&
    !(GPU_MODELS as readonly string[]).includes(gpuType)
      ? [gpuType]
      : []),
  ];

  function suggest() {
    setApplied('');
    const request = AiConfiguratorAnalyzeRequestSchema.safeParse({
      modelId: props.spec.model.id ?? '',
      gpuType,
      gpuCount: Number(gpuCount),
      optimizeFor,
      ...(optimizeFor === 'latency' && maxLatency.trim() !== ''
        ? { maxLatencyMs: Number(maxLatency) }
        : {}),
    });
    if (!request.success) {
      const field = String(request.error.issues[0]?.path[0] ?? '');
      setProblem(
        field === 'modelId'
          ? t('Enter a HuggingFace model ID above first.')
          : field === 'gpuType'
          ? t('Choose the GPU to plan for.')
          : field === 'gpuCount'
          ? t('Enter a whole number of GPUs of at least 1.')
          : t('Enter a latency target in milliseconds greater than 0, or leave it empty.')
      );
      suggestion.reset();
      return;
    }
    setProblem('');
    suggestion.mutate(request.data);
  }

  return (
    <FormPanel
      label={t('Suggest configuration')}
      intro={t(
        'Ask the AI Runway proxy for tensor parallelism, maximum model length and GPU memory utilisation for this model. Nothing changes until you apply the suggestion.'
      )}
    >
      <Stack direction="row" flexWrap="wrap" gap={2}>
        <TextField
          select
          size="small"
          label={t('GPU to plan for')}
          value={gpuType}
          onChange={event => setGpuChoice(event.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          helperText={inCluster.length > 0 ? t('Cluster GPUs are listed first') : undefined}
          sx={{ minWidth: 200 }}
        >
          {gpuType === '' && <option value="">{t('Choose a GPU')}</option>}
          {gpuOptions.map(option => (
            <option key={option} value={option}>
              {inCluster.includes(option) ? t('{{gpu}} (in cluster)', { gpu: option }) : option}
            </option>
          ))}
        </TextField>
        <TextField
          size="small"
          type="number"
          label={t('GPUs to plan for')}
          value={gpuCount}
          onChange={event => setCountChoice(event.target.value)}
          inputProps={{ min: 1, step: 1 }}
          sx={{ width: 150 }}
        />
        <TextField
          select
          size="small"
          label={t('Optimize for')}
          value={optimizeFor}
          onChange={event => setOptimizeFor(event.target.value as 'throughput' | 'latency')}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          sx={{ width: 160 }}
        >
          <option value="throughput">{t('Throughput')}</option>
          <option value="latency">{t('Latency')}</option>
        </TextField>
        {optimizeFor === 'latency' && (
          <TextField
            size="small"
            type="number"
            label={t('Latency target (ms)')}
            value={maxLatency}
            onChange={event => setMaxLatency(event.target.value)}
            inputProps={{ min: 1 }}
            sx={{ width: 170 }}
          />
        )}
        <Box>
          <Button variant="outlined" onClick={suggest} disabled={suggestion.isPending}>
            {t('Suggest configuration')}
          </Button>
        </Box>
      </Stack>
      {problem && (
        <Typography variant="body2" color="error" role="alert">
          {problem}
        </Typography>
      )}
      {suggestion.isError && (
        <ProxyUnavailableNote error={suggestion.error} feature={t('configuration suggestions')} />
      )}
      {suggestion.data && !applied && (
        <Proposal
          answer={suggestion.data}
          spec={props.spec}
          onApply={spec => {
            props.onApply(spec);
            setApplied(sourceText(t, suggestion.data?.source));
          }}
          onDiscard={() => suggestion.reset()}
        />
      )}
      <Typography role="status" variant="body2">
        {suggestion.isPending
          ? t('Asking the proxy for a configuration…')
          : applied
          ? t('Applied the suggestion: the engine fields and the YAML now use it. {{source}}', {
              source: applied,
            })
          : ''}
      </Typography>
    </FormPanel>
  );
}
