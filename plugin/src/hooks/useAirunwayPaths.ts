/**
 * Links between the plugin's own pages. The cluster segment is taken from the current URL (our routes are
 * registered with Headlamp's cluster prefix), so a link always stays on the cluster being viewed, including
 * multi-cluster selections such as `/c/a+b/...`.
 */
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { useParams } from 'react-router-dom';

export const ROUTES = {
  deployments: '/airunway/deployments',
  deployment: '/airunway/deployments/:namespace/:name',
  editDeployment: '/airunway/deployments/:namespace/:name/edit',
  capacity: '/airunway/capacity',
  models: '/airunway/models',
  createDeployment: '/airunway/deployments/new',
  runtimes: '/airunway/runtimes',
  settings: '/airunway/settings',
  /** Where HuggingFace sends the browser back after sign-in (the OAuth redirect URI). */
  hfOAuthCallback: '/airunway/settings/huggingface-callback',
} as const;

export function useAirunwayPaths() {
  const params = useParams<{ cluster?: string }>();
  // Both hooks run on every render (rules of hooks); the route parameter wins because it keeps a
  // multi-cluster selection (`a+b`) intact, where useCluster returns only the first cluster.
  const current = K8s.useCluster();
  const cluster = params.cluster ?? current ?? '';
  const prefix = cluster ? `/c/${cluster}` : '';
  return {
    cluster,
    deployments: () => `${prefix}${ROUTES.deployments}`,
    deployment: (namespace: string, name: string) =>
      `${prefix}/airunway/deployments/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`,
    editDeployment: (namespace: string, name: string) =>
      `${prefix}/airunway/deployments/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name
      )}/edit`,
    capacity: () => `${prefix}${ROUTES.capacity}`,
    runtimes: () => `${prefix}${ROUTES.runtimes}`,
    settings: () => `${prefix}${ROUTES.settings}`,
    /** The sign-in callback, carrying the namespaces the token is saved in (names, never the token). */
    hfOAuthCallback: (namespaces: readonly string[]) =>
      `${prefix}${ROUTES.hfOAuthCallback}?namespaces=${namespaces
        .map(encodeURIComponent)
        .join(',')}`,
    models: () => `${prefix}${ROUTES.models}`,
    /** The create page, optionally prefilled through its query string (see create/draft.ts). */
    createDeployment: (prefill: Record<string, string | undefined> = {}) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(prefill)) if (value) query.set(key, value);
      const search = query.toString();
      return `${prefix}${ROUTES.createDeployment}${search ? `?${search}` : ''}`;
    },
  };
}
