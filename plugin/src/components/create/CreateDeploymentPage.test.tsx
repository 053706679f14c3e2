import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { forbidden, server, status } from '../../test/k8s';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { CreateDeploymentPage } from './CreateDeploymentPage';

const COLLECTION =
  '*/clusters/test-cluster/apis/airunway.ai/v1alpha1/namespaces/team-a/modeldeployments';
const CLUSTER_CONFIG_URL =
  '*/clusters/test-cluster/api/v1/namespaces/airunway-system/configmaps/airunway-config';
const SECRETS = '*/clusters/test-cluster/api/v1/namespaces';
const CRDS = '*/clusters/test-cluster/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const PREFILL = '?namespace=team-a&model=Qwen%2FQwen3-0.6B&engine=vllm&gpus=1';

interface Received {
  dryRun: string | null;
  body: unknown;
}

/** The API server's POST: 422 with causes while `reject` says so, else 201 echoing the object. */
function apiServer(reject: (body: any) => string[] | null) {
  const received: Received[] = [];
  server.use(
    http.post(COLLECTION, async ({ request }) => {
      const body = (await request.json()) as any;
      received.push({ dryRun: new URL(request.url).searchParams.get('dryRun'), body });
      const causes = reject(body);
      if (causes) {
        const name = body.metadata.name;
        return HttpResponse.json(
          {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: `ModelDeployment.airunway.ai "${name}" is invalid: [${causes.join(', ')}]`,
            reason: 'Invalid',
            details: {
              name,
              group: 'airunway.ai',
              kind: 'ModelDeployment',
              causes: causes.map(cause => {
                const [field, ...rest] = cause.split(': ');
                return { reason: 'FieldValueInvalid', field, message: rest.join(': ') };
              }),
            },
            code: 422,
          },
          { status: 422 }
        );
      }
      return HttpResponse.json(
        { ...body, metadata: { ...body.metadata, uid: 'new-uid', resourceVersion: '1' } },
        { status: 201 }
      );
    })
  );
  return received;
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

function type(label: string | RegExp, value: string) {
  fireEvent.change(input(label), { target: { value } });
}

function yamlObject() {
  return parse(input('ModelDeployment YAML').value);
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Create deployment page', () => {
  it('is prefilled from the Models page and shows the auto-selected provider with its reason', async () => {
    const { container } = renderCreate();
    expect(await screen.findByLabelText(/^Name\W*$/)).toHaveValue('qwen3-0-6b');
    // The form settles over a few renders on a loaded machine: wait for each prefilled field.
    await waitFor(() => expect(input(/^Namespace\W*$/)).toHaveValue('team-a'));
    await waitFor(() => expect(input('Model ID')).toHaveValue('Qwen/Qwen3-0.6B'));
    await waitFor(() => expect(input('Engine')).toHaveValue('vllm'));
    await waitFor(() => expect(input('GPUs per replica')).toHaveValue(1));
    expect(
      await screen.findByText('dynamo — auto: default → dynamo (GPU inference default)')
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('region', { name: 'Provider manifests preview' })
    ).toHaveTextContent('kind: DynamoGraphDeployment');
    await screen.findByLabelText('ModelDeployment YAML');
    expect(yamlObject()).toEqual({
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'qwen3-0-6b', namespace: 'team-a' },
      spec: {
        model: { id: 'Qwen/Qwen3-0.6B' },
        engine: { type: 'vllm' },
        resources: { gpu: { count: 1 } },
      },
    });
    // Until the first render's async follow-ups are done: axe reading nodes
    // that React replaces mid-run reports buttons without names.
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it("starts in the cluster's default namespace from Settings when the link names none", async () => {
    server.use(
      http.get(CLUSTER_CONFIG_URL, () =>
        HttpResponse.json({
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'airunway-config', namespace: 'airunway-system', resourceVersion: '3' },
          data: { defaultNamespace: 'ml-serving' },
        })
      )
    );
    renderCreate('?model=Qwen%2FQwen3-0.6B');
    expect(await screen.findByLabelText(/^Namespace\W*$/)).toHaveValue('ml-serving');
    await screen.findByLabelText('ModelDeployment YAML');
    await waitFor(() => expect(yamlObject().metadata.namespace).toBe('ml-serving'));
  });

  it("a gated model's link names the hf-token Secret, and the form says when the namespace lacks it", async () => {
    const secretReads: { namespace: string; accept: string | null }[] = [];
    const present = new Set(['team-a']);
    server.use(
      http.get(`${SECRETS}/:namespace/secrets/hf-token`, ({ request, params }) => {
        const namespace = String(params.namespace);
        secretReads.push({ namespace, accept: request.headers.get('Accept') });
        return present.has(namespace)
          ? HttpResponse.json({
              kind: 'PartialObjectMetadata',
              apiVersion: 'meta.k8s.io/v1',
              metadata: { name: 'hf-token', namespace },
            })
          : status(404, 'NotFound', 'secrets "hf-token" not found');
      })
    );
    renderCreate('?namespace=team-a&model=meta-llama%2FLlama-3.1-8B-Instruct&hfSecret=hf-token');
    expect(await screen.findByLabelText('HuggingFace token secret')).toHaveValue('hf-token');
    expect(await screen.findByText('Secret hf-token is in team-a.')).toBeInTheDocument();
    await waitFor(() =>
      expect(yamlObject().spec.secrets).toEqual({ huggingFaceToken: 'hf-token' })
    );

    type(/^Namespace\W*$/, 'team-b');
    const warning = await findAlert('There is no Secret hf-token in team-b');
    expect(warning).toHaveTextContent('will not be able to download a gated model');
    expect(
      within(warning).getByRole('link', { name: 'Save your HuggingFace token in Settings' })
    ).toHaveAttribute('href', '/c/test-cluster/airunway/settings');
    // Only the metadata was asked for: the token itself never reaches the browser.
    expect(secretReads.map(read => read.namespace)).toEqual(['team-a', 'team-b']);
    for (const read of secretReads) expect(read.accept).toContain('as=PartialObjectMetadata');
  });

  it('says up front when the ModelDeployment CRD or the chosen provider is not installed', async () => {
    const missing = new Set(['modeldeployments.airunway.ai', 'rayservices.ray.io']);
    server.use(
      http.get(`${CRDS}/:name`, ({ params }) =>
        missing.has(String(params.name))
          ? status(404, 'NotFound', `customresourcedefinitions "${String(params.name)}" not found`)
          : HttpResponse.json({
              kind: 'CustomResourceDefinition',
              apiVersion: 'apiextensions.k8s.io/v1',
              metadata: { name: String(params.name) },
            })
      )
    );
    renderCreate();
    expect(
      await screen.findByText('AI Runway is not installed on this cluster')
    ).toBeInTheDocument();
    // Auto picks Dynamo for this GPU spec, and its CRD is there: no provider warning.
    await screen.findByText('dynamo — auto: default → dynamo (GPU inference default)');
    expect(screen.queryByText(/is not installed on this cluster \(there is no/)).toBeNull();

    type('Provider', 'kuberay');
    const warning = await findAlert('KubeRay is not installed on this cluster');
    expect(warning).toHaveTextContent('there is no rayservices.ray.io resource');
    expect(
      within(warning).getByRole('link', { name: 'Install it on the Runtimes page' })
    ).toHaveAttribute('href', '/c/test-cluster/airunway/runtimes');
    // Said right before the buttons, where the user is about to create.
    const create = screen.getByRole('button', { name: 'Create' });
    expect(warning.compareDocumentPosition(create) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(warning.nextElementSibling).toContainElement(create);
  });

  it('drops a query Secret name that is not one', async () => {
    renderCreate('?namespace=team-a&model=x%2Fy&hfSecret=..%2Fetc');
    expect(await screen.findByLabelText('HuggingFace token secret')).toHaveValue('');
  });

  it('dry-runs, puts the 422 causes on their fields, then creates exactly the expected object', async () => {
    const received = apiServer(body =>
      body.spec.scaling?.replicas > 2
        ? [
            'spec.scaling.replicas: Invalid value: 3: spec.scaling.replicas in body should be less than or equal to 2',
            'spec.engine.contextLength: Invalid value: 999999: must not exceed the model maximum (40960)',
          ]
        : null
    );
    const { container } = renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    type('Replicas', '3');
    type('Context length', '999999');
    fireEvent.click(screen.getByRole('button', { name: 'Add Environment variable' }));
    type('Variable name 1', 'HF_HUB_OFFLINE');
    type('Variable value 1', '1');
    fireEvent.click(screen.getByRole('button', { name: 'Add Node selector' }));
    type('Node label 1', 'kubernetes.azure.com/agentpool');
    type('Node label value 1', 'a100');

    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));
    expect(
      await screen.findByText(
        'The API server rejected this ModelDeployment; the fields to fix are marked.'
      )
    ).toBeInTheDocument();
    expect(input('Replicas')).toHaveAccessibleDescription(
      'Invalid value: 3: spec.scaling.replicas in body should be less than or equal to 2'
    );
    expect(input('Replicas')).toHaveAttribute('aria-invalid', 'true');
    expect(input('Context length')).toHaveAccessibleDescription(
      'Invalid value: 999999: must not exceed the model maximum (40960)'
    );
    expect(received.map(request => request.dryRun)).toEqual(['All']);
    expect(await seriousA11yViolations(container)).toEqual([]);

    type('Replicas', '2');
    type('Context length', '8192');
    expect(input('Replicas')).toHaveAttribute('aria-invalid', 'false');
    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));
    expect(
      await screen.findByText(
        'The API server accepts this ModelDeployment (dry run: nothing was created).'
      )
    ).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(window.location.pathname).toBe(
        '/c/test-cluster/airunway/deployments/team-a/qwen3-0-6b'
      )
    );
    expect(received.map(request => request.dryRun)).toEqual(['All', 'All', null]);
    expect(received[2]?.body).toStrictEqual({
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: 'qwen3-0-6b', namespace: 'team-a' },
      spec: {
        model: { id: 'Qwen/Qwen3-0.6B' },
        engine: { type: 'vllm', contextLength: 8192 },
        scaling: { replicas: 2 },
        resources: { gpu: { count: 1 } },
        env: [{ name: 'HF_HUB_OFFLINE', value: '1' }],
        nodeSelector: { 'kubernetes.azure.com/agentpool': 'a100' },
      },
    });
  });

  it('validates on the client first and sends nothing while fields are invalid', async () => {
    const received = apiServer(() => null);
    renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    type('Model ID', '');
    type(/^Name\W*$/, 'Not_A_Name');
    fireEvent.change(input('Serving mode'), { target: { value: 'disaggregated' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(input('Model ID')).toHaveAccessibleDescription(
      'model.id is required when model.source is huggingface'
    );
    expect(input(/^Name\W*$/)).toHaveAttribute('aria-invalid', 'true');
    expect(input('Prefill replicas')).toHaveAccessibleDescription(
      'scaling.prefill is required when serving.mode is disaggregated'
    );
    expect(screen.getByText('Fix the marked fields first.')).toBeInTheDocument();
    await settled();
    expect(received).toEqual([]);
  });

  it('keeps YAML and form in sync both ways, and YAML-only fields survive form edits', async () => {
    renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    fireEvent.change(input('ModelDeployment YAML'), {
      target: {
        value: [
          'apiVersion: airunway.ai/v1alpha1',
          'kind: ModelDeployment',
          'metadata:',
          '  name: gemma-cpu',
          '  namespace: team-a',
          'spec:',
          '  model:',
          '    id: google/gemma-3-1b-it',
          '  provider:',
          '    name: kaito',
          '  engine:',
          '    type: llamacpp',
          '  scaling:',
          '    replicas: 4',
          '  podTemplate:',
          '    metadata:',
          '      labels:',
          '        team: research',
          '',
        ].join('\n'),
      },
    });
    expect(input(/^Name\W*$/)).toHaveValue('gemma-cpu');
    expect(input('Model ID')).toHaveValue('google/gemma-3-1b-it');
    expect(input('Provider')).toHaveValue('kaito');
    expect(input('Engine')).toHaveValue('llamacpp');
    expect(input('Replicas')).toHaveValue(4);
    expect(input('GPUs per replica')).toHaveValue(null);
    expect(
      await screen.findByText(/kaito — explicit: explicit provider selection/)
    ).toBeInTheDocument();

    type('Served model name', 'gemma');
    expect(yamlObject().spec).toEqual({
      model: { id: 'google/gemma-3-1b-it', servedName: 'gemma' },
      provider: { name: 'kaito' },
      engine: { type: 'llamacpp' },
      scaling: { replicas: 4 },
      podTemplate: { metadata: { labels: { team: 'research' } } },
    });

    // YAML that does not parse leaves the form alone and says why.
    fireEvent.change(input('ModelDeployment YAML'), { target: { value: 'spec: [' } });
    expect(input('ModelDeployment YAML')).toHaveAccessibleDescription(
      /does not parse, so the form is not updated: .* at line \d+, column \d+$/
    );
    expect(input('Served model name')).toHaveValue('gemma');
    // Valid YAML that is not one object is refused the same way, in words.
    fireEvent.change(input('ModelDeployment YAML'), { target: { value: '- a\n- b\n' } });
    expect(input('ModelDeployment YAML')).toHaveAccessibleDescription(
      'The YAML must be one object (apiVersion, kind, metadata, spec), so the form is not updated.'
    );
    expect(input('Served model name')).toHaveValue('gemma');
  });

  it('names the missing permission when the API server forbids the create', async () => {
    server.use(
      http.post(COLLECTION, () => forbidden('create', 'modeldeployments', 'airunway.ai', 'team-a'))
    );
    renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const message = await screen.findByText(
      /not allowed to create modeldeployments.airunway.ai in namespace team-a/
    );
    expect(message.closest('[role="alert"]')).not.toBeNull();
  });

  it('shows the API server message for other failures', async () => {
    server.use(
      http.post(COLLECTION, () =>
        status(409, 'AlreadyExists', 'modeldeployments.airunway.ai "qwen3-0-6b" already exists')
      )
    );
    renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const message = await screen.findByText(/already exists/);
    expect(message.closest('[role="alert"]')).not.toBeNull();
  });
});
