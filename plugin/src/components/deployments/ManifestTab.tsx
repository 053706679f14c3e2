/**
 * The Manifest tab: the ModelDeployment as YAML, and the object its provider created from it (a KAITO
 * Workspace, a RayService, a DynamoGraphDeployment, or an apps/v1 Deployment for llm-d and direct vLLM),
 * each with a Copy button. A provider resource that is missing, forbidden, or whose CRD is not installed says
 * which of these it is.
 */
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import {
  type ProviderResourceRef,
  providerResourceRef,
  useProviderResource,
} from '../../hooks/useManifest';
import type { ModelDeployment } from '../../resources/modelDeployment';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { manifestYaml } from './manifestYaml';

function YamlBlock(props: { yaml: string; label: string; copyLabel: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(props.yaml);
      setCopied(true);
    } catch {
      // Clipboard access can be denied (insecure context); the text stays selectable.
      setCopied(false);
    }
  }
  return (
    <Box>
      <Button size="small" variant="outlined" onClick={copy} sx={{ mb: 1 }}>
        {props.copyLabel}
      </Button>
      <span role="status">{copied ? ` ${t('Copied')}` : ''}</span>
      {/* Focusable so keyboard users can scroll a long manifest. */}
      <Box
        component="pre"
        role="region"
        tabIndex={0}
        aria-label={props.label}
        sx={{ overflow: 'auto', maxHeight: 600, m: 0, p: 1, fontSize: '0.85rem' }}
      >
        {props.yaml}
      </Box>
    </Box>
  );
}

function ProviderResource({ resourceRef }: { resourceRef: ProviderResourceRef }) {
  const { t } = useTranslation();
  const { data, error, isLoading } = useProviderResource(resourceRef);
  const { kind, plural, group } = resourceRef.resource;
  const title = `${kind}/${resourceRef.name}`;
  if (isLoading) return <Loader title={t('Loading {{resource}}', { resource: title })} />;
  if (error) {
    // A missing object names itself in the 404 message; a resource type the API server lacks does not.
    const missingCrd = error.status === 404 && !error.message?.includes(`"${resourceRef.name}"`);
    if (missingCrd) {
      return (
        <Alert severity="warning" role="alert">
          <AlertTitle>{t('{{kind}} is not installed on this cluster', { kind })}</AlertTitle>
          {t(
            'The API server does not know {{resource}}, so the {{provider}} provider cannot have created anything. Install the provider from AI Runway → Runtimes.',
            { resource: `${plural}.${group}`, provider: resourceRef.provider }
          )}
        </Alert>
      );
    }
    if (error.status === 404) {
      return (
        <Alert severity="info" role="alert">
          <AlertTitle>{t('{{resource}} does not exist', { resource: title })}</AlertTitle>
          {t(
            'The status names it, but it is not in namespace {{namespace}}: the provider may still be creating it, or it was deleted and the provider will recreate it.',
            { namespace: resourceRef.namespace }
          )}
        </Alert>
      );
    }
    return (
      <ApiErrorBanner
        error={error}
        intent={{ verb: 'get', resource: `${plural}.${group}`, namespace: resourceRef.namespace }}
      />
    );
  }
  if (!data) return null;
  return (
    <YamlBlock
      yaml={manifestYaml(data)}
      label={t('{{resource}} as YAML', { resource: title })}
      copyLabel={t('Copy {{kind}} YAML', { kind })}
    />
  );
}

export function ManifestTab({ deployment }: { deployment: ModelDeployment }) {
  const { t } = useTranslation();
  const state = providerResourceRef(deployment);
  return (
    <>
      <SectionBox title={t('ModelDeployment')}>
        <YamlBlock
          yaml={manifestYaml(deployment.jsonData)}
          label={t('ModelDeployment {{name}} as YAML', { name: deployment.getName() })}
          copyLabel={t('Copy ModelDeployment YAML')}
        />
      </SectionBox>
      <SectionBox title={t('Provider resource')}>
        {state.kind === 'known' ? (
          <ProviderResource resourceRef={state.ref} />
        ) : state.kind === 'unknown-provider' ? (
          <Alert severity="info">
            {t(
              'The provider {{provider}} is not one this plugin knows, so the kind of its resource is unknown.',
              { provider: state.provider }
            )}
          </Alert>
        ) : (
          <Alert severity="info">
            {state.provider
              ? t('The {{provider}} provider has not created its resource yet.', {
                  provider: state.provider,
                })
              : t('No provider has been selected yet, so nothing has been created.')}
          </Alert>
        )}
      </SectionBox>
    </>
  );
}
