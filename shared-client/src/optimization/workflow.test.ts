import { describe, expect, it } from 'vitest';
import type { Recommendation } from '../advisor';
import { applyPatch } from '../advisor';
import { HISTORY_KEY, historyConfigMapName } from './record';
import {
  applyOptimization,
  canI,
  decide,
  type KubeRequest,
  type KubeRequestInit,
  propose,
  readHistory,
  rollbackOptimization,
  whoAmI,
  WorkflowError,
} from './workflow';

/**
 * An in-memory stand-in for the few API server behaviours the workflow relies on: resourceVersion on every
 * write, 409 for a stale one, merge patch, 403 for a denied verb. The real API server is exercised by the
 * integration test (test/integration); this one lets each branch be provoked on demand.
 */
class FakeApi {
  objects = new Map<string, any>();
  rv = 100;
  denied = new Set<string>();
  /** Runs once before the next write with this method, to simulate a concurrent writer. */
  beforeWrite: { method: string; run: () => void } | undefined;
  calls: { method: string; path: string; body?: any }[] = [];

  put(path: string, obj: any) {
    this.objects.set(path, {
      ...obj,
      metadata: { ...obj.metadata, resourceVersion: String(++this.rv) },
    });
  }

  request: KubeRequest = async (path: string, init: KubeRequestInit) => {
    this.calls.push({ method: init.method, path, body: init.body });
    if (this.denied.has(init.method)) return { status: 403, body: { message: 'forbidden: nope' } };
    if (path.endsWith('selfsubjectreviews'))
      return { status: 201, body: { status: { userInfo: { username: 'alice' } } } };
    if (path.endsWith('selfsubjectaccessreviews'))
      return {
        status: 201,
        body: { status: { allowed: (init.body as any).spec.resourceAttributes.verb !== 'delete' } },
      };
    if (init.method !== 'GET' && this.beforeWrite?.method === init.method) {
      const hook = this.beforeWrite;
      this.beforeWrite = undefined;
      hook.run();
    }
    const body: any = init.body;
    switch (init.method) {
      case 'GET': {
        const obj = this.objects.get(path);
        return obj ? { status: 200, body: structuredClone(obj) } : { status: 404, body: {} };
      }
      case 'POST': {
        const named = `${path}/${body.metadata.name}`;
        if (this.objects.has(named)) return { status: 409, body: { message: 'already exists' } };
        this.put(named, body);
        return { status: 201, body: this.objects.get(named) };
      }
      case 'PUT':
      case 'PATCH': {
        const current = this.objects.get(path);
        if (!current) return { status: 404, body: {} };
        const rv = body.metadata?.resourceVersion;
        if (rv !== undefined && rv !== current.metadata.resourceVersion)
          return { status: 409, body: { message: 'the object has been modified' } };
        const next = init.method === 'PUT' ? body : applyPatch(current, body);
        this.put(path, next);
        return { status: 200, body: this.objects.get(path) };
      }
    }
  };
}

const ref = { namespace: 'ml', name: 'llama' };
const MD = '/apis/airunway.ai/v1alpha1/namespaces/ml/modeldeployments/llama';
const CM = `/api/v1/namespaces/ml/configmaps/${historyConfigMapName('llama')}`;
const specBefore = {
  model: { id: 'meta-llama/Llama-3.1-8B' },
  engine: { type: 'vllm', args: { 'gpu-memory-utilization': '0.9' } },
};
const recommendation: Recommendation = {
  type: 'KV_CACHE',
  priority: 'HIGH',
  title: 'Raise GPU memory utilisation',
  rationale: 'KV cache full',
  expectedEffect: 'More room for sequences',
  risks: ['Less headroom for activations'],
  patch: { engine: { args: { 'gpu-memory-utilization': '0.95' } } },
  changesIdentityField: false,
  addresses: ['MEMORY_PRESSURE'],
};
const step = (by: string, at: string, note?: string) => ({ by, at, ...(note ? { note } : {}) });

function cluster(): FakeApi {
  const api = new FakeApi();
  api.put(MD, {
    apiVersion: 'airunway.ai/v1alpha1',
    kind: 'ModelDeployment',
    metadata: { name: 'llama', namespace: 'ml', uid: 'uid-1' },
    spec: structuredClone(specBefore),
    status: { phase: 'Running' },
  });
  return api;
}

async function approved(api: FakeApi) {
  const record = await propose(
    api.request,
    ref,
    specBefore,
    recommendation,
    step('alice', 't0'),
    'r1'
  );
  await decide(api.request, ref, record.id, 'APPROVED', step('bob', 't1', 'ok'));
  return record;
}

describe('identity and access', () => {
  it('reads the username and the access review verdict', async () => {
    const api = cluster();
    expect(await whoAmI(api.request)).toBe('alice');
    const attrs = { group: 'airunway.ai', resource: 'modeldeployments', namespace: 'ml' };
    expect(await canI(api.request, { ...attrs, verb: 'patch' })).toBe(true);
    expect(await canI(api.request, { ...attrs, verb: 'delete' })).toBe(false);
  });

  it('sends a subresource in the review as given', async () => {
    const api = cluster();
    const attributes = {
      verb: 'create',
      group: '',
      resource: 'services',
      subresource: 'proxy',
      namespace: 'airunway-system',
      name: 'airunway-proxy',
    };
    expect(await canI(api.request, attributes)).toBe(true);
    expect(api.calls).toEqual([
      {
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: attributes },
        },
      },
    ]);
  });
});

describe('propose and decide', () => {
  it('creates the history ConfigMap owned by the deployment, with the spec before and after', async () => {
    const api = cluster();
    const record = await propose(
      api.request,
      ref,
      specBefore,
      recommendation,
      step('alice', 't0'),
      'r1'
    );
    expect(record.state).toBe('PENDING_APPROVAL');
    expect(record.specAfter).toEqual({
      ...specBefore,
      engine: { type: 'vllm', args: { 'gpu-memory-utilization': '0.95' } },
    });
    const cm = api.objects.get(CM);
    expect(cm.metadata.ownerReferences).toEqual([
      { apiVersion: 'airunway.ai/v1alpha1', kind: 'ModelDeployment', name: 'llama', uid: 'uid-1' },
    ]);
    expect(JSON.parse(cm.data[HISTORY_KEY])[0].id).toBe('r1');
    // Later steps replace the ConfigMap; its owner and label stay.
    await decide(api.request, ref, 'r1', 'REJECTED', step('bob', 't1'));
    const replaced = api.objects.get(CM);
    expect(replaced.metadata.ownerReferences).toEqual(cm.metadata.ownerReferences);
    expect(replaced.metadata.labels).toEqual({ 'airunway.ai/optimizations-for': 'llama' });
    // Proposing changes nothing on the deployment.
    expect(api.objects.get(MD).spec).toEqual(specBefore);
  });

  it('re-reads on a history conflict and refuses to decide a record someone else decided', async () => {
    const api = cluster();
    await propose(api.request, ref, specBefore, recommendation, step('alice', 't0'), 'r1');
    // Carol rejects between Bob's read and Bob's write.
    api.beforeWrite = {
      method: 'PUT',
      run: () => {
        const cm = api.objects.get(CM);
        const records = JSON.parse(cm.data[HISTORY_KEY]);
        records[0].state = 'REJECTED';
        records[0].history.push({ state: 'REJECTED', by: 'carol', at: 't1' });
        api.put(CM, { ...cm, data: { [HISTORY_KEY]: JSON.stringify(records) } });
      },
    };
    await expect(decide(api.request, ref, 'r1', 'APPROVED', step('bob', 't2'))).rejects.toThrow(
      /REJECTED \(by carol at t1\)/
    );
    const { records } = await readHistory(api.request, ref);
    expect(records[0]!.history.map(h => h.by)).toEqual(['alice', 'carol']);
  });
});

describe('apply and roll back', () => {
  it('applies with a merge patch at the read resourceVersion, records IN_PROGRESS, then rolls back', async () => {
    const api = cluster();
    await approved(api);
    const record = await applyOptimization(api.request, ref, 'r1', step('bob', 't2'), {
      ttftP95: 2,
    });
    expect(record).toMatchObject({
      state: 'IN_PROGRESS',
      appliedAt: 't2',
      metricsBefore: { ttftP95: 2 },
    });
    expect(api.objects.get(MD).spec.engine.args['gpu-memory-utilization']).toBe('0.95');
    const patch = api.calls.find(c => c.method === 'PATCH');
    expect(patch!.body).toEqual({
      metadata: { resourceVersion: expect.any(String) },
      spec: { engine: { args: { 'gpu-memory-utilization': '0.95' } } },
    });
    // Status is untouched by the change.
    expect(api.objects.get(MD).status).toEqual({ phase: 'Running' });

    const rolled = await rollbackOptimization(api.request, ref, 'r1', step('bob', 't3'));
    expect(rolled.state).toBe('ROLLED_BACK');
    expect(api.objects.get(MD).spec).toEqual(specBefore);
  });

  it('retries a 409 caused by a status write, since the spec is still as proposed', async () => {
    const api = cluster();
    await approved(api);
    api.beforeWrite = {
      method: 'PATCH',
      run: () => {
        const md = api.objects.get(MD);
        api.put(MD, { ...md, status: { phase: 'Deploying' } });
      },
    };
    await applyOptimization(api.request, ref, 'r1', step('bob', 't2'));
    expect(api.objects.get(MD).spec.engine.args['gpu-memory-utilization']).toBe('0.95');
    expect(api.calls.filter(c => c.method === 'PATCH')).toHaveLength(2);
  });

  it('never overwrites a concurrent spec edit: the record fails with the reason', async () => {
    const api = cluster();
    await approved(api);
    api.beforeWrite = {
      method: 'PATCH',
      run: () => {
        const md = api.objects.get(MD);
        api.put(MD, { ...md, spec: { ...md.spec, scaling: { replicas: 3 } } });
      },
    };
    const error = await applyOptimization(api.request, ref, 'r1', step('bob', 't2')).catch(e => e);
    expect(error).toBeInstanceOf(WorkflowError);
    expect(error.code).toBe('SPEC_CHANGED');
    const md = api.objects.get(MD);
    expect(md.spec.scaling).toEqual({ replicas: 3 });
    expect(md.spec.engine.args['gpu-memory-utilization']).toBe('0.9');
    const { records } = await readHistory(api.request, ref);
    expect(records[0]!.state).toBe('FAILED');
    expect(records[0]!.history.at(-1)!.note).toMatch(/changed by someone else/);
  });

  it('does not roll back over a later edit, and leaves the record as it was', async () => {
    const api = cluster();
    await approved(api);
    await applyOptimization(api.request, ref, 'r1', step('bob', 't2'));
    const md = api.objects.get(MD);
    api.put(MD, { ...md, spec: { ...md.spec, scaling: { replicas: 5 } } });
    const error = await rollbackOptimization(api.request, ref, 'r1', step('bob', 't3')).catch(
      e => e
    );
    expect(error.code).toBe('SPEC_CHANGED');
    expect(api.objects.get(MD).spec.scaling).toEqual({ replicas: 5 });
    expect((await readHistory(api.request, ref)).records[0]!.state).toBe('IN_PROGRESS');
  });

  it('refuses to apply a record that was not approved, touching nothing', async () => {
    const api = cluster();
    await propose(api.request, ref, specBefore, recommendation, step('alice', 't0'), 'r1');
    await expect(applyOptimization(api.request, ref, 'r1', step('bob', 't2'))).rejects.toThrow(
      /PENDING_APPROVAL/
    );
    expect(api.calls.some(c => c.method === 'PATCH')).toBe(false);
  });

  it('reports a denied patch as FORBIDDEN and records the failure', async () => {
    const api = cluster();
    await approved(api);
    const original = api.request;
    api.request = async (path, init) =>
      init.method === 'PATCH'
        ? { status: 403, body: { message: 'cannot patch' } }
        : original(path, init);
    const error = await applyOptimization(api.request, ref, 'r1', step('bob', 't2')).catch(e => e);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/Not allowed to change ModelDeployment ml\/llama: cannot patch/);
    expect((await readHistory(api.request, ref)).records[0]!.state).toBe('FAILED');
  });
});
