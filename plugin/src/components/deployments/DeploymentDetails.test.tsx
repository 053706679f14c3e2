import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { event, modelDeployment, pod } from '../../test/fixtures';
import { forbidden, getList, list, notFound, pending, server } from '../../test/k8s';
import { renderPage } from '../../test/render';
import { DeploymentDetails } from './DeploymentDetails';

const NS = 'team-a';
const MD = `/apis/airunway.ai/v1alpha1/namespaces/${NS}/modeldeployments/qwen`;
const PODS = `/api/v1/namespaces/${NS}/pods`;
const EVENTS = `/api/v1/namespaces/${NS}/events`;
const AUTOSCALER = '/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status';

const GPU_SHORTAGE =
  '0/5 nodes are available: 3 Insufficient nvidia.com/gpu, 2 node(s) had untolerated taint {node-role: system}. preemption: 0/5 nodes are available: 5 No preemption victims found for incoming pod.';

function populated() {
  return [
    getList(MD, () => modelDeployment('qwen', NS)),
    getList(PODS, () =>
      list('Pod', 'v1', [
        pod('qwen-0', NS, 'qwen', 'Running', 'gpu-a100-0'),
        pod('qwen-1', NS, 'qwen', 'Pending'),
      ])
    ),
    getList(EVENTS, () =>
      list('Event', 'v1', [
        event('e1', NS, { kind: 'Pod', name: 'qwen-1' }, 'FailedScheduling', GPU_SHORTAGE),
        event(
          'e2',
          NS,
          { kind: 'ModelDeployment', name: 'qwen' },
          'ProviderSelected',
          'selected kaito',
          'Normal'
        ),
        event('e3', NS, { kind: 'Pod', name: 'someone-else' }, 'Pulled', 'not ours', 'Normal'),
      ])
    ),
    getList(AUTOSCALER, () => notFound('configmaps "cluster-autoscaler-status" not found')),
    // What the KAITO provider created (shown on the Manifest tab).
    getList(`/apis/kaito.sh/v1beta1/namespaces/${NS}/workspaces/qwen`, () => ({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'qwen', namespace: NS },
    })),
  ];
}

function renderDetails(query = '') {
  return renderPage(<DeploymentDetails />, {
    url: `/airunway/deployments/${NS}/qwen${query}`,
    route: '/airunway/deployments/:namespace/:name',
  });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Deployment details', () => {
  it('shows a loading state', async () => {
    server.use(
      getList(MD, () => pending()),
      getList(PODS, () => pending()),
      getList(EVENTS, () => pending()),
      getList(AUTOSCALER, () => pending())
    );
    renderDetails();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading model deployment qwen' })
    ).toBeInTheDocument();
  });

  it('shows status, provider reason, endpoint, conditions, pods and events', async () => {
    server.use(...populated());
    const { container } = renderDetails();
    expect(await screen.findByText('Model deployment qwen')).toBeInTheDocument();
    expect(screen.getByText('kaito — GPU model on a KAITO-managed pool')).toBeInTheDocument();
    expect(screen.getByText('vllm — explicit')).toBeInTheDocument();
    expect(screen.getByText('Workspace/qwen')).toBeInTheDocument();
    expect(screen.getByText('qwen-svc:8000')).toBeInTheDocument();
    expect(screen.getByText('All replicas ready')).toBeInTheDocument();
    expect(screen.getByText('ReplicasNotReady')).toBeInTheDocument();

    const podRow = (await screen.findByText('qwen-0')).closest('tr') as HTMLElement;
    expect(within(podRow).getByText('Running')).toBeInTheDocument();
    expect(within(podRow).getByText('1/1')).toBeInTheDocument();
    expect(within(podRow).getByText('3')).toBeInTheDocument();
    expect(within(podRow).getByText('gpu-a100-0')).toBeInTheDocument();
    expect(
      within(screen.getByText('qwen-1').closest('tr') as HTMLElement).getByText('not scheduled')
    ).toBeInTheDocument();

    // Events of the deployment and its pods only.
    expect(await screen.findByText('selected kaito')).toBeInTheDocument();
    expect(screen.queryByText('not ours')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Spec as YAML' })).toHaveTextContent(
      'Qwen/Qwen3-0.6B'
    );
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('classifies why a pod is pending and says an autoscaler is missing', async () => {
    server.use(...populated());
    renderDetails();
    expect(await screen.findByText('Why pods are pending')).toBeInTheDocument();
    expect(screen.getByText(/FailedScheduling: not enough GPU/)).toBeInTheDocument();
    expect(screen.getByText(/3 nodes lack free GPUs/)).toBeInTheDocument();
    expect(await screen.findByText(/no cluster autoscaler was detected/)).toBeInTheDocument();
  });

  it('says there are no pods or events yet', async () => {
    server.use(
      getList(MD, () => modelDeployment('qwen', NS, { status: undefined })),
      getList(PODS, () => list('Pod', 'v1', [])),
      getList(EVENTS, () => list('Event', 'v1', [])),
      getList(AUTOSCALER, () => notFound())
    );
    renderDetails();
    expect(
      await screen.findByText('No pods carry the label airunway.ai/model-deployment=qwen yet.')
    ).toBeInTheDocument();
    expect(screen.getByText('No events for this deployment or its pods.')).toBeInTheDocument();
    expect(screen.getByText('not published yet')).toBeInTheDocument();
    expect(screen.getByText('Pending')).toBeInTheDocument();
  });

  it('says when the deployment does not exist', async () => {
    server.use(
      getList(MD, () => notFound('modeldeployments.airunway.ai "qwen" not found')),
      getList(PODS, () => list('Pod', 'v1', [])),
      getList(EVENTS, () => list('Event', 'v1', [])),
      getList(AUTOSCALER, () => notFound())
    );
    renderDetails();
    const alert = await findAlert('Not found');
    expect(alert).toHaveTextContent('modeldeployments.airunway.ai "qwen" not found');
  });

  it('shows the install path when the CRD itself is missing', async () => {
    server.use(
      getList(MD, () => notFound()),
      getList(PODS, () => list('Pod', 'v1', [])),
      getList(EVENTS, () => list('Event', 'v1', [])),
      getList(AUTOSCALER, () => notFound())
    );
    renderDetails();
    expect(
      await screen.findByText('AI Runway is not installed on this cluster')
    ).toBeInTheDocument();
  });

  it('names the missing permission on a 403, and for pods and events separately', async () => {
    server.use(
      getList(MD, () => forbidden('get', 'modeldeployments', 'airunway.ai', NS)),
      getList(PODS, () => pending()),
      getList(EVENTS, () => pending()),
      getList(AUTOSCALER, () => notFound())
    );
    const { container, unmount } = renderDetails();
    expect(
      await findAlert('not allowed to get modeldeployments.airunway.ai in namespace team-a')
    ).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
    unmount();

    server.use(
      getList(MD, () => modelDeployment('qwen', NS)),
      getList(PODS, () => forbidden('list', 'pods', '', NS)),
      getList(EVENTS, () => forbidden('list', 'events', '', NS))
    );
    renderDetails();
    // Each section says its own refusal; nothing else on the page is an alert.
    expect(await findAlert(/not allowed to list pods in namespace team-a/)).toBeInTheDocument();
    expect(await findAlert(/not allowed to list events in namespace team-a/)).toBeInTheDocument();
    expect(screen.getAllByRole('alert')).toHaveLength(2);
  });

  it('deletes only after confirmation', async () => {
    const deleted: string[] = [];
    server.use(
      ...populated(),
      http.delete(`*/clusters/test-cluster${MD}`, ({ request }) => {
        deleted.push(new URL(request.url).pathname);
        return HttpResponse.json({ kind: 'Status', status: 'Success' });
      })
    );
    renderDetails();
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Delete model deployment qwen?');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(deleted).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' })
    );
    await waitFor(() => expect(deleted).toEqual([`/clusters/test-cluster${MD}`]));
    await waitFor(() =>
      expect(window.location.pathname).toBe('/c/test-cluster/airunway/deployments')
    );
  });

  it('shows the sections as tabs that arrow keys move between, with the tab in the URL', async () => {
    server.use(...populated());
    const { container } = renderDetails();
    const tablist = await screen.findByRole('tablist', { name: 'Model deployment qwen sections' });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map(tab => tab.textContent)).toEqual([
      'Overview',
      'Logs',
      'Performance',
      'Playground',
      'Manifest',
    ]);
    const overview = screen.getByRole('tab', { name: 'Overview' });
    expect(overview).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'Overview' })).toHaveTextContent(
      'Model deployment qwen'
    );
    expect(await seriousA11yViolations(container)).toEqual([]);

    // Keyboard: focus the selected tab, then the right arrow moves to and shows the next one.
    overview.focus();
    fireEvent.keyDown(overview, { key: 'ArrowRight' });
    const logs = screen.getByRole('tab', { name: 'Logs' });
    await waitFor(() => expect(logs).toHaveAttribute('aria-selected', 'true'));
    expect(logs).toHaveFocus();
    expect(new URLSearchParams(window.location.search).get('tab')).toBe('logs');
    const panel = screen.getByRole('tabpanel', { name: 'Logs' });
    expect(panel).toHaveAttribute('id', logs.getAttribute('aria-controls'));
    expect(screen.queryByText('Model deployment qwen')).not.toBeInTheDocument();

    fireEvent.click(screen.getByRole('tab', { name: 'Manifest' }));
    expect(await screen.findByRole('tabpanel', { name: 'Manifest' })).toBeInTheDocument();
    expect(new URLSearchParams(window.location.search).get('tab')).toBe('manifest');
  });

  it('opens the tab a link names, and the first tab for an unknown one', async () => {
    server.use(...populated());
    const view = renderDetails('?tab=manifest');
    expect(await screen.findByRole('tab', { name: 'Manifest' })).toHaveAttribute(
      'aria-selected',
      'true'
    );
    expect(
      screen.getByRole('region', { name: 'ModelDeployment qwen as YAML' })
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'Workspace/qwen as YAML' })
    ).toBeInTheDocument();
    view.unmount();

    renderDetails('?tab=nonsense');
    expect(await screen.findByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'aria-selected',
      'true'
    );
  });

  it('reads pods and events from the current cluster only when several clusters are selected', async () => {
    const otherCluster: string[] = [];
    server.use(
      ...populated(),
      http.get('*/clusters/gpu-east/*', ({ request }) => {
        otherCluster.push(new URL(request.url).pathname);
        return HttpResponse.json(list('Pod', 'v1', [pod('elsewhere-0', NS, 'qwen')]));
      })
    );
    // Headlamp joins selected clusters with `+` in the URL; the first one is the current cluster.
    renderPage(<DeploymentDetails />, {
      url: `+gpu-east/airunway/deployments/${NS}/qwen`,
      route: '/airunway/deployments/:namespace/:name',
    });
    expect(await screen.findByText('qwen-0')).toBeInTheDocument();
    expect(await screen.findByText('selected kaito')).toBeInTheDocument();
    expect(screen.queryByText('elsewhere-0')).not.toBeInTheDocument();
    expect(otherCluster).toEqual([]);
  });
});
