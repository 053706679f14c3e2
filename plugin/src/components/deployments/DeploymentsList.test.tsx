import '../../test/setup';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { modelDeployment } from '../../test/fixtures';
import {
  countApiRequests,
  forbidden,
  getList,
  list,
  notFound,
  pending,
  server,
} from '../../test/k8s';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { FakeWebSocket } from '../../test/websocket';
import { DeploymentsList } from './DeploymentsList';

const MD_PATH = '/apis/airunway.ai/v1alpha1/modeldeployments';
const namespaces = getList('/api/v1/namespaces', () =>
  list('Namespace', 'v1', [
    { metadata: { name: 'team-a', uid: 'ns-a' } },
    { metadata: { name: 'team-b', uid: 'ns-b' } },
  ])
);

function renderList(url = '/airunway/deployments') {
  return renderPage(<DeploymentsList />, { url, route: '/airunway/deployments' });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Deployments list', () => {
  it('shows a loading state while the list is on its way', async () => {
    server.use(
      namespaces,
      getList(MD_PATH, () => pending())
    );
    renderList();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading model deployments' })
    ).toBeInTheDocument();
  });

  it('says so when there are no deployments', async () => {
    server.use(
      namespaces,
      getList(MD_PATH, () => list('ModelDeployment', 'airunway.ai/v1alpha1', []))
    );
    const { container } = renderList();
    expect(
      await screen.findByText('No model deployments on this cluster yet.')
    ).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('shows every column of a populated list', async () => {
    server.use(
      namespaces,
      getList(MD_PATH, () =>
        list('ModelDeployment', 'airunway.ai/v1alpha1', [
          modelDeployment('qwen', 'team-a'),
          modelDeployment('llama', 'team-b'),
        ])
      )
    );
    const { container } = renderList();
    const link = await screen.findByRole('link', { name: 'qwen' });
    expect(link).toHaveAttribute('href', '/c/test-cluster/airunway/deployments/team-a/qwen');
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('team-a')).toBeInTheDocument();
    expect(within(row).getByText('Qwen/Qwen3-0.6B')).toBeInTheDocument();
    expect(within(row).getByText('kaito')).toBeInTheDocument();
    expect(within(row).getByText('vllm')).toBeInTheDocument();
    expect(within(row).getByText('Running')).toBeInTheDocument();
    expect(within(row).getByText('1/2')).toBeInTheDocument();
    // Under test Headlamp's timeAgo always reports 90 days (UNDER_TEST in lib/util).
    expect(within(row).getByText('90d')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'llama' })).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('lists one namespace when the URL asks for it', async () => {
    const requested: string[] = [];
    server.use(
      namespaces,
      getList(`/apis/airunway.ai/v1alpha1/namespaces/team-b/modeldeployments`, () => {
        requested.push('team-b');
        return list('ModelDeployment', 'airunway.ai/v1alpha1', [
          modelDeployment('llama', 'team-b'),
        ]);
      })
    );
    renderList('/airunway/deployments?namespace=team-b');
    expect(await screen.findByRole('link', { name: 'llama' })).toBeInTheDocument();
    expect(requested).toEqual(['team-b']);
  });

  it('names the missing permission on a 403', async () => {
    server.use(
      namespaces,
      getList(MD_PATH, () => forbidden('list', 'modeldeployments', 'airunway.ai'))
    );
    const { container } = renderList();
    const alert = await findAlert('Permission denied');
    expect(alert).toHaveTextContent(
      'not allowed to list modeldeployments.airunway.ai across all namespaces'
    );
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('shows the install path when the CRD is missing (404)', async () => {
    server.use(
      namespaces,
      getList(MD_PATH, () => notFound())
    );
    renderList();
    expect(
      await screen.findByText('AI Runway is not installed on this cluster')
    ).toBeInTheDocument();
    expect(screen.getByText(/AI Runway → Runtimes/)).toBeInTheDocument();
  });

  it('shows the API server message on other errors', async () => {
    server.use(
      namespaces,
      getList(
        MD_PATH,
        () =>
          new Response(
            JSON.stringify({ kind: 'Status', message: 'etcdserver: request timed out', code: 500 }),
            { status: 500 }
          )
      )
    );
    renderList();
    expect(await findAlert('etcdserver: request timed out')).toBeInTheDocument();
  });

  it('makes the same number of API requests for 1 deployment as for 500', async () => {
    async function requestsFor(count: number) {
      const items = Array.from({ length: count }, (_, index) =>
        modelDeployment(`md-${index}`, `ns-${index % 7}`)
      );
      server.use(
        namespaces,
        getList(MD_PATH, () => list('ModelDeployment', 'airunway.ai/v1alpha1', items))
      );
      const counter = countApiRequests();
      const socketsBefore = FakeWebSocket.opened.length;
      const view = renderList();
      await screen.findByRole('link', { name: 'md-0' });
      // Until every follow-up request (per-item fetches, if there were any) has been answered.
      await settled();
      counter.stop();
      const watches = FakeWebSocket.opened
        .slice(socketsBefore)
        .map(socket => new URL(socket.url).pathname);
      view.unmount();
      return [
        ...counter.urls.map(url => new URL(url).pathname),
        ...watches.map(path => `watch ${path}`),
      ].sort();
    }
    const one = await requestsFor(1);
    const many = await requestsFor(500);
    expect(many).toEqual(one);
    // One list of deployments (its watch is a WebSocket, see the live-update test), plus the namespace picker's list.
    expect(one.filter(key => !key.startsWith('watch '))).toEqual([
      '/clusters/test-cluster/api/v1/namespaces',
      '/clusters/test-cluster/apis/airunway.ai/v1alpha1/modeldeployments',
    ]);
    expect(one).toContain(
      'watch /clusters/test-cluster/apis/airunway.ai/v1alpha1/modeldeployments'
    );
  });

  it('picks a namespace with the keyboard and lists only that namespace', async () => {
    const scoped: string[] = [];
    server.use(
      namespaces,
      getList(MD_PATH, () =>
        list('ModelDeployment', 'airunway.ai/v1alpha1', [
          modelDeployment('qwen', 'team-a'),
          modelDeployment('llama', 'team-b'),
        ])
      ),
      getList('/apis/airunway.ai/v1alpha1/namespaces/team-b/modeldeployments', () => {
        scoped.push('team-b');
        return list('ModelDeployment', 'airunway.ai/v1alpha1', [
          modelDeployment('llama', 'team-b'),
        ]);
      })
    );
    renderList();
    await screen.findByRole('link', { name: 'qwen' });
    const picker = screen.getByRole('combobox', { name: 'Namespace' });
    // Keyboard only: open the select, move to team-b, choose it.
    picker.focus();
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    const option = await screen.findByRole('option', { name: 'team-b' });
    option.focus();
    fireEvent.keyDown(option, { key: 'Enter' });
    await waitFor(() => expect(screen.queryByRole('listbox')).not.toBeInTheDocument());
    await waitFor(() => expect(window.location.search).toBe('?namespace=team-b'));
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'qwen' })).not.toBeInTheDocument()
    );
    expect(screen.getByRole('link', { name: 'llama' })).toBeInTheDocument();
    expect(scoped).toEqual(['team-b']);
  });

  it("follows a cluster switch in the URL and shows that cluster's deployments", async () => {
    server.use(
      namespaces,
      getList(MD_PATH, () =>
        list('ModelDeployment', 'airunway.ai/v1alpha1', [modelDeployment('on-test-cluster')])
      ),
      http.get('*/clusters/other-cluster/api/v1/namespaces', () =>
        HttpResponse.json(list('Namespace', 'v1', []))
      ),
      http.get(`*/clusters/other-cluster${MD_PATH}`, ({ request }) =>
        new URL(request.url).searchParams.get('watch')
          ? new Promise<never>(() => undefined)
          : HttpResponse.json(
              list('ModelDeployment', 'airunway.ai/v1alpha1', [modelDeployment('on-other-cluster')])
            )
      )
    );
    renderList();
    await screen.findByRole('link', { name: 'on-test-cluster' });
    // Headlamp's cluster chooser changes the URL; the router and the page follow it.
    act(() => {
      window.history.pushState({}, '', '/c/other-cluster/airunway/deployments');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    const link = await screen.findByRole('link', { name: 'on-other-cluster' });
    expect(link).toHaveAttribute(
      'href',
      '/c/other-cluster/airunway/deployments/team-a/on-other-cluster'
    );
    expect(screen.queryByRole('link', { name: 'on-test-cluster' })).not.toBeInTheDocument();
  });

  it('updates live from the watch: added, modified and deleted deployments', async () => {
    server.use(
      namespaces,
      getList(MD_PATH, () =>
        list('ModelDeployment', 'airunway.ai/v1alpha1', [modelDeployment('qwen')])
      )
    );
    renderList();
    await screen.findByRole('link', { name: 'qwen' });
    const watch = await waitFor(() => {
      const socket = FakeWebSocket.watching(
        '/clusters/test-cluster/apis/airunway.ai/v1alpha1/modeldeployments'
      );
      expect(socket).toBeDefined();
      return socket as FakeWebSocket;
    });
    expect(new URL(watch.url).searchParams.get('watch')).toBe('1');

    const added = modelDeployment('llama', 'team-b');
    added.metadata.resourceVersion = '2000';
    act(() => watch.emit({ type: 'ADDED', object: added }));
    expect(await screen.findByRole('link', { name: 'llama' })).toBeInTheDocument();

    const failed = modelDeployment('qwen');
    failed.metadata.resourceVersion = '2001';
    failed.status = { ...failed.status, phase: 'Failed' };
    act(() => watch.emit({ type: 'MODIFIED', object: failed }));
    const row = (await screen.findByRole('link', { name: 'qwen' })).closest('tr') as HTMLElement;
    await waitFor(() => expect(within(row).getByText('Failed')).toBeInTheDocument());

    act(() =>
      watch.emit({
        type: 'DELETED',
        object: { ...added, metadata: { ...added.metadata, resourceVersion: '2002' } },
      })
    );
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'llama' })).not.toBeInTheDocument()
    );
  });

  // Namespace team-c is used by no other test: Headlamp caches lists between tests in a file.
  it('links to the create page from the header, keeping the namespace scope', async () => {
    server.use(
      namespaces,
      getList('/apis/airunway.ai/v1alpha1/namespaces/team-c/modeldeployments', () =>
        list('ModelDeployment', 'airunway.ai/v1alpha1', [])
      )
    );
    renderList('/airunway/deployments?namespace=team-c');
    expect(await screen.findByRole('link', { name: 'Create' })).toHaveAttribute(
      'href',
      '/c/test-cluster/airunway/deployments/new?namespace=team-c'
    );
  });
});
