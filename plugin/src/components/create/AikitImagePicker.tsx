/**
 * llama.cpp on KAITO runs a container image that carries the model. This picks one: a pre-made AIKit
 * image, or one built by the proxy from a HuggingFace repo's GGUF file (preview first, then build, only
 * when the registry and BuildKit are ready). Whatever is chosen goes through shared-client's
 * withAikitImage, so the form and the YAML follow.
 */
import { withAikitImage } from '@airunway/shared-client/aikitSpec';
import type { ModelDeploymentSpec } from '@airunway/shared-client/schemas/modelDeployment';
import {
  AikitBuildRequestSchema,
  type AikitInfrastructureStatusResponse,
} from '@airunway/shared-client/schemas/proxy';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import {
  useAikitBuild,
  useAikitBuildPreview,
  useAikitInfrastructure,
  useAikitInfrastructureSetup,
  useAikitModels,
  useGgufFiles,
} from '../../hooks/useAikit';
import { useCanUseProxyActions } from '../../hooks/useCanUseProxyActions';
import { FormPanel } from './FormPanel';
import { ProxyUnavailableNote } from './ProxyUnavailableNote';

type Apply = (spec: ModelDeploymentSpec, imageRef: string) => void;

function PremadePicker(props: { spec: ModelDeploymentSpec; onApply: Apply }) {
  const { t } = useTranslation();
  const models = useAikitModels(true);
  const [chosen, setChosen] = useState('');
  if (models.isError) {
    return <ProxyUnavailableNote error={models.error} feature={t('the AIKit image list')} />;
  }
  const list = models.data?.models ?? [];
  return (
    <TextField
      select
      size="small"
      label={t('Pre-made AIKit image')}
      value={chosen}
      onChange={event => {
        const model = list.find(entry => entry.id === event.target.value);
        setChosen(event.target.value);
        if (model) {
          props.onApply(
            withAikitImage(props.spec, { imageRef: model.image, modelId: model.id }),
            model.image
          );
        }
      }}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      helperText={models.isPending ? t('Loading the AIKit images…') : undefined}
      sx={{ minWidth: 320 }}
    >
      <option value="">{t('Choose an image')}</option>
      {list.map(model => (
        <option key={model.id} value={model.id}>
          {[model.modelName, model.size, model.computeType?.toUpperCase()]
            .filter(Boolean)
            .join(' · ')}
        </option>
      ))}
    </TextField>
  );
}

/** Why a build cannot run, from the infrastructure status. */
function notReadyReason(
  t: ReturnType<typeof useTranslation>['t'],
  status: AikitInfrastructureStatusResponse
): string {
  const reasons = [
    status.registry.ready
      ? null
      : t('Registry not ready: {{message}}', {
          message: status.registry.message ?? t('no registry is set up'),
        }),
    status.builder.ready ?? status.builder.running
      ? null
      : t('BuildKit builder not ready: {{message}}', {
          message:
            status.builder.message ??
            (status.builder.exists ? t('it is not running') : t('it does not exist')),
        }),
    status.error ?? null,
  ].filter((reason): reason is string => reason !== null);
  return reasons.join(' ');
}

/**
 * Why building is unavailable, and the way out: set up the registry and BuildKit through the proxy (a
 * POST through services/proxy, so offered only to who may make it), then check again while they start.
 */
function InfrastructureSetup(props: { reason: string; checking: boolean; onCheck: () => void }) {
  const { t } = useTranslation();
  const setup = useAikitInfrastructureSetup();
  const { access, location } = useCanUseProxyActions();
  const deniedId = useId();
  const denied = access === 'denied';
  return (
    <Stack spacing={1}>
      <Alert severity="info" role="alert">
        {t('Building is not available until the registry and BuildKit are ready. {{reason}}', {
          reason: props.reason,
        })}
      </Alert>
      {denied && (
        <Typography variant="body2" id={deniedId}>
          {t(
            'Setting them up needs create on services/proxy for {{service}} in {{namespace}} (the airunway-operator ClusterRole).',
            { service: location.service, namespace: location.namespace }
          )}
        </Typography>
      )}
      <Stack direction="row" spacing={1}>
        <Button
          variant="outlined"
          size="small"
          disabled={denied || setup.isPending}
          aria-describedby={denied ? deniedId : undefined}
          onClick={() => setup.mutate()}
        >
          {setup.isPending ? t('Setting up…') : t('Set up the registry and BuildKit')}
        </Button>
        <Button size="small" disabled={props.checking} onClick={props.onCheck}>
          {props.checking ? t('Checking…') : t('Check again')}
        </Button>
      </Stack>
      {setup.data && (
        <Alert severity={setup.data.success ? 'success' : 'warning'} role="status">
          {setup.data.message}
        </Alert>
      )}
      {setup.error && (
        <Alert severity="error" role="alert">
          {t('The build infrastructure could not be set up: {{message}}', {
            message: setup.error.message,
          })}
        </Alert>
      )}
    </Stack>
  );
}

function GgufBuilder(props: { spec: ModelDeploymentSpec; onApply: Apply; initialFile?: string }) {
  const { t } = useTranslation();
  const infrastructure = useAikitInfrastructure(true);
  const initialRepo = props.spec.model.source === 'custom' ? '' : props.spec.model.id ?? '';
  // A file chosen on the Models page: its repo is listed and the file selected from the start.
  const preselected = initialRepo && props.initialFile ? props.initialFile : '';
  const [repo, setRepo] = useState(initialRepo);
  const [listed, setListed] = useState(preselected ? initialRepo : '');
  const [file, setFile] = useState(preselected);
  // Listing waits for the infrastructure: without it nothing could be built from the answer.
  const files = useGgufFiles(infrastructure.data?.ready ? listed : '');
  const fileListed = files.data?.files.some(entry => entry.filename === file) ?? false;
  const preview = useAikitBuildPreview();
  const build = useAikitBuild();

  if (infrastructure.isPending) {
    return <Typography variant="body2">{t('Checking the AIKit build infrastructure…')}</Typography>;
  }
  if (infrastructure.isError) {
    return (
      <ProxyUnavailableNote error={infrastructure.error} feature={t('building AIKit images')} />
    );
  }
  const status = infrastructure.data;
  if (!status.ready) {
    return (
      <InfrastructureSetup
        reason={notReadyReason(t, status)}
        checking={infrastructure.isFetching}
        onCheck={() => void infrastructure.refetch()}
      />
    );
  }
  const request = AikitBuildRequestSchema.safeParse({
    modelSource: 'huggingface',
    modelId: listed,
    ggufFile: fileListed ? file : '',
  });
  const busy = preview.isPending || build.isPending;
  return (
    <Stack spacing={1.5}>
      <Typography variant="body2">
        {t('Registry {{registry}} and BuildKit builder {{builder}} are ready.', {
          registry: status.registry.url ?? '',
          builder: status.builder.name ?? '',
        })}
      </Typography>
      <Stack direction="row" flexWrap="wrap" gap={2} alignItems="flex-start">
        <TextField
          size="small"
          label={t('HuggingFace repository with GGUF files')}
          value={repo}
          onChange={event => setRepo(event.target.value)}
          helperText={t('For example bartowski/Llama-3.2-1B-Instruct-GGUF')}
          sx={{ minWidth: 320 }}
        />
        <Button
          variant="outlined"
          disabled={repo.trim() === ''}
          onClick={() => {
            setListed(repo.trim());
            setFile('');
            preview.reset();
            build.reset();
          }}
        >
          {t('List GGUF files')}
        </Button>
      </Stack>
      {files.isError && (
        <ProxyUnavailableNote error={files.error} feature={t('the GGUF file list')} />
      )}
      {files.data && (
        <TextField
          select
          size="small"
          label={t('GGUF file')}
          value={file}
          onChange={event => {
            setFile(event.target.value);
            preview.reset();
            build.reset();
          }}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          helperText={
            files.data.files.length === 0
              ? t('This repository has no GGUF files')
              : file && !fileListed
              ? t("{{file}} is not one of this repository's GGUF files; choose one.", { file })
              : undefined
          }
          sx={{ minWidth: 320 }}
        >
          <option value="">{t('Choose a file')}</option>
          {files.data.files.map(entry => (
            <option key={entry.filename} value={entry.filename}>
              {t('{{file}} ({{size}} GB)', {
                file: entry.filename,
                size: (entry.size / 1e9).toFixed(1),
              })}
            </option>
          ))}
        </TextField>
      )}
      {request.success && (
        <Stack direction="row" spacing={1}>
          <Button variant="outlined" disabled={busy} onClick={() => preview.mutate(request.data)}>
            {t('Preview image')}
          </Button>
          <Button
            variant="contained"
            disabled={busy || !preview.data}
            onClick={() =>
              build.mutate(request.data, {
                onSuccess: result => {
                  if (!result.success) return;
                  props.onApply(
                    withAikitImage(props.spec, { imageRef: result.imageRef, modelId: listed }),
                    result.imageRef
                  );
                },
              })
            }
          >
            {t('Build image')}
          </Button>
        </Stack>
      )}
      {preview.isError && (
        <ProxyUnavailableNote error={preview.error} feature={t('the build preview')} />
      )}
      {preview.data && (
        <Typography variant="body2">
          {preview.data.requiresBuild
            ? t('Building produces {{image}} in {{registry}}.', {
                image: preview.data.imageRef,
                registry: preview.data.registryUrl,
              })
            : t('{{image}} already exists; building reuses it.', { image: preview.data.imageRef })}
        </Typography>
      )}
      {build.isError && <ProxyUnavailableNote error={build.error} feature={t('the image build')} />}
      {build.data && !build.data.success && (
        <Alert severity="error" role="alert">
          {t('The build failed: {{error}}', { error: build.data.error ?? build.data.message })}
        </Alert>
      )}
      {build.isPending && (
        <Typography variant="body2">{t('Building the image; this can take minutes…')}</Typography>
      )}
    </Stack>
  );
}

export function AikitImagePicker(props: {
  spec: ModelDeploymentSpec;
  onApply: (spec: ModelDeploymentSpec) => void;
  /** A GGUF file of the spec's repo (the Models page's pick): start in "build" with it selected. */
  initialGgufFile?: string | undefined;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'premade' | 'build'>(
    props.initialGgufFile ? 'build' : 'premade'
  );
  const [used, setUsed] = useState('');
  const apply: Apply = (spec, imageRef) => {
    props.onApply(spec);
    setUsed(imageRef);
  };
  return (
    <FormPanel
      label={t('AIKit image')}
      intro={t(
        'KAITO runs llama.cpp from an image that carries the model: pick a pre-made AIKit image or build one from a GGUF file.'
      )}
    >
      <Box>
        <TextField
          select
          size="small"
          label={t('AIKit image source')}
          value={mode}
          onChange={event => setMode(event.target.value as 'premade' | 'build')}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          sx={{ minWidth: 240 }}
        >
          <option value="premade">{t('Pre-made image')}</option>
          <option value="build">{t('Build from a GGUF file')}</option>
        </TextField>
      </Box>
      {mode === 'premade' ? (
        <PremadePicker spec={props.spec} onApply={apply} />
      ) : (
        <GgufBuilder
          spec={props.spec}
          onApply={apply}
          {...(props.initialGgufFile ? { initialFile: props.initialGgufFile } : {})}
        />
      )}
      <Typography role="status" variant="body2">
        {used ? t('The engine image is now {{image}}.', { image: used }) : ''}
      </Typography>
    </FormPanel>
  );
}
