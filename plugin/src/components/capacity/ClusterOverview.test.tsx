import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { nodePoolCosts } from '../../test/costs';
import { cpuNode, gpuNode, pod } from '../../test/fixtures';
import {
  countApiRequests,
  forbidden,
  list,
  notFound,
  pending,
  requestKey,
  server,
} from '../../test/k8s';
import { renderPage, TEST_CLUSTER } from '../../test/render';
import { settled } from '../../test/settled';
import { CapacityPage } from './CapacityPage';

const EAST = 'gpu-east';
const AUTOSCALER = '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status';

type Answer = () => unknown | Response | Promise<never>;

/** A list endpoint of one named cluster behind the Headlamp backend (`/clusters/<name>/<path>`). */
function clusterGet(cluster: string, path: string, answer: Answer) {
  return http.get(`*/clusters/${cluster}${path}`, async ({ request }) => {
    if (new URL(request.url).searchParams.get('watch')) return new Promise(() => undefined);
    const value = await answer();
    return value instanceof Response ? value : HttpResponse.json(value as JsonBodyType);
  });
}

function clusterWith(cluster: string, nodes: Answer, pods: Answer) {
  return [
    clusterGet(cluster, '/api/v1/nodes', nodes),
    clusterGet(cluster, '/api/v1/pods', pods),
    clusterGet(cluster, AUTOSCALER, () => notFound()),
  ];
}

/** test-cluster: 2 × 4 A100 and 8 H100, 3 GPUs in use (7 free on the H100 node). */
function firstCluster() {
  return clusterWith(
    TEST_CLUSTER,
    () =>
      list('Node', 'v1', [
        gpuNode('a100-0', 'a100', 4),
        gpuNode('a100-1', 'a100', 4),
        gpuNode('h100-0', 'h100', 8, 'NVIDIA-H100-80GB-HBM3'),
        cpuNode('cpu-0'),
      ]),
    () =>
      list('Pod', 'v1', [
        pod('a', 'team-a', 'x', 'Running', 'a100-0'),
        pod('b', 'team-a', 'x', 'Running', 'a100-0'),
        pod('c', 'team-a', 'x', 'Running', 'h100-0'),
      ])
  );
}

/** gpu-east: one node with 2 L4s, both in use. */
function eastCluster(nodes?: Answer) {
  return clusterWith(
    EAST,
    nodes ?? (() => list('Node', 'v1', [gpuNode('l4-0', 'l4', 2, 'NVIDIA-L4')])),
    () =>
      list('Pod', 'v1', [
        pod('d', 'team-b', 'y', 'Running', 'l4-0'),
        pod('e', 'team-b', 'y', 'Running', 'l4-0'),
      ])
  );
}

/**
 * Headlamp puts several selected clusters in the URL joined by `+` (`/c/a+b/...`); renderPage prefixes
 * `/c/test-cluster`, so the second cluster is appended to that segment.
 */
function renderSelected(clusters: string[]) {
  const extra = clusters
    .filter(name => name !== TEST_CLUSTER)
    .map(name => `+${name}`)
    .join('');
  return renderPage(<CapacityPage />, {
    url: `${extra}/airunway/capacity`,
    route: '/airunway/capacity',
  });
}

function overviewRows() {
  const table = screen.getByRole('table', { name: 'GPU capacity per cluster' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => Array.from(row.querySelectorAll('th, td')).map(cell => cell.textContent));
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('GPU capacity across selected clusters', () => {
  it('shows one row per selected cluster with totals, free GPUs, max contiguous and GPU models', async () => {
    server.use(...firstCluster(), ...eastCluster());
    const { container } = renderSelected([TEST_CLUSTER, EAST]);
    expect(await screen.findByText('GPU capacity across selected clusters')).toBeInTheDocument();
    await waitFor(() =>
      // Rows by cluster name.
      expect(overviewRows()).toEqual([
        [EAST, '1', '2', '2', '0', '0', 'L4 × 2'],
        [TEST_CLUSTER, '3', '16', '3', '13', '7', 'A100-80GB × 8, H100-SXM × 8'],
      ])
    );
    // Below the overview: the details of the current (first) cluster only.
    expect(await screen.findByText(`GPU capacity of cluster ${TEST_CLUSTER}`)).toBeInTheDocument();
    expect(screen.getByText('a100-0')).toBeInTheDocument();
    expect(screen.queryByText('l4-0')).not.toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it("keeps each cluster's error on its own row", async () => {
    server.use(...firstCluster(), ...eastCluster(() => forbidden('list', 'nodes', '')));
    renderSelected([TEST_CLUSTER, EAST]);
    await waitFor(() =>
      expect(overviewRows()[1]).toEqual([
        TEST_CLUSTER,
        '3',
        '16',
        '3',
        '13',
        '7',
        'A100-80GB × 8, H100-SXM × 8',
      ])
    );
    const table = screen.getByRole('table', { name: 'GPU capacity per cluster' });
    const eastRow = within(table)
      .getByRole('rowheader', { name: EAST })
      .closest('tr') as HTMLElement;
    expect(
      await findAlert('not allowed to list nodes across all namespaces', eastRow)
    ).toBeInTheDocument();
    expect(within(table).getAllByRole('alert')).toHaveLength(1);
  });

  it('shows a cluster that has not answered yet as loading, without holding back the others', async () => {
    server.use(...firstCluster(), ...eastCluster(() => pending()));
    renderSelected([TEST_CLUSTER, EAST]);
    await waitFor(() => expect(overviewRows()[1]?.[2]).toBe('16'));
    expect(overviewRows()[0]).toEqual([EAST, 'Loading…']);
  });

  it('is not shown with one cluster selected', async () => {
    server.use(nodePoolCosts().handler, ...firstCluster());
    renderSelected([TEST_CLUSTER]);
    expect(await screen.findByText('a100-0')).toBeInTheDocument();
    expect(screen.getByText('GPU capacity')).toBeInTheDocument();
    expect(screen.queryByText('GPU capacity across selected clusters')).not.toBeInTheDocument();
    // The details price their pools (and the request is over before the next test counts requests).
    expect(await screen.findAllByText(/ \/ month/)).toHaveLength(2);
  });

  it('makes one node list and one pod list per cluster, shared with the details below', async () => {
    server.use(nodePoolCosts().handler, ...firstCluster(), ...eastCluster());
    const counter = countApiRequests();
    renderSelected([TEST_CLUSTER, EAST]);
    await waitFor(() => expect(overviewRows()[0]?.[2]).toBe('2'));
    await screen.findByText('a100-0');
    await settled();
    counter.stop();
    const pods = '?fieldSelector=status.phase!=Succeeded,status.phase!=Failed';
    expect(
      counter.urls
        .map(requestKey)
        .filter(key => !key.includes('watch='))
        // The details' price request carries the pools: compare its route.
        .map(key => (key.includes('/costs/node-pools') ? key.split('?')[0]! : key))
        .sort()
    ).toEqual(
      [
        // Prices for the details below (the current cluster) only, in one request, with the cluster's
        // cost options (airunway-config) read once.
        `/clusters/${TEST_CLUSTER}/api/v1/namespaces/airunway-system/configmaps/airunway-config`,
        `/clusters/${TEST_CLUSTER}/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/api/costs/node-pools`,
        `/clusters/${EAST}/api/v1/nodes`,
        `/clusters/${EAST}/api/v1/pods${pods}`,
        `/clusters/${TEST_CLUSTER}${AUTOSCALER}`,
        `/clusters/${TEST_CLUSTER}/api/v1/nodes`,
        `/clusters/${TEST_CLUSTER}/api/v1/pods${pods}`,
      ].sort()
    );
  });

  it("shows another cluster's details below when its name is followed, keeping the selection", async () => {
    server.use(...firstCluster(), ...eastCluster());
    const { container } = renderSelected([TEST_CLUSTER, EAST]);
    await waitFor(() => expect(overviewRows()).toHaveLength(2));
    expect(screen.queryByRole('link', { name: TEST_CLUSTER })).not.toBeInTheDocument();
    fireEvent.click(screen.getByRole('link', { name: EAST }));

    expect(window.location.pathname).toBe(`/c/${EAST}+${TEST_CLUSTER}/airunway/capacity`);
    expect(await screen.findByText(`GPU capacity of cluster ${EAST}`)).toBeInTheDocument();
    expect(await screen.findByText('l4-0')).toBeInTheDocument();
    expect(screen.queryByText('a100-0')).not.toBeInTheDocument();
    // Rows keep their order; the other cluster is now the link.
    await waitFor(() =>
      expect(overviewRows().map(cells => cells[0])).toEqual([EAST, TEST_CLUSTER].sort())
    );
    expect(screen.getByRole('link', { name: TEST_CLUSTER })).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
