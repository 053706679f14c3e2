import '../../test/setup';
import { PROXY_ENDPOINTS } from '@airunway/shared-client/schemas/proxy';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route, Switch } from 'react-router-dom';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { cpuNode } from '../../test/fixtures';
import { getList, list, server } from '../../test/k8s';
import { apiServerStatus, proxy, PROXY_PREFIX } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { CreateDeploymentPage } from '../create/CreateDeploymentPage';
import { ModelsPage } from './ModelsPage';

const REPO = 'bartowski/Llama-3.2-1B-Instruct-GGUF';
const FILE = 'Llama-3.2-1B-Instruct-Q4_K_M.gguf';
const CREATE_URL =
  '/c/test-cluster/airunway/deployments/new?model=bartowski%2FLlama-3.2-1B-Instruct-GGUF&engine=llamacpp&gguf=Llama-3.2-1B-Instruct-Q4_K_M.gguf';

/** One GGUF repo (the proxy marks those llama.cpp-only) and one safetensors repo, as the proxy sends them. */
const SEARCH = PROXY_ENDPOINTS.searchModels.response.parse({
  models: [
    {
      id: REPO,
      name: 'Llama-3.2-1B-Instruct-GGUF',
      author: 'bartowski',
      downloads: 52_000,
      likes: 120,
      pipelineTag: 'text-generation',
      gated: false,
      supportedEngines: ['llamacpp'],
      parameterCount: 1.24e9,
      estimatedGpuMemory: '0.9 GB',
      estimatedGpuMemoryGb: 0.9,
      compatible: true,
    },
    {
      id: 'acme/llama-7b',
      name: 'llama-7b',
      author: 'acme',
      downloads: 1000,
      likes: 3,
      pipelineTag: 'text-generation',
      gated: false,
      supportedEngines: ['vllm', 'sglang'],
      libraryName: 'transformers',
      compatible: true,
    },
  ],
  total: 2,
  hasMore: false,
  query: 'llama',
  offset: 0,
  limit: 20,
});

const FILES = PROXY_ENDPOINTS.ggufFiles.response.parse({
  files: [
    { filename: 'Llama-3.2-1B-Instruct-Q8_0.gguf', size: 1_320_000_000 },
    { filename: FILE, size: 808_000_000 },
    { filename: 'Llama-3.2-1B-Instruct.gguf', size: 2_480_000_000 },
  ],
});

const READY = PROXY_ENDPOINTS.aikitInfrastructureStatus.response.parse({
  ready: true,
  registry: { ready: true, url: 'aikit-registry.airunway-system.svc:5000' },
  builder: { exists: true, running: true, ready: true, name: 'airunway-buildkit' },
});

/** A CPU-only cluster, the search, and the gguf-files route answering `answer`; returns the requests. */
function setup(answer: () => unknown = () => FILES) {
  const ggufRequests: string[] = [];
  server.use(
    getList('/api/v1/nodes', () => list('Node', 'v1', [cpuNode('cpu-0')])),
    getList('/api/v1/pods', () => list('Pod', 'v1', [])),
    proxy.on('searchModels', () => SEARCH),
    proxy.on('aikitInfrastructureStatus', () => READY),
    proxy.on('aikitModels', () => ({ models: [], total: 0 })),
    // The route's `:modelId{.+}` is the proxy router's syntax; msw gets the concrete path.
    http.get(`${PROXY_PREFIX}/models/:org/:name/gguf-files`, ({ request }) => {
      ggufRequests.push(new URL(request.url).pathname);
      const value = answer();
      return value instanceof Response
        ? value
        : HttpResponse.json(PROXY_ENDPOINTS.ggufFiles.response.parse(value));
    })
  );
  return ggufRequests;
}

/** The Models page and the create page, so following Deploy lands on the real create page. */
function renderApp() {
  return renderPage(
    <Switch>
      <Route path="/c/:cluster/airunway/deployments/new">
        <CreateDeploymentPage />
      </Route>
      <Route path="/c/:cluster/airunway/models">
        <ModelsPage />
      </Route>
    </Switch>,
    { url: '/airunway/models', route: '' }
  );
}

async function search(text: string) {
  // Labels appear once the plugin's translations are ready.
  fireEvent.change(await screen.findByLabelText('HuggingFace model search'), {
    target: { value: text },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Search' }));
  await screen.findByText('Showing 1–2 of 2 models');
}

function rowOf(modelId: string) {
  return screen.getByRole('link', { name: `Deploy ${modelId}` }).closest('tr') as HTMLElement;
}

function toggle() {
  return within(rowOf(REPO)).getByRole('button', { name: `GGUF files of ${REPO}` });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Models page: GGUF files of a HuggingFace result', () => {
  it('lists the files only when asked, and Deploy with llama.cpp opens the builder with the file chosen', async () => {
    const requests = setup();
    const { container } = renderApp();
    await search('llama');

    // Only the GGUF repo offers its files, and nothing is fetched before the user asks.
    expect(within(rowOf('acme/llama-7b')).queryByRole('button', { name: /GGUF files/ })).toBeNull();
    expect(toggle()).toHaveAttribute('aria-expanded', 'false');
    await settled();
    expect(requests).toEqual([]);

    fireEvent.click(toggle());
    const panel = within(await screen.findByRole('region', { name: `GGUF files of ${REPO}` }));
    expect(toggle()).toHaveAttribute('aria-expanded', 'true');
    expect(
      await panel.findByRole('radio', {
        name: 'Llama-3.2-1B-Instruct-Q4_K_M.gguf · 808 MB · Q4_K_M',
      })
    ).not.toBeChecked();
    expect(panel.getAllByRole('radio').map(radio => radio.closest('label')?.textContent)).toEqual([
      'Llama-3.2-1B-Instruct-Q8_0.gguf · 1.3 GB · Q8_0',
      'Llama-3.2-1B-Instruct-Q4_K_M.gguf · 808 MB · Q4_K_M',
      // No quantization in the name: none is made up.
      'Llama-3.2-1B-Instruct.gguf · 2.5 GB',
    ]);
    expect(requests).toEqual([
      `/clusters/test-cluster/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/api/models/${REPO}/gguf-files`,
    ]);
    // Keyboard users land on the list they opened.
    expect(panel.getByRole('heading', { name: `GGUF files of ${REPO}` })).toHaveFocus();
    expect(panel.getByRole('button', { name: 'Deploy with llama.cpp' })).toBeDisabled();
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);

    fireEvent.click(panel.getByRole('radio', { name: /^Llama-3\.2-1B-Instruct-Q4_K_M\.gguf/ }));
    const deploy = panel.getByRole('link', { name: 'Deploy with llama.cpp' });
    expect(deploy).toHaveAttribute('href', CREATE_URL);
    fireEvent.click(deploy);

    expect(window.location.pathname + window.location.search).toBe(CREATE_URL);
    const aikit = within(await screen.findByRole('region', { name: 'AIKit image' }));
    expect(aikit.getByLabelText('AIKit image source')).toHaveValue('build');
    expect(await aikit.findByLabelText('HuggingFace repository with GGUF files')).toHaveValue(REPO);
    await waitFor(() => expect(aikit.getByLabelText('GGUF file')).toHaveValue(FILE));
    expect(aikit.getByRole('button', { name: 'Preview image' })).toBeEnabled();
    expect(screen.getByLabelText('Engine')).toHaveValue('llamacpp');
    // The create page reuses the list the Models page fetched.
    expect(requests).toHaveLength(1);
  });

  it('closes with the same control or Close, returning focus, and reopens without asking again', async () => {
    const requests = setup();
    renderApp();
    await search('llama');
    fireEvent.click(toggle());
    const region = await screen.findByRole('region', { name: `GGUF files of ${REPO}` });
    await within(region).findAllByRole('radio');

    fireEvent.click(within(region).getByRole('button', { name: 'Close the GGUF file list' }));
    expect(screen.queryByRole('region', { name: `GGUF files of ${REPO}` })).toBeNull();
    expect(toggle()).toHaveFocus();
    expect(toggle()).toHaveAttribute('aria-expanded', 'false');

    fireEvent.click(toggle());
    const again = await screen.findByRole('region', { name: `GGUF files of ${REPO}` });
    expect(await within(again).findAllByRole('radio')).toHaveLength(3);
    fireEvent.click(toggle());
    expect(screen.queryByRole('region', { name: `GGUF files of ${REPO}` })).toBeNull();
    await settled();
    expect(requests).toHaveLength(1);
  });

  it('says when the repository has no GGUF files and offers no deploy', async () => {
    setup(() => ({ files: [] }));
    renderApp();
    await search('llama');
    fireEvent.click(toggle());
    const panel = within(await screen.findByRole('region', { name: `GGUF files of ${REPO}` }));
    expect(await panel.findByText(`${REPO} has no GGUF files.`)).toBeInTheDocument();
    expect(panel.queryByRole('radio')).toBeNull();
    expect(panel.queryByRole('button', { name: 'Deploy with llama.cpp' })).toBeNull();
    expect(panel.queryByRole('link', { name: 'Deploy with llama.cpp' })).toBeNull();
  });

  it('explains that the list needs the proxy when it is not reachable, and keeps the page', async () => {
    const requests = setup(() =>
      apiServerStatus(503, 'no endpoints available for service "airunway-proxy"')
    );
    const { container } = renderApp();
    await search('llama');
    fireEvent.click(toggle());
    await findAlert(
      'Listing GGUF files needs the AI Runway proxy, which is not reachable on this cluster.'
    );
    expect(requests).toHaveLength(1);
    // The search results, their Deploy links and the catalog are still there.
    expect(screen.getByRole('link', { name: `Deploy ${REPO}` })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deploy acme/llama-7b' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Deploy Qwen/Qwen3-0.6B' })).toBeInTheDocument();
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it("shows the proxy's own error when it answers with one", async () => {
    setup(() => proxy.error('UPSTREAM_UNAVAILABLE', 'HuggingFace did not answer in time'));
    renderApp();
    await search('llama');
    fireEvent.click(toggle());
    const alert = await findAlert('The GGUF files could not be listed');
    expect(alert).toHaveTextContent('HuggingFace did not answer in time');
  });
});
