import '../../test/setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { modelDeployment } from '../../test/fixtures';
import { countApiRequests, forbidden, getList, list, notFound, server } from '../../test/k8s';
import { renderPage } from '../../test/render';
import { DeploymentDetails } from './DeploymentDetails';

const NS = 'team-a';
const MD = `/apis/airunway.ai/v1alpha1/namespaces/${NS}/modeldeployments/qwen`;
const WORKSPACE = `/apis/kaito.sh/v1beta1/namespaces/${NS}/workspaces/qwen-ws`;

const MANAGED_FIELDS = [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': {} } }];

function deployment(provider: Record<string, unknown> | undefined) {
  const base = modelDeployment('qwen', NS);
  return {
    ...base,
    metadata: { ...base.metadata, managedFields: MANAGED_FIELDS },
    status: { ...base.status, provider },
  };
}

function workspace() {
  return {
    apiVersion: 'kaito.sh/v1beta1',
    kind: 'Workspace',
    metadata: { name: 'qwen-ws', namespace: NS, managedFields: MANAGED_FIELDS },
    resource: { instanceType: 'Standard_NC24ads_A100_v4' },
    inference: { preset: { name: 'qwen3-0.6b' } },
  };
}

function withDeployment(provider: Record<string, unknown> | undefined) {
  return [
    getList(MD, () => deployment(provider)),
    getList(`/api/v1/namespaces/${NS}/pods`, () => list('Pod', 'v1', [])),
    getList(`/api/v1/namespaces/${NS}/events`, () => list('Event', 'v1', [])),
  ];
}

const KAITO = { name: 'kaito', resourceKind: 'Workspace', resourceName: 'qwen-ws' };

function renderManifest() {
  return renderPage(<DeploymentDetails />, {
    url: `/airunway/deployments/${NS}/qwen?tab=manifest`,
    route: '/airunway/deployments/:namespace/:name',
  });
}

const copied: string[] = [];
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(() => {
  copied.length = 0;
  // jsdom has no clipboard; this records what the page would put there.
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void copied.push(text) },
  });
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Deployment manifest', () => {
  it('shows the ModelDeployment and the provider resource as YAML without managedFields, with one GET', async () => {
    server.use(...withDeployment(KAITO), getList(WORKSPACE, workspace));
    const counter = countApiRequests();
    const { container } = renderManifest();
    const own = await screen.findByRole('region', { name: 'ModelDeployment qwen as YAML' });
    const ownYaml = parse(own.textContent ?? '');
    expect(ownYaml.kind).toBe('ModelDeployment');
    expect(ownYaml.metadata.name).toBe('qwen');
    expect(ownYaml.metadata.managedFields).toBeUndefined();
    expect(ownYaml.spec.model.id).toBe('Qwen/Qwen3-0.6B');
    expect(own.textContent).not.toContain('managedFields');

    const provider = await screen.findByRole('region', { name: 'Workspace/qwen-ws as YAML' });
    expect(parse(provider.textContent ?? '')).toEqual({
      apiVersion: 'kaito.sh/v1beta1',
      kind: 'Workspace',
      metadata: { name: 'qwen-ws', namespace: NS },
      resource: { instanceType: 'Standard_NC24ads_A100_v4' },
      inference: { preset: { name: 'qwen3-0.6b' } },
    });
    expect(counter.urls.filter(url => url.includes('/workspaces'))).toHaveLength(1);
    counter.stop();
    expect(await seriousA11yViolations(container)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Copy Workspace YAML' }));
    await waitFor(() => expect(copied).toEqual([provider.textContent]));
    fireEvent.click(screen.getByRole('button', { name: 'Copy ModelDeployment YAML' }));
    await waitFor(() => expect(copied).toEqual([provider.textContent, own.textContent]));
    expect(screen.getAllByRole('status').some(el => el.textContent?.includes('Copied'))).toBe(true);
  });

  it.each([
    [
      'dynamo',
      '/apis/nvidia.com/v1alpha1/namespaces/team-a/dynamographdeployments/qwen',
      'DynamoGraphDeployment',
    ],
    ['kuberay', '/apis/ray.io/v1/namespaces/team-a/rayservices/qwen', 'RayService'],
    ['llmd', '/apis/apps/v1/namespaces/team-a/deployments/qwen', 'Deployment'],
    ['vllm', '/apis/apps/v1/namespaces/team-a/deployments/qwen', 'Deployment'],
  ])('reads the %s resource from its own API group', async (name, path, kind) => {
    server.use(
      ...withDeployment({ name, resourceName: 'qwen' }),
      getList(path, () => ({
        apiVersion: 'x/v1',
        kind,
        metadata: { name: 'qwen' },
        spec: { from: name },
      }))
    );
    renderManifest();
    const region = await screen.findByRole('region', { name: `${kind}/qwen as YAML` });
    expect(parse(region.textContent ?? '').spec).toEqual({ from: name });
  });

  it('says the provider has not created its resource yet, and when no provider is chosen', async () => {
    server.use(...withDeployment({ name: 'kaito', selectedReason: 'auto' }));
    const view = renderManifest();
    expect(
      await screen.findByText('The kaito provider has not created its resource yet.')
    ).toBeInTheDocument();
    view.unmount();

    server.use(...withDeployment(undefined));
    renderManifest();
    expect(
      await screen.findByText('No provider has been selected yet, so nothing has been created.')
    ).toBeInTheDocument();
  });

  it('tells a missing resource from a missing CRD', async () => {
    server.use(
      ...withDeployment(KAITO),
      getList(WORKSPACE, () => notFound('workspaces.kaito.sh "qwen-ws" not found'))
    );
    const view = renderManifest();
    expect(await findAlert('Workspace/qwen-ws does not exist')).toBeInTheDocument();
    view.unmount();

    // An API group the server does not serve gets its plain-text 404, not a Status object.
    server.use(
      getList(
        WORKSPACE,
        () =>
          new HttpResponse('404 page not found\n', {
            status: 404,
            headers: { 'Content-Type': 'text/plain; charset=utf-8' },
          })
      )
    );
    renderManifest();
    const alert = await findAlert('Workspace is not installed on this cluster');
    expect(alert).toHaveTextContent('does not know workspaces.kaito.sh');
  });

  it('names the missing permission on a 403', async () => {
    server.use(
      ...withDeployment(KAITO),
      getList(WORKSPACE, () => forbidden('get', 'workspaces', 'kaito.sh', NS))
    );
    const { container } = renderManifest();
    expect(
      await findAlert('not allowed to get workspaces.kaito.sh in namespace team-a')
    ).toBeInTheDocument();
    // The deployment's own manifest is still there.
    expect(
      screen.getByRole('region', { name: 'ModelDeployment qwen as YAML' })
    ).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });
});
