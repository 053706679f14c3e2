import '../../test/setup';
import { PROXY_ENDPOINTS } from '@airunway/shared-client/schemas/proxy';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { accessReview, server } from '../../test/k8s';
import { proxy, PROXY_PREFIX } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { CreateDeploymentPage } from './CreateDeploymentPage';

const LLAMACPP = '?namespace=team-a&model=Qwen%2FQwen3-0.6B&engine=llamacpp';
const REPO = 'bartowski/Llama-3.2-1B-Instruct-GGUF';
const FILE = 'Llama-3.2-1B-Instruct-Q4_K_M.gguf';
const BUILT = 'aikit-registry.airunway-system.svc:5000/llama-3.2-1b-instruct:q4_k_m';

const MODELS = PROXY_ENDPOINTS.aikitModels.response.parse({
  models: [
    {
      id: 'llama3.2-1b',
      modelName: 'Llama 3.2 1B Instruct',
      image: 'ghcr.io/kaito-project/aikit/llama3.2:1b',
      license: 'Llama',
      size: '1B',
      computeType: 'cpu',
    },
    {
      id: 'phi4-14b',
      modelName: 'Phi 4 14B',
      image: 'ghcr.io/kaito-project/aikit/phi4:14b',
      license: 'MIT',
      size: '14B',
      computeType: 'gpu',
    },
  ],
  total: 2,
});

const READY = PROXY_ENDPOINTS.aikitInfrastructureStatus.response.parse({
  ready: true,
  registry: { ready: true, url: 'aikit-registry.airunway-system.svc:5000' },
  builder: { exists: true, running: true, ready: true, name: 'airunway-buildkit' },
});

const NOT_READY = PROXY_ENDPOINTS.aikitInfrastructureStatus.response.parse({
  ready: false,
  registry: { ready: false, message: 'the aikit-registry Deployment was not found' },
  builder: { exists: false, running: false },
});

const FILES = PROXY_ENDPOINTS.ggufFiles.response.parse({
  files: [
    { filename: 'Llama-3.2-1B-Instruct-Q8_0.gguf', size: 1_320_000_000 },
    { filename: FILE, size: 808_000_000 },
  ],
});

/** The AIKit endpoints; records preview and build calls in order with their bodies. */
function aikit(infrastructure = READY) {
  const calls: { endpoint: string; body: unknown }[] = [];
  server.use(
    proxy.on('aikitModels', () => MODELS),
    proxy.on('aikitInfrastructureStatus', () => infrastructure),
    // The route's `:modelId{.+}` is the proxy router's syntax; msw gets the concrete path.
    http.get(`${PROXY_PREFIX}/models/${REPO}/gguf-files`, () => HttpResponse.json(FILES)),
    proxy.on('aikitBuildPreview', async request => {
      calls.push({ endpoint: 'preview', body: await request.json() });
      return {
        imageRef: BUILT,
        wasPremade: false,
        requiresBuild: true,
        registryUrl: 'aikit-registry.airunway-system.svc:5000',
      };
    }),
    proxy.on('aikitBuild', async request => {
      calls.push({ endpoint: 'build', body: await request.json() });
      return {
        success: true,
        imageRef: BUILT,
        buildTime: 42,
        wasPremade: false,
        message: 'built',
      };
    })
  );
  return calls;
}

/** The gguf-files requests, counted ahead of `aikit()`'s answer (which still answers them). */
function countGgufListings() {
  const urls: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.url.includes('/gguf-files')) urls.push(request.url);
  };
  server.events.on('request:start', listener);
  afterCleanup.push(() => server.events.removeListener('request:start', listener));
  return urls;
}

const afterCleanup: (() => void)[] = [];

function renderCreate(search = LLAMACPP) {
  return renderPage(<CreateDeploymentPage />, {
    url: `/airunway/deployments/new${search}`,
    route: '/airunway/deployments/new',
  });
}

function input(label: string | RegExp) {
  return screen.getByLabelText(label) as HTMLInputElement;
}

function yamlObject() {
  return parse(input('ModelDeployment YAML').value);
}

async function picker() {
  return within(await screen.findByRole('region', { name: 'AIKit image' }));
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => {
  server.resetHandlers();
  afterCleanup.splice(0).forEach(stop => stop());
});
afterAll(() => server.close());

describe('Create page: AIKit images for llama.cpp on KAITO', () => {
  it('sets the engine image and the model from a pre-made image', async () => {
    aikit();
    const { container } = renderCreate();
    const region = await picker();
    const select = await region.findByLabelText('Pre-made AIKit image');
    await waitFor(() =>
      expect(
        within(select).getByRole('option', { name: 'Llama 3.2 1B Instruct · 1B · CPU' })
      ).toBeInTheDocument()
    );
    fireEvent.change(select, { target: { value: 'llama3.2-1b' } });

    await waitFor(() =>
      expect(input('Engine image')).toHaveValue('ghcr.io/kaito-project/aikit/llama3.2:1b')
    );
    expect(input('Model ID')).toHaveValue('llama3.2-1b');
    expect(input('Model source')).toHaveValue('custom');
    expect(yamlObject().spec).toEqual({
      model: { id: 'llama3.2-1b', source: 'custom' },
      engine: { type: 'llamacpp', image: 'ghcr.io/kaito-project/aikit/llama3.2:1b' },
    });
    expect(
      region.getByText('The engine image is now ghcr.io/kaito-project/aikit/llama3.2:1b.')
    ).toBeInTheDocument();
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('previews then builds the chosen GGUF file and fills the built image', async () => {
    const calls = aikit();
    const { container } = renderCreate();
    const region = await picker();
    fireEvent.change(await region.findByLabelText('AIKit image source'), {
      target: { value: 'build' },
    });
    expect(
      await region.findByText(
        'Registry aikit-registry.airunway-system.svc:5000 and BuildKit builder airunway-buildkit are ready.'
      )
    ).toBeInTheDocument();
    const repo = await region.findByLabelText('HuggingFace repository with GGUF files');
    expect(repo).toHaveValue('Qwen/Qwen3-0.6B');
    fireEvent.change(repo, { target: { value: REPO } });
    fireEvent.click(region.getByRole('button', { name: 'List GGUF files' }));
    const file = await region.findByLabelText('GGUF file');
    await waitFor(() => expect(within(file).getAllByRole('option')).toHaveLength(3));
    fireEvent.change(file, { target: { value: FILE } });

    expect(region.getByRole('button', { name: 'Build image' })).toBeDisabled();
    fireEvent.click(region.getByRole('button', { name: 'Preview image' }));
    expect(
      await region.findByText(
        `Building produces ${BUILT} in aikit-registry.airunway-system.svc:5000.`
      )
    ).toBeInTheDocument();
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);

    fireEvent.click(region.getByRole('button', { name: 'Build image' }));
    await waitFor(() => expect(input('Engine image')).toHaveValue(BUILT));
    const request = { modelSource: 'huggingface', modelId: REPO, ggufFile: FILE };
    expect(calls).toEqual([
      { endpoint: 'preview', body: request },
      { endpoint: 'build', body: request },
    ]);
    expect(yamlObject().spec).toEqual({
      model: { id: REPO, source: 'custom' },
      engine: { type: 'llamacpp', image: BUILT },
    });
  });

  it('does not offer a build while the registry or BuildKit is not ready, and says why', async () => {
    const calls = aikit(NOT_READY);
    renderCreate();
    const region = await picker();
    fireEvent.change(await region.findByLabelText('AIKit image source'), {
      target: { value: 'build' },
    });
    await findAlert(
      /Building is not available until the registry and BuildKit are ready\. Registry not ready: the aikit-registry Deployment was not found/
    );
    expect(region.queryByLabelText('HuggingFace repository with GGUF files')).toBeNull();
    expect(region.queryByRole('button', { name: 'Build image' })).toBeNull();
    expect(calls).toEqual([]);
  });

  it('sets up the registry and BuildKit through the proxy, and offers the build once they are ready', async () => {
    let infrastructure = NOT_READY;
    const setups: string[] = [];
    aikit();
    server.use(
      accessReview(true).handler,
      proxy.on('aikitInfrastructureStatus', () => infrastructure),
      proxy.on('aikitInfrastructureSetup', async request => {
        setups.push(await request.text());
        return {
          success: true,
          message:
            'Build infrastructure was applied; the registry and BuildKit are starting. Check the status again shortly.',
          registry: { url: 'aikit-registry.airunway-system.svc:5000', ready: false },
          builder: { name: 'airunway-buildkit', ready: false },
        };
      })
    );
    renderCreate();
    const region = await picker();
    fireEvent.change(await region.findByLabelText('AIKit image source'), {
      target: { value: 'build' },
    });
    const setup = await region.findByRole('button', { name: 'Set up the registry and BuildKit' });
    await waitFor(() => expect(setup).toBeEnabled());
    fireEvent.click(setup);
    expect(
      await region.findByText(
        /the registry and BuildKit are starting\. Check the status again shortly\./
      )
    ).toBeInTheDocument();
    expect(setups).toHaveLength(1);
    expect(region.queryByLabelText('HuggingFace repository with GGUF files')).toBeNull();

    // Once the pods are up, checking again brings the builder.
    infrastructure = READY;
    fireEvent.click(region.getByRole('button', { name: 'Check again' }));
    expect(await region.findByLabelText('HuggingFace repository with GGUF files')).toBeEnabled();
  });

  it('does not offer the setup to a user the API server would refuse, and says which permission is missing', async () => {
    const setups: unknown[] = [];
    aikit(NOT_READY);
    server.use(
      accessReview(false).handler,
      proxy.on('aikitInfrastructureSetup', () => {
        setups.push(1);
        return {
          success: true,
          message: '',
          registry: { url: '', ready: false },
          builder: { name: '', ready: false },
        };
      })
    );
    renderCreate();
    const region = await picker();
    fireEvent.change(await region.findByLabelText('AIKit image source'), {
      target: { value: 'build' },
    });
    const reason = await region.findByText(
      'Setting them up needs create on services/proxy for airunway-proxy in airunway-system (the airunway-operator ClusterRole).'
    );
    const setup = region.getByRole('button', { name: 'Set up the registry and BuildKit' });
    await waitFor(() => expect(setup).toBeDisabled());
    expect(setup).toHaveAttribute('aria-describedby', reason.id);
    fireEvent.click(setup);
    expect(setups).toEqual([]);
  });

  it('opens on building from the GGUF file picked on the Models page, repo and file preselected', async () => {
    const calls = aikit();
    const listings = countGgufListings();
    const { container } = renderCreate(
      `?model=${encodeURIComponent(REPO)}&engine=llamacpp&gguf=${encodeURIComponent(FILE)}`
    );
    const region = await picker();
    expect(region.getByLabelText('AIKit image source')).toHaveValue('build');
    expect(await region.findByLabelText('HuggingFace repository with GGUF files')).toHaveValue(
      REPO
    );
    await waitFor(() => expect(region.getByLabelText('GGUF file')).toHaveValue(FILE));
    expect(listings).toHaveLength(1);
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);

    // Only preview and build are left to do.
    fireEvent.click(region.getByRole('button', { name: 'Preview image' }));
    await region.findByText(
      `Building produces ${BUILT} in aikit-registry.airunway-system.svc:5000.`
    );
    fireEvent.click(region.getByRole('button', { name: 'Build image' }));
    await waitFor(() => expect(input('Engine image')).toHaveValue(BUILT));
    const request = { modelSource: 'huggingface', modelId: REPO, ggufFile: FILE };
    expect(calls).toEqual([
      { endpoint: 'preview', body: request },
      { endpoint: 'build', body: request },
    ]);
    expect(listings).toHaveLength(1);
  });

  it('ignores a gguf value that is not a GGUF file name, and lists nothing', async () => {
    aikit();
    const listings = countGgufListings();
    for (const bad of ['../../etc/passwd.gguf', 'model.safetensors', '/abs/model.gguf']) {
      const { unmount } = renderCreate(
        `?model=${encodeURIComponent(REPO)}&engine=llamacpp&gguf=${encodeURIComponent(bad)}`
      );
      const region = await picker();
      expect(region.getByLabelText('AIKit image source')).toHaveValue('premade');
      await region.findByLabelText('Pre-made AIKit image');
      unmount();
    }
    await settled();
    expect(listings).toEqual([]);
  });

  it('asks for a file when the preselected one is not in the repository', async () => {
    const calls = aikit();
    renderCreate(`?model=${encodeURIComponent(REPO)}&engine=llamacpp&gguf=Gone-Q2_K.gguf`);
    const region = await picker();
    expect(
      await region.findByText(
        "Gone-Q2_K.gguf is not one of this repository's GGUF files; choose one."
      )
    ).toBeInTheDocument();
    expect(region.queryByRole('button', { name: 'Preview image' })).toBeNull();
    fireEvent.change(region.getByLabelText('GGUF file'), { target: { value: FILE } });
    expect(await region.findByRole('button', { name: 'Preview image' })).toBeEnabled();
    expect(calls).toEqual([]);
  });

  it('is offered only for llama.cpp on KAITO or an automatic provider', async () => {
    aikit();
    renderCreate('?namespace=team-a&model=Qwen%2FQwen3-0.6B&engine=vllm');
    await screen.findByLabelText(/^Name\W*$/);
    await waitFor(() => expect(input('Engine')).toHaveValue('vllm'));
    expect(screen.queryByRole('region', { name: 'AIKit image' })).toBeNull();
    fireEvent.change(input('Engine'), { target: { value: 'llamacpp' } });
    expect(await screen.findByRole('region', { name: 'AIKit image' })).toBeInTheDocument();
    fireEvent.change(input('Provider'), { target: { value: 'dynamo' } });
    await waitFor(() => expect(screen.queryByRole('region', { name: 'AIKit image' })).toBeNull());
  });
});
