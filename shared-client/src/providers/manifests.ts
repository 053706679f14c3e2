import type { EngineType, ProviderName, ServingMode } from '../schemas/modelDeployment';
import type { ManifestSource, ProviderEndpoint, ProviderManifests } from './render/common';
import { deploymentEndpoint, renderDirectVllm, renderLlmd } from './render/deployment';
import { dynamoEndpoint, renderDynamo } from './render/dynamo';
import { kaitoEndpoint, renderKaito } from './render/kaito';
import { kuberayEndpoint, renderKubeRay } from './render/kuberay';
import { type ProviderSelection, selectProvider } from './selection';

export type {
  ManifestSource,
  ProviderEndpoint,
  ProviderManifests,
  RenderedObject,
} from './render/common';

type Renderer = (source: ManifestSource, engine: EngineType) => ProviderManifests;

export const RENDERERS: Readonly<Record<ProviderName, Renderer>> = {
  dynamo: renderDynamo,
  kaito: renderKaito,
  kuberay: renderKubeRay,
  llmd: renderLlmd,
  vllm: renderDirectVllm,
};

/** The Service and port status.endpoint will report for a deployment named `name`. */
export function providerEndpoint(
  provider: ProviderName,
  name: string,
  mode: ServingMode = 'aggregated'
): ProviderEndpoint {
  switch (provider) {
    case 'dynamo':
      return dynamoEndpoint(name);
    case 'kaito':
      return kaitoEndpoint(name);
    case 'kuberay':
      return kuberayEndpoint(name);
    case 'llmd':
      return deploymentEndpoint(name, mode === 'disaggregated');
    case 'vllm':
      return deploymentEndpoint(name);
  }
}

export class ProviderSelectionError extends Error {
  override readonly name = 'ProviderSelectionError';
  constructor(readonly selection: Extract<ProviderSelection, { ok: false }>) {
    super(selection.reason);
  }
}

/**
 * What the provider the controller would choose (or spec.provider.name) creates for this
 * ModelDeployment. Throws ProviderSelectionError when no provider can run the spec.
 */
export function renderProviderManifests(source: ManifestSource): ProviderManifests {
  const selection = selectProvider(source.spec);
  if (!selection.ok) throw new ProviderSelectionError(selection);
  return RENDERERS[selection.provider](source, selection.engine);
}

export type ManifestPreview =
  | {
      ok: true;
      selection: Extract<ProviderSelection, { ok: true }>;
      manifests: ProviderManifests;
    }
  | { ok: false; selection: Extract<ProviderSelection, { ok: false }> };

/** Selection and rendering together, for a preview pane that shows the reason either way. */
export function previewProviderManifests(source: ManifestSource): ManifestPreview {
  const selection = selectProvider(source.spec);
  if (!selection.ok) return { ok: false, selection };
  return {
    ok: true,
    selection,
    manifests: RENDERERS[selection.provider](source, selection.engine),
  };
}
