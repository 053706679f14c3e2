import '../../test/setup';
import { PROXY_ENDPOINTS } from '@airunway/shared-client/schemas/proxy';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { gpuNode } from '../../test/fixtures';
import { getList, list, server } from '../../test/k8s';
import { apiServerStatus, proxy } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { CreateDeploymentPage } from './CreateDeploymentPage';

const COLLECTION =
  '*/clusters/test-cluster/apis/airunway.ai/v1alpha1/namespaces/team-a/modeldeployments';
const PREFILL = '?namespace=team-a&model=Qwen%2FQwen3-8B&engine=vllm&gpus=1';

/** What the real proxy answers: checked against the endpoint's response schema. */
const ANSWER = PROXY_ENDPOINTS.aiConfiguratorAnalyze.response.parse({
  success: true,
  config: {
    tensorParallelDegree: 4,
    maxBatchSize: 128,
    gpuMemoryUtilization: 0.88,
    maxModelLen: 16384,
  },
  mode: 'aggregated',
  replicas: 1,
  backend: 'vllm',
  source: 'aiconfigurator',
  warnings: ['Latency estimates assume a 512-token prompt.'],
});

function cluster() {
  server.use(
    getList('/api/v1/nodes', () =>
      list('Node', 'v1', [gpuNode('l4-0', 'l4', 1, 'NVIDIA-L4'), gpuNode('a100-0', 'a100', 8)])
    ),
    getList('/api/v1/pods', () => list('Pod', 'v1', []))
  );
}

/** The analyze endpoint, recording each request body. */
function analyze(answer: unknown) {
  const bodies: unknown[] = [];
  server.use(
    proxy.on('aiConfiguratorAnalyze', async request => {
      bodies.push(await request.json());
      return answer;
    })
  );
  return bodies;
}

function renderCreate(search = PREFILL) {
  return renderPage(<CreateDeploymentPage />, {
    url: `/airunway/deployments/new${search}`,
    route: '/airunway/deployments/new',
  });
}

function input(label: string | RegExp) {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function panel() {
  return within(screen.getByRole('region', { name: 'Suggest configuration' }));
}

function yamlObject() {
  return parse(input('ModelDeployment YAML').value);
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Create page: Suggest configuration', () => {
  it('asks for the cluster GPU, shows the source and warnings, and fills the engine on Apply', async () => {
    cluster();
    const bodies = analyze(ANSWER);
    const created: unknown[] = [];
    server.use(
      http.post(COLLECTION, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        created.push(body);
        return HttpResponse.json(body, { status: 201 });
      })
    );
    const { container } = renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    // The node with the most free GPUs decides the default.
    await waitFor(() => expect(input('GPU to plan for')).toHaveValue('A100-80GB'));
    expect(input('GPUs to plan for')).toHaveValue(1);
    fireEvent.change(input('GPUs to plan for'), { target: { value: '4' } });
    fireEvent.click(panel().getByRole('button', { name: 'Suggest configuration' }));

    expect(await panel().findByText('Source: NVIDIA AI Configurator')).toBeInTheDocument();
    expect(panel().getByText('Latency estimates assume a 512-token prompt.')).toBeInTheDocument();
    expect(panel().getByText('Tensor parallelism: 4')).toBeInTheDocument();
    expect(bodies).toEqual([
      { modelId: 'Qwen/Qwen3-8B', gpuType: 'A100-80GB', gpuCount: 4, optimizeFor: 'throughput' },
    ]);
    // A proposal only: nothing is written before Apply.
    expect(input('Context length')).toHaveValue(null);
    expect(yamlObject().spec.engine).toEqual({ type: 'vllm' });
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);

    fireEvent.click(panel().getByRole('button', { name: 'Apply suggestion' }));
    await waitFor(() => expect(input('Context length')).toHaveValue(16384));
    expect(input('Argument name 1')).toHaveValue('tensor-parallel-size');
    expect(input('Argument value 1')).toHaveValue('4');
    expect(input('Argument name 2')).toHaveValue('gpu-memory-utilization');
    expect(input('Argument value 2')).toHaveValue('0.88');
    expect(yamlObject().spec.engine).toEqual({
      type: 'vllm',
      contextLength: 16384,
      args: { 'tensor-parallel-size': '4', 'gpu-memory-utilization': '0.88' },
    });
    expect(
      panel().getByText(/Applied the suggestion: .* Source: NVIDIA AI Configurator/)
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(created).toHaveLength(1));
    expect((created[0] as { spec: { engine: unknown } }).spec.engine).toStrictEqual({
      type: 'vllm',
      contextLength: 16384,
      args: { 'tensor-parallel-size': '4', 'gpu-memory-utilization': '0.88' },
    });
  });

  it('sends the latency target, names a built-in estimate, and skips what llama.cpp lacks', async () => {
    cluster();
    const bodies = analyze({ ...ANSWER, source: 'builtin', warnings: [] });
    renderCreate('?namespace=team-a&model=Qwen%2FQwen3-8B&engine=llamacpp&gpus=2');
    await screen.findByLabelText(/^Name\W*$/);
    await waitFor(() => expect(input('GPU to plan for')).toHaveValue('A100-80GB'));
    fireEvent.change(input('GPU to plan for'), { target: { value: 'L4' } });
    fireEvent.change(input('Optimize for'), { target: { value: 'latency' } });
    fireEvent.change(input('Latency target (ms)'), { target: { value: '250' } });
    fireEvent.click(panel().getByRole('button', { name: 'Suggest configuration' }));

    expect(
      await panel().findByText('Source: built-in estimate (AI Configurator is not available)')
    ).toBeInTheDocument();
    expect(bodies).toEqual([
      {
        modelId: 'Qwen/Qwen3-8B',
        gpuType: 'L4',
        gpuCount: 2,
        optimizeFor: 'latency',
        maxLatencyMs: 250,
      },
    ]);
    expect(
      panel().getByText('llamacpp has no GPU memory share setting, so that value is not applied.')
    ).toBeInTheDocument();
    fireEvent.click(panel().getByRole('button', { name: 'Apply suggestion' }));
    await waitFor(() => expect(input('Context length')).toHaveValue(16384));
    expect(yamlObject().spec.engine).toEqual({ type: 'llamacpp', contextLength: 16384 });
  });

  it('says when the proxy is unreachable and leaves the form working', async () => {
    cluster();
    server.use(
      proxy.on('aiConfiguratorAnalyze', () =>
        apiServerStatus(503, 'no endpoints available for service "airunway-proxy"')
      )
    );
    const { container } = renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    await waitFor(() => expect(input('GPU to plan for')).toHaveValue('A100-80GB'));
    fireEvent.click(panel().getByRole('button', { name: 'Suggest configuration' }));
    await findAlert('The AI Runway proxy is not reachable, so configuration suggestions');
    expect(panel().queryByRole('button', { name: 'Apply suggestion' })).toBeNull();

    fireEvent.change(input('Context length'), { target: { value: '8192' } });
    expect(yamlObject().spec.engine).toEqual({ type: 'vllm', contextLength: 8192 });
    expect(screen.getByRole('button', { name: 'Create' })).toBeEnabled();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('asks for a model ID before calling the proxy', async () => {
    cluster();
    const bodies = analyze(ANSWER);
    renderCreate('?namespace=team-a&engine=vllm&gpus=1');
    await screen.findByLabelText(/^Name\W*$/);
    await waitFor(() => expect(input('GPU to plan for')).toHaveValue('A100-80GB'));
    fireEvent.click(panel().getByRole('button', { name: 'Suggest configuration' }));
    await findAlert('Enter a HuggingFace model ID above first.');
    await settled();
    expect(bodies).toEqual([]);
  });
});
