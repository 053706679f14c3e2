import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { crd, objectMeta, operatorPod } from '../../test/crds';
import { gpuNode } from '../../test/fixtures';
import { forbidden, getList, list, notFound, pending, server } from '../../test/k8s';
import { ACCESS_REVIEWS, accessReview } from '../../test/k8s';
import { apiServerStatus, proxy } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { RuntimesPage } from './RuntimesPage';

const CRDS = {
  'workspaces.kaito.sh': crd('workspaces.kaito.sh', 'Workspace', 'v1beta1'),
  'gateways.gateway.networking.k8s.io': crd('gateways.gateway.networking.k8s.io', 'Gateway'),
} as Record<string, unknown>;

/** What a POST to the proxy through the API server's service proxy needs. */
const PROXY_ACTION_ATTRIBUTES = {
  verb: 'create',
  group: '',
  resource: 'services',
  subresource: 'proxy',
  namespace: 'airunway-system',
  name: 'airunway-proxy',
};

const DENIED_SENTENCE =
  'You can view runtimes but not change them: your Kubernetes identity lacks create on services/proxy for airunway-proxy in airunway-system, which install, upgrade and uninstall go through; ask a cluster administrator to bind you to the airunway-operator ClusterRole, or use the manual commands below.';

/** Every request that would change the cluster: a POST through the service proxy to the AI Runway proxy. */
function proxyPosts(): { urls: string[]; stop: () => void } {
  const urls: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'POST' && request.url.includes('/services/airunway-proxy:http/proxy/'))
      urls.push(request.url);
  };
  server.events.on('request:start', listener);
  return { urls, stop: () => server.events.removeListener('request:start', listener) };
}

/** Every action button on the page, by the accessible name it keeps when disabled. */
const ACTION_BUTTONS: [card: string, button: string][] = [
  ['Gateway API and Inference Extension CRDs', 'Install gateway CRDs'],
  ...['AI Runway controller', 'KAITO', 'NVIDIA Dynamo', 'KubeRay', 'llm-d', 'Direct vLLM'].flatMap(
    name =>
      ['Install', 'Upgrade', 'Uninstall'].map(verb => [name, `${verb} ${name}`] as [string, string])
  ),
  ['NVIDIA GPU Operator', 'Install NVIDIA GPU Operator'],
  ['NVIDIA GPU Operator', 'Upgrade NVIDIA GPU Operator'],
  ['NVIDIA GPU Operator', 'Uninstall NVIDIA GPU Operator'],
  ['KAITO', 'Uninstall CRDs KAITO'],
];

function kubernetes(
  options: {
    crds?: Record<string, unknown>;
    kaitoPods?: unknown[];
    /** The access review's answer; allowed unless a test says otherwise. */
    review?: ReturnType<typeof accessReview>;
  } = {}
) {
  const crds = options.crds ?? CRDS;
  return [
    (options.review ?? accessReview(true)).handler,
    getList('/api/v1/nodes', () =>
      list('Node', 'v1', [gpuNode('a100-0', 'a100', 4), gpuNode('a100-1', 'a100', 4)])
    ),
    http.get(
      '*/clusters/test-cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions/:name',
      ({ params }) => {
        const found = crds[String(params.name)];
        return found ? HttpResponse.json(found as object) : notFound();
      }
    ),
    http.get('*/clusters/test-cluster/api/v1/namespaces/:namespace/pods', ({ params }) =>
      HttpResponse.json(
        list('Pod', 'v1', params.namespace === 'kaito-workspace' ? options.kaitoPods ?? [] : [])
      )
    ),
    getList('/apis/gateway.networking.k8s.io/v1/gateways', () =>
      list('Gateway', 'gateway.networking.k8s.io/v1', [])
    ),
    getList('/apis/airunway.ai/v1alpha1/modeldeployments', () =>
      list('ModelDeployment', 'airunway.ai/v1alpha1', [])
    ),
    // Counted from metadata only: the page never pulls every Workspace spec just to count them.
    http.get('*/clusters/test-cluster/apis/kaito.sh/v1beta1/workspaces', ({ request }) => {
      expect(request.headers.get('Accept')).toContain('as=PartialObjectMetadataList');
      return HttpResponse.json(
        list('PartialObjectMetadata', 'meta.k8s.io/v1', [
          ...['a', 'b', 'c'].map(n => objectMeta(n, 'team-a')),
          ...['d', 'e'].map(n => objectMeta(n, 'team-b')),
          ...['f', 'g'].map(n => objectMeta(n, 'team-c')),
        ])
      );
    }),
  ];
}

function proxyUp() {
  return [
    proxy.on('health', () => ({ status: 'ok', timestamp: '2026-01-01T00:00:00Z' })),
    proxy.on('helmStatus', () => ({ available: true, version: 'v3.16.2' })),
    proxy.on('gatewayStatus', () => ({
      gatewayApiInstalled: true,
      inferenceExtInstalled: false,
      gatewayApiVersion: 'v1.2.1',
      pinnedVersion: 'v1.5.0',
      gatewayAvailable: false,
      message: 'Inference Extension CRDs are missing.',
      installCommands: [],
    })),
    proxy.on('providerStatus', request => {
      const id = new URL(request.url).pathname.split('/').slice(-2)[0];
      return id === 'kaito'
        ? {
            providerId: 'kaito',
            providerName: 'KAITO',
            installed: true,
            version: 'workspace-0.10.0',
            message: 'KAITO is installed and running',
            pinnedVersion: '0.10.0',
            pending: false,
            release: {
              name: 'kaito-workspace',
              namespace: 'kaito-workspace',
              status: 'deployed',
              revision: 3,
              chart: 'workspace-0.10.0',
              chartVersion: '0.10.0',
              appVersion: '0.10.0',
            },
          }
        : { providerId: id, providerName: id, installed: false, message: 'Not installed' };
    }),
  ];
}

function renderRuntimes() {
  return renderPage(<RuntimesPage />, { url: '/airunway/runtimes', route: '/airunway/runtimes' });
}

function card(name: string) {
  return screen.getByRole('region', { name });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Runtimes page', () => {
  it('shows a loading state', async () => {
    server.use(
      http.get('*/clusters/test-cluster/*', () => pending()),
      proxy.on('health', () => pending())
    );
    renderRuntimes();
    expect(await screen.findByText('Checking the AI Runway proxy…')).toBeInTheDocument();
    expect(screen.getAllByText('Checking…').length).toBeGreaterThan(0);
  });

  it('shows CRD, operator pods and Helm release status of every component', async () => {
    server.use(
      ...kubernetes({ kaitoPods: [operatorPod('kaito-0', 'kaito-workspace', true)] }),
      ...proxyUp()
    );
    const { container } = renderRuntimes();
    expect(
      await screen.findByText('The AI Runway proxy is up; Helm v3.16.2 is available.')
    ).toBeInTheDocument();
    const kaito = within(card('KAITO'));
    expect(await kaito.findByText('workspaces.kaito.sh present')).toBeInTheDocument();
    expect(await kaito.findByText('1 of 1 ready in kaito-workspace')).toBeInTheDocument();
    expect(
      await kaito.findByText('Helm: deployed · revision 3 · chart 0.10.0')
    ).toBeInTheDocument();
    expect(kaito.getByText('KAITO is installed and running')).toBeInTheDocument();
    for (const name of [
      'AI Runway controller',
      'NVIDIA Dynamo',
      'KubeRay',
      'llm-d',
      'Direct vLLM',
      'NVIDIA GPU Operator',
    ]) {
      expect(card(name)).toBeInTheDocument();
    }
    expect(
      await within(card('NVIDIA GPU Operator')).findByText('8 GPUs on 2 nodes')
    ).toBeInTheDocument();
    const gateway = within(card('Gateway API and Inference Extension CRDs'));
    expect(
      await gateway.findByText('gateways.gateway.networking.k8s.io present')
    ).toBeInTheDocument();
    expect(
      await gateway.findByText('inferencepools.inference.networking.k8s.io missing')
    ).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('shows each Helm release state next to the Kubernetes status: pending, failed, absent, behind the pin', async () => {
    const release = (name: string, namespace: string, more: Record<string, unknown>) => ({
      name,
      namespace,
      ...more,
    });
    const answers: Record<string, Record<string, unknown>> = {
      kuberay: {
        installed: false,
        pending: true,
        pinnedVersion: '1.3.0',
        release: release('kuberay-operator', 'ray-system', {
          status: 'pending-install',
          revision: 1,
          chartVersion: '1.3.0',
        }),
      },
      dynamo: {
        installed: false,
        pinnedVersion: '1.1.1',
        release: release('dynamo-platform', 'dynamo-system', {
          status: 'failed',
          revision: 2,
          chartVersion: '1.1.1',
        }),
      },
      kaito: {
        installed: true,
        pinnedVersion: '0.10.0',
        release: release('kaito-workspace', 'kaito-workspace', {
          status: 'deployed',
          revision: 4,
          chartVersion: '0.9.0',
        }),
      },
    };
    server.use(
      ...kubernetes({ kaitoPods: [operatorPod('kaito-0', 'kaito-workspace', true)] }),
      // Before proxyUp(): msw answers with the first matching handler.
      proxy.on('providerStatus', request => {
        const id = new URL(request.url).pathname.split('/').slice(-2)[0] ?? '';
        return (
          (answers[id] && { providerId: id, providerName: id, ...answers[id] }) ?? {
            providerId: id,
            providerName: id,
            installed: false,
            release: release(`airunway-${id}`, 'airunway-system', {}),
          }
        );
      }),
      ...proxyUp()
    );
    const { container } = renderRuntimes();
    const kuberay = within(card('KubeRay'));
    expect(
      await kuberay.findByText('Helm: pending-install · revision 1 · chart 1.3.0')
    ).toBeInTheDocument();
    expect(
      kuberay.getByText(
        'An earlier operation did not finish; the next install, upgrade or uninstall recovers the release.'
      )
    ).toBeInTheDocument();
    // The Kubernetes side still shows beside it.
    expect(await kuberay.findByText('No operator pods in ray-system')).toBeInTheDocument();
    const dynamo = within(card('NVIDIA Dynamo'));
    expect(await dynamo.findByText('Helm: failed · revision 2 · chart 1.1.1')).toBeInTheDocument();
    const kaito = within(card('KAITO'));
    expect(await kaito.findByText('Helm: deployed · revision 4 · chart 0.9.0')).toBeInTheDocument();
    expect(kaito.getByText('Upgrade installs chart 0.10.0')).toBeInTheDocument();
    expect(await kaito.findByText('1 of 1 ready in kaito-workspace')).toBeInTheDocument();
    expect(
      await within(card('Direct vLLM')).findByText(
        'No Helm release airunway-vllm in airunway-system'
      )
    ).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
    // Seven cards rendered and axe-checked: give a loaded 2-core machine room (no speed is asserted).
  });

  it('says what is missing on an empty cluster and offers copyable manual commands', async () => {
    server.use(...kubernetes({ crds: {} }), ...proxyUp());
    const { container } = renderRuntimes();
    const kuberay = within(card('KubeRay'));
    expect(await kuberay.findByText('rayservices.ray.io missing')).toBeInTheDocument();
    expect(await kuberay.findByText('No operator pods in ray-system')).toBeInTheDocument();
    expect(kuberay.getByRole('button', { name: 'Uninstall CRDs KubeRay' })).toBeDisabled();
    fireEvent.click(kuberay.getByRole('button', { name: 'Show manual commands for KubeRay' }));
    expect(kuberay.getByLabelText('Manual commands for KubeRay')).toHaveTextContent(
      'helm install kuberay-operator kuberay/kuberay-operator --version 1.3.0 --namespace ray-system'
    );
    expect(kuberay.getByRole('button', { name: 'Copy commands' })).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('installs through the proxy, shows every step, and holds other actions while it runs', async () => {
    let release: (value: unknown) => void = () => undefined;
    const requests: string[] = [];
    server.use(
      ...kubernetes(),
      ...proxyUp(),
      proxy.on('installProvider', async request => {
        requests.push(new URL(request.url).pathname);
        await new Promise(resolve => (release = resolve));
        return {
          success: true,
          message: 'KubeRay installed',
          results: [
            { step: 'helm repo add kuberay', success: true, output: '"kuberay" has been added' },
            { step: 'helm install kuberay-operator', success: true, output: 'STATUS: deployed' },
          ],
        };
      })
    );
    renderRuntimes();
    const kuberay = within(card('KubeRay'));
    const install = await kuberay.findByRole('button', { name: 'Install KubeRay' });
    await waitFor(() => expect(install).toBeEnabled());
    fireEvent.click(install);
    await waitFor(() =>
      expect(within(card('KAITO')).getByRole('button', { name: 'Uninstall KAITO' })).toBeDisabled()
    );
    expect(
      within(card('KAITO')).getByRole('button', { name: 'Uninstall CRDs KAITO' })
    ).toBeDisabled();
    // The buttons lock on click, before the request reaches the handler: release only a request that arrived.
    await waitFor(() => expect(requests).toHaveLength(1));
    release(undefined);
    const steps = await kuberay.findByRole('list', { name: 'Steps of the last operation' });
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map(item => item.textContent)
    ).toEqual([
      'Succeeded: helm repo add kuberay"kuberay" has been added',
      'Succeeded: helm install kuberay-operatorSTATUS: deployed',
    ]);
    expect(kuberay.getByText('KubeRay installed')).toBeInTheDocument();
    expect(requests).toEqual([
      '/clusters/test-cluster/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy/api/installation/providers/kuberay/install',
    ]);
    await waitFor(() =>
      expect(within(card('KAITO')).getByRole('button', { name: 'Uninstall KAITO' })).toBeEnabled()
    );
  });

  it('counts what uninstalling CRDs deletes and requires the provider name to be typed', async () => {
    const calls: string[] = [];
    server.use(
      ...kubernetes(),
      ...proxyUp(),
      proxy.on('uninstallProviderCrds', request => {
        calls.push(new URL(request.url).pathname.split('/').slice(-2).join('/'));
        return {
          success: true,
          message: 'Provider CRDs uninstalled',
          results: [{ step: 'Delete CRD: workspaces.kaito.sh', success: true, output: 'deleted' }],
        };
      })
    );
    renderRuntimes();
    const kaito = within(card('KAITO'));
    const open = await kaito.findByRole('button', { name: 'Uninstall CRDs KAITO' });
    await waitFor(() => expect(open).toBeEnabled());
    fireEvent.click(open);
    const dialog = await screen.findByRole('dialog', { name: 'Remove the CRDs of KAITO?' });
    expect(
      await within(dialog).findByText(
        'This deletes 7 Workspaces in 3 namespaces, counted on the cluster now.'
      )
    ).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', { name: 'Uninstall CRDs' });
    expect(confirm).toBeDisabled();
    const typed = within(dialog).getByLabelText('Type kaito to confirm');
    fireEvent.change(typed, { target: { value: 'KAITO' } });
    expect(confirm).toBeDisabled();
    fireEvent.change(typed, { target: { value: 'kaito' } });
    expect(confirm).toBeEnabled();
    expect(await seriousA11yViolations(dialog)).toEqual([]);
    fireEvent.click(confirm);
    expect(await kaito.findByText('Provider CRDs uninstalled')).toBeInTheDocument();
    expect(calls).toEqual(['kaito/uninstall-crds']);
  });

  it('keeps the Kubernetes status when the proxy is absent, and disables the actions', async () => {
    server.use(
      ...kubernetes({ kaitoPods: [operatorPod('kaito-0', 'kaito-workspace', false)] }),
      proxy.on('health', () =>
        apiServerStatus(503, 'no endpoints available for service "airunway-proxy"')
      )
    );
    const { container } = renderRuntimes();
    expect(await screen.findByText('Installing needs the AI Runway proxy')).toBeInTheDocument();
    expect(screen.getByText('The AI Runway proxy is not reachable')).toBeInTheDocument();
    const kaito = within(card('KAITO'));
    expect(await kaito.findByText('workspaces.kaito.sh present')).toBeInTheDocument();
    expect(await kaito.findByText('0 of 1 ready in kaito-workspace')).toBeInTheDocument();
    // The operator's version from its pods, which needs no proxy.
    expect(kaito.getByText('running version 0.10.0')).toBeInTheDocument();
    expect(kaito.getByText('Unknown without the AI Runway proxy')).toBeInTheDocument();
    expect(kaito.getByRole('button', { name: 'Install KAITO' })).toBeDisabled();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('names the missing permission when the review failed and the API server refuses the POST to the proxy', async () => {
    server.use(
      ...kubernetes({
        review: accessReview(() => HttpResponse.json({ message: 'etcd timeout' }, { status: 500 })),
      }),
      ...proxyUp(),
      proxy.on('upgradeProvider', () =>
        apiServerStatus(
          403,
          'services "airunway-proxy" is forbidden: User "alice" cannot create resource "services/proxy" in API group "" in the namespace "airunway-system"'
        )
      )
    );
    renderRuntimes();
    const kaito = within(card('KAITO'));
    const upgrade = await kaito.findByRole('button', { name: 'Upgrade KAITO' });
    await waitFor(() => expect(upgrade).toBeEnabled());
    fireEvent.click(upgrade);
    expect(await kaito.findByRole('alert')).toHaveTextContent(
      'Your Kubernetes identity may not "create" on services/proxy "airunway-proxy" in namespace airunway-system, which installing and removing runtimes needs. Ask a cluster administrator to bind you to the airunway-operator ClusterRole.'
    );
  });

  it('says another operation is running on a 409 CONFLICT', async () => {
    server.use(
      ...kubernetes(),
      ...proxyUp(),
      proxy.on('installProvider', () =>
        proxy.error('CONFLICT', 'An install of kuberay-operator is already in progress.')
      )
    );
    renderRuntimes();
    const kuberay = within(card('KubeRay'));
    const install = await kuberay.findByRole('button', { name: 'Install KubeRay' });
    await waitFor(() => expect(install).toBeEnabled());
    fireEvent.click(install);
    const alert = await kuberay.findByRole('alert');
    expect(alert).toHaveTextContent('Another operation on the Helm release of KubeRay is running');
    expect(alert).toHaveTextContent('An install of kuberay-operator is already in progress.');
  });

  it('says which permission hides the Kubernetes status', async () => {
    server.use(
      accessReview(true).handler,
      http.get(
        '*/clusters/test-cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions/:name',
        () => forbidden('get', 'customresourcedefinitions', 'apiextensions.k8s.io')
      ),
      http.get('*/clusters/test-cluster/api/v1/namespaces/:namespace/pods', ({ params }) =>
        forbidden('list', 'pods', '', String(params.namespace))
      ),
      ...proxyUp()
    );
    renderRuntimes();
    const kaito = within(card('KAITO'));
    expect(
      await kaito.findByText('Unknown: you may not get customresourcedefinitions')
    ).toBeInTheDocument();
    expect(
      await kaito.findByText('Unknown: you may not list pods in kaito-workspace')
    ).toBeInTheDocument();
  });
});

describe('Runtimes page: who may change the cluster', () => {
  it('asks once, before offering anything, whether the user may create on services/proxy; allowed, the actions are enabled', async () => {
    let answer: (allowed: boolean) => void = () => undefined;
    const bodies: unknown[] = [];
    server.use(
      http.post(ACCESS_REVIEWS, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        bodies.push(body);
        const allowed = await new Promise<boolean>(resolve => (answer = resolve));
        return HttpResponse.json({ ...body, status: { allowed } }, { status: 201 });
      }),
      ...kubernetes(),
      ...proxyUp()
    );
    const { container } = renderRuntimes();
    expect(
      await screen.findByText('The AI Runway proxy is up; Helm v3.16.2 is available.')
    ).toBeInTheDocument();
    await waitFor(() => expect(bodies).toHaveLength(1));
    // The proxy is up but the review has not answered: nothing is offered yet.
    const install = within(card('KubeRay')).getByRole('button', { name: 'Install KubeRay' });
    expect(install).toBeDisabled();
    answer(true);
    await waitFor(() => expect(install).toBeEnabled());
    for (const [name, button] of ACTION_BUTTONS) {
      await waitFor(() =>
        expect(within(card(name)).getByRole('button', { name: button })).toBeEnabled()
      );
    }
    expect(screen.queryByText(DENIED_SENTENCE)).not.toBeInTheDocument();
    // One review for the whole page, for exactly the permission a POST through the service proxy needs.
    expect(bodies).toEqual([
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: PROXY_ACTION_ATTRIBUTES },
      },
    ]);
    expect(await seriousA11yViolations(container)).toEqual([]);
    expect(bodies).toHaveLength(1);
  });

  it('denied, disables every action with the missing permission named up front, and a click sends nothing', async () => {
    const review = accessReview(false);
    const posts = proxyPosts();
    try {
      server.use(
        ...kubernetes({ review }),
        ...proxyUp(),
        proxy.on('installProvider', () => ({ success: true, message: 'installed', results: [] })),
        proxy.on('installGatewayCrds', () => ({ success: true, message: 'installed', results: [] }))
      );
      const { container } = renderRuntimes();
      const sentence = await findAlert(DENIED_SENTENCE);
      expect(sentence).toHaveTextContent(DENIED_SENTENCE);
      // Disabled for the permission, not for a missing proxy: the proxy is up.
      expect(
        await screen.findByText('The AI Runway proxy is up; Helm v3.16.2 is available.')
      ).toBeInTheDocument();
      // The KAITO CRD is present, so only the permission holds its Uninstall CRDs button.
      expect(
        await within(card('KAITO')).findByText('workspaces.kaito.sh present')
      ).toBeInTheDocument();
      for (const [name, label] of ACTION_BUTTONS) {
        const button = within(card(name)).getByRole('button', { name: label });
        expect(button, label).toBeDisabled();
        expect(button, label).toHaveAccessibleDescription(DENIED_SENTENCE);
      }

      fireEvent.click(within(card('KubeRay')).getByRole('button', { name: 'Install KubeRay' }));
      fireEvent.click(within(card('KAITO')).getByRole('button', { name: 'Uninstall KAITO' }));
      fireEvent.click(
        within(card('Gateway API and Inference Extension CRDs')).getByRole('button', {
          name: 'Install gateway CRDs',
        })
      );
      // Until whatever a click started has been answered.
      await settled();
      expect(posts.urls).toEqual([]);
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(
        within(card('KubeRay')).queryByRole('list', { name: 'Steps of the last operation' })
      ).not.toBeInTheDocument();

      // The manual commands stay available.
      const kuberay = within(card('KubeRay'));
      const show = kuberay.getByRole('button', { name: 'Show manual commands for KubeRay' });
      expect(show).toBeEnabled();
      fireEvent.click(show);
      expect(kuberay.getByLabelText('Manual commands for KubeRay')).toHaveTextContent(
        'helm install kuberay-operator kuberay/kuberay-operator'
      );

      expect(review.bodies).toEqual([
        {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: PROXY_ACTION_ATTRIBUTES },
        },
      ]);
      expect(await seriousA11yViolations(container)).toEqual([]);
    } finally {
      posts.stop();
    }
  });

  it('when the review itself fails, keeps the actions and says nothing: the API server decides', async () => {
    const review = accessReview(() => HttpResponse.error());
    server.use(...kubernetes({ review }), ...proxyUp());
    const { container } = renderRuntimes();
    expect(
      await screen.findByText('The AI Runway proxy is up; Helm v3.16.2 is available.')
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(card('KubeRay')).getByRole('button', { name: 'Install KubeRay' })).toBeEnabled()
    );
    for (const [name, button] of ACTION_BUTTONS) {
      await waitFor(() =>
        expect(within(card(name)).getByRole('button', { name: button })).toBeEnabled()
      );
    }
    expect(screen.queryByText(/You can view runtimes but not change them/)).not.toBeInTheDocument();
    expect(review.bodies).toHaveLength(1);
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('asks only once per page load, also after an action refreshes the statuses', async () => {
    const review = accessReview(true);
    server.use(
      ...kubernetes({ review }),
      ...proxyUp(),
      proxy.on('installProvider', () => ({
        success: true,
        message: 'KubeRay installed',
        results: [{ step: 'helm install kuberay-operator', success: true, output: 'deployed' }],
      }))
    );
    renderRuntimes();
    const kuberay = within(card('KubeRay'));
    const install = await kuberay.findByRole('button', { name: 'Install KubeRay' });
    await waitFor(() => expect(install).toBeEnabled());
    fireEvent.click(install);
    expect(await kuberay.findByText('KubeRay installed')).toBeInTheDocument();
    await waitFor(() => expect(install).toBeEnabled());
    expect(review.bodies).toHaveLength(1);
  });
});
