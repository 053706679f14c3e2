/**
 * One operation per Helm release at a time, across every replica: a coordination.k8s.io Lease per
 * release, created (or taken over once expired) with optimistic concurrency, renewed while the
 * operation runs and deleted afterwards. The API server serialises the create/update, so two
 * requests racing for one release (on one replica or on two) get exactly one winner; the loser
 * gets CONFLICT. A replica that dies mid-operation leaves a Lease that expires after
 * `leaseDurationSeconds`; the next operation then finds the release pending and recovers it.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { ProxyError } from '../errors';
import { kubeFailure, type KubeResponse, type KubeTransport } from '../kube/client';

export interface LockKey {
  namespace: string;
  release: string;
}

export interface LockHandle {
  readonly holder: string;
  /** False once a renewal found the Lease taken over. */
  readonly held: boolean;
  unlock(): Promise<void>;
}

export interface ReleaseLock {
  /** Takes the Lease or throws CONFLICT. */
  acquire(key: LockKey, operation: string): Promise<LockHandle>;
}

export interface LeaseLockOptions {
  kube: KubeTransport;
  /** Namespace the Leases live in (the proxy's own). */
  namespace: string;
  /** This replica (pod name). */
  identity: string;
  leaseDurationSeconds?: number;
  logger?: Logger | undefined;
}

const LEASE_LABEL = 'airunway.ai/helm-release-lock';

/** `metav1.MicroTime` wants exactly six fractional digits. */
export function microTime(d: Date): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

export function leaseName(key: LockKey): string {
  // "." cannot occur in either DNS label, so the name is unambiguous.
  return `airunway-helm.${key.namespace}.${key.release}`;
}

function isLive(lease: any, now: number): boolean {
  const holder = lease?.spec?.holderIdentity;
  if (!holder) return false;
  const renew = Date.parse(lease?.spec?.renewTime ?? lease?.spec?.acquireTime ?? '');
  const duration = Number(lease?.spec?.leaseDurationSeconds ?? 0);
  if (!Number.isFinite(renew) || !(duration > 0)) return false;
  return renew + duration * 1000 > now;
}

export function createLeaseLock(options: LeaseLockOptions): ReleaseLock {
  const { kube, namespace } = options;
  const duration = options.leaseDurationSeconds ?? 30;
  const base = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/leases`;

  function conflictFor(key: LockKey, lease: any): ProxyError {
    const holderOp = lease?.metadata?.annotations?.['airunway.ai/operation'];
    return new ProxyError(
      'CONFLICT',
      `Another operation${
        holderOp ? ` (${holderOp})` : ''
      } is already running on the Helm release ${key.release} in ${
        key.namespace
      }. Wait for it to finish, then try again.`,
      {
        release: key.release,
        namespace: key.namespace,
        ...(holderOp ? { operation: holderOp } : {}),
        ...(lease?.spec?.acquireTime ? { since: lease.spec.acquireTime } : {}),
      }
    );
  }

  return {
    async acquire(key, operation) {
      const name = leaseName(key);
      const holder = `${options.identity}/${randomUUID()}`;
      const now = new Date();
      const body = (resourceVersion?: string) => ({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace,
          labels: { [LEASE_LABEL]: 'true' },
          annotations: { 'airunway.ai/operation': operation },
          ...(resourceVersion ? { resourceVersion } : {}),
        },
        spec: {
          holderIdentity: holder,
          leaseDurationSeconds: duration,
          acquireTime: microTime(now),
          renewTime: microTime(now),
        },
      });

      let res: KubeResponse;
      const current = await kube.request('GET', `${base}/${name}`);
      if (current.status === 404) {
        res = await kube.request('POST', base, { body: body() });
        if (res.status === 409) throw conflictFor(key, undefined);
      } else if (current.status === 200) {
        if (isLive(current.body, Date.now())) throw conflictFor(key, current.body);
        res = await kube.request('PUT', `${base}/${name}`, {
          body: body(current.body?.metadata?.resourceVersion),
        });
        if (res.status === 409) throw conflictFor(key, undefined);
      } else {
        throw kubeFailure(current, `read the Lease ${name} in ${namespace}`);
      }
      if (res.status < 200 || res.status > 299)
        throw kubeFailure(res, `write the Lease ${name} in ${namespace}`);

      let lease: any = res.body;
      let held = true;
      let renewing: Promise<void> = Promise.resolve();
      const timer = setInterval(() => {
        renewing = (async () => {
          if (!held) return;
          const next = { ...lease, spec: { ...lease.spec, renewTime: microTime(new Date()) } };
          try {
            const r = await kube.request('PUT', `${base}/${name}`, { body: next });
            if (r.status === 200) lease = r.body;
            else if (r.status === 409 || r.status === 404) {
              held = false;
              options.logger?.error(
                { lease: name, status: r.status },
                'lost the release lock while an operation ran'
              );
            } else
              options.logger?.warn(
                { lease: name, status: r.status },
                'could not renew the release lock'
              );
          } catch (e) {
            options.logger?.warn(
              { lease: name, err: (e as Error).message },
              'could not renew the release lock'
            );
          }
        })();
      }, Math.max(1000, (duration * 1000) / 3));
      timer.unref();

      return {
        holder,
        get held() {
          return held;
        },
        async unlock() {
          clearInterval(timer);
          await renewing;
          if (!held) return;
          held = false;
          try {
            await kube.request('DELETE', `${base}/${name}`, {
              body: {
                apiVersion: 'v1',
                kind: 'DeleteOptions',
                preconditions: { resourceVersion: lease?.metadata?.resourceVersion },
              },
            });
          } catch (e) {
            // The Lease expires on its own; nothing else to do.
            options.logger?.warn(
              { lease: name, err: (e as Error).message },
              'could not delete the release lock'
            );
          }
        },
      };
    },
  };
}

/** Runs `fn` holding the release's lock. */
export async function withReleaseLock<T>(
  lock: ReleaseLock,
  key: LockKey,
  operation: string,
  fn: () => Promise<T>
): Promise<T> {
  const handle = await lock.acquire(key, operation);
  try {
    return await fn();
  } finally {
    await handle.unlock();
  }
}
