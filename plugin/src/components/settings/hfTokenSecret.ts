/**
 * The HuggingFace token as Kubernetes Secrets (`hf-token`, key `HF_TOKEN`), written with the user's own
 * credentials straight to the API server. The token is a function argument only: it is never put in a
 * query key, a mutation's variables (react-query keeps those in its cache), or browser storage.
 */
import { ApiProxy } from '@kinvolk/headlamp-plugin/lib';

export const HF_TOKEN_SECRET = { name: 'hf-token', key: 'HF_TOKEN' } as const;

/** Reads only metadata, so checking whether the Secret exists never brings the token to the browser. */
export const SECRET_METADATA_ACCEPT =
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

export function secretsPath(namespace: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;
}

export function hfTokenSecretPath(namespace: string): string {
  return `${secretsPath(namespace)}/${HF_TOKEN_SECRET.name}`;
}

export function hfTokenSecret(namespace: string, token: string) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: HF_TOKEN_SECRET.name, namespace },
    type: 'Opaque',
    stringData: { [HF_TOKEN_SECRET.key]: token },
  };
}

export interface KubeFailure {
  status?: number;
  message?: string;
}

/** What one namespace's save or delete came to. */
export interface NamespaceResult {
  namespace: string;
  error?: KubeFailure;
}

/** `action` in every namespace at once; each outcome is kept (one namespace's refusal stops no other). */
export async function eachNamespace(
  namespaces: readonly string[],
  action: (namespace: string) => Promise<void>
): Promise<NamespaceResult[]> {
  return Promise.all(
    namespaces.map(async namespace => {
      try {
        await action(namespace);
        return { namespace };
      } catch (error) {
        return { namespace, error: error as KubeFailure };
      }
    })
  );
}

/** Whether Secret `name` exists in `namespace` (false on 404); its metadata only, never its data. */
export async function secretExists(namespace: string, name: string): Promise<boolean> {
  try {
    await ApiProxy.request(`${secretsPath(namespace)}/${encodeURIComponent(name)}`, {
      headers: { Accept: SECRET_METADATA_ACCEPT },
    });
    return true;
  } catch (err) {
    if ((err as KubeFailure).status === 404) return false;
    throw err;
  }
}

/** Whether `hf-token` exists in `namespace` (false on 404). */
export function hfTokenExists(namespace: string): Promise<boolean> {
  return secretExists(namespace, HF_TOKEN_SECRET.name);
}

/** Creates the Secret, or replaces it when it already exists (409 on create). */
export async function saveHfToken(namespace: string, token: string): Promise<void> {
  const body = JSON.stringify(hfTokenSecret(namespace, token));
  const headers = { 'Content-Type': 'application/json' };
  try {
    await ApiProxy.request(secretsPath(namespace), { method: 'POST', body, headers });
  } catch (err) {
    if ((err as KubeFailure).status !== 409) throw err;
    await ApiProxy.request(hfTokenSecretPath(namespace), { method: 'PUT', body, headers });
  }
}

export async function deleteHfToken(namespace: string): Promise<void> {
  try {
    await ApiProxy.request(hfTokenSecretPath(namespace), { method: 'DELETE' });
  } catch (err) {
    // Already gone is what the user asked for.
    if ((err as KubeFailure).status !== 404) throw err;
  }
}
