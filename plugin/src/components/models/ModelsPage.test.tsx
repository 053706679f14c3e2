import '../../test/setup';
import { MODEL_CATALOG } from '@airunway/shared-client/catalog';
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { cents, formatMoney, nodePoolCosts } from '../../test/costs';
import { cpuNode, gpuNode, pod } from '../../test/fixtures';
import {
  countApiRequests,
  forbidden,
  getList,
  list,
  pending,
  server,
  status,
} from '../../test/k8s';
import { PROXY_PREFIX } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { ModelsPage } from './ModelsPage';

const NODES = '/api/v1/nodes';
const PODS = '/api/v1/pods';
const SEARCH =
  '*/clusters/test-cluster/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/api/models/search';

/** The Azure instance of the A100 pool and its hourly price (4 GPUs per node). */
const A100_INSTANCE = 'Standard_NC96ads_A100_v4';
const PRICES = [{ instanceType: A100_INSTANCE, hourlyPrice: 14.692, region: 'eastus' }];

function a100Node(name: string, gpus: number) {
  const node = gpuNode(name, 'a100', gpus);
  Object.assign(node.metadata.labels, {
    'node.kubernetes.io/instance-type': A100_INSTANCE,
    'topology.kubernetes.io/region': 'eastus',
  });
  return node;
}

/**
 * One A100 node with 4 GPUs, 2 of them taken: 2 free 80 GB GPUs, in pool a100 priced by the (fake) proxy.
 */
function cluster(costs = nodePoolCosts(PRICES)) {
  return [
    costs.handler,
    getList(NODES, () => list('Node', 'v1', [a100Node('a100-0', 4)])),
    getList(PODS, () =>
      list('Pod', 'v1', [
        pod('a', 'team-a', 'x', 'Running', 'a100-0'),
        pod('b', 'team-a', 'x', 'Running', 'a100-0'),
      ])
    ),
  ];
}

/** A search result in the proxy's response schema (ModelSearchResponseSchema). */
function hfModel(index: number, parameterCount?: number) {
  return {
    id: `acme/model-${index}`,
    name: `model-${index}`,
    author: 'acme',
    downloads: 1000 + index,
    likes: index,
    pipelineTag: 'text-generation',
    gated: index === 2,
    supportedEngines: ['vllm', 'sglang'],
    ...(parameterCount
      ? {
          parameterCount,
          estimatedGpuMemoryGb: (parameterCount * 2 * 1.2) / 1e9,
          estimatedGpuMemory: `${((parameterCount * 2 * 1.2) / 1e9).toFixed(1)} GB`,
        }
      : {}),
    compatible: true,
  };
}

function renderModels() {
  return renderPage(<ModelsPage />, { url: '/airunway/models', route: '/airunway/models' });
}

function rowOf(modelId: string) {
  return screen.getByRole('link', { name: `Deploy ${modelId}` }).closest('tr') as HTMLElement;
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Models page: curated catalog', () => {
  it('lists the catalog while the cluster capacity is still loading', async () => {
    server.use(
      getList(NODES, () => pending()),
      getList(PODS, () => pending())
    );
    renderModels();
    expect(await screen.findAllByText('Checking cluster capacity…')).toHaveLength(
      MODEL_CATALOG.length
    );
    // Each curated model says what it is for.
    for (const model of MODEL_CATALOG) {
      expect(within(rowOf(model.id)).getByText(model.description)).toBeInTheDocument();
    }
    // Gated models link to Settings, where a token is saved (or signed in for).
    const gated = screen.getAllByRole('link', { name: 'gated: needs a HuggingFace token' });
    expect(gated).toHaveLength(MODEL_CATALOG.filter(model => model.gated).length);
    expect(gated[0]).toHaveAttribute('href', '/c/test-cluster/airunway/settings');
  });

  it('shows a fit badge per model from the free GPUs of the node and pod lists', async () => {
    server.use(...cluster());
    const { container } = renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    const small = within(rowOf('Qwen/Qwen3-0.6B'));
    expect(small.getByText('Fits on 1 GPU')).toBeInTheDocument();
    expect(small.getByText(/Fits on one A100-80GB \(80 GB\) on node a100-0/)).toBeInTheDocument();

    const mixtral = within(rowOf('mistralai/Mixtral-8x7B-Instruct-v0.1'));
    expect(mixtral.getByText('Needs 2 GPUs')).toBeInTheDocument();
    expect(mixtral.getByText(/Fits with 2 × 80 GB GPUs \(tensor parallel 2\)/)).toBeInTheDocument();

    const large = within(rowOf('meta-llama/Llama-3.1-70B-Instruct'));
    expect(large.getByText('Does not fit')).toBeInTheDocument();
    expect(
      large.getByText('Needs 4 × 80 GB GPUs on one node; the most free on any node is 2.')
    ).toBeInTheDocument();

    // Deploy opens the create page prefilled with the model, engine and the fit's GPU count; a gated
    // model's deployment also names the token Secret Settings saves.
    expect(
      screen.getByRole('link', { name: 'Deploy mistralai/Mixtral-8x7B-Instruct-v0.1' })
    ).toHaveAttribute(
      'href',
      '/c/test-cluster/airunway/deployments/new?model=mistralai%2FMixtral-8x7B-Instruct-v0.1&engine=vllm&gpus=2&hfSecret=hf-token'
    );
    expect(
      screen.getByRole('link', { name: 'Deploy Qwen/Qwen3-0.6B' }).getAttribute('href')
    ).not.toContain('hfSecret');
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('filters by text and engine, and says when nothing matches', async () => {
    server.use(...cluster());
    renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    fireEvent.change(screen.getByLabelText('Engine'), { target: { value: 'llamacpp' } });
    const ids = () =>
      screen
        .getAllByRole('link', { name: /^Deploy / })
        .map(button => button.getAttribute('aria-label'));
    expect(ids()).toEqual([
      'Deploy Qwen/Qwen2.5-1.5B-Instruct-GGUF',
      'Deploy bartowski/Meta-Llama-3.1-8B-Instruct-GGUF',
    ]);
    expect(
      screen.getByRole('link', { name: 'Deploy Qwen/Qwen2.5-1.5B-Instruct-GGUF' })
    ).toHaveAttribute('href', expect.stringContaining('engine=llamacpp'));

    fireEvent.change(screen.getByLabelText('Engine'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Search curated models'), {
      target: { value: 'mixtral' },
    });
    expect(ids()).toEqual(['Deploy mistralai/Mixtral-8x7B-Instruct-v0.1']);

    fireEvent.change(screen.getByLabelText('Search curated models'), {
      target: { value: 'no-such-model' },
    });
    expect(
      screen.getByText('No curated model matches this search and engine.')
    ).toBeInTheDocument();
  });

  it('keeps the catalog and explains the missing permission when capacity cannot be read', async () => {
    server.use(
      getList(NODES, () => forbidden('list', 'nodes', '')),
      getList(PODS, () => list('Pod', 'v1', []))
    );
    const { container } = renderModels();
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'not allowed to list nodes across all namespaces'
    );
    expect(screen.getAllByText('Capacity unknown')).toHaveLength(MODEL_CATALOG.length);
    expect(screen.getByRole('link', { name: 'Deploy Qwen/Qwen3-0.6B' })).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});

describe('Models page: monthly cost', () => {
  const COSTS = `${PROXY_PREFIX}/costs/node-pools`;

  function search(text: string) {
    fireEvent.change(screen.getByLabelText('HuggingFace model search'), {
      target: { value: text },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
  }

  it('shows gpusNeeded × the per-GPU monthly price of the pool the fit chose, from one request for the page', async () => {
    const costs = nodePoolCosts(PRICES);
    server.use(
      ...cluster(costs),
      http.get(SEARCH, ({ request }) => {
        const url = new URL(request.url);
        const models = [hfModel(0, 70e9), hfModel(1, 7e9), hfModel(2, 1e9)];
        return HttpResponse.json({
          models,
          total: models.length,
          hasMore: false,
          query: url.searchParams.get('q'),
          offset: 0,
          limit: 20,
        });
      })
    );
    const counter = countApiRequests();
    const { container } = renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    const small = within(rowOf('Qwen/Qwen3-0.6B'));
    await small.findByText(/ \/ month$/);

    // The price the proxy answered for the a100 pool, per GPU and month.
    expect(costs.answers).toHaveLength(1);
    const a100 = costs.answers[0]!.nodePoolCosts.find(cost => cost.poolName === 'a100')!;
    const perGpu = a100.costBreakdown.perGpu.monthly;
    expect(perGpu).toBe(cents((14.692 / 4) * 730));

    expect(small.getByText(`${formatMoney(cents(1 * perGpu))} / month`)).toBeInTheDocument();
    expect(small.getByText(`1 × ${formatMoney(perGpu)} per GPU on pool a100`)).toBeInTheDocument();
    expect(
      small.getByText(`Real-time cloud price for ${A100_INSTANCE} in eastus.`)
    ).toBeInTheDocument();

    const mixtral = within(rowOf('mistralai/Mixtral-8x7B-Instruct-v0.1'));
    expect(mixtral.getByText('Needs 2 GPUs')).toBeInTheDocument();
    expect(mixtral.getByText(`${formatMoney(cents(2 * perGpu))} / month`)).toBeInTheDocument();
    expect(
      mixtral.getByText(`2 × ${formatMoney(perGpu)} per GPU on pool a100`)
    ).toBeInTheDocument();
    expect(mixtral.queryByText(/\(estimate\)/)).not.toBeInTheDocument();

    const large = within(rowOf('meta-llama/Llama-3.1-70B-Instruct'));
    expect(large.getByText('Does not fit')).toBeInTheDocument();
    expect(large.getByText('Does not fit: nothing to price')).toBeInTheDocument();
    expect(large.queryByText(/ \/ month$/)).not.toBeInTheDocument();

    // HuggingFace results are priced from the same answer.
    search('llama');
    expect(await screen.findByText('Showing 1–3 of 3 models')).toBeInTheDocument();
    expect(
      within(rowOf('acme/model-1')).getByText(`${formatMoney(cents(1 * perGpu))} / month`)
    ).toBeInTheDocument();
    expect(
      within(rowOf('acme/model-0')).getByText('Does not fit: nothing to price')
    ).toBeInTheDocument();

    await settled();
    counter.stop();
    expect(counter.urls.filter(url => url.includes('/costs/node-pools'))).toHaveLength(1);
    // The request carried the cluster's GPU pool, with the instance type and region to price it by.
    expect(JSON.parse(costs.urls[0]!.searchParams.get('pools')!)).toEqual([
      {
        name: 'a100',
        instanceType: A100_INSTANCE,
        region: 'eastus',
        nodeCount: 1,
        gpuCount: 4,
        allocatedGpus: 2,
        availableGpus: 2,
        gpuProduct: 'NVIDIA-A100-SXM4-80GB',
      },
    ]);
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('marks static prices as estimates, with where they come from', async () => {
    const costs = nodePoolCosts([]);
    server.use(
      costs.handler,
      getList(NODES, () => list('Node', 'v1', [gpuNode('a100-0', 'a100', 4)])),
      getList(PODS, () => list('Pod', 'v1', []))
    );
    renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    const small = within(rowOf('Qwen/Qwen3-0.6B'));
    await small.findByText(/ \/ month/);
    const perGpu = costs.answers[0]!.nodePoolCosts[0]!.costBreakdown.perGpu.monthly;
    expect(perGpu).toBeGreaterThan(0);
    expect(
      small.getByText(`${formatMoney(perGpu)} / month (estimate)`, { normalizer: s => s })
    ).toBeInTheDocument();
    expect(small.getByText(/^Static list-price estimate/)).toBeInTheDocument();
  });

  it('says a CPU-only fit has no GPU cost, without asking for prices on a cluster without GPU pools', async () => {
    const costs = nodePoolCosts(PRICES);
    server.use(
      costs.handler,
      getList(NODES, () => list('Node', 'v1', [cpuNode('cpu-0')])),
      getList(PODS, () => list('Pod', 'v1', []))
    );
    renderModels();
    await screen.findAllByText('Fits on CPU');
    const gguf = within(rowOf('Qwen/Qwen2.5-1.5B-Instruct-GGUF'));
    expect(gguf.getByText('Fits on CPU')).toBeInTheDocument();
    expect(gguf.getByText('Runs on CPU: no GPU cost')).toBeInTheDocument();
    expect(costs.urls).toHaveLength(0);
  });

  it('explains that cost needs the proxy when it is not reachable, and keeps the fits', async () => {
    const requests: string[] = [];
    server.use(
      http.get(COSTS, ({ request }) => {
        requests.push(request.url);
        return status(
          503,
          'ServiceUnavailable',
          'no endpoints available for service "airunway-proxy"'
        );
      }),
      ...cluster()
    );
    const { container } = renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    const small = within(rowOf('Qwen/Qwen3-0.6B'));
    expect(await small.findByText(/^Cost needs the AI Runway proxy/)).toBeInTheDocument();
    expect(small.getByText('Fits on 1 GPU')).toBeInTheDocument();
    expect(
      within(rowOf('mistralai/Mixtral-8x7B-Instruct-v0.1')).getByText(
        /^Cost needs the AI Runway proxy/
      )
    ).toBeInTheDocument();
    // What needs no price still says why there is none.
    expect(
      within(rowOf('meta-llama/Llama-3.1-70B-Instruct')).getByText('Does not fit: nothing to price')
    ).toBeInTheDocument();
    expect(screen.queryByText(/ \/ month$/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deploy Qwen/Qwen3-0.6B' })).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});

describe('Models page: HuggingFace search through the proxy', () => {
  function search(text: string) {
    fireEvent.change(screen.getByLabelText('HuggingFace model search'), {
      target: { value: text },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
  }

  it('searches with offset and limit, shows the total, pages, and fits each result', async () => {
    const requests: string[] = [];
    server.use(
      ...cluster(),
      http.get(SEARCH, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url.search);
        const offset = Number(url.searchParams.get('offset'));
        const limit = Number(url.searchParams.get('limit'));
        const models = Array.from({ length: Math.min(limit, 45 - offset) }, (_, i) =>
          hfModel(offset + i, offset + i === 0 ? 70e9 : 7e9)
        );
        return HttpResponse.json({
          models,
          total: 45,
          hasMore: offset + models.length < 45,
          query: url.searchParams.get('q'),
          offset,
          limit,
        });
      })
    );
    const { container } = renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    search('llama');
    expect(await screen.findByText('Showing 1–20 of 45 models')).toBeInTheDocument();
    expect(requests).toEqual(['?q=llama&limit=20&offset=0']);
    const first = within(rowOf('acme/model-0'));
    expect(
      first.getByText('Needs 4 × 80 GB GPUs on one node; the most free on any node is 2.')
    ).toBeInTheDocument();
    expect(within(rowOf('acme/model-1')).getByText('Fits on 1 GPU')).toBeInTheDocument();
    // Parameters from the safetensors metadata, as people say them.
    expect(first.getByText('70B')).toBeInTheDocument();
    expect(within(rowOf('acme/model-1')).getByText('7B')).toBeInTheDocument();
    // A gated result links to Settings, and its deployment names the token Secret.
    const gated = within(rowOf('acme/model-2'));
    expect(gated.getByRole('link', { name: 'gated: needs a HuggingFace token' })).toHaveAttribute(
      'href',
      '/c/test-cluster/airunway/settings'
    );
    expect(gated.getByRole('link', { name: 'Deploy acme/model-2' }).getAttribute('href')).toContain(
      'hfSecret=hf-token'
    );
    expect(
      within(rowOf('acme/model-1')).queryByText('gated: needs a HuggingFace token')
    ).toBeNull();
    expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
    expect(await seriousA11yViolations(container)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Showing 21–40 of 45 models')).toBeInTheDocument();
    expect(requests).toEqual(['?q=llama&limit=20&offset=0', '?q=llama&limit=20&offset=20']);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('Showing 41–45 of 45 models')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next page' })).toBeDisabled();
  });

  it('says when the search finds nothing', async () => {
    server.use(
      ...cluster(),
      http.get(SEARCH, () =>
        HttpResponse.json({
          models: [],
          total: 0,
          hasMore: false,
          query: 'zzz',
          offset: 0,
          limit: 20,
        })
      )
    );
    renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    search('zzz');
    expect(await screen.findByText('No text-generation model matches "zzz".')).toBeInTheDocument();
  });

  it('shows that HF search needs the proxy when the service proxy answers 503, and keeps the catalog', async () => {
    server.use(
      ...cluster(),
      http.get(SEARCH, () =>
        status(503, 'ServiceUnavailable', 'no endpoints available for service "airunway-proxy"')
      )
    );
    const { container } = renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    search('llama');
    expect(
      await screen.findByText('HuggingFace search needs the AI Runway proxy')
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deploy Qwen/Qwen3-0.6B' })).toBeInTheDocument();
    expect(screen.getAllByText('Fits on 1 GPU').length).toBeGreaterThan(0);
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('shows the proxy error itself when the proxy answers with one', async () => {
    server.use(
      ...cluster(),
      http.get(SEARCH, () =>
        HttpResponse.json(
          {
            error: 'HuggingFace rate limit reached; try again in a minute',
            code: 'UPSTREAM_UNAVAILABLE',
          },
          { status: 429 }
        )
      )
    );
    renderModels();
    await screen.findAllByText('Fits on 1 GPU');
    search('llama');
    expect(await screen.findByText(/HuggingFace rate limit reached/)).toBeInTheDocument();
  });
});
