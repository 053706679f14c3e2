import '../../test/setup';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { cents, formatMoney, nodePoolCosts } from '../../test/costs';
import { cpuNode, gpuNode, pod } from '../../test/fixtures';
import {
  countApiRequests,
  forbidden,
  getList,
  list,
  notFound,
  pending,
  requestKey,
  server,
  status,
} from '../../test/k8s';
import { PROXY_PREFIX } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { CapacityPage } from './CapacityPage';

const NODES = '/api/v1/nodes';
const PODS = '/api/v1/pods';
const AUTOSCALER = '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status';

function autoscalerConfigMap() {
  const now = new Date().toISOString().replace('T', ' ').replace('Z', ' +0000 UTC');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cluster-autoscaler-status', namespace: 'kube-system', uid: 'cm-1' },
    data: {
      status: [
        `Cluster-autoscaler status at ${now}:`,
        'Cluster-wide:',
        '  Health:      Healthy (ready=3 unready=0 notStarted=0 longNotStarted=0 registered=3 longUnregistered=0)',
        'NodeGroups:',
        '  Name:        a100',
        '  Health:      Healthy (ready=2 unready=0 notStarted=0 longNotStarted=0 registered=2 longUnregistered=0 cloudProviderTarget=2 (minSize=1, maxSize=5))',
        '  ScaleUp:     NoActivity (ready=2 cloudProviderTarget=2)',
      ].join('\n'),
    },
  };
}

/** The nodes carry no instance type: every pool gets the static per-GPU estimate. */
function cluster(autoscaler: () => unknown, costs = nodePoolCosts()) {
  return [
    costs.handler,
    getList(NODES, () =>
      list('Node', 'v1', [
        gpuNode('a100-0', 'a100', 4),
        gpuNode('a100-1', 'a100', 4),
        gpuNode('h100-0', 'h100', 8, 'NVIDIA-H100-80GB-HBM3'),
        cpuNode('cpu-0'),
      ])
    ),
    getList(PODS, () =>
      list('Pod', 'v1', [
        pod('a', 'team-a', 'x', 'Running', 'a100-0'),
        pod('b', 'team-a', 'x', 'Running', 'a100-0'),
        pod('c', 'team-a', 'x', 'Running', 'h100-0'),
      ])
    ),
    getList(AUTOSCALER, autoscaler),
  ];
}

function renderCapacity() {
  return renderPage(<CapacityPage />, { url: '/airunway/capacity', route: '/airunway/capacity' });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function cells(row: HTMLElement) {
  return Array.from(row.querySelectorAll('td')).map(cell => cell.textContent);
}

function row(text: string) {
  return screen
    .getAllByText(text)
    .map(cell => cell.closest('tr') as HTMLElement)
    .find(Boolean) as HTMLElement;
}

/** Cell texts of every table row whose first cell is `first`. */
function rowsOf(first: string) {
  return Array.from(document.querySelectorAll('tr'))
    .map(cells)
    .filter(texts => texts[0] === first);
}

/** The row of the pools table (8 columns) for pool `name`. */
function poolRow(name: string): HTMLElement {
  const found = Array.from(document.querySelectorAll('tr')).find(
    tr => tr.querySelector('td')?.textContent === name && tr.querySelectorAll('td').length === 8
  );
  if (!found) throw new Error(`no pool row ${name}`);
  return found;
}

describe('GPU capacity', () => {
  it('shows a loading state', async () => {
    server.use(
      getList(NODES, () => pending()),
      getList(PODS, () => pending()),
      getList(AUTOSCALER, () => pending())
    );
    renderCapacity();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading GPU capacity' })
    ).toBeInTheDocument();
  });

  it('shows totals, pools, nodes and the autoscaler', async () => {
    const costs = nodePoolCosts();
    server.use(...cluster(autoscalerConfigMap, costs));
    const { container } = renderCapacity();
    expect(await screen.findByText('Max contiguous GPUs on one node')).toBeInTheDocument();
    await screen.findAllByText(/ \/ month \(estimate\)$/);
    const poolCost = (name: string) =>
      costs.answers[0]!.nodePoolCosts.find(cost => cost.poolName === name)!.poolCost!.monthly;
    const totals = within(screen.getByText('Total GPUs').closest('dl, table, div') as HTMLElement);
    expect(totals.getByText('16')).toBeInTheDocument();
    expect(
      within(
        screen.getByText('Max contiguous GPUs on one node').parentElement!
          .parentElement as HTMLElement
      ).getByText('7')
    ).toBeInTheDocument();

    expect(screen.getByText('GPU allocation per pool')).toBeInTheDocument();
    expect(screen.getByText('GPU allocation per node')).toBeInTheDocument();
    expect(cells(row('a100-0'))).toEqual([
      'a100-0',
      'a100',
      'Ready',
      'A100-80GB',
      '80 GB',
      '4',
      '2',
      '2',
    ]);
    expect(cells(row('h100-0'))).toEqual([
      'h100-0',
      'h100',
      'Ready',
      'H100-SXM',
      '80 GB',
      '8',
      '1',
      '7',
    ]);
    expect(screen.queryByText('cpu-0')).not.toBeInTheDocument();

    const estimate =
      'Static list-price estimate: no real-time price for this pool. Prices vary by region.';
    expect(rowsOf('h100')).toEqual([
      [
        'h100',
        '1',
        'H100-SXM',
        '80 GB',
        '8',
        '1',
        '7',
        `${formatMoney(poolCost('h100'))} / month (estimate)${estimate}`,
      ],
    ]);
    expect(rowsOf('a100')).toContainEqual([
      'a100',
      '2',
      'A100-80GB',
      '80 GB',
      '8',
      '2',
      '6',
      `${formatMoney(poolCost('a100'))} / month (estimate)${estimate}`,
    ]);

    expect(await screen.findByText(/running on 1 node pool/)).toBeInTheDocument();
    expect(screen.getByText('AKS cluster autoscaler (managed)')).toBeInTheDocument();
    // The autoscaler's node group, beside the pool of the same name.
    expect(rowsOf('a100')).toContainEqual(['a100', '1', '5', '2', 'Healthy', 'NoActivity']);
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it("prices a month of the hours the cluster's cost settings ask for", async () => {
    const costs = nodePoolCosts([]);
    server.use(
      costs.handler,
      getList(NODES, () => list('Node', 'v1', [gpuNode('a100-0', 'a100', 4)])),
      getList(PODS, () => list('Pod', 'v1', [])),
      getList(AUTOSCALER, () => notFound()),
      getList('/api/v1/namespaces/airunway-system/configmaps/airunway-config', () => ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'airunway-config', namespace: 'airunway-system', resourceVersion: '3' },
        data: { costHoursPerMonth: '100', costPreferRealtime: 'false' },
      }))
    );
    renderCapacity();
    await screen.findAllByText(/ \/ month/);
    const last = costs.urls.at(-1)!;
    expect(last.searchParams.get('hoursPerMonth')).toBe('100');
    expect(last.searchParams.get('realtime')).toBe('false');
    const cost = costs.answers.at(-1)!.nodePoolCosts[0]!.poolCost!;
    // The static A100 price per GPU-hour × 4 GPUs × 100 hours.
    expect(cost.monthly).toBe(cents(cost.hourly * 100));
    expect(
      within(poolRow('a100')).getByText(`${formatMoney(cost.monthly)} / month (estimate)`)
    ).toBeInTheDocument();
  });

  it("shows each pool's monthly cost from one price request: real-time instance price × nodes, static estimates marked", async () => {
    const instanceType = 'Standard_NC96ads_A100_v4';
    const costs = nodePoolCosts([{ instanceType, hourlyPrice: 14.692, region: 'westeurope' }]);
    const a100 = (name: string) => {
      const node = gpuNode(name, 'a100', 4);
      Object.assign(node.metadata.labels, {
        'node.kubernetes.io/instance-type': instanceType,
        'topology.kubernetes.io/region': 'westeurope',
      });
      return node;
    };
    server.use(
      costs.handler,
      getList(NODES, () =>
        list('Node', 'v1', [
          a100('a100-0'),
          a100('a100-1'),
          gpuNode('h100-0', 'h100', 8, 'NVIDIA-H100-80GB-HBM3'),
          cpuNode('cpu-0'),
        ])
      ),
      getList(PODS, () => list('Pod', 'v1', [])),
      getList(AUTOSCALER, () => notFound())
    );
    const counter = countApiRequests();
    const { container } = renderCapacity();
    await screen.findAllByText(/ \/ month/);
    const answer = costs.answers[0]!.nodePoolCosts;
    const a100Cost = answer.find(cost => cost.poolName === 'a100')!.poolCost!;
    const h100Cost = answer.find(cost => cost.poolName === 'h100')!.poolCost!;
    // The whole pool: 2 nodes × the instance's hourly price × 730 hours.
    expect(a100Cost.monthly).toBe(cents(14.692 * 2 * 730));
    const a100Row = within(poolRow('a100'));
    expect(a100Row.getByText(`${formatMoney(a100Cost.monthly)} / month`)).toBeInTheDocument();
    expect(
      a100Row.getByText(`Real-time cloud price for ${instanceType} in westeurope.`)
    ).toBeInTheDocument();
    const h100Row = within(poolRow('h100'));
    expect(
      h100Row.getByText(`${formatMoney(h100Cost.monthly)} / month (estimate)`)
    ).toBeInTheDocument();
    expect(h100Row.getByText(/^Static list-price estimate/)).toBeInTheDocument();
    // Only GPU pools are priced, in one request.
    expect(answer.map(cost => cost.poolName)).toEqual(['a100', 'h100']);
    await settled();
    counter.stop();
    expect(counter.urls.filter(url => url.includes('/costs/node-pools'))).toHaveLength(1);
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('says pool costs need the proxy when it is not reachable, and keeps the capacity', async () => {
    server.use(
      http.get(`${PROXY_PREFIX}/costs/node-pools`, () =>
        status(503, 'ServiceUnavailable', 'no endpoints available for service "airunway-proxy"')
      ),
      ...cluster(() => notFound())
    );
    renderCapacity();
    expect(await screen.findAllByText(/^Cost needs the AI Runway proxy/)).toHaveLength(2);
    expect(rowsOf('h100')[0]!.slice(0, 7)).toEqual([
      'h100',
      '1',
      'H100-SXM',
      '80 GB',
      '8',
      '1',
      '7',
    ]);
    expect(screen.getByText('a100-0')).toBeInTheDocument();
  });

  it('says when the cluster has no GPUs and no autoscaler', async () => {
    server.use(
      getList(NODES, () => list('Node', 'v1', [cpuNode('cpu-0')])),
      getList(PODS, () => list('Pod', 'v1', [])),
      getList(AUTOSCALER, () => notFound())
    );
    const { container } = renderCapacity();
    expect(await screen.findByText(/No node on this cluster advertises GPUs/)).toBeInTheDocument();
    expect(await screen.findByText(/No autoscaler detected/)).toBeInTheDocument();
    expect(screen.queryByText('GPU allocation per node')).not.toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('names the missing permission when nodes cannot be listed', async () => {
    server.use(
      getList(NODES, () => forbidden('list', 'nodes', '')),
      getList(PODS, () => list('Pod', 'v1', [])),
      getList(AUTOSCALER, () => notFound())
    );
    const { container } = renderCapacity();
    expect(await findAlert('not allowed to list nodes across all namespaces')).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('keeps the capacity when only the autoscaler status is forbidden', async () => {
    server.use(...cluster(() => forbidden('get', 'configmaps', '', 'kube-system')));
    renderCapacity();
    expect(await screen.findByText('Max contiguous GPUs on one node')).toBeInTheDocument();
    expect(
      await screen.findByText(/not allowed to get configmaps in namespace kube-system/)
    ).toBeInTheDocument();
  });

  it('shows the API server message on other errors', async () => {
    server.use(
      getList(NODES, () => list('Node', 'v1', [])),
      http.get('*/clusters/test-cluster/api/v1/pods', () =>
        HttpResponse.json(
          { message: 'the server is currently unable to handle the request' },
          { status: 503 }
        )
      ),
      getList(AUTOSCALER, () => notFound())
    );
    renderCapacity();
    expect(
      await findAlert('the server is currently unable to handle the request')
    ).toBeInTheDocument();
  });

  it('reads capacity with one node list and one pod list of running pods, whatever the cluster size', async () => {
    async function requestsFor(nodeCount: number) {
      const nodes = Array.from({ length: nodeCount }, (_, index) =>
        gpuNode(`n-${index}`, `pool-${index % 3}`, 8)
      );
      const pods = Array.from({ length: nodeCount * 4 }, (_, index) =>
        pod(`p-${index}`, 'team-a', 'x', 'Running', `n-${index % nodeCount}`)
      );
      server.use(
        nodePoolCosts().handler,
        getList(NODES, () => list('Node', 'v1', nodes)),
        getList(PODS, () => list('Pod', 'v1', pods)),
        getList(AUTOSCALER, () => notFound())
      );
      const counter = countApiRequests();
      const view = renderCapacity();
      await screen.findByText('n-0');
      await settled();
      counter.stop();
      view.unmount();
      // The price request carries the pools (their node counts grow with the cluster): compare its route.
      return counter.urls
        .map(requestKey)
        .map(key => (key.includes('/costs/node-pools') ? key.split('?')[0]! : key))
        .sort();
    }
    const small = await requestsFor(1);
    const large = await requestsFor(200);
    expect(large).toEqual(small);
    expect(small.filter(key => !key.includes('watch='))).toEqual([
      // The cluster's cost options (Settings → Costs), read once.
      '/clusters/test-cluster/api/v1/namespaces/airunway-system/configmaps/airunway-config',
      // One price request for all the pools.
      '/clusters/test-cluster/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/api/costs/node-pools',
      `/clusters/test-cluster${AUTOSCALER}`,
      `/clusters/test-cluster${NODES}`,
      `/clusters/test-cluster${PODS}?fieldSelector=status.phase!=Succeeded,status.phase!=Failed`,
    ]);
  });
});
