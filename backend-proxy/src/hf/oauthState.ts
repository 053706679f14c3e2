/**
 * Where a sign-in's PKCE verifier waits between "start" and "verifier": any replica may serve either
 * request, so it lives in Kubernetes as a short-lived Secret in the proxy's namespace, named after a
 * hash of the state, with an expiry annotation. Taking it deletes it with a uid + resourceVersion
 * precondition, so when two replicas race only one gets the verifier. Expired Secrets are removed
 * when read and swept now and then.
 */
import { createHash } from 'node:crypto';
import { ProxyError } from '../errors';
import { kubeFailure, type KubeTransport } from '../kube/client';

export interface PendingSignIn {
  codeVerifier: string;
  redirectUri: string;
}

export interface OAuthStateStore {
  put(state: string, value: PendingSignIn, ttlSeconds: number): Promise<void>;
  /** Returns and deletes the entry; undefined when absent, expired or already taken. */
  take(state: string): Promise<PendingSignIn | undefined>;
}

export const OAUTH_STATE_LABEL = 'airunway.ai/oauth-state';
export const OAUTH_EXPIRES_ANNOTATION = 'airunway.ai/expires-at';

export function secretNameForState(state: string): string {
  return `airunway-oauth-${createHash('sha256').update(state).digest('hex').slice(0, 40)}`;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: unknown) =>
  typeof s === 'string' ? Buffer.from(s, 'base64').toString('utf8') : undefined;

export class KubeSecretStateStore implements OAuthStateStore {
  private lastSweep = 0;

  constructor(
    private readonly kube: KubeTransport,
    private readonly namespace: string,
    private readonly now: () => number = Date.now
  ) {}

  private base(): string {
    return `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/secrets`;
  }

  async put(state: string, value: PendingSignIn, ttlSeconds: number): Promise<void> {
    const expiresAt = new Date(this.now() + ttlSeconds * 1000).toISOString();
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: secretNameForState(state),
        labels: {
          [OAUTH_STATE_LABEL]: 'pending',
          'app.kubernetes.io/managed-by': 'airunway-proxy',
        },
        annotations: { [OAUTH_EXPIRES_ANNOTATION]: expiresAt },
      },
      data: { codeVerifier: b64(value.codeVerifier), redirectUri: b64(value.redirectUri) },
    };
    const res = await this.kube.request('POST', this.base(), { body: secret });
    if (res.status === 409)
      throw new ProxyError(
        'CONFLICT',
        'This sign-in state is already in use; start the sign-in again.'
      );
    if (res.status < 200 || res.status >= 300)
      throw kubeFailure(res, 'store the sign-in state (Secret)');
    void this.sweep().catch(() => undefined);
  }

  async take(state: string): Promise<PendingSignIn | undefined> {
    const path = `${this.base()}/${secretNameForState(state)}`;
    const res = await this.kube.request('GET', path);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw kubeFailure(res, 'read the sign-in state (Secret)');
    const secret = res.body;
    const del = await this.kube.request('DELETE', path, {
      body: {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        preconditions: {
          uid: secret?.metadata?.uid,
          resourceVersion: secret?.metadata?.resourceVersion,
        },
      },
    });
    // 404/409: another replica took it first.
    if (del.status === 404 || del.status === 409) return undefined;
    if (del.status < 200 || del.status >= 300)
      throw kubeFailure(del, 'delete the sign-in state (Secret)');
    const expires = Date.parse(secret?.metadata?.annotations?.[OAUTH_EXPIRES_ANNOTATION] ?? '');
    if (!Number.isFinite(expires) || expires <= this.now()) return undefined;
    const codeVerifier = unb64(secret?.data?.codeVerifier);
    const redirectUri = unb64(secret?.data?.redirectUri);
    if (!codeVerifier || !redirectUri) return undefined;
    return { codeVerifier, redirectUri };
  }

  /**
   * Deletes the sign-in Secrets expired when the sweep starts (at most once a minute per replica). The time
   * is read once: a sweep still listing when the clock has moved on must not judge by a later instant
   * than the one it started at (a slow background sweep would otherwise delete what a later one counts).
   */
  async sweep(force = false): Promise<number> {
    const now = this.now();
    if (!force && now - this.lastSweep < 60_000) return 0;
    this.lastSweep = now;
    const res = await this.kube.request('GET', this.base(), {
      query: { labelSelector: OAUTH_STATE_LABEL },
    });
    if (res.status !== 200) return 0;
    let deleted = 0;
    for (const item of res.body?.items ?? []) {
      const expires = Date.parse(item?.metadata?.annotations?.[OAUTH_EXPIRES_ANNOTATION] ?? '');
      if (Number.isFinite(expires) && expires > now) continue;
      const name = item?.metadata?.name;
      if (typeof name !== 'string' || !name.startsWith('airunway-oauth-')) continue;
      const del = await this.kube.request('DELETE', `${this.base()}/${name}`);
      if (del.status >= 200 && del.status < 300) deleted++;
    }
    return deleted;
  }
}

/** In-memory store for unit tests and single-replica development runs. */
export class MemoryStateStore implements OAuthStateStore {
  private readonly entries = new Map<string, PendingSignIn & { expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async put(state: string, value: PendingSignIn, ttlSeconds: number): Promise<void> {
    if (this.entries.has(state))
      throw new ProxyError(
        'CONFLICT',
        'This sign-in state is already in use; start the sign-in again.'
      );
    this.entries.set(state, { ...value, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  async take(state: string): Promise<PendingSignIn | undefined> {
    const entry = this.entries.get(state);
    this.entries.delete(state);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    return { codeVerifier: entry.codeVerifier, redirectUri: entry.redirectUri };
  }

  get size(): number {
    return this.entries.size;
  }
}
