import { ENGINE_TYPES, PROVIDER_NAMES } from '@airunway/shared-client/schemas/modelDeployment';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Stack from '@mui/material/Stack';
import { DraftField, type SectionProps } from './fields';
import { HfSecretStatus } from './HfSecretStatus';

/** What to run and where: name, namespace, model, provider, engine, HF token secret. */
export function ModelFields(props: SectionProps) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" flexWrap="wrap" gap={2}>
      <DraftField {...props} field="name" path="metadata.name" label={t('Name')} required />
      <DraftField
        {...props}
        field="namespace"
        path="metadata.namespace"
        label={t('Namespace')}
        required
      />
      <DraftField
        {...props}
        field="modelId"
        path="spec.model.id"
        label={t('Model ID')}
        hint={t('HuggingFace id such as Qwen/Qwen3-0.6B')}
      />
      <DraftField
        {...props}
        field="modelSource"
        path="spec.model.source"
        label={t('Model source')}
        options={[
          ['', t('Default (huggingface)')],
          ['huggingface', 'huggingface'],
          ['custom', 'custom'],
        ]}
      />
      <DraftField
        {...props}
        field="servedName"
        path="spec.model.servedName"
        label={t('Served model name')}
        hint={t('Name clients use in API calls; defaults to the model ID basename')}
      />
      <DraftField
        {...props}
        field="provider"
        path="spec.provider.name"
        label={t('Provider')}
        options={[
          ['', t('Auto (selected from the spec)')],
          ...PROVIDER_NAMES.map(p => [p, p] as const),
        ]}
      />
      <DraftField
        {...props}
        field="engine"
        path="spec.engine.type"
        label={t('Engine')}
        options={[
          ['', t('Auto (from provider capabilities)')],
          ...ENGINE_TYPES.map(e => [e, e] as const),
        ]}
      />
      <DraftField
        {...props}
        field="hfSecret"
        path="spec.secrets.huggingFaceToken"
        label={t('HuggingFace token secret')}
        hint={t('Name of a Secret in the namespace; needed for gated models')}
      />
      <HfSecretStatus namespace={props.draft.namespace} secret={props.draft.hfSecret} />
    </Stack>
  );
}
