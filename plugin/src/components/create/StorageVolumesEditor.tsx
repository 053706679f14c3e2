/**
 * `spec.model.storage.volumes`: each row mounts an existing PersistentVolumeClaim of the namespace or asks
 * the controller for a new one (size, class, access mode). PVCs and StorageClasses come from Headlamp's
 * watched lists, fetched only while a row needs them; when listing is not allowed the pickers fall back to
 * typing a name. Errors are the zod schema's (and the API server's), shown on the field they name.
 */
import { ACCESS_MODES, VOLUME_PURPOSES } from '@airunway/shared-client/schemas/modelDeployment';
import { K8s, useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { NO_STORAGE_CLASS, type VolumeDraft } from './draft';
import { errorsUnder, type FieldErrors } from './validation';

/** StorageSpecSchema's `max(8)` (stricter than the CRD's 16). */
export const MAX_VOLUMES = 8;

const PATH = 'spec.model.storage.volumes';

/** The row fields whose input shows their errors, by the row's mode. */
const FIELDS: Readonly<Record<VolumeDraft['mode'], readonly string[]>> = {
  existing: ['name', 'claimName', 'mountPath', 'purpose'],
  new: ['name', 'size', 'storageClassName', 'accessMode', 'mountPath', 'purpose'],
};

function newVolume(existing: VolumeDraft[]): VolumeDraft {
  const names = new Set(existing.map(volume => volume.name));
  let name = 'model-cache';
  for (let n = 2; names.has(name); n++) name = `volume-${n}`;
  return {
    mode: 'new',
    name,
    claimName: '',
    mountPath: '',
    purpose: 'modelCache',
    readOnly: false,
    size: '',
    storageClassName: '',
    accessMode: '',
  };
}

/** Errors for one field of one row, joined, or undefined. */
function fieldError(errors: FieldErrors, index: number, field: string): string | undefined {
  const messages = errorsUnder(errors, `${PATH}[${index}].${field}`);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

function ClaimPicker(props: {
  namespace: string;
  value: string;
  label: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const { items, errors } = K8s.ResourceClasses.PersistentVolumeClaim.useList({
    namespace: props.namespace,
  });
  const common = {
    size: 'small' as const,
    label: props.label,
    value: props.value,
    error: props.error !== undefined,
    onChange: (event: { target: { value: string } }) => props.onChange(event.target.value),
    sx: { minWidth: 220 },
  };
  if (errors && errors.length > 0) {
    return (
      <TextField
        {...common}
        helperText={
          props.error ?? t('Listing claims is not allowed here; type the claim name instead')
        }
      />
    );
  }
  // A claim named in the YAML but not listed (yet) stays selectable rather than silently changing.
  const names = (items ?? []).map(claim => claim.metadata.name);
  if (props.value && !names.includes(props.value)) names.push(props.value);
  names.sort();
  return (
    <TextField
      {...common}
      select
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      helperText={
        props.error ??
        (items === null
          ? t('Loading the claims of {{namespace}}…', { namespace: props.namespace })
          : names.length === 0
          ? t('No claims in {{namespace}}', { namespace: props.namespace })
          : undefined)
      }
    >
      <option value="">{t('Choose a claim')}</option>
      {names.map(name => {
        const claim = (items ?? []).find(item => item.metadata.name === name);
        const size = claim?.spec?.resources?.requests?.storage ?? claim?.status?.capacity?.storage;
        return (
          <option key={name} value={name}>
            {size ? `${name} (${size})` : name}
          </option>
        );
      })}
    </TextField>
  );
}

function StorageClassPicker(props: {
  value: string;
  label: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const { items, errors } = K8s.ResourceClasses.StorageClass.useList();
  const names = (items ?? []).map(item => item.metadata.name).sort();
  const listed = !(errors && errors.length > 0);
  if (!listed) {
    return (
      <TextField
        size="small"
        label={props.label}
        value={props.value === NO_STORAGE_CLASS ? '' : props.value}
        error={props.error !== undefined}
        helperText={
          props.error ?? t('Listing storage classes is not allowed; empty uses the default')
        }
        onChange={event => props.onChange(event.target.value)}
        sx={{ minWidth: 200 }}
      />
    );
  }
  if (props.value && props.value !== NO_STORAGE_CLASS && !names.includes(props.value)) {
    names.unshift(props.value);
  }
  const isDefault = (name: string) =>
    (items ?? []).some(c => c.metadata.name === name && c.isDefault);
  return (
    <TextField
      select
      size="small"
      label={props.label}
      value={props.value}
      error={props.error !== undefined}
      helperText={props.error}
      onChange={event => props.onChange(event.target.value)}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      sx={{ minWidth: 200 }}
    >
      <option value="">{t('Cluster default')}</option>
      {names.map(name => (
        <option key={name} value={name}>
          {isDefault(name) ? t('{{name}} (default)', { name }) : name}
        </option>
      ))}
      <option value={NO_STORAGE_CLASS}>{t('None (no dynamic provisioning)')}</option>
    </TextField>
  );
}

function VolumeRow(props: {
  index: number;
  volume: VolumeDraft;
  namespace: string;
  errors: FieldErrors;
  onChange: (volume: VolumeDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { index, volume, errors } = props;
  const number = index + 1;
  const set = (patch: Partial<VolumeDraft>) => props.onChange({ ...volume, ...patch });
  const error = (field: string) => fieldError(errors, index, field);
  // Errors no input shows (the row itself, or a field the API server knows and this form does not).
  const rowPath = `${PATH}[${index}]`;
  const shown = FIELDS[volume.mode].map(field => `${rowPath}.${field}`);
  const other = errorsUnder(errors, rowPath).filter(
    message => !shown.some(path => message.startsWith(`${path}: `))
  );
  const text = (field: 'name' | 'mountPath' | 'size', label: string, hint?: string) => (
    <TextField
      size="small"
      label={label}
      value={volume[field]}
      error={error(field) !== undefined}
      helperText={error(field) ?? hint}
      onChange={event => set({ [field]: event.target.value })}
      sx={{ minWidth: 180 }}
    />
  );
  return (
    <Paper variant="outlined" component="fieldset" sx={{ p: 1.5, m: 0 }}>
      <Typography component="legend" variant="subtitle2" sx={{ px: 0.5 }}>
        {t('Volume {{number}}', { number })}
      </Typography>
      <Stack direction="row" flexWrap="wrap" gap={2} alignItems="flex-start">
        {text('name', t('Volume name {{number}}', { number }))}
        <TextField
          select
          size="small"
          label={t('Claim {{number}}', { number })}
          value={volume.mode}
          onChange={event => set({ mode: event.target.value as VolumeDraft['mode'] })}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          sx={{ minWidth: 180 }}
        >
          <option value="existing">{t('Use an existing claim')}</option>
          <option value="new">{t('Create a new claim')}</option>
        </TextField>
        {volume.mode === 'existing' ? (
          <ClaimPicker
            namespace={props.namespace}
            value={volume.claimName}
            label={t('Existing claim {{number}}', { number })}
            error={
              // An empty pick fails the name pattern; say what to do instead of quoting the pattern.
              error('claimName') !== undefined && volume.claimName.trim() === ''
                ? t('Choose the claim to mount')
                : error('claimName')
            }
            onChange={claimName => set({ claimName })}
          />
        ) : (
          <>
            {text('size', t('Size {{number}}', { number }), t('For example 100Gi'))}
            <StorageClassPicker
              value={volume.storageClassName}
              label={t('Storage class {{number}}', { number })}
              error={error('storageClassName')}
              onChange={storageClassName => set({ storageClassName })}
            />
            <TextField
              select
              size="small"
              label={t('Access mode {{number}}', { number })}
              value={volume.accessMode}
              error={error('accessMode') !== undefined}
              helperText={error('accessMode')}
              onChange={event =>
                set({ accessMode: event.target.value as VolumeDraft['accessMode'] })
              }
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
              sx={{ minWidth: 180 }}
            >
              <option value="">{t('Default')}</option>
              {ACCESS_MODES.map(mode => (
                <option key={mode} value={mode}>
                  {mode}
                </option>
              ))}
            </TextField>
          </>
        )}
        <TextField
          select
          size="small"
          label={t('Purpose {{number}}', { number })}
          value={volume.purpose}
          error={error('purpose') !== undefined}
          helperText={error('purpose')}
          onChange={event => set({ purpose: event.target.value as VolumeDraft['purpose'] })}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          sx={{ minWidth: 180 }}
        >
          <option value="">{t('Default (custom)')}</option>
          {VOLUME_PURPOSES.map(purpose => (
            <option key={purpose} value={purpose}>
              {purpose === 'modelCache'
                ? t('Model cache')
                : purpose === 'compilationCache'
                ? t('Compilation cache')
                : t('Custom')}
            </option>
          ))}
        </TextField>
        {text(
          'mountPath',
          t('Mount path {{number}}', { number }),
          t('Absolute path such as /models; cache purposes have a default')
        )}
        <FormControlLabel
          control={
            <Checkbox
              checked={volume.readOnly}
              onChange={event => set({ readOnly: event.target.checked })}
            />
          }
          label={t('Read-only {{number}}', { number })}
        />
        <Button
          size="small"
          onClick={props.onRemove}
          aria-label={t('Remove volume {{number}}', { number })}
        >
          {t('Remove')}
        </Button>
      </Stack>
      {other.length > 0 && (
        <Typography variant="body2" color="error">
          {other.join('; ')}
        </Typography>
      )}
    </Paper>
  );
}

export function StorageVolumesEditor(props: {
  volumes: VolumeDraft[];
  namespace: string;
  errors: FieldErrors;
  onChange: (volumes: VolumeDraft[]) => void;
}) {
  const { t } = useTranslation();
  const { volumes } = props;
  const listErrors = [PATH, 'spec.model.storage'].flatMap(path =>
    props.errors[path] ? [props.errors[path]] : []
  );
  return (
    <Stack spacing={1.5}>
      {volumes.length === 0 && (
        <Typography variant="body2">
          {t('No volumes: the model is downloaded into the pod on every start.')}
        </Typography>
      )}
      {volumes.map((volume, index) => (
        <VolumeRow
          key={index}
          index={index}
          volume={volume}
          namespace={props.namespace}
          errors={props.errors}
          onChange={next => props.onChange(volumes.map((v, i) => (i === index ? next : v)))}
          onRemove={() => props.onChange(volumes.filter((_, i) => i !== index))}
        />
      ))}
      {listErrors.length > 0 && (
        <Typography variant="body2" color="error">
          {listErrors.join('; ')}
        </Typography>
      )}
      <div>
        <Button
          variant="outlined"
          size="small"
          disabled={volumes.length >= MAX_VOLUMES}
          onClick={() => props.onChange([...volumes, newVolume(volumes)])}
        >
          {t('Add volume')}
        </Button>
      </div>
    </Stack>
  );
}
