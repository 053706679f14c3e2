/**
 * Namespace names for the namespace picker. Listing namespaces is a separate permission; when it is denied
 * the picker falls back to typing a name, so this never blocks the page.
 */
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useMemo } from 'react';

export function useNamespaceNames(): { names: string[]; unavailable: boolean } {
  const { items, errors } = K8s.ResourceClasses.Namespace.useList();
  const names = useMemo(() => (items ?? []).map(ns => ns.metadata.name).sort(), [items]);
  return { names, unavailable: Boolean(errors && errors.length > 0) };
}
