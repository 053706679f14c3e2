import { aikitApplies } from '@airunway/shared-client/aikitSpec';
import { INSTALL_PLANS } from '@airunway/shared-client/providers/install';
import { classifyUpdate } from '@airunway/shared-client/providers/updates';
import type {
  ModelDeploymentSpec,
  ModelDeploymentStatus,
} from '@airunway/shared-client/schemas/modelDeployment';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { Link as RouterLink, useHistory, useLocation } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { useClusterConfig } from '../../hooks/useClusterConfig';
import { useCrdState } from '../../hooks/useRuntimeKubeStatus';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { CrdMissingBanner } from '../common/CrdMissingBanner';
import { CLUSTER_CONFIG } from '../settings/clusterConfig';
import { AikitImagePicker } from './AikitImagePicker';
import { type DeploymentDraft, draftFromQuery, ggufFileFromQuery, type JsonObject } from './draft';
import { EngineFields } from './EngineFields';
import { ModelFields } from './ModelFields';
import { PlacementFields } from './PlacementFields';
import { ProviderNotInstalled } from './ProviderNotInstalled';
import { ProviderPreview, useProviderSelection } from './ProviderPreview';
import { RecipePicker } from './RecipePicker';
import { ScalingFields } from './ScalingFields';
import { StorageVolumesEditor } from './StorageVolumesEditor';
import { submitDeployment, type SubmitError } from './submitDeployment';
import { SuggestConfigPanel } from './SuggestConfigPanel';
import { useDeploymentEditor } from './useDeploymentEditor';
import { causesFromInvalidStatus, type FieldErrors, validateObject } from './validation';
import { YamlEditor } from './YamlEditor';

/** Errors some input shows; any other error is listed above the form so none goes unseen. */
function shownByAField(path: string, disaggregated: boolean): boolean {
  const prefixes = [
    'metadata.name',
    'metadata.namespace',
    'spec.model.id',
    'spec.model.source',
    'spec.model.servedName',
    'spec.model.storage',
    'spec.provider.name',
    'spec.engine.type',
    'spec.engine.image',
    'spec.engine.contextLength',
    'spec.engine.args',
    'spec.engine.extraArgs',
    'spec.serving.mode',
    'spec.resources.gpu.count',
    'spec.resources.gpu.type',
    'spec.resources.memory',
    'spec.resources.cpu',
    'spec.env',
    'spec.nodeSelector',
    'spec.tolerations',
    'spec.secrets.huggingFaceToken',
    'spec.gateway.enabled',
    'spec.gateway.modelName',
    ...(disaggregated
      ? ['spec.scaling.prefill', 'spec.scaling.decode']
      : ['spec.scaling.replicas']),
  ];
  return prefixes.some(
    prefix => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)
  );
}

type Outcome =
  | { kind: 'idle' }
  | { kind: 'busy'; dryRun: boolean }
  | { kind: 'dry-run-passed' }
  | { kind: 'rejected' }
  | { kind: 'failed'; error: SubmitError };

export function CreateDeploymentPage() {
  const { t } = useTranslation();
  const location = useLocation();
  // The form starts in the cluster's default namespace (Settings), so it waits for that one read; a
  // missing or unreadable ConfigMap leaves `default`.
  const config = useClusterConfig();
  if (config.isPending) return <Loader title={t("Loading the cluster's AI Runway settings")} />;
  const defaultNamespace = config.data?.data?.[CLUSTER_CONFIG.defaultNamespaceKey];
  return (
    <DeploymentEditorPage
      title={t('Create model deployment')}
      initial={() => ({ draft: draftFromQuery(location.search, defaultNamespace) })}
      initialGgufFile={ggufFileFromQuery(location.search)}
    />
  );
}

/**
 * The form + YAML editor with server-side dry run, for a new ModelDeployment or, given `original`, for an
 * existing one: then Save replaces it with update semantics (PUT carrying the resourceVersion it was read
 * at, so a concurrent change is a 409 and never a lost update).
 */
export function DeploymentEditorPage(props: {
  title: string;
  initial: () => { draft: DeploymentDraft; rest?: JsonObject };
  original?: { object: JsonObject; spec: ModelDeploymentSpec; status?: ModelDeploymentStatus };
  /** The Models page's GGUF pick: the AIKit picker opens on building from this file. */
  initialGgufFile?: string | undefined;
}) {
  const { t } = useTranslation();
  const history = useHistory();
  const paths = useAirunwayPaths();
  const editor = useDeploymentEditor(props.initial);
  const original = props.original;
  const originalName = original
    ? String((original.object.metadata as JsonObject | undefined)?.name ?? '')
    : undefined;
  const [touched, setTouched] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  // Said before the user fills the form, not after Create answers 404 (unknown without `get` on CRDs).
  const modelDeploymentCrd = useCrdState(
    original ? undefined : INSTALL_PLANS['airunway-controller'].crd
  );

  const clientErrors = useMemo(() => validateObject(editor.object), [editor.object]);
  const valid = Object.keys(clientErrors).length === 0;
  const errors = { ...(touched ? clientErrors : {}), ...serverErrors };
  const disaggregated = editor.draft.servingMode === 'disaggregated';
  const unshown = Object.entries(errors).filter(([path]) => !shownByAField(path, disaggregated));
  const metadata = (editor.object.metadata ?? {}) as JsonObject;
  const namespace = String(metadata.namespace ?? '');

  // Any edit makes earlier server answers stale.
  const edited = () => {
    setTouched(true);
    setServerErrors({});
    setOutcome({ kind: 'idle' });
  };

  async function submit(dryRun: boolean) {
    setTouched(true);
    if (!valid || editor.yamlError !== null) return;
    setOutcome({ kind: 'busy', dryRun });
    try {
      await submitDeployment(editor.object, {
        dryRun,
        ...(originalName ? { replaces: originalName } : {}),
      });
      if (!dryRun) {
        history.push(paths.deployment(namespace, String(metadata.name)));
        return;
      }
      setOutcome({ kind: 'dry-run-passed' });
    } catch (err) {
      const error = err as SubmitError;
      const causes = causesFromInvalidStatus(error);
      setServerErrors(causes ?? {});
      setOutcome(causes ? { kind: 'rejected' } : { kind: 'failed', error });
    }
  }

  const sectionProps = {
    draft: editor.draft,
    errors,
    onChange: (patch: Parameters<typeof editor.updateForm>[0]) => {
      edited();
      editor.updateForm(patch);
    },
  };
  const spec = editor.object.spec as ModelDeploymentSpec;
  const selection = useProviderSelection(spec);
  // Helpers that rewrite the spec (suggestion, AIKit image): the form, `rest` and the YAML follow.
  const applySpec = (next: ModelDeploymentSpec) => {
    edited();
    editor.replaceObject({ ...editor.object, spec: next });
  };
  const heading = (text: string) => (
    <Typography variant="h6" component="h2" sx={{ mt: 2, mb: 1 }}>
      {text}
    </Typography>
  );

  return (
    <Stack spacing={1}>
      <SectionBox title={props.title}>
        {modelDeploymentCrd?.state === 'absent' && <CrdMissingBanner />}
        {original && (
          <UpdateWarning
            before={original.spec}
            after={editor.object.spec as ModelDeploymentSpec}
            {...(original.status ? { status: original.status } : {})}
          />
        )}
        {unshown.length > 0 && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {unshown.map(([path, message]) => `${path}: ${message}`).join('; ')}
          </Alert>
        )}
        <Grid container spacing={3}>
          <Grid item xs={12} lg={7}>
            {!original && (
              // Create only: on an edit most recipes change identity fields, which recreates the deployment.
              <>
                {heading(t('Recipes'))}
                <RecipePicker
                  spec={editor.object.spec as ModelDeploymentSpec}
                  onApply={spec => {
                    edited();
                    editor.replaceObject({ ...editor.object, spec });
                  }}
                />
              </>
            )}
            <form
              aria-label={t('Model deployment form')}
              // Enter in a field must never create anything: only the buttons below submit.
              onSubmit={event => event.preventDefault()}
            >
              {heading(t('Model'))}
              <ModelFields {...sectionProps} />
              {heading(t('Scaling and resources'))}
              <ScalingFields {...sectionProps} />
              {heading(t('Engine'))}
              <SuggestConfigPanel
                spec={spec}
                formGpuType={editor.draft.gpuType}
                onApply={applySpec}
              />
              {aikitApplies(spec) && (
                <AikitImagePicker
                  spec={spec}
                  onApply={applySpec}
                  initialGgufFile={props.initialGgufFile}
                />
              )}
              <EngineFields {...sectionProps} />
              {heading(t('Storage'))}
              <StorageVolumesEditor
                volumes={editor.draft.volumes}
                namespace={namespace}
                errors={errors}
                onChange={volumes => sectionProps.onChange({ volumes })}
              />
              {heading(t('Placement and gateway'))}
              <PlacementFields {...sectionProps} />
            </form>
          </Grid>
          <Grid item xs={12} lg={5}>
            {heading(t('YAML'))}
            <YamlEditor
              value={editor.yaml}
              error={editor.yamlError}
              onChange={text => {
                edited();
                editor.updateYaml(text);
              }}
            />
          </Grid>
        </Grid>
        <ProviderNotInstalled selection={selection} />
        <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
          <Button
            variant="outlined"
            disabled={outcome.kind === 'busy'}
            onClick={() => void submit(true)}
          >
            {t('Validate')}
          </Button>
          <Button
            variant="contained"
            disabled={outcome.kind === 'busy'}
            onClick={() => void submit(false)}
          >
            {original ? t('Save') : t('Create')}
          </Button>
          <Button
            component={RouterLink}
            to={original ? paths.deployment(namespace, String(metadata.name)) : paths.deployments()}
          >
            {t('Cancel')}
          </Button>
        </Stack>
        <Outcome
          outcome={outcome}
          namespace={namespace}
          blocked={touched && !valid}
          verb={original ? 'update' : 'create'}
        />
      </SectionBox>
      <SectionBox title={t('Provider')}>
        <ProviderPreview
          name={String(metadata.name ?? '')}
          namespace={namespace}
          spec={spec}
          selection={selection}
          valid={valid}
        />
      </SectionBox>
    </Stack>
  );
}

function Outcome(props: {
  outcome: Outcome;
  namespace: string;
  blocked: boolean;
  verb: 'create' | 'update';
}) {
  const { t } = useTranslation();
  const { outcome } = props;
  if (outcome.kind === 'failed' && outcome.error.status === 409 && props.verb === 'update') {
    return (
      <Alert severity="error" role="alert" sx={{ mt: 1 }}>
        {t(
          'Someone changed this ModelDeployment after you opened it, so nothing was saved. Your edits are still here: reload the page to see the current object, then apply them again.'
        )}
      </Alert>
    );
  }
  if (outcome.kind === 'failed' && outcome.error.status !== 403 && outcome.error.status !== 404) {
    return (
      <Alert severity="error" role="alert" sx={{ mt: 1 }}>
        {t('The API server refused the request: {{message}}', {
          message: outcome.error.message || t('no answer; check that the cluster is reachable'),
        })}
      </Alert>
    );
  }
  if (outcome.kind === 'failed') {
    return (
      <ApiErrorBanner
        error={outcome.error}
        intent={{
          verb: props.verb,
          resource: 'modeldeployments.airunway.ai',
          namespace: props.namespace,
        }}
        notFound={<CrdMissingBanner />}
      />
    );
  }
  const message =
    outcome.kind === 'busy'
      ? outcome.dryRun
        ? t('Asking the API server to validate…')
        : props.verb === 'update'
        ? t('Saving…')
        : t('Creating…')
      : outcome.kind === 'dry-run-passed'
      ? props.verb === 'update'
        ? t('The API server accepts this change (dry run: nothing was saved).')
        : t('The API server accepts this ModelDeployment (dry run: nothing was created).')
      : outcome.kind === 'rejected'
      ? t('The API server rejected this ModelDeployment; the fields to fix are marked.')
      : props.blocked
      ? t('Fix the marked fields first.')
      : '';
  return (
    <Typography
      role="status"
      variant="body2"
      color={outcome.kind === 'rejected' || props.blocked ? 'error' : undefined}
      sx={{ mt: 1 }}
    >
      {message}
    </Typography>
  );
}

/** Before saving an edit: which changes the controller applies in place, and which recreate it. */
function UpdateWarning(props: {
  before: ModelDeploymentSpec;
  after: ModelDeploymentSpec;
  status?: ModelDeploymentStatus;
}) {
  const { t } = useTranslation();
  let changes;
  try {
    changes = classifyUpdate(
      props.before,
      props.after,
      props.status ? { oldStatus: props.status } : {}
    );
  } catch {
    return null; // an incomplete spec while typing: the field errors say what is missing
  }
  if (!changes.recreates) return null;
  return (
    <Alert severity="warning" sx={{ mb: 2 }}>
      {t(
        'Saving this recreates the deployment: {{fields}} cannot change in place, so the controller deletes the running model and deploys it again.',
        { fields: changes.identityChanges.join(', ') }
      )}
    </Alert>
  );
}
