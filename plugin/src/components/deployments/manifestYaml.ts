import { toYaml } from '@airunway/shared-client/yaml';

/**
 * An object as YAML the way `kubectl get -o yaml` users expect to read it: apiVersion and kind first, and
 * without metadata.managedFields, the server-side-apply bookkeeping that is long and says nothing about the
 * deployment.
 */
export function manifestYaml(object: object): string {
  const { apiVersion, kind, metadata, ...body } = object as Record<string, unknown>;
  const keptMetadata =
    metadata && typeof metadata === 'object'
      ? Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== 'managedFields'))
      : metadata;
  return toYaml({ apiVersion, kind, metadata: keptMetadata, ...body });
}
