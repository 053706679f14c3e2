import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { modelDeployment, pod } from '../../test/fixtures';
import { getList, list, pending, server, status } from '../../test/k8s';
import { liveStream } from '../../test/liveStream';
import { renderPage } from '../../test/render';
import { DeploymentDetails } from './DeploymentDetails';

const NS = 'team-a';
const MD = `/apis/airunway.ai/v1alpha1/namespaces/${NS}/modeldeployments/qwen`;
const PODS = `/api/v1/namespaces/${NS}/pods`;
const EVENTS = `/api/v1/namespaces/${NS}/events`;
const ESC = '\u001b';

/** A pod with a second container, as vLLM pods with a metrics sidecar have. */
function podWithSidecar(name: string) {
  const value = pod(name, NS, 'qwen', 'Running', 'gpu-0');
  value.spec.containers.push({ name: 'sidecar', resources: { limits: { 'nvidia.com/gpu': '0' } } });
  return value;
}

function cluster(pods: unknown[]) {
  return [
    getList(MD, () => modelDeployment('qwen', NS)),
    getList(PODS, () => list('Pod', 'v1', pods)),
    getList(EVENTS, () => list('Event', 'v1', [])),
  ];
}

interface LogRequest {
  pod: string;
  query: Record<string, string>;
  aborted: () => boolean;
}

/**
 * The pods/log endpoint as the API server serves it: plain text, one line per log line. `answer` gives the
 * body (a string, a stream for follow, or an error Response). Every request is recorded with its query.
 */
function logEndpoint(answer: (request: LogRequest) => string | ReadableStream | Response) {
  const requests: LogRequest[] = [];
  const handler = http.get(
    `*/clusters/test-cluster/api/v1/namespaces/${NS}/pods/:pod/log`,
    ({ request, params }) => {
      let aborted = false;
      request.signal.addEventListener('abort', () => {
        aborted = true;
      });
      const entry: LogRequest = {
        pod: String(params['pod']),
        query: Object.fromEntries(new URL(request.url).searchParams),
        aborted: () => aborted,
      };
      requests.push(entry);
      const body = answer(entry);
      if (body instanceof Response) return body;
      return new HttpResponse(body, { headers: { 'Content-Type': 'text/plain' } });
    }
  );
  return { handler, requests };
}

function renderLogs() {
  return renderPage(<DeploymentDetails />, {
    url: `/airunway/deployments/${NS}/qwen?tab=logs`,
    route: '/airunway/deployments/:namespace/:name',
  });
}

const logView = () => screen.findByRole('log', { name: /Logs of container/ });

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Deployment logs', () => {
  it('shows the last 100 lines of the first running pod with ANSI colours stripped', async () => {
    const logs = logEndpoint(
      () => `${ESC}[32mINFO${ESC}[0m Loading model\n${ESC}[1;31mERROR${ESC}[0m out of memory\n`
    );
    server.use(
      ...cluster([pod('qwen-1', NS, 'qwen', 'Pending'), pod('qwen-0', NS, 'qwen', 'Running')]),
      logs.handler
    );
    const { container } = renderLogs();
    const view = await logView();
    await waitFor(() => expect(view.textContent).toBe('INFO Loading model\nERROR out of memory'));
    expect(view).toHaveAccessibleName('Logs of container server in pod qwen-0');
    expect(logs.requests.map(request => [request.pod, request.query])).toEqual([
      ['qwen-0', { container: 'server', tailLines: '100', timestamps: 'false', follow: 'false' }],
    ]);
    expect(screen.getByRole('status')).toHaveTextContent('2 lines.');
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('asks for another pod and container when the user picks them', async () => {
    const logs = logEndpoint(request => `${request.pod}/${request.query['container']}\n`);
    server.use(...cluster([podWithSidecar('qwen-0'), podWithSidecar('qwen-1')]), logs.handler);
    renderLogs();
    await waitFor(async () => expect((await logView()).textContent).toBe('qwen-0/server'));

    const podPicker = screen.getByRole('combobox', { name: 'Pod' });
    podPicker.focus();
    fireEvent.keyDown(podPicker, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByRole('option', { name: 'qwen-1' }));
    await waitFor(async () => expect((await logView()).textContent).toBe('qwen-1/server'));

    const containerPicker = screen.getByRole('combobox', { name: 'Container' });
    containerPicker.focus();
    fireEvent.keyDown(containerPicker, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByRole('option', { name: 'sidecar' }));
    await waitFor(async () => expect((await logView()).textContent).toBe('qwen-1/sidecar'));
    expect(logs.requests.map(request => `${request.pod}/${request.query['container']}`)).toEqual([
      'qwen-0/server',
      'qwen-1/server',
      'qwen-1/sidecar',
    ]);
  });

  it('shows the timestamps the API server adds when asked for them', async () => {
    const logs = logEndpoint(request =>
      request.query['timestamps'] === 'true'
        ? '2026-01-15T10:30:00.123456789Z Started server\n'
        : 'Started server\n'
    );
    server.use(...cluster([pod('qwen-0', NS, 'qwen')]), logs.handler);
    renderLogs();
    await waitFor(async () => expect((await logView()).textContent).toBe('Started server'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Timestamps' }));
    await waitFor(async () =>
      expect((await logView()).textContent).toBe('2026-01-15T10:30:00.123456789Z Started server')
    );
    expect(logs.requests.map(request => request.query['timestamps'])).toEqual(['false', 'true']);
  });

  it('rejects a tail outside 1 to 10,000 without asking, and applies a valid one on Enter', async () => {
    const logs = logEndpoint(request => `tail ${request.query['tailLines']}\n`);
    server.use(...cluster([pod('qwen-0', NS, 'qwen')]), logs.handler);
    renderLogs();
    await waitFor(async () => expect((await logView()).textContent).toBe('tail 100'));
    const field = screen.getByRole('textbox', { name: 'Lines from the end' });

    for (const bad of ['20000', '0', '12.5', 'abc', '']) {
      fireEvent.change(field, { target: { value: bad } });
      expect(screen.getByText('Enter a whole number from 1 to 10000.')).toBeInTheDocument();
      expect(field).toHaveAttribute('aria-invalid', 'true');
      fireEvent.submit(field.closest('form') as HTMLFormElement);
      fireEvent.blur(field);
    }
    fireEvent.change(field, { target: { value: '10000' } });
    expect(field).toHaveAttribute('aria-invalid', 'false');
    fireEvent.submit(field.closest('form') as HTMLFormElement);
    await waitFor(async () => expect((await logView()).textContent).toBe('tail 10000'));
    expect(logs.requests.map(request => request.query['tailLines'])).toEqual(['100', '10000']);
  });

  it('follows: chunks appear in order as they arrive, and the stream stops when the tab closes', async () => {
    const live = liveStream();
    const logs = logEndpoint(request =>
      request.query['follow'] === 'true' ? live.stream : 'before follow\n'
    );
    server.use(...cluster([pod('qwen-0', NS, 'qwen')]), logs.handler);
    renderLogs();
    await waitFor(async () => expect((await logView()).textContent).toBe('before follow'));

    fireEvent.click(screen.getByRole('checkbox', { name: 'Follow' }));
    await waitFor(() => expect(logs.requests).toHaveLength(2));
    const followed = logs.requests[1] as LogRequest;
    expect(followed.query).toEqual({
      container: 'server',
      tailLines: '100',
      timestamps: 'false',
      follow: 'true',
    });

    live.send('line one\n');
    expect(await screen.findByText(/Following/)).toBeInTheDocument();
    await waitFor(async () => expect((await logView()).textContent).toBe('line one'));
    // A chunk can end mid-line and mid-escape; the line shows once it is complete.
    live.send(`line tw${ESC}[3`);
    live.send(`1mo${ESC}[0m\nline three\n`);
    await waitFor(async () =>
      expect((await logView()).textContent).toBe('line one\nline two\nline three')
    );
    expect(followed.aborted()).toBe(false);

    fireEvent.click(screen.getByRole('tab', { name: 'Overview' }));
    await waitFor(() => expect(followed.aborted()).toBe(true));
  });

  it('keeps only the newest 10,000 lines while following, and says when the stream ended', async () => {
    const live = liveStream();
    const logs = logEndpoint(request =>
      request.query['follow'] === 'true' ? live.stream : 'before follow\n'
    );
    server.use(...cluster([pod('qwen-0', NS, 'qwen')]), logs.handler);
    renderLogs();
    await waitFor(async () => expect((await logView()).textContent).toBe('before follow'));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Follow' }));
    await waitFor(() => expect(logs.requests).toHaveLength(2));

    const lines = Array.from({ length: 10_005 }, (_, index) => `line ${index + 1}`);
    live.send(`${lines.slice(0, 5000).join('\n')}\n`);
    live.send(`${lines.slice(5000).join('\n')}\n`);
    await waitFor(async () =>
      expect((await logView()).textContent?.startsWith('line 6\nline 7\n')).toBe(true)
    );
    const shown = (await logView()).textContent?.split('\n') ?? [];
    expect(shown).toHaveLength(10_000);
    expect(shown.at(-1)).toBe('line 10005');
    expect(
      screen.getByText(/Showing the newest 10000 lines; 5 older lines were dropped/)
    ).toBeInTheDocument();

    live.close();
    expect(await screen.findByText(/The log stream ended/)).toBeInTheDocument();
    expect((await logView()).textContent?.split('\n')).toHaveLength(10_000);
  });

  it('stops following the old pod when another pod is picked', async () => {
    const streams = new Map<string, ReturnType<typeof liveStream>>();
    const logs = logEndpoint(request => {
      const live = liveStream();
      streams.set(request.pod, live);
      return live.stream;
    });
    server.use(...cluster([pod('qwen-0', NS, 'qwen'), pod('qwen-1', NS, 'qwen')]), logs.handler);
    renderLogs();
    await waitFor(() => expect(logs.requests).toHaveLength(1));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Follow' }));
    await waitFor(() => expect(logs.requests).toHaveLength(2));
    streams.get('qwen-0')?.send('from qwen-0\n');
    await waitFor(async () => expect((await logView()).textContent).toBe('from qwen-0'));

    const podPicker = screen.getByRole('combobox', { name: 'Pod' });
    podPicker.focus();
    fireEvent.keyDown(podPicker, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByRole('option', { name: 'qwen-1' }));
    await waitFor(() => expect(logs.requests).toHaveLength(3));
    expect(logs.requests[2]?.pod).toBe('qwen-1');
    await waitFor(() => expect(logs.requests[1]?.aborted()).toBe(true));
    streams.get('qwen-1')?.send('from qwen-1\n');
    await waitFor(async () => expect((await logView()).textContent).toBe('from qwen-1'));
  });

  it('shows the previous run of a restarted container, which cannot be followed', async () => {
    const logs = logEndpoint(request =>
      request.query['previous'] === 'true' ? 'CUDA out of memory\n' : 'restarted\n'
    );
    // The fixture's running container has restarted 3 times.
    server.use(...cluster([pod('qwen-0', NS, 'qwen')]), logs.handler);
    renderLogs();
    await waitFor(async () => expect((await logView()).textContent).toBe('restarted'));
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Previous run (before the last restart)' })
    );
    await waitFor(async () => expect((await logView()).textContent).toBe('CUDA out of memory'));
    expect(logs.requests[1]?.query).toEqual({
      container: 'server',
      tailLines: '100',
      timestamps: 'false',
      follow: 'false',
      previous: 'true',
    });
    expect(screen.getByRole('checkbox', { name: 'Follow' })).toBeDisabled();
  });

  it('offers no previous run for a container that never restarted', async () => {
    const fresh = pod('qwen-0', NS, 'qwen');
    fresh.status.containerStatuses = fresh.status.containerStatuses.map(status => ({
      ...status,
      restartCount: 0,
    }));
    server.use(...cluster([fresh]), logEndpoint(() => 'hello\n').handler);
    renderLogs();
    await waitFor(async () => expect((await logView()).textContent).toBe('hello'));
    expect(
      screen.getByRole('checkbox', { name: 'Previous run (before the last restart)' })
    ).toBeDisabled();
  });

  it('says when the deployment has no pods yet', async () => {
    const logs = logEndpoint(() => 'never');
    server.use(...cluster([]), logs.handler);
    renderLogs();
    expect(await screen.findByText(/This deployment has no pods yet/)).toBeInTheDocument();
    expect(logs.requests).toEqual([]);
  });

  it('says a pending pod has no logs yet, without asking the API server', async () => {
    const logs = logEndpoint(() => 'never');
    server.use(...cluster([pod('qwen-1', NS, 'qwen', 'Pending')]), logs.handler);
    renderLogs();
    expect(
      await screen.findByText(/Container server of pod qwen-1 has not started yet/)
    ).toBeInTheDocument();
    expect(logs.requests).toEqual([]);
  });

  it('says a container that is still being created has no logs yet', async () => {
    const logs = logEndpoint(() =>
      status(
        400,
        'BadRequest',
        'container "server" in pod "qwen-0" is waiting to start: ContainerCreating'
      )
    );
    server.use(...cluster([pod('qwen-0', NS, 'qwen')]), logs.handler);
    renderLogs();
    expect(
      await screen.findByText(/Container server of pod qwen-0 has not started yet/)
    ).toBeInTheDocument();
  });

  it('names the missing permission on a 403', async () => {
    const logs = logEndpoint(() =>
      status(
        403,
        'Forbidden',
        'pods "qwen-0" is forbidden: User "alice" cannot get resource "pods/log" in API group "" in the namespace "team-a"'
      )
    );
    server.use(...cluster([pod('qwen-0', NS, 'qwen')]), logs.handler);
    const { container } = renderLogs();
    expect(
      await findAlert('Your Kubernetes identity is not allowed to get pods/log in namespace team-a')
    ).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('shows the API server message on other errors, and a loading state before any answer', async () => {
    server.use(
      ...cluster([pod('qwen-0', NS, 'qwen')]),
      logEndpoint(() => status(500, 'InternalError', 'Get "https://10.0.0.5:10250/": EOF')).handler
    );
    const view = renderLogs();
    expect(await findAlert('Get "https://10.0.0.5:10250/": EOF')).toBeInTheDocument();
    view.unmount();

    server.use(
      http.get(`*/clusters/test-cluster/api/v1/namespaces/${NS}/pods/:pod/log`, () => pending())
    );
    renderLogs();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading logs of qwen-0' })
    ).toBeInTheDocument();
    expect(within(screen.getByRole('tabpanel')).queryByRole('log')).not.toBeInTheDocument();
  });
});
