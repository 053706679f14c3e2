import '../../test/setup';
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { crd } from '../../test/crds';
import { modelDeployment } from '../../test/fixtures';
import {
  countApiRequests,
  forbidden,
  getList,
  list,
  notFound,
  pending,
  requestKey,
  server,
} from '../../test/k8s';
import { proxy } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { GatewayCard } from './GatewayCard';

const GATEWAYS = '/apis/gateway.networking.k8s.io/v1/gateways';
const MODEL_DEPLOYMENTS = '/apis/airunway.ai/v1alpha1/modeldeployments';
const ALL_CRDS = {
  'gateways.gateway.networking.k8s.io': crd('gateways.gateway.networking.k8s.io', 'Gateway'),
  'inferencepools.inference.networking.k8s.io': crd(
    'inferencepools.inference.networking.k8s.io',
    'InferencePool'
  ),
} as Record<string, unknown>;

/** A Gateway as a Gateway API v1 implementation reports it once it has programmed the data plane. */
function gateway(name: string, namespace: string, address?: string, programmed = true) {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name, namespace, uid: `uid-${namespace}-${name}`, resourceVersion: '1' },
    spec: {
      gatewayClassName: 'istio',
      listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }],
    },
    status: {
      ...(address ? { addresses: [{ type: 'IPAddress', value: address }] } : {}),
      conditions: [
        { type: 'Accepted', status: 'True', reason: 'Accepted' },
        {
          type: 'Programmed',
          status: programmed ? 'True' : 'False',
          reason: programmed ? 'Programmed' : 'AddressNotAssigned',
        },
      ],
    },
  };
}

/** A Running ModelDeployment the controller routes through the gateway (status.gateway). */
function routedDeployment(name: string, namespace: string, modelName: string) {
  const md = modelDeployment(name, namespace) as ReturnType<typeof modelDeployment> & {
    status: Record<string, unknown>;
  };
  return {
    ...md,
    status: {
      ...md.status,
      gateway: {
        endpoint: 'http://10.0.0.50/v1',
        modelName,
        gatewayNamespace: 'airunway-system',
        apiFormats: ['openai'],
      },
    },
  };
}

function crdsAre(crds: Record<string, unknown>) {
  return http.get(
    '*/clusters/test-cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions/:name',
    ({ params }) => {
      const found = crds[String(params.name)];
      return found ? HttpResponse.json(found as object) : notFound();
    }
  );
}

function renderCard(proxyUp: boolean) {
  return renderPage(
    <GatewayCard proxyUp={proxyUp} busy={false} running={false} onInstall={() => undefined} />,
    { url: '/airunway/runtimes', route: '/airunway/runtimes' }
  );
}

/** The card, once its heading has rendered (translations load asynchronously on the first render). */
async function findCard() {
  return within(
    await screen.findByRole('region', { name: 'Gateway API and Inference Extension CRDs' })
  );
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Gateway card', () => {
  it('shows a loading state while Kubernetes has not answered', async () => {
    const held: string[] = [];
    server.use(
      http.get('*/clusters/test-cluster/*', ({ request }) => {
        held.push(new URL(request.url).pathname);
        return pending();
      })
    );
    renderCard(false);
    const card = await findCard();
    await waitFor(() => expect(card.getAllByText('Checking…').length).toBeGreaterThanOrEqual(3));
    // Every read has gone out and is held unanswered: none starts later, inside the next test's count.
    await waitFor(() =>
      expect([...new Set(held)].sort()).toEqual([
        '/clusters/test-cluster/apis/airunway.ai/v1alpha1/modeldeployments',
        '/clusters/test-cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gateways.gateway.networking.k8s.io',
        '/clusters/test-cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferencepools.inference.networking.k8s.io',
      ])
    );
  });

  it('lists every Gateway with its address and the models reachable through it, in a constant number of requests', async () => {
    const requests = countApiRequests();
    server.use(
      crdsAre(ALL_CRDS),
      getList(GATEWAYS, () =>
        list('Gateway', 'gateway.networking.k8s.io/v1', [
          gateway('inference-gateway', 'airunway-system', '10.0.0.50'),
          gateway('staging', 'team-b', undefined, false),
        ])
      ),
      getList(MODEL_DEPLOYMENTS, () =>
        list('ModelDeployment', 'airunway.ai/v1alpha1', [
          routedDeployment('qwen', 'team-a', 'qwen3-0.6b'),
          routedDeployment('llama', 'team-b', 'llama-3.1-8b'),
          // Not routed through the gateway: no status.gateway.
          modelDeployment('internal-only', 'team-c'),
        ])
      ),
      proxy.on('gatewayStatus', () => ({
        gatewayApiInstalled: true,
        inferenceExtInstalled: true,
        gatewayApiVersion: 'v1.2.1',
        inferenceExtVersion: 'v1.5.0',
        pinnedVersion: 'v1.5.0',
        gatewayAvailable: true,
        gatewayEndpoint: '10.0.0.50',
        message: 'Gateway API and Inference Extension CRDs are installed. Gateway is available.',
        installCommands: [],
      }))
    );
    const { container } = renderCard(true);
    const card = await findCard();
    const gateways = await card.findByRole('list', { name: 'Gateways' });
    const items = (list: HTMLElement) =>
      within(list)
        .getAllByRole('listitem')
        .map(item => item.textContent);
    // The rows fill in as the Gateway list, the deployments and the proxy's answer arrive: wait for all.
    await waitFor(() =>
      expect(items(gateways)).toEqual([
        'airunway-system/inference-gateway (class istio) · address 10.0.0.50 · HTTP :80 Programmed',
        'team-b/staging (class istio) · no address yet · HTTP :80 Not programmed',
      ])
    );
    const models = await card.findByRole('list', {
      name: 'Models reachable through the gateway',
    });
    await waitFor(() =>
      expect(items(models)).toEqual([
        'llama-3.1-8b at http://10.0.0.50/v1 · deployment team-b/llama · Running',
        'qwen3-0.6b at http://10.0.0.50/v1 · deployment team-a/qwen · Running',
      ])
    );
    expect(
      await card.findByText('Gateway API v1.2.1, Inference Extension v1.5.0 (expected v1.5.0)')
    ).toBeInTheDocument();
    expect(card.getByText('Available at 10.0.0.50')).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);

    // Two CRD reads, one Gateway list and one ModelDeployment list (plus its watch, over a WebSocket):
    // the same requests for two Gateways or two hundred.
    const kube = requests.urls
      .map(requestKey)
      .filter(key => !key.includes('/services/airunway-proxy'))
      .sort();
    requests.stop();
    expect(kube).toEqual([
      '/clusters/test-cluster/apis/airunway.ai/v1alpha1/modeldeployments',
      '/clusters/test-cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gateways.gateway.networking.k8s.io',
      '/clusters/test-cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions/inferencepools.inference.networking.k8s.io',
      '/clusters/test-cluster/apis/gateway.networking.k8s.io/v1/gateways',
    ]);
  });

  it('does not list Gateways when the Gateway API CRDs are absent, and says what is missing', async () => {
    const gatewayLists: string[] = [];
    server.use(
      crdsAre({}),
      getList(GATEWAYS, () => {
        gatewayLists.push('list');
        return notFound();
      }),
      getList(MODEL_DEPLOYMENTS, () => notFound())
    );
    const { container } = renderCard(false);
    const card = await findCard();
    expect(await card.findByText('gateways.gateway.networking.k8s.io missing')).toBeInTheDocument();
    expect(
      await card.findByText('inferencepools.inference.networking.k8s.io missing')
    ).toBeInTheDocument();
    expect(
      await card.findByText('None: the Gateway API CRDs are not installed')
    ).toBeInTheDocument();
    expect(
      await card.findByText('None: the ModelDeployment CRD is not installed')
    ).toBeInTheDocument();
    expect(gatewayLists).toEqual([]);
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('shows the Kubernetes side without the proxy: Gateways and routed models, no proxy rows', async () => {
    const proxyCalls: string[] = [];
    server.use(
      crdsAre(ALL_CRDS),
      getList(GATEWAYS, () =>
        list('Gateway', 'gateway.networking.k8s.io/v1', [
          gateway('inference-gateway', 'airunway-system', '10.0.0.50'),
        ])
      ),
      getList(MODEL_DEPLOYMENTS, () => list('ModelDeployment', 'airunway.ai/v1alpha1', [])),
      proxy.on('gatewayStatus', request => {
        proxyCalls.push(request.url);
        return pending();
      })
    );
    renderCard(false);
    const card = await findCard();
    const gateways = await card.findByRole('list', { name: 'Gateways' });
    expect(within(gateways).getByRole('listitem')).toHaveTextContent(
      'airunway-system/inference-gateway (class istio) · address 10.0.0.50'
    );
    expect(await card.findByText('No model is routed through the gateway yet')).toBeInTheDocument();
    expect(card.queryByText('Proxy gateway check')).not.toBeInTheDocument();
    expect(card.getByRole('button', { name: 'Install gateway CRDs' })).toBeDisabled();
    expect(proxyCalls).toEqual([]);
  });

  it('says which permission hides the Gateways and the models (403)', async () => {
    server.use(
      crdsAre(ALL_CRDS),
      getList(GATEWAYS, () => forbidden('list', 'gateways', 'gateway.networking.k8s.io')),
      getList(MODEL_DEPLOYMENTS, () => forbidden('list', 'modeldeployments', 'airunway.ai'))
    );
    const { container } = renderCard(false);
    const card = await findCard();
    expect(await card.findByText('Unknown: you may not list gateways')).toBeInTheDocument();
    expect(await card.findByText('Unknown: you may not list modeldeployments')).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
