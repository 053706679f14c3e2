import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seriousA11yViolations } from '../../test/a11y';
import { cpuNode, gpuNode, pod } from '../../test/fixtures';
import { forbidden, getList, list, pending, server } from '../../test/k8s';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { CreateDeploymentPage } from './CreateDeploymentPage';

const NODES = '/api/v1/nodes';
const PODS = '/api/v1/pods';
const COLLECTION =
  '*/clusters/test-cluster/apis/airunway.ai/v1alpha1/namespaces/team-a/modeldeployments';
const PREFILL = '?namespace=team-a&model=Qwen%2FQwen3-0.6B&engine=vllm&gpus=1';

/**
 * a100-0: 4 GPUs with 2 taken (2 free); a100-1: 4 GPUs, all free; cpu-0: no GPUs, 32Gi of memory. So the
 * cluster has 6 free GPUs, at most 4 on one node.
 */
function cluster() {
  server.use(
    getList(NODES, () =>
      list('Node', 'v1', [
        gpuNode('a100-0', 'a100', 4),
        gpuNode('a100-1', 'a100', 4),
        cpuNode('cpu-0'),
      ])
    ),
    getList(PODS, () =>
      list('Pod', 'v1', [
        pod('a', 'team-a', 'x', 'Running', 'a100-0'),
        pod('b', 'team-a', 'x', 'Running', 'a100-0'),
      ])
    )
  );
}

function renderCreate() {
  return renderPage(<CreateDeploymentPage />, {
    url: `/airunway/deployments/new${PREFILL}`,
    route: '/airunway/deployments/new',
  });
}

function input(label: string | RegExp) {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function card(title: string) {
  return screen.getByRole('region', { name: title });
}

function yamlObject() {
  return parse(input('ModelDeployment YAML').value);
}

async function apply(title: string) {
  const button = within(card(title)).getByRole('button', { name: `Apply recipe ${title}` });
  await waitFor(() => expect(button).toBeEnabled());
  fireEvent.click(button);
  await screen.findByText(`Applied “${title}”: the form and the YAML now use it.`);
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Create page recipes', () => {
  it('sizes single-node tensor parallelism on the node with the most free GPUs and fills the form', async () => {
    cluster();
    const { container } = renderCreate();
    const single = await screen.findByRole('region', { name: 'Single node, tensor parallel' });
    expect(
      await within(single).findByText('Sized on node a100-1: 4 free GPU(s), tensor parallel 4.')
    ).toBeInTheDocument();
    // Parts that mount later show their text once the translations settle: wait for each.
    expect(await within(single).findByText('1 pod(s) · 4 GPU(s) per pod')).toBeInTheDocument();
    expect(await within(single).findByText('Total: 4 GPU(s) in 1 pod(s)')).toBeInTheDocument();
    expect(await within(single).findByText('Fits')).toBeInTheDocument();
    expect(
      await within(single).findByText('Fits: uses 4 of 6 free GPUs (a100-1: 1 pod).')
    ).toBeInTheDocument();

    await apply('Single node, tensor parallel');
    expect(input('Replicas')).toHaveValue(1);
    expect(input('GPUs per replica')).toHaveValue(4);
    expect(input('Engine')).toHaveValue('vllm');
    expect(input('Argument name 1')).toHaveValue('tensor-parallel-size');
    expect(input('Argument value 1')).toHaveValue('4');
    // The name and model the user already had stay.
    expect(input(/^Name\W*$/)).toHaveValue('qwen3-0-6b');
    expect(input('Model ID')).toHaveValue('Qwen/Qwen3-0.6B');
    expect(yamlObject()).toEqual({
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'qwen3-0-6b', namespace: 'team-a' },
      spec: {
        model: { id: 'Qwen/Qwen3-0.6B' },
        engine: { type: 'vllm', args: { 'tensor-parallel-size': '4' } },
        scaling: { replicas: 1 },
        resources: { gpu: { count: 4 } },
      },
    });
    expect(
      await screen.findByText(
        'kuberay — auto: vllm with 4 GPUs → kuberay (multi-GPU distributed inference)'
      )
    ).toBeInTheDocument();
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('N × G: shows the demand and whether it fits as the counts change, then fills the form', async () => {
    cluster();
    renderCreate();
    const title = 'N replicas × G GPUs';
    const recipe = await screen.findByRole('region', { name: title });
    const replicas = within(recipe).getByLabelText('Replicas (N)');
    const gpus = within(recipe).getByLabelText('GPUs per replica (G)');
    expect(replicas).toHaveValue(2);
    expect(gpus).toHaveValue(1);

    fireEvent.change(replicas, { target: { value: '3' } });
    fireEvent.change(gpus, { target: { value: '2' } });
    expect(await within(recipe).findByText('3 pod(s) · 2 GPU(s) per pod')).toBeInTheDocument();
    expect(
      await within(recipe).findByText(
        'Fits: uses 6 of 6 free GPUs (a100-0: 1 pod, a100-1: 2 pods).'
      )
    ).toBeInTheDocument();

    fireEvent.change(replicas, { target: { value: '4' } });
    expect(within(recipe).getByText('Total: 8 GPU(s) in 4 pod(s)')).toBeInTheDocument();
    expect(within(recipe).getByText('Does not fit')).toBeInTheDocument();
    expect(
      within(recipe).getByText('Needs 8 GPUs in total; 6 are free on ready, schedulable nodes.')
    ).toBeInTheDocument();

    fireEvent.change(gpus, { target: { value: '8' } });
    expect(
      within(recipe).getByText(
        'Each pod needs 8 GPUs on one node; the most free on any ready node is 4.'
      )
    ).toBeInTheDocument();

    // A count that is not a whole number ≥ 1 cannot be applied, and the input says why.
    fireEvent.change(gpus, { target: { value: '0' } });
    expect(gpus).toHaveAccessibleDescription('Enter a whole number of at least 1');
    expect(within(recipe).getByRole('button', { name: `Apply recipe ${title}` })).toBeDisabled();

    fireEvent.change(replicas, { target: { value: '3' } });
    fireEvent.change(gpus, { target: { value: '2' } });
    await apply(title);
    expect(input('Replicas')).toHaveValue(3);
    expect(input('GPUs per replica')).toHaveValue(2);
    expect(input('Argument value 1')).toHaveValue('2');
    expect(yamlObject().spec).toEqual({
      model: { id: 'Qwen/Qwen3-0.6B' },
      engine: { type: 'vllm', args: { 'tensor-parallel-size': '2' } },
      scaling: { replicas: 3 },
      resources: { gpu: { count: 2 } },
    });
  });

  it('CPU-only llama.cpp: no GPUs, CPU and memory set, KAITO selected, memory checked against the nodes', async () => {
    cluster();
    renderCreate();
    const title = 'CPU only (llama.cpp)';
    const recipe = await screen.findByRole('region', { name: title });
    expect(within(recipe).getByLabelText('CPU replicas')).toHaveValue(1);
    expect(within(recipe).getByLabelText('CPU per replica')).toHaveValue('4');
    expect(within(recipe).getByLabelText('Memory per replica')).toHaveValue('16Gi');
    expect(
      await within(recipe).findByText('1 pod(s) · no GPU · CPU 4 · memory 16Gi')
    ).toBeInTheDocument();
    expect(
      await within(recipe).findByText(
        'Fits on CPU: 16 GiB of memory (cpu-0: 1 pod). CPU requests are not checked.'
      )
    ).toBeInTheDocument();

    await apply(title);
    expect(input('Engine')).toHaveValue('llamacpp');
    expect(input('GPUs per replica')).toHaveValue(0);
    expect(input('CPU')).toHaveValue('4');
    expect(input('Memory')).toHaveValue('16Gi');
    expect(input('Replicas')).toHaveValue(1);
    expect(yamlObject().spec).toEqual({
      model: { id: 'Qwen/Qwen3-0.6B' },
      engine: { type: 'llamacpp' },
      scaling: { replicas: 1 },
      resources: { gpu: { count: 0 }, cpu: '4', memory: '16Gi' },
    });
    expect(
      await screen.findByText('kaito — auto: no GPU requested → kaito (only CPU provider)')
    ).toBeInTheDocument();
  });

  it('disaggregated: prefill and decode counts fill the form and are what Create sends', async () => {
    cluster();
    const received: unknown[] = [];
    server.use(
      http.post(COLLECTION, async ({ request }) => {
        const body = (await request.json()) as any;
        received.push(body);
        return HttpResponse.json(
          { ...body, metadata: { ...body.metadata, uid: 'new-uid', resourceVersion: '1' } },
          { status: 201 }
        );
      })
    );
    renderCreate();
    const title = 'Disaggregated prefill/decode';
    const recipe = await screen.findByRole('region', { name: title });
    fireEvent.change(within(recipe).getByLabelText('GPUs per prefill pod'), {
      target: { value: '4' },
    });
    fireEvent.change(within(recipe).getByLabelText('Decode pods'), { target: { value: '2' } });
    expect(
      await within(recipe).findByText('Prefill: 1 pod(s) · 4 GPU(s) per pod')
    ).toBeInTheDocument();
    expect(
      await within(recipe).findByText('Decode: 2 pod(s) · 1 GPU(s) per pod')
    ).toBeInTheDocument();
    expect(await within(recipe).findByText('Total: 6 GPU(s) in 3 pod(s)')).toBeInTheDocument();
    expect(
      await within(recipe).findByText(
        'Fits: uses 6 of 6 free GPUs (a100-0: 2 pods, a100-1: 1 pod).'
      )
    ).toBeInTheDocument();

    await apply(title);
    expect(input('Serving mode')).toHaveValue('disaggregated');
    expect(input('Prefill replicas')).toHaveValue(1);
    expect(input('Prefill GPUs per replica')).toHaveValue(4);
    expect(input('Decode replicas')).toHaveValue(2);
    expect(input('Decode GPUs per replica')).toHaveValue(1);
    expect(input('GPUs per replica')).toHaveValue(null);
    expect(
      await screen.findByText(
        'dynamo — auto: disaggregated serving → dynamo (prefill/decode disaggregation)'
      )
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toStrictEqual({
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'qwen3-0-6b', namespace: 'team-a' },
      spec: {
        model: { id: 'Qwen/Qwen3-0.6B' },
        engine: { type: 'vllm' },
        serving: { mode: 'disaggregated' },
        scaling: {
          prefill: { replicas: 1, gpu: { count: 4 } },
          decode: { replicas: 2, gpu: { count: 1 } },
        },
      },
    });
  });

  it('keeps YAML-only fields and the user’s own edits outside what the recipe is about', async () => {
    cluster();
    renderCreate();
    await screen.findByRole('region', { name: 'N replicas × G GPUs' });
    fireEvent.change(input('ModelDeployment YAML'), {
      target: {
        value: [
          'apiVersion: airunway.ai/v1alpha1',
          'kind: ModelDeployment',
          'metadata:',
          '  name: my-qwen',
          '  namespace: team-a',
          'spec:',
          '  model:',
          '    id: Qwen/Qwen3-8B',
          '    servedName: qwen',
          '  engine:',
          '    type: sglang',
          '  podTemplate:',
          '    metadata:',
          '      labels:',
          '        team: research',
          '',
        ].join('\n'),
      },
    });
    await apply('N replicas × G GPUs');
    expect(input(/^Name\W*$/)).toHaveValue('my-qwen');
    expect(input('Served model name')).toHaveValue('qwen');
    expect(yamlObject()).toEqual({
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'my-qwen', namespace: 'team-a' },
      spec: {
        model: { id: 'Qwen/Qwen3-8B', servedName: 'qwen' },
        engine: { type: 'sglang' },
        scaling: { replicas: 2 },
        resources: { gpu: { count: 1 } },
        podTemplate: { metadata: { labels: { team: 'research' } } },
      },
    });
  });

  it('waits for the capacity, and without it sizes no single node but still offers the others', async () => {
    server.use(
      getList(NODES, () => pending()),
      getList(PODS, () => pending())
    );
    renderCreate();
    const single = await screen.findByRole('region', { name: 'Single node, tensor parallel' });
    expect(await within(single).findByText('Checking cluster capacity…')).toBeInTheDocument();
    expect(
      within(single).getByRole('button', { name: 'Apply recipe Single node, tensor parallel' })
    ).toBeDisabled();
    expect(
      within(card('N replicas × G GPUs')).getByRole('button', {
        name: 'Apply recipe N replicas × G GPUs',
      })
    ).toBeEnabled();
  });

  it('says the fit is unchecked when the node list is forbidden', async () => {
    server.use(
      getList(NODES, () => forbidden('list', 'nodes', '')),
      getList(PODS, () => list('Pod', 'v1', []))
    );
    renderCreate();
    const recipe = await screen.findByRole('region', { name: 'N replicas × G GPUs' });
    expect(
      await within(recipe).findByText('Fit not checked: the cluster capacity is unavailable.')
    ).toBeInTheDocument();
    expect(
      await within(card('Single node, tensor parallel')).findByText(
        'Needs the cluster capacity to size itself, which is unavailable.'
      )
    ).toBeInTheDocument();
  });
});
