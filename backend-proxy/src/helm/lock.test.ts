import { describe, expect, it, vi } from 'vitest';
import type { KubeRequestOptions, KubeResponse, KubeTransport } from '../kube/client';
import { createLeaseLock, leaseName, microTime, withReleaseLock } from './lock';

/** An in-memory Lease store with the API server's optimistic concurrency. */
function fakeLeases() {
  const store = new Map<string, any>();
  let rv = 1;
  const calls: string[] = [];
  const kube: KubeTransport = {
    async request<T>(
      method: string,
      path: string,
      opts: KubeRequestOptions = {}
    ): Promise<KubeResponse<T>> {
      calls.push(method);
      const name = path.split('/leases/')[1];
      const body: any = opts.body;
      const reply = (status: number, b?: unknown) => ({ status, body: b as T });
      if (method === 'GET') return store.has(name!) ? reply(200, store.get(name!)) : reply(404);
      if (method === 'POST') {
        if (store.has(body.metadata.name)) return reply(409);
        const obj = { ...body, metadata: { ...body.metadata, resourceVersion: String(rv++) } };
        store.set(body.metadata.name, obj);
        return reply(201, obj);
      }
      if (method === 'PUT') {
        const cur = store.get(name!);
        if (!cur) return reply(404);
        if (body.metadata.resourceVersion !== cur.metadata.resourceVersion) return reply(409);
        const obj = { ...body, metadata: { ...body.metadata, resourceVersion: String(rv++) } };
        store.set(name!, obj);
        return reply(200, obj);
      }
      if (method === 'DELETE') {
        const cur = store.get(name!);
        if (!cur) return reply(404);
        if (body?.preconditions?.resourceVersion !== cur.metadata.resourceVersion)
          return reply(409);
        store.delete(name!);
        return reply(200);
      }
      return reply(405);
    },
  };
  return { kube, store, calls };
}

const key = { namespace: 'kaito-workspace', release: 'kaito-workspace' };

describe('release lock (Lease)', () => {
  it('names the Lease unambiguously and writes MicroTime with six digits', () => {
    expect(leaseName(key)).toBe('airunway-helm.kaito-workspace.kaito-workspace');
    expect(microTime(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05.678000Z');
  });

  it('one holder at a time; released afterwards; a second caller gets CONFLICT', async () => {
    const { kube, store } = fakeLeases();
    const a = createLeaseLock({ kube, namespace: 'ns', identity: 'a' });
    const b = createLeaseLock({ kube, namespace: 'ns', identity: 'b' });
    const held = await a.acquire(key, 'install');
    await expect(b.acquire(key, 'upgrade')).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { operation: 'install' },
    });
    await held.unlock();
    expect(store.size).toBe(0);
    await expect(withReleaseLock(b, key, 'upgrade', async () => 'done')).resolves.toBe('done');
  });

  it('takes over an expired Lease and releases it even when the operation throws', async () => {
    const { kube, store } = fakeLeases();
    store.set(leaseName(key), {
      metadata: { name: leaseName(key), resourceVersion: '99' },
      spec: {
        holderIdentity: 'dead',
        leaseDurationSeconds: 10,
        renewTime: microTime(new Date(Date.now() - 60_000)),
      },
    });
    const lock = createLeaseLock({ kube, namespace: 'ns', identity: 'a' });
    await expect(
      withReleaseLock(lock, key, 'install', async () => Promise.reject(new Error('boom')))
    ).rejects.toThrow('boom');
    expect(store.size).toBe(0);
  });

  it('renews while the operation runs, so a long operation keeps the release', async () => {
    vi.useFakeTimers();
    try {
      const { kube, calls } = fakeLeases();
      const lock = createLeaseLock({
        kube,
        namespace: 'ns',
        identity: 'a',
        leaseDurationSeconds: 6,
      });
      const held = await lock.acquire(key, 'install');
      await vi.advanceTimersByTimeAsync(2_100);
      await vi.advanceTimersByTimeAsync(2_100);
      expect(calls.filter(c => c === 'PUT').length).toBeGreaterThanOrEqual(2);
      expect(held.held).toBe(true);
      await held.unlock();
    } finally {
      vi.useRealTimers();
    }
  });
});
