import { previewProviderManifests } from '@airunway/shared-client/providers/manifests';
import { selectProvider } from '@airunway/shared-client/providers/selection';
import type { ModelDeploymentSpec } from '@airunway/shared-client/schemas/modelDeployment';
import { toYaml } from '@airunway/shared-client/yaml';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { NameValueTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';

/** What selectProvider says of the spec; null while the spec is too broken to ask (an edit in progress). */
export type ProviderSelection = ReturnType<typeof selectProvider> | null;

interface ProviderPreviewProps {
  name: string;
  namespace: string;
  spec: ModelDeploymentSpec;
  selection: ProviderSelection;
  /** The manifests are rendered only from a spec that passed validation. */
  valid: boolean;
}

function safely<T>(compute: () => T): T | null {
  try {
    return compute();
  } catch {
    return null;
  }
}

/**
 * The page's one provider selection, for this preview and the not-installed warning beside Create.
 * Selection reads only a few fields, so it is shown live even while other fields have errors.
 */
export function useProviderSelection(spec: ModelDeploymentSpec): ProviderSelection {
  return useMemo(() => safely(() => selectProvider(spec)), [spec]);
}

/**
 * The provider the controller will pick for this spec and why (the same rules and words as
 * status.provider.selectedReason), and the objects that provider will create.
 */
export function ProviderPreview({ name, namespace, spec, selection, valid }: ProviderPreviewProps) {
  const { t } = useTranslation();
  const manifests = useMemo(
    () =>
      valid
        ? safely(() =>
            previewProviderManifests({ metadata: { name: name || 'preview', namespace }, spec })
          )
        : null,
    [name, namespace, spec, valid]
  );

  if (!selection) return null;
  if (!selection.ok) {
    return (
      <Alert severity="warning" role="status">
        {t('No provider can run this spec: {{reason}}', { reason: selection.reason })}
      </Alert>
    );
  }
  return (
    <Box>
      <NameValueTable
        rows={[
          {
            name: t('Provider'),
            value: `${selection.provider} — ${selection.explicit ? t('explicit') : t('auto')}: ${
              selection.reason
            }`,
          },
          { name: t('Engine'), value: `${selection.engine} — ${selection.engineReason}` },
        ]}
      />
      {!manifests && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('Fix the errors in the form to preview what the provider creates.')}
        </Typography>
      )}
      {manifests?.ok && (
        <>
          {manifests.manifests.warnings.map(warning => (
            <Alert key={warning} severity="info" sx={{ mt: 1 }}>
              {warning}
            </Alert>
          ))}
          <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
            {t('What {{provider}} will create', { provider: selection.provider })}
          </Typography>
          <Box
            component="pre"
            tabIndex={0}
            role="region"
            aria-label={t('Provider manifests preview')}
            sx={{ fontSize: 12, overflow: 'auto', maxHeight: 400 }}
          >
            {manifests.manifests.objects.map(object => toYaml(object)).join('---\n')}
          </Box>
        </>
      )}
    </Box>
  );
}
