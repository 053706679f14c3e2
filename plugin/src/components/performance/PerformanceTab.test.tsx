import '../../test/setup';
import { HISTORY_KEY } from '@airunway/shared-client/optimization/record';
import { dynamoFrontendScrape } from '@airunway/shared-client/prometheus/fixtures/dynamo';
import { LLAMACPP_SCRAPE_WITHOUT_KV } from '@airunway/shared-client/prometheus/fixtures/llamacpp';
import {
  steadyEngineState,
  vllmV1Scrape,
} from '@airunway/shared-client/prometheus/fixtures/vllm-v1';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelDeployment } from '../../resources/modelDeployment';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { type ManualClock, manualClock } from '../../test/clock';
import { modelDeployment, pod } from '../../test/fixtures';
import { forbidden, getList, list, notFound, server, status } from '../../test/k8s';
import { renderPage } from '../../test/render';
import { SETTLE_MS } from './OptimizationRecordCard';
import { DEFAULT_INTERVAL_S, PerformanceTab } from './PerformanceTab';

const NS = 'team-a';
const API = '*/clusters/test-cluster';
const METRICS = `${API}/api/v1/namespaces/${NS}/services/:target/proxy/metrics`;
const MD_PATH = `/apis/airunway.ai/v1alpha1/namespaces/${NS}/modeldeployments/qwen`;
const CM_PATH = `/api/v1/namespaces/${NS}/configmaps/qwen-optimizations`;

/** Successive scrapes of a vLLM server whose KV cache stays 97 % full. */
const scrapedPaths: string[] = [];

function vllmUnderPressure() {
  let step = 0;
  return http.get(METRICS, ({ request }) => {
    scrapedPaths.push(new URL(request.url).pathname);
    step += 1;
    return new HttpResponse(vllmV1Scrape([steadyEngineState(step, 0.97)]), {
      headers: { 'Content-Type': 'text/plain; version=0.0.4' },
    });
  });
}

const SPEC = {
  model: { id: 'Qwen/Qwen3-0.6B', source: 'huggingface' },
  engine: { type: 'vllm' },
  resources: { gpu: { count: 1 } },
  scaling: { replicas: 2 },
};

function deployment(overrides: Record<string, unknown> = {}) {
  return new ModelDeployment(modelDeployment('qwen', NS, overrides) as any);
}

/** A small stateful stand-in for the three objects the workflow touches, with resourceVersions. */
function workflowApi(options: { allowPatch?: boolean; records?: unknown[]; spec?: unknown } = {}) {
  const state = {
    md: { ...modelDeployment('qwen', NS), spec: structuredClone(options.spec ?? SPEC) } as any,
    cm: options.records
      ? ({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'qwen-optimizations', namespace: NS, resourceVersion: '7' },
          data: { [HISTORY_KEY]: JSON.stringify(options.records) },
        } as any)
      : undefined,
    patches: [] as any[],
    puts: [] as any[],
  };
  let rv = 50;
  server.use(
    http.post(`${API}/apis/authentication.k8s.io/v1/selfsubjectreviews`, () =>
      HttpResponse.json(
        { status: { userInfo: { username: 'alice@example.com' } } },
        { status: 201 }
      )
    ),
    http.post(
      `${API}/apis/authorization.k8s.io/v1/selfsubjectaccessreviews`,
      async ({ request }) => {
        const body = (await request.json()) as any;
        const allowed =
          body.spec.resourceAttributes.verb !== 'patch' || options.allowPatch !== false;
        return HttpResponse.json({ ...body, status: { allowed } }, { status: 201 });
      }
    ),
    http.get(`${API}${CM_PATH}`, () =>
      state.cm ? HttpResponse.json(state.cm) : notFound('configmaps "qwen-optimizations" not found')
    ),
    http.post(`${API}/api/v1/namespaces/${NS}/configmaps`, async ({ request }) => {
      const body = (await request.json()) as any;
      state.cm = { ...body, metadata: { ...body.metadata, resourceVersion: String(++rv) } };
      return HttpResponse.json(state.cm, { status: 201 });
    }),
    http.put(`${API}${CM_PATH}`, async ({ request }) => {
      const body = (await request.json()) as any;
      state.puts.push(body);
      if (body.metadata.resourceVersion !== state.cm.metadata.resourceVersion)
        return status(409, 'Conflict', 'the object has been modified');
      state.cm = { ...body, metadata: { ...body.metadata, resourceVersion: String(++rv) } };
      return HttpResponse.json(state.cm);
    }),
    http.get(`${API}${MD_PATH}`, () => HttpResponse.json(state.md)),
    http.patch(`${API}${MD_PATH}`, async ({ request }) => {
      const body = (await request.json()) as any;
      state.patches.push({ contentType: request.headers.get('Content-Type'), body });
      if (body.metadata.resourceVersion !== state.md.metadata.resourceVersion)
        return status(409, 'Conflict', 'the object has been modified');
      state.md = {
        ...state.md,
        metadata: { ...state.md.metadata, resourceVersion: String(++rv) },
        spec: {
          ...state.md.spec,
          ...body.spec,
          engine: { ...state.md.spec.engine, ...body.spec.engine },
        },
      };
      return HttpResponse.json(state.md);
    })
  );
  return state;
}

const readRecords = (state: { cm: any }) => JSON.parse(state.cm.data[HISTORY_KEY]);

function pendingRecord(overrides: Record<string, unknown> = {}) {
  return {
    id: 'rec-1',
    type: 'KV_CACHE',
    priority: 'HIGH',
    title: 'Give the KV cache more GPU memory',
    expectedEffect: 'More sequences fit in the KV cache',
    risks: ['Less headroom'],
    changesIdentityField: false,
    state: 'PENDING_APPROVAL',
    specBefore: SPEC,
    specAfter: { ...SPEC, engine: { type: 'vllm', args: { 'gpu-memory-utilization': '0.95' } } },
    history: [{ state: 'PENDING_APPROVAL', by: 'bob', at: '2026-01-01T00:00:00Z' }],
    ...overrides,
  };
}

type Pod = InstanceType<typeof K8s.ResourceClasses.Pod>;

/** A ready replica of the deployment whose model server listens on 8000. */
function readyPod(name: string): Pod {
  const json = pod(name, NS, 'qwen') as any;
  json.spec.containers[0].ports = [{ name: 'http', containerPort: 8000, protocol: 'TCP' }];
  json.status.conditions = [{ type: 'Ready', status: 'True' }];
  return new K8s.ResourceClasses.Pod(json);
}

const SLICES = `/apis/discovery.k8s.io/v1/namespaces/${NS}/endpointslices`;

/** The Service's EndpointSlice: these pods serve its port 8000. */
function endpointSlice(...podNames: string[]) {
  return getList(SLICES, () =>
    list('EndpointSlice', 'discovery.k8s.io/v1', [
      {
        metadata: {
          name: 'qwen-svc-abcde',
          namespace: NS,
          labels: { 'kubernetes.io/service-name': 'qwen-svc' },
        },
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 8000, protocol: 'TCP' }],
        endpoints: podNames.map((name, i) => ({
          addresses: [`10.0.0.${i + 10}`],
          conditions: { ready: true },
          targetRef: { kind: 'Pod', name, namespace: NS },
        })),
      },
    ])
  );
}

function renderTab(md = deployment(), pods: Pod[] = []) {
  return renderPage(<PerformanceTab deployment={md} pods={pods} />, {
    url: `/airunway/deployments/${NS}/qwen?tab=performance`,
    route: '/airunway/deployments/:namespace/:name',
    clock,
  });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Time for the tab: it stands still until a test moves it, so every rate below is exact. */
let clock: ManualClock;
beforeEach(() => {
  clock = manualClock();
});

const INTERVAL_MS = DEFAULT_INTERVAL_S * 1000;

/** Until the scrape loop has finished its round: its answers are charted and the next scrape is queued. */
async function roundCharted() {
  await waitFor(() => expect(clock.pendingDelays()).toContain(INTERVAL_MS));
}

/** `count` more scrape rounds, each exactly one interval after the last, each charted before the next. */
async function scrapes(count: number) {
  for (let i = 0; i < count; i++) {
    await roundCharted();
    act(() => clock.advance(INTERVAL_MS));
  }
  await roundCharted();
}

const scrapes3 = () => scrapes(3);

describe('Performance tab', () => {
  it('charts vLLM metrics, finds sustained KV-cache pressure and proposes a concrete change', async () => {
    server.use(vllmUnderPressure());
    const api = workflowApi();
    renderTab();
    expect(await screen.findByText(/vLLM metrics from qwen-svc:8000/)).toBeInTheDocument();
    expect(scrapedPaths.at(-1)).toBe(
      `/clusters/test-cluster/api/v1/namespaces/${NS}/services/qwen-svc:8000/proxy/metrics`
    );
    await scrapes(3);
    const kv = screen.getByRole('figure', { name: 'KV-cache use' });
    expect(within(kv).getByText('KV-cache use: 97%')).toBeInTheDocument();
    const requests = screen.getByRole('figure', { name: 'Requests' });
    expect(within(requests).getByText('Running: 12 · Waiting: 3')).toBeInTheDocument();
    // The first scrape and three more: three intervals, each finishing 10 requests with stop and 1 cut off
    // by max_tokens.
    const reasons = screen.getByRole('figure', { name: 'Finished requests by reason' });
    expect(
      within(reasons).getByText('stop: 30 · length: 3 · abort: 0 · error: 0')
    ).toBeInTheDocument();

    expect(await screen.findByText('Memory pressure')).toBeInTheDocument();
    // The bottleneck names the recommendations below that address it.
    const bottleneckRow = screen.getByText('Memory pressure').closest('tr') as HTMLElement;
    expect(
      within(bottleneckRow).getByText(/Give the KV cache more GPU memory/)
    ).toBeInTheDocument();
    const card = await screen.findByRole('article', { name: /GPU memory/i });
    // The diff names the engine arg and its new value.
    const row = within(card).getByText('spec.engine.args.gpu-memory-utilization').closest('tr');
    expect(within(row as HTMLElement).getByText('0.95')).toBeInTheDocument();

    fireEvent.click(within(card).getByRole('button', { name: 'Propose for approval' }));
    await waitFor(() => expect(api.cm).toBeDefined());
    const [stored] = readRecords(api);
    expect(stored).toMatchObject({
      type: 'KV_CACHE',
      state: 'PENDING_APPROVAL',
      specBefore: SPEC,
      history: [{ state: 'PENDING_APPROVAL', by: 'alice@example.com' }],
    });
    expect(stored.specAfter.engine.args['gpu-memory-utilization']).toBeDefined();
    expect(api.cm.metadata.ownerReferences[0]).toMatchObject({
      kind: 'ModelDeployment',
      uid: `uid-${NS}-qwen`,
    });
    // Proposing never touches the deployment.
    expect(api.patches).toHaveLength(0);
    expect(await within(card).findByRole('button', { name: 'Already proposed' })).toBeDisabled();
  });

  it('shows metrics an engine does not expose as not available, not as zero', async () => {
    server.use(http.get(METRICS, () => new HttpResponse(LLAMACPP_SCRAPE_WITHOUT_KV)));
    workflowApi();
    renderTab();
    await screen.findByText(/llama\.cpp metrics from/);
    await scrapes(1);
    const kv = screen.getByRole('figure', { name: 'KV-cache use' });
    expect(
      within(kv).getByText('Not available: the llama.cpp server does not expose this metric.')
    ).toBeInTheDocument();
    expect(within(kv).queryByText(/0%/)).toBeNull();
  });

  it("reads a Dynamo deployment's frontend: latencies and queue, KV cache not available there", async () => {
    let step = 0;
    server.use(http.get(METRICS, () => new HttpResponse(dynamoFrontendScrape(++step))));
    workflowApi();
    renderTab();
    await screen.findByText(/Dynamo frontend metrics from qwen-svc:8000/);
    await scrapes(1);
    const requests = screen.getByRole('figure', { name: 'Requests' });
    expect(within(requests).getByText('Running: 9 · Waiting: 4')).toBeInTheDocument();
    const ttft = screen.getByRole('figure', { name: 'Time to first token' });
    expect(within(ttft).getByText(/p95: \d+ ms/)).toBeInTheDocument();
    const kv = screen.getByRole('figure', { name: 'KV-cache use' });
    expect(
      within(kv).getByText('Not available: the Dynamo frontend server does not expose this metric.')
    ).toBeInTheDocument();
  });

  it('approves with a reason, then applies with a merge patch at the read resourceVersion', async () => {
    server.use(vllmUnderPressure());
    const api = workflowApi({ records: [pendingRecord()] });
    renderTab();
    const card = await screen.findByRole('article', { name: 'Give the KV cache more GPU memory' });
    fireEvent.change(within(card).getByLabelText('Reason (recorded with your decision)'), {
      target: { value: 'ok for staging' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(readRecords(api)[0].state).toBe('APPROVED'));
    expect(readRecords(api)[0].history[1]).toMatchObject({
      state: 'APPROVED',
      by: 'alice@example.com',
      note: 'ok for staging',
    });

    fireEvent.click(await within(card).findByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(readRecords(api)[0].state).toBe('IN_PROGRESS'));
    await waitFor(() => expect(api.patches).toHaveLength(1));
    expect(api.patches[0]).toEqual({
      contentType: 'application/merge-patch+json',
      body: {
        metadata: { resourceVersion: '1' },
        spec: { engine: { args: { 'gpu-memory-utilization': '0.95' } } },
      },
    });
    expect(api.md.spec.engine.args['gpu-memory-utilization']).toBe('0.95');
  });

  it('rejects with a reason and never changes the deployment', async () => {
    const api = workflowApi({ records: [pendingRecord()] });
    server.use(vllmUnderPressure());
    renderTab();
    const card = await screen.findByRole('article', { name: 'Give the KV cache more GPU memory' });
    fireEvent.change(within(card).getByLabelText('Reason (recorded with your decision)'), {
      target: { value: 'peak hours' },
    });
    fireEvent.click(within(card).getByRole('button', { name: 'Reject' }));
    await waitFor(() => expect(readRecords(api)[0].state).toBe('REJECTED'));
    expect(readRecords(api)[0].history[1]).toMatchObject({
      by: 'alice@example.com',
      note: 'peak hours',
    });
    expect(api.patches).toHaveLength(0);
    await waitFor(() => expect(within(card).queryByRole('button', { name: 'Approve' })).toBeNull());
  });

  it('a concurrent spec edit is a clear conflict: nothing overwritten, the record says FAILED', async () => {
    server.use(vllmUnderPressure());
    const api = workflowApi({
      records: [
        pendingRecord({
          state: 'APPROVED',
          history: [
            { state: 'PENDING_APPROVAL', by: 'bob', at: '2026-01-01T00:00:00Z' },
            { state: 'APPROVED', by: 'carol', at: '2026-01-01T00:01:00Z' },
          ],
        }),
      ],
    });
    renderTab();
    const card = await screen.findByRole('article', { name: 'Give the KV cache more GPU memory' });
    // States in words, in the card's chip and its history.
    expect(
      await within(card).findByText('Approved', { selector: '.MuiChip-label' })
    ).toBeInTheDocument();
    const history = await within(card).findByRole('list', {
      name: 'History of Give the KV cache more GPU memory',
    });
    expect(history).toHaveTextContent('Pending approval by bob at');
    expect(history).toHaveTextContent('Approved by carol at');
    // Someone scales the deployment after the change was approved.
    api.md = { ...api.md, spec: { ...api.md.spec, scaling: { replicas: 4 } } };
    fireEvent.click(within(card).getByRole('button', { name: 'Apply' }));
    expect(
      await findAlert(/changed by someone else since this optimisation was proposed/)
    ).toBeInTheDocument();
    expect(api.patches).toHaveLength(0);
    expect(api.md.spec.scaling).toEqual({ replicas: 4 });
    await waitFor(() => expect(readRecords(api)[0].state).toBe('FAILED'));
  });

  it('rolls back an applied change to the spec before it', async () => {
    server.use(vllmUnderPressure());
    const applied = pendingRecord({
      state: 'IN_PROGRESS',
      appliedAt: '2026-01-01T00:02:00Z',
      history: [
        { state: 'PENDING_APPROVAL', by: 'bob', at: '2026-01-01T00:00:00Z' },
        { state: 'APPROVED', by: 'carol', at: '2026-01-01T00:01:00Z' },
        { state: 'IN_PROGRESS', by: 'carol', at: '2026-01-01T00:02:00Z' },
      ],
    });
    const api = workflowApi({ records: [applied], spec: applied.specAfter });
    renderTab();
    const card = await screen.findByRole('article', { name: 'Give the KV cache more GPU memory' });
    fireEvent.click(within(card).getByRole('button', { name: 'Roll back' }));
    await waitFor(() => expect(readRecords(api)[0].state).toBe('ROLLED_BACK'));
    expect(api.patches[0].body.spec).toEqual({ engine: { args: null } });
  });

  it('after apply and a settling window, compares before with after and records it on completion', async () => {
    server.use(vllmUnderPressure());
    const applied = new Date(clock.now() - SETTLE_MS - 60_000).toISOString();
    const api = workflowApi({
      records: [
        pendingRecord({
          state: 'IN_PROGRESS',
          appliedAt: applied,
          metricsBefore: { ttftP95: 5, kvCacheUsage: 0.99 },
          history: [
            { state: 'PENDING_APPROVAL', by: 'bob', at: '2026-01-01T00:00:00Z' },
            { state: 'APPROVED', by: 'carol', at: '2026-01-01T00:01:00Z' },
            { state: 'IN_PROGRESS', by: 'carol', at: applied },
          ],
        }),
      ],
    });
    renderTab();
    await scrapes(3);
    const card = await screen.findByRole('article', { name: 'Give the KV cache more GPU memory' });
    const table = await within(card).findByRole('table', {
      name: 'Metrics before and after Give the KV cache more GPU memory',
    });
    const row = (label: string) => within(table).getByText(label).closest('tr') as HTMLElement;
    expect(within(row('Time to first token p95')).getByText('5.00 s')).toBeInTheDocument();
    expect(within(row('Time to first token p95')).getByText('better')).toBeInTheDocument();
    expect(within(row('KV-cache use')).getByText('no change')).toBeInTheDocument();

    fireEvent.click(within(card).getByRole('button', { name: 'Mark completed' }));
    await waitFor(() => expect(readRecords(api)[0].state).toBe('COMPLETED'));
    const stored = readRecords(api)[0];
    expect(stored.metricsBefore).toEqual({ ttftP95: 5, kvCacheUsage: 0.99 });
    expect(stored.metricsAfter.kvCacheUsage).toBeCloseTo(0.97);
    expect(stored.metricsAfter.ttftP95).toBeLessThan(1);
  });

  it('offers approve and apply only to users allowed to patch the deployment', async () => {
    server.use(vllmUnderPressure());
    workflowApi({ records: [pendingRecord()], allowPatch: false });
    renderTab();
    const card = await screen.findByRole('article', { name: 'Give the KV cache more GPU memory' });
    await screen.findByText(/you need patch on modeldeployments.airunway.ai in namespace team-a/);
    expect(within(card).getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(within(card).getByRole('button', { name: 'Reject' })).toBeEnabled();
  });

  it('names the missing permission when the metrics cannot be read', async () => {
    server.use(http.get(METRICS, () => forbidden('get', 'services/proxy', '', NS)));
    workflowApi();
    renderTab();
    expect(await findAlert(/not allowed to get services/)).toBeInTheDocument();
  });

  it('explains a deployment without an endpoint instead of scraping', async () => {
    const md = deployment();
    delete (md.jsonData as any).status.endpoint;
    workflowApi();
    renderTab(md);
    expect(await screen.findByText(/has not published an endpoint/)).toBeInTheDocument();
  });

  it('with several replicas, reads each pod and charts their sum, not one pod at a time', async () => {
    const POD_METRICS = `${API}/api/v1/namespaces/${NS}/pods/:target/proxy/metrics`;
    const scrapes = new Map<string, number>();
    server.use(
      http.get(POD_METRICS, ({ params }) => {
        const target = String(params.target);
        const step = (scrapes.get(target) ?? 0) + 1;
        scrapes.set(target, step);
        // qwen-0 has served for long, qwen-1 just started: each adds 1,500 generated tokens a scrape.
        const offset = target.startsWith('qwen-0') ? 100 : 0;
        return new HttpResponse(vllmV1Scrape([steadyEngineState(offset + step, 0.5)]));
      }),
      http.get(METRICS, () => HttpResponse.text('not expected', { status: 500 })),
      endpointSlice('qwen-0', 'qwen-1')
    );
    workflowApi();
    // A ready pod of the deployment that the Service does not send to (e.g. a worker) is not read.
    renderTab(deployment(), [readyPod('qwen-0'), readyPod('qwen-1'), readyPod('qwen-worker')]);
    expect(await screen.findByText(/summed over 2 of 2 ready replicas/)).toBeInTheDocument();
    expect([...scrapes.keys()].sort()).toEqual(['qwen-0:8000', 'qwen-1:8000']);
    await scrapes3();
    const requests = screen.getByRole('figure', { name: 'Requests' });
    expect(within(requests).getByText('Running: 24 · Waiting: 6')).toBeInTheDocument();
    const tokens = screen.getByRole('figure', { name: 'Tokens per second' });
    // 2 × 1,500 tokens every 15 s, exactly: the scrapes are stamped with the test's clock.
    expect(within(tokens).getByText(/· Generated \(out\): 200\/s$/)).toBeInTheDocument();
  });

  it("without list on endpointslices, reads the deployment's ready pods one by one", async () => {
    const read: string[] = [];
    server.use(
      getList(SLICES, () => forbidden('list', 'endpointslices', 'discovery.k8s.io', NS)),
      http.get(`${API}/api/v1/namespaces/${NS}/pods/:target/proxy/metrics`, ({ params }) => {
        read.push(String(params.target));
        return new HttpResponse(vllmV1Scrape([steadyEngineState(1, 0.5)]));
      })
    );
    workflowApi();
    renderTab(deployment(), [readyPod('qwen-0'), readyPod('qwen-1')]);
    expect(await screen.findByText(/summed over 2 of 2 ready replicas/)).toBeInTheDocument();
    expect([...new Set(read)].sort()).toEqual(['qwen-0:8000', 'qwen-1:8000']);
  });

  it('falls back to the Service, and says what that means, without get on pods/proxy', async () => {
    server.use(
      http.get(`${API}/api/v1/namespaces/${NS}/pods/:target/proxy/metrics`, () =>
        forbidden('get', 'pods/proxy', '', NS)
      ),
      vllmUnderPressure(),
      endpointSlice('qwen-0', 'qwen-1')
    );
    workflowApi();
    renderTab(deployment(), [readyPod('qwen-0'), readyPod('qwen-1')]);
    expect(await screen.findByText(/vLLM metrics from qwen-svc:8000/)).toBeInTheDocument();
    expect(
      screen.getByText(/reading every replica needs get on pods\/proxy in namespace team-a/)
    ).toBeInTheDocument();
  });

  it('stops scraping while the page is hidden and resumes when it is shown again', async () => {
    server.use(vllmUnderPressure());
    workflowApi();
    renderTab();
    await screen.findByText(/vLLM metrics from qwen-svc:8000/);
    const setVisibility = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
      act(() => {
        document.dispatchEvent(new Event('visibilitychange'));
      });
    };
    try {
      setVisibility('hidden');
      expect(await screen.findByText('Paused while the page is hidden.')).toBeInTheDocument();
      const whenHidden = scrapedPaths.length;
      // Four intervals pass with nothing queued and nothing read.
      act(() => clock.advance(4 * INTERVAL_MS));
      expect(clock.pendingDelays()).not.toContain(INTERVAL_MS);
      expect(scrapedPaths.length).toBe(whenHidden);
      setVisibility('visible');
      // Shown again: one scrape at once, then one per interval.
      await waitFor(() => expect(scrapedPaths.length).toBe(whenHidden + 1));
      await scrapes(1);
      expect(scrapedPaths.length).toBe(whenHidden + 2);
    } finally {
      delete (document as unknown as Record<string, unknown>).visibilityState;
    }
  });

  it('has no serious accessibility violations', async () => {
    server.use(vllmUnderPressure());
    workflowApi({ records: [pendingRecord()] });
    const { container } = renderTab();
    await screen.findByRole('article', { name: 'Give the KV cache more GPU memory' });
    await scrapes(3);
    await screen.findByText('Memory pressure');
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
