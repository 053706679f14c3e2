import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seriousA11yViolations } from '../../test/a11y';
import { getList, list, server } from '../../test/k8s';
import { renderPage } from '../../test/render';
import { settled } from '../../test/settled';
import { CreateDeploymentPage } from './CreateDeploymentPage';

const COLLECTION =
  '*/clusters/test-cluster/apis/airunway.ai/v1alpha1/namespaces/team-a/modeldeployments';
const PREFILL = '?namespace=team-a&model=Qwen%2FQwen3-0.6B&engine=vllm&gpus=1';

function claim(name: string, size: string) {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'team-a', uid: `uid-${name}` },
    spec: {
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: size } },
      storageClassName: 'azurefile',
    },
    status: { phase: 'Bound', capacity: { storage: size } },
  };
}

function storageClass(name: string, isDefault = false) {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      uid: `uid-${name}`,
      ...(isDefault
        ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }
        : {}),
    },
    provisioner: 'disk.csi.azure.com',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

/** team-a has two claims; the cluster has two storage classes. Records every create request. */
function cluster() {
  const bodies: any[] = [];
  server.use(
    getList('/api/v1/namespaces/team-a/persistentvolumeclaims', () =>
      list('PersistentVolumeClaim', 'v1', [
        claim('shared-weights', '200Gi'),
        claim('scratch', '10Gi'),
      ])
    ),
    getList('/apis/storage.k8s.io/v1/storageclasses', () =>
      list('StorageClass', 'storage.k8s.io/v1', [
        storageClass('managed-csi', true),
        storageClass('azurefile'),
      ])
    ),
    http.post(COLLECTION, async ({ request }) => {
      const body = (await request.json()) as any;
      bodies.push(body);
      return HttpResponse.json(body, { status: 201 });
    })
  );
  return bodies;
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

/** Labels of freshly added rows are translated a render later: wait for the field first. */
async function change(label: string | RegExp, value: string) {
  fireEvent.change(await screen.findByLabelText(label), { target: { value } });
}

function yamlObject() {
  return parse(input('ModelDeployment YAML').value);
}

/** Waits for a select to offer `value` (its list has loaded), then picks it. */
async function pick(label: string, value: string) {
  const select = await screen.findByLabelText(label);
  await waitFor(() =>
    expect(
      within(select)
        .getAllByRole('option')
        .map(option => (option as HTMLOptionElement).value)
    ).toContain(value)
  );
  await change(label, value);
}

const EXPECTED_VOLUMES = [
  { name: 'weights', claimName: 'shared-weights', mountPath: '/models', readOnly: true },
  {
    name: 'compile',
    mountPath: '/cache',
    purpose: 'compilationCache',
    size: '100Gi',
    storageClassName: 'azurefile',
    accessMode: 'ReadWriteMany',
  },
];

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Create page: storage volumes', () => {
  it('mounts an existing claim and sizes a new one, creating exactly those volumes', async () => {
    const bodies = cluster();
    const { container } = renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    expect(screen.queryByLabelText('Volume name 1')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add volume' }));
    await change('Volume name 1', 'weights');
    await change('Claim 1', 'existing');
    await pick('Existing claim 1', 'shared-weights');
    expect(screen.getByRole('option', { name: 'shared-weights (200Gi)' })).toBeInTheDocument();
    await change('Purpose 1', '');
    await change('Mount path 1', '/models');
    fireEvent.click(await screen.findByLabelText('Read-only 1'));

    fireEvent.click(screen.getByRole('button', { name: 'Add volume' }));
    await change('Volume name 2', 'compile');
    expect(await screen.findByLabelText('Claim 2')).toHaveValue('new');
    await change('Size 2', '100Gi');
    await pick('Storage class 2', 'azurefile');
    expect(screen.getByRole('option', { name: 'managed-csi (default)' })).toBeInTheDocument();
    await change('Access mode 2', 'ReadWriteMany');
    await change('Purpose 2', 'compilationCache');
    await change('Mount path 2', '/cache');

    expect(yamlObject().spec.model.storage.volumes).toEqual(EXPECTED_VOLUMES);
    await settled();
    expect(await seriousA11yViolations(container)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0].spec.model).toStrictEqual({
      id: 'Qwen/Qwen3-0.6B',
      storage: { volumes: EXPECTED_VOLUMES },
    });
    // Many fields plus an axe run: more than 20 s on a loaded 2-core runner.
  });

  it('marks a relative mount path and an unpicked claim on their fields and sends nothing', async () => {
    const bodies = cluster();
    renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    fireEvent.click(screen.getByRole('button', { name: 'Add volume' }));
    await change('Claim 1', 'existing');
    await change('Mount path 1', 'models');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    expect(await screen.findByLabelText('Mount path 1')).toHaveAttribute('aria-invalid', 'true');
    expect(input('Mount path 1')).toHaveAccessibleDescription('must be an absolute path');
    expect(input('Existing claim 1')).toHaveAttribute('aria-invalid', 'true');
    expect(input('Existing claim 1')).toHaveAccessibleDescription('Choose the claim to mount');
    expect(input('Volume name 1')).toHaveAttribute('aria-invalid', 'false');
    expect(screen.getByText('Fix the marked fields first.')).toBeInTheDocument();
    await settled();
    expect(bodies).toEqual([]);

    await change('Mount path 1', '/models');
    expect(input('Mount path 1')).toHaveAttribute('aria-invalid', 'false');
  });

  it("shows the API server's verdict on a whole volume inside that volume's row", async () => {
    cluster();
    const message = 'Invalid value: "object": a new volume needs a size';
    server.use(
      http.post(COLLECTION, async ({ request }) => {
        const body = (await request.json()) as any;
        return HttpResponse.json(
          {
            kind: 'Status',
            apiVersion: 'v1',
            metadata: {},
            status: 'Failure',
            message: `ModelDeployment.airunway.ai "${body.metadata.name}" is invalid: spec.model.storage.volumes[0]: ${message}`,
            reason: 'Invalid',
            code: 422,
          },
          { status: 422 }
        );
      })
    );
    renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    fireEvent.click(screen.getByRole('button', { name: 'Add volume' }));
    await screen.findByLabelText('Volume name 1');
    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));
    const row = screen.getByRole('group', { name: 'Volume 1' });
    expect(await within(row).findByText(message)).toBeInTheDocument();
    // Shown once, in the row: not repeated in the list of errors no field shows.
    expect(screen.getAllByText(new RegExp('a new volume needs a size'))).toHaveLength(1);
  });

  it('follows volumes written in the YAML, and removing a row removes it from the YAML', async () => {
    cluster();
    renderCreate();
    await screen.findByLabelText(/^Name\W*$/);
    const object = yamlObject();
    object.spec.model.storage = {
      volumes: [
        { name: 'cache', size: '50Gi', storageClassName: '', purpose: 'modelCache' },
        { name: 'weights', claimName: 'scratch', readOnly: true },
      ],
    };
    fireEvent.change(input('ModelDeployment YAML'), {
      target: { value: JSON.stringify(object) },
    });
    expect(await screen.findByLabelText('Volume name 1')).toHaveValue('cache');
    expect(input('Size 1')).toHaveValue('50Gi');
    await waitFor(() => expect(input('Storage class 1')).toHaveValue('(none)'));
    expect(input('Claim 2')).toHaveValue('existing');
    await waitFor(() => expect(input('Existing claim 2')).toHaveValue('scratch'));
    expect(input('Read-only 2')).toBeChecked();

    fireEvent.click(await screen.findByRole('button', { name: 'Remove volume 1' }));
    expect(yamlObject().spec.model.storage.volumes).toEqual([
      { name: 'weights', claimName: 'scratch', readOnly: true },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove volume 1' }));
    expect(yamlObject().spec.model).toEqual({ id: 'Qwen/Qwen3-0.6B' });
  });
});
