import '../../test/setup';
import { K8s } from '@kinvolk/headlamp-plugin/lib';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelDeployment } from '../../resources/modelDeployment';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { modelDeployment, pod } from '../../test/fixtures';
import { forbidden, server, status } from '../../test/k8s';
import { liveStream } from '../../test/liveStream';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { PlaygroundTab } from './PlaygroundTab';

const NS = 'team-a';
const BASE = `*/clusters/test-cluster/api/v1/namespaces/${NS}`;

interface ProxyRequest {
  path: string;
  body: Record<string, unknown>;
  aborted: () => boolean;
}

/** A whole SSE body, enqueued in the given pieces (split anywhere, as the network may). */
function sseBody(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

const chatChunk = (content: string) =>
  `data: ${JSON.stringify({
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  })}\n\n`;
const textChunk = (text: string) =>
  `data: ${JSON.stringify({
    object: 'text_completion',
    choices: [{ index: 0, text, finish_reason: null }],
  })}\n\n`;
const DONE = 'data: [DONE]\n\n';

const sse = (body: ReadableStream<Uint8Array>) =>
  new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });

/**
 * The API server's proxy for the deployment's Service and pods: every POST is recorded with its path (the
 * part after the namespace) and JSON body; `answer` gives the response.
 */
function proxyEndpoint(answer: (request: ProxyRequest) => Response) {
  const requests: ProxyRequest[] = [];
  const handler = (resource: string) =>
    http.post(`${BASE}/${resource}/:target/proxy/v1/*`, async ({ request }) => {
      let aborted = false;
      request.signal.addEventListener('abort', () => {
        aborted = true;
      });
      const url = new URL(request.url);
      const entry: ProxyRequest = {
        path: decodeURIComponent(url.pathname.slice(url.pathname.indexOf(`/${resource}/`))),
        body: (await request.json()) as Record<string, unknown>,
        aborted: () => aborted,
      };
      requests.push(entry);
      return answer(entry);
    });
  return { handlers: [handler('services'), handler('pods')], requests };
}

function readyPod(name: string, ready = true, containerPort?: number) {
  const value = pod(name, NS, 'qwen', ready ? 'Running' : 'Pending') as ReturnType<typeof pod> & {
    status: { conditions?: unknown[] };
  };
  value.status.conditions = [{ type: 'Ready', status: ready ? 'True' : 'False' }];
  if (containerPort !== undefined) {
    (value.spec.containers[0] as { ports?: unknown[] }).ports = [
      { name: 'http', containerPort, protocol: 'TCP' },
    ];
  }
  return new K8s.ResourceClasses.Pod(value as never);
}

/** Rendered once the translations have loaded (until then every label is empty). */
async function renderPlayground(
  options: {
    overrides?: Record<string, unknown>;
    pods?: InstanceType<typeof K8s.ResourceClasses.Pod>[] | null;
  } = {}
) {
  const deployment = new ModelDeployment(modelDeployment('qwen', NS, options.overrides) as never);
  const view = renderPage(
    <PlaygroundTab
      deployment={deployment}
      pods={options.pods === undefined ? [readyPod('qwen-0'), readyPod('qwen-1')] : options.pods}
      podsError={null}
    />,
    {
      url: `/airunway/deployments/${NS}/qwen?tab=playground`,
      route: '/airunway/deployments/:namespace/:name',
    }
  );
  await screen.findByRole('textbox', { name: 'Message' });
  return view;
}

const messageBox = () => screen.getByRole('textbox', { name: 'Message' });
const answers = () => screen.queryAllByTestId('answer').map(node => node.textContent);

function typeAndEnter(text: string) {
  fireEvent.change(messageBox(), { target: { value: text } });
  fireEvent.keyDown(messageBox(), { key: 'Enter' });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Playground', () => {
  it('streams the answer through the Service: tokens show in order as they arrive', async () => {
    const live = liveStream();
    const proxy = proxyEndpoint(() => sse(live.stream));
    server.use(...proxy.handlers);
    const { container } = await renderPlayground();

    typeAndEnter('What is the capital of France?');
    await waitFor(() => expect(proxy.requests).toHaveLength(1));
    expect(proxy.requests[0]?.path).toBe('/services/qwen-svc:8000/proxy/v1/chat/completions');
    expect(proxy.requests[0]?.body).toEqual({
      model: 'Qwen/Qwen3-0.6B',
      messages: [{ role: 'user', content: 'What is the capital of France?' }],
      max_tokens: 256,
      temperature: 0.7,
      stream: true,
    });
    // The question is shown and the input is empty again for the next one.
    expect(screen.getByTestId('user-message')).toHaveTextContent('What is the capital of France?');
    expect(messageBox()).toHaveValue('');

    live.send(chatChunk('The capital'));
    await waitFor(() => expect(answers()).toEqual(['The capital']));
    // A chunk that ends mid-event: nothing of it shows until the rest arrives.
    const next = chatChunk(' of France');
    live.send(next.slice(0, 25));
    live.send(next.slice(25) + chatChunk(' is Paris.').slice(0, 40));
    await waitFor(() => expect(answers()).toEqual(['The capital of France']));
    expect(screen.getByRole('status')).toHaveTextContent('The model is answering…');
    expect(screen.getByRole('button', { name: 'Stop' })).toBeEnabled();
    live.send(chatChunk(' is Paris.').slice(40) + DONE);
    live.close();
    await waitFor(() => expect(answers()).toEqual(['The capital of France is Paris.']));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled());
    expect(
      screen.getByText(/Through Service qwen-svc \(the Service chose the replica\)/)
    ).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('sends the chosen max_tokens and temperature, the served name, and the conversation so far', async () => {
    const proxy = proxyEndpoint(request =>
      sse(sseBody([chatChunk(`answer ${proxy.requests.indexOf(request) + 1}`), DONE]))
    );
    server.use(...proxy.handlers);
    await renderPlayground({
      overrides: {
        spec: {
          model: { id: 'Qwen/Qwen3-0.6B', servedName: 'qwen-small' },
          engine: { type: 'vllm' },
        },
      },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Max tokens' }), {
      target: { value: '64' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Temperature' }), {
      target: { value: '0' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'System prompt (optional)' }), {
      target: { value: 'Be brief.' },
    });
    typeAndEnter('Hi');
    await waitFor(() => expect(answers()).toEqual(['answer 1']));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled());
    typeAndEnter('And again');
    await waitFor(() => expect(answers()).toEqual(['answer 1', 'answer 2']));

    expect(proxy.requests.map(request => request.body)).toEqual([
      {
        model: 'qwen-small',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
        ],
        max_tokens: 64,
        temperature: 0,
        stream: true,
      },
      {
        model: 'qwen-small',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'answer 1' },
          { role: 'user', content: 'And again' },
        ],
        max_tokens: 64,
        temperature: 0,
        stream: true,
      },
    ]);
  });

  it('Shift+Enter is a new line, not a send', async () => {
    const proxy = proxyEndpoint(() => sse(sseBody([DONE])));
    server.use(...proxy.handlers);
    await renderPlayground();
    fireEvent.change(messageBox(), { target: { value: 'line one' } });
    fireEvent.keyDown(messageBox(), { key: 'Enter', shiftKey: true });
    // A send would have put the question in the transcript and a request on its way: let it finish.
    await settled();
    expect(proxy.requests).toEqual([]);
    expect(messageBox()).toHaveValue('line one');
  });

  it('refuses max_tokens and temperature out of range with a field error, and sends nothing', async () => {
    const proxy = proxyEndpoint(() => sse(sseBody([DONE])));
    server.use(...proxy.handlers);
    await renderPlayground({
      overrides: {
        spec: { model: { id: 'Qwen/Qwen3-0.6B' }, engine: { type: 'vllm', contextLength: 4096 } },
      },
    });
    const maxTokens = screen.getByRole('textbox', { name: 'Max tokens' });
    const temperature = screen.getByRole('textbox', { name: 'Temperature' });

    for (const bad of ['0', '4097', '12.5', 'many', '']) {
      fireEvent.change(maxTokens, { target: { value: bad } });
      expect(maxTokens).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByText('Enter a whole number from 1 to 4096.')).toBeInTheDocument();
      typeAndEnter('hello');
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    }
    fireEvent.change(maxTokens, { target: { value: '4096' } });
    expect(maxTokens).toHaveAttribute('aria-invalid', 'false');

    for (const bad of ['-1', '2.5', 'hot']) {
      fireEvent.change(temperature, { target: { value: bad } });
      expect(temperature).toHaveAttribute('aria-invalid', 'true');
      expect(screen.getByText('Enter a number from 0 to 2.')).toBeInTheDocument();
      typeAndEnter('hello');
    }
    await settled();
    expect(proxy.requests).toEqual([]);
    // The message is kept for when the value is fixed.
    expect(messageBox()).toHaveValue('hello');

    fireEvent.change(temperature, { target: { value: '1.5' } });
    fireEvent.keyDown(messageBox(), { key: 'Enter' });
    await waitFor(() => expect(proxy.requests).toHaveLength(1));
    expect(proxy.requests[0]?.body).toMatchObject({ max_tokens: 4096, temperature: 1.5 });
  });

  it('asks one replica through pods/proxy and names the pod that answered', async () => {
    const proxy = proxyEndpoint(request =>
      sse(sseBody([chatChunk(`from ${request.path.split('/')[2]}`), DONE]))
    );
    server.use(...proxy.handlers);
    await renderPlayground({
      pods: [readyPod('qwen-0'), readyPod('qwen-1', true, 8000), readyPod('qwen-2', false)],
    });

    const picker = screen.getByRole('combobox', { name: 'Send to' });
    picker.focus();
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    const listbox = await screen.findByRole('listbox');
    // Every pod is listed with its readiness; a pod that is not ready cannot be picked.
    expect(within(listbox).getByRole('option', { name: /qwen-0/ })).toHaveTextContent('Ready');
    const notReady = within(listbox).getByRole('option', { name: /qwen-2/ });
    expect(notReady).toHaveTextContent('Not ready');
    expect(notReady).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(within(listbox).getByRole('option', { name: /qwen-1/ }));
    await waitFor(() => expect(screen.queryByRole('listbox')).not.toBeInTheDocument());

    typeAndEnter('Who are you?');
    await waitFor(() => expect(answers()).toEqual(['from qwen-1:8000']));
    expect(proxy.requests.map(request => request.path)).toEqual([
      '/pods/qwen-1:8000/proxy/v1/chat/completions',
    ]);
    expect(screen.getByText(/Answered by pod qwen-1/)).toBeInTheDocument();
  });

  it("uses the pod's own container port when it differs from the Service port", async () => {
    const proxy = proxyEndpoint(() => sse(sseBody([chatChunk('ok'), DONE])));
    server.use(...proxy.handlers);
    await renderPlayground({ pods: [readyPod('qwen-0', true, 5000)] });
    const picker = screen.getByRole('combobox', { name: 'Send to' });
    picker.focus();
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByRole('option', { name: /qwen-0/ }));
    typeAndEnter('ping');
    await waitFor(() => expect(answers()).toEqual(['ok']));
    expect(proxy.requests.map(request => request.path)).toEqual([
      '/pods/qwen-0:5000/proxy/v1/chat/completions',
    ]);
  });

  it('falls back to /v1/completions when the model has no chat template, and says so', async () => {
    const proxy = proxyEndpoint(request =>
      request.path.endsWith('/chat/completions')
        ? HttpResponse.json(
            {
              object: 'error',
              message:
                'As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.',
              type: 'BadRequestError',
              code: 400,
            },
            { status: 400 }
          )
        : sse(sseBody([textChunk(' Paris'), textChunk(', of course.'), DONE]))
    );
    server.use(...proxy.handlers);
    await renderPlayground();

    typeAndEnter('The capital of France is');
    await waitFor(() => expect(answers()).toEqual([' Paris, of course.']));
    expect(await findAlert('This model has no chat template')).toHaveTextContent('/v1/completions');
    expect(proxy.requests.map(request => [request.path, request.body])).toEqual([
      [
        '/services/qwen-svc:8000/proxy/v1/chat/completions',
        {
          model: 'Qwen/Qwen3-0.6B',
          messages: [{ role: 'user', content: 'The capital of France is' }],
          max_tokens: 256,
          temperature: 0.7,
          stream: true,
        },
      ],
      [
        '/services/qwen-svc:8000/proxy/v1/completions',
        {
          model: 'Qwen/Qwen3-0.6B',
          prompt: 'The capital of France is',
          max_tokens: 256,
          temperature: 0.7,
          stream: true,
        },
      ],
    ]);
    expect(screen.getByText(/completions mode/)).toBeInTheDocument();

    // The conversation goes on in completions mode directly, as one prompt.
    typeAndEnter('And Italy?');
    await waitFor(() => expect(proxy.requests).toHaveLength(3));
    expect(proxy.requests[2]?.path).toBe('/services/qwen-svc:8000/proxy/v1/completions');
    expect(proxy.requests[2]?.body['prompt']).toBe(
      'User: The capital of France is\n\nAssistant: Paris, of course.\n\nUser: And Italy?\n\nAssistant:'
    );
  });

  it('does not fall back on other 400s: the model server message is shown', async () => {
    const proxy = proxyEndpoint(() =>
      HttpResponse.json(
        {
          object: 'error',
          message: "This model's maximum context length is 4096 tokens.",
          type: 'BadRequestError',
          code: 400,
        },
        { status: 400 }
      )
    );
    server.use(...proxy.handlers);
    await renderPlayground();
    typeAndEnter('hello');
    expect(
      await findAlert("This model's maximum context length is 4096 tokens.")
    ).toHaveTextContent('HTTP 400');
    expect(proxy.requests).toHaveLength(1);
    expect(screen.queryByText(/Completions mode/)).not.toBeInTheDocument();
  });

  it('names the missing permission on a 403 from services/proxy', async () => {
    const proxy = proxyEndpoint(() => forbidden('create', 'services/proxy', '', NS));
    server.use(...proxy.handlers);
    const { container } = await renderPlayground();
    typeAndEnter('hello');
    expect(
      await findAlert(
        'Your Kubernetes identity is not allowed to create services/proxy in namespace team-a'
      )
    ).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('names pods/proxy on a 403 when one replica was asked', async () => {
    const proxy = proxyEndpoint(() =>
      status(
        403,
        'Forbidden',
        'pods "qwen-0" is forbidden: User "alice" cannot create resource "pods/proxy" in API group "" in the namespace "team-a"'
      )
    );
    server.use(...proxy.handlers);
    await renderPlayground();
    const picker = screen.getByRole('combobox', { name: 'Send to' });
    picker.focus();
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByRole('option', { name: /qwen-0/ }));
    typeAndEnter('hello');
    expect(
      await findAlert('not allowed to create pods/proxy in namespace team-a')
    ).toBeInTheDocument();
  });

  it('says the model is not reachable yet on a 503 from the API server', async () => {
    const proxy = proxyEndpoint(() =>
      status(503, 'ServiceUnavailable', 'no endpoints available for service "qwen-svc"')
    );
    server.use(...proxy.handlers);
    await renderPlayground();
    typeAndEnter('hello');
    const alert = await findAlert('The model is not reachable yet');
    expect(alert).toHaveTextContent('Service qwen-svc (HTTP 503)');
    expect(alert).toHaveTextContent('no endpoints available for service "qwen-svc"');
  });

  it('shows an error the model server sends inside the stream, after the text it had written', async () => {
    const proxy = proxyEndpoint(() =>
      sse(
        sseBody([
          chatChunk('Partial'),
          'data: {"error":{"message":"CUDA out of memory","type":"InternalServerError","code":500}}\n\n',
        ])
      )
    );
    server.use(...proxy.handlers);
    await renderPlayground();
    typeAndEnter('hello');
    expect(await findAlert('CUDA out of memory')).toHaveTextContent(
      'The model server stopped with an error'
    );
    expect(answers()).toEqual(['Partial']);
  });

  it('Stop aborts the stream and keeps what arrived', async () => {
    const live = liveStream();
    const proxy = proxyEndpoint(() => sse(live.stream));
    server.use(...proxy.handlers);
    await renderPlayground();
    typeAndEnter('Tell me a long story');
    await waitFor(() => expect(proxy.requests).toHaveLength(1));
    live.send(chatChunk('Once upon'));
    await waitFor(() => expect(answers()).toEqual(['Once upon']));
    expect(proxy.requests[0]?.aborted()).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(proxy.requests[0]?.aborted()).toBe(true));
    await waitFor(() => expect(screen.getByText(/· stopped/)).toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled();
    live.send(chatChunk(' a time'));
    await settled();
    expect(answers()).toEqual(['Once upon']);
  });

  it('explains a missing endpoint and disables sending', async () => {
    const proxy = proxyEndpoint(() => sse(sseBody([DONE])));
    server.use(...proxy.handlers);
    const base = modelDeployment('qwen', NS);
    const { container } = await renderPlayground({
      overrides: { status: { ...base.status, endpoint: undefined, phase: 'Deploying' } },
    });
    expect(
      await findAlert('The provider has not published an endpoint for this deployment yet')
    ).toBeInTheDocument();
    expect(messageBox()).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    expect(proxy.requests).toEqual([]);
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
