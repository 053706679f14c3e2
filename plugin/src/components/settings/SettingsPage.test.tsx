import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pluginConfig } from '../../proxy/location';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { forbidden, notFound, pending, server, status } from '../../test/k8s';
import { apiServerStatus, proxy } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { SettingsPage } from './SettingsPage';

const API = '*/clusters/test-cluster/api/v1/namespaces';
const CONFIGMAP = `${API}/airunway-system/configmaps/airunway-config`;

function configMap(defaultNamespace: string) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'airunway-config', namespace: 'airunway-system', resourceVersion: '7' },
    data: { defaultNamespace, other: 'kept' },
  };
}

/** Secrets that exist, answered as metadata only (what the page asks for). */
function secrets(existing: Set<string>) {
  return http.get(`${API}/:namespace/secrets/hf-token`, ({ request, params }) => {
    expect(request.headers.get('Accept')).toContain('as=PartialObjectMetadata');
    const namespace = String(params.namespace);
    if (!existing.has(namespace)) return notFound(`secrets "hf-token" not found`);
    return HttpResponse.json({
      apiVersion: 'meta.k8s.io/v1',
      kind: 'PartialObjectMetadata',
      metadata: { name: 'hf-token', namespace },
    });
  });
}

function renderSettings() {
  return renderPage(<SettingsPage />, { url: '/airunway/settings', route: '/airunway/settings' });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  pluginConfig.set({});
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Settings page', () => {
  it('shows a loading state', async () => {
    server.use(
      http.get(CONFIGMAP, () => pending()),
      http.get(`${API}/:namespace/secrets/hf-token`, () => pending())
    );
    renderSettings();
    expect(
      await screen.findByRole('progressbar', { name: 'Loading cluster settings' })
    ).toBeInTheDocument();
  });

  it('shows the proxy location, the default namespace and where the token is', async () => {
    server.use(
      http.get(CONFIGMAP, () => HttpResponse.json(configMap('team-a'))),
      secrets(new Set(['team-a']))
    );
    const { container } = renderSettings();
    expect(
      await screen.findByText(/Currently team-a \(ConfigMap airunway-config/)
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Namespace')).toHaveValue('airunway-system');
    expect(screen.getByLabelText('Service name')).toHaveValue('airunway-proxy');
    expect(screen.getByLabelText('Service port (name or number)')).toHaveValue('http');
    expect(screen.getByLabelText('Namespaces')).toHaveValue('team-a');
    const list = screen.getByRole('list', { name: 'HuggingFace token per namespace' });
    expect(await within(list).findByText('Token saved')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Namespaces'), { target: { value: 'team-a, team-b' } });
    expect(await within(list).findByText('No token')).toBeInTheDocument();
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('creates airunway-config when it does not exist, and patches it when it does', async () => {
    const writes: { method: string; url: string; body: unknown; type: string | null }[] = [];
    let current: ReturnType<typeof configMap> | null = null;
    server.use(
      http.get(CONFIGMAP, () => (current ? HttpResponse.json(current) : notFound())),
      secrets(new Set()),
      http.post(`${API}/airunway-system/configmaps`, async ({ request }) => {
        const body = (await request.json()) as ReturnType<typeof configMap>;
        writes.push({
          method: 'POST',
          url: request.url,
          body,
          type: request.headers.get('Content-Type'),
        });
        current = { ...configMap('team-b'), data: { ...body.data, other: 'kept' } };
        return HttpResponse.json(current, { status: 201 });
      }),
      http.patch(CONFIGMAP, async ({ request }) => {
        const body = await request.json();
        writes.push({
          method: 'PATCH',
          url: request.url,
          body,
          type: request.headers.get('Content-Type'),
        });
        return HttpResponse.json(current);
      })
    );
    renderSettings();
    expect(await screen.findByText(/Not set on this cluster/)).toBeInTheDocument();
    const field = screen.getByLabelText('Default namespace');
    fireEvent.change(field, { target: { value: 'Team B' } });
    expect(screen.getByRole('button', { name: 'Save default namespace' })).toBeDisabled();
    fireEvent.change(field, { target: { value: 'team-b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save default namespace' }));
    expect(await screen.findByText('Default namespace saved.')).toBeInTheDocument();
    expect(await screen.findByText(/Currently team-b/)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Default namespace'), { target: { value: 'team-c' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save default namespace' }));
    await waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[0]).toEqual({
      method: 'POST',
      url: expect.stringContaining('/api/v1/namespaces/airunway-system/configmaps'),
      type: 'application/json',
      body: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'airunway-config', namespace: 'airunway-system' },
        data: { defaultNamespace: 'team-b' },
      },
    });
    expect(writes[1]).toMatchObject({
      method: 'PATCH',
      type: 'application/merge-patch+json',
      body: { data: { defaultNamespace: 'team-c' } },
    });
  });

  it('names the missing permission when the ConfigMap cannot be created', async () => {
    server.use(
      http.get(CONFIGMAP, () => notFound()),
      secrets(new Set()),
      http.post(`${API}/airunway-system/configmaps`, () =>
        forbidden('create', 'configmaps', '', 'airunway-system')
      )
    );
    renderSettings();
    fireEvent.change(await screen.findByLabelText('Default namespace'), {
      target: { value: 'team-b' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save default namespace' }));
    expect(
      await findAlert('not allowed to create configmaps in namespace airunway-system')
    ).toBeInTheDocument();
  });

  it('names the missing permission when the ConfigMap cannot be read, and shows other errors', async () => {
    server.use(
      http.get(CONFIGMAP, () => forbidden('get', 'configmaps', '', 'airunway-system')),
      secrets(new Set())
    );
    const view = renderSettings();
    expect(
      await findAlert('not allowed to get configmaps in namespace airunway-system')
    ).toBeInTheDocument();
    view.unmount();
    server.use(
      http.get(CONFIGMAP, () => status(500, 'InternalError', 'etcdserver: request timed out'))
    );
    renderSettings();
    expect(await findAlert('etcdserver: request timed out')).toBeInTheDocument();
  });

  it('validates, tests and saves the proxy location for this cluster', async () => {
    server.use(
      http.get(CONFIGMAP, () => notFound()),
      secrets(new Set()),
      http.get(
        '*/clusters/test-cluster/api/v1/namespaces/ops/services/runway:8080/proxy/api/health',
        () => HttpResponse.json({ status: 'ok', timestamp: '2026-11-22T09:00:00Z' })
      )
    );
    renderSettings();
    const namespace = await screen.findByLabelText('Namespace');
    fireEvent.change(namespace, { target: { value: '../secrets' } });
    expect(screen.getByRole('button', { name: 'Save proxy location' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeDisabled();
    fireEvent.change(namespace, { target: { value: 'ops' } });
    fireEvent.change(screen.getByLabelText('Service name'), { target: { value: 'runway' } });
    fireEvent.change(screen.getByLabelText('Service port (name or number)'), {
      target: { value: '8080' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(
      await screen.findByText('The proxy answered its health check (2026-11-22T09:00:00Z).')
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save proxy location' }));
    expect(await screen.findByText(/Saved for cluster test-cluster/)).toBeInTheDocument();
    expect(pluginConfig.get()).toEqual({
      clusters: { 'test-cluster': { namespace: 'ops', service: 'runway', port: '8080' } },
    });
  });

  it('says which permission is missing when the connection test is refused', async () => {
    server.use(
      http.get(CONFIGMAP, () => notFound()),
      secrets(new Set()),
      proxy.on('health', () =>
        apiServerStatus(
          403,
          'services "airunway-proxy" is forbidden: User "alice" cannot get resource "services/proxy" in API group "" in the namespace "airunway-system"'
        )
      )
    );
    renderSettings();
    fireEvent.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(
      await findAlert(
        'may not "get" on services/proxy "airunway-proxy" in namespace airunway-system'
      )
    ).toBeInTheDocument();
  });

  it('writes exactly the hf-token Secret, replaces an existing one, and keeps nothing in browser storage', async () => {
    const existing = new Set(['team-b']);
    const writes: { method: string; path: string; body: unknown }[] = [];
    server.use(
      http.get(CONFIGMAP, () => HttpResponse.json(configMap('team-a'))),
      secrets(existing),
      http.post(`${API}/:namespace/secrets`, async ({ request, params }) => {
        const namespace = String(params.namespace);
        writes.push({
          method: 'POST',
          path: new URL(request.url).pathname,
          body: await request.json(),
        });
        if (existing.has(namespace))
          return status(409, 'AlreadyExists', 'secrets "hf-token" already exists');
        existing.add(namespace);
        return HttpResponse.json({}, { status: 201 });
      }),
      http.put(`${API}/:namespace/secrets/hf-token`, async ({ request }) => {
        writes.push({
          method: 'PUT',
          path: new URL(request.url).pathname,
          body: await request.json(),
        });
        return HttpResponse.json({});
      })
    );
    const { container } = renderSettings();
    const namespaces = await screen.findByLabelText('Namespaces');
    await waitFor(() => expect(namespaces).toHaveValue('team-a'));
    fireEvent.change(namespaces, { target: { value: 'team-a, team-b' } });
    // Headlamp itself keeps a per-browser user id (headlamp-userId, read on every cluster request) and
    // the plugin configs (pluginConfigs, re-persisted by its store at moments that depend on timing) in
    // localStorage. Those keys are not ours and exist before the token is typed; nothing else may be
    // written, and nothing written may hold the token.
    const HEADLAMP_KEYS = ['headlamp-userId', 'pluginConfigs'];
    expect(Object.keys(localStorage).every(key => HEADLAMP_KEYS.includes(key))).toBe(true);
    const storageWrites = vi.spyOn(Storage.prototype, 'setItem');
    const token = screen.getByLabelText('HuggingFace access token');
    fireEvent.change(token, { target: { value: 'hf_abcDEF123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save token' }));
    expect(await screen.findByText('Token saved in team-a, team-b.')).toBeInTheDocument();
    expect(token).toHaveValue('');

    const secret = (namespace: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'hf-token', namespace },
      type: 'Opaque',
      stringData: { HF_TOKEN: 'hf_abcDEF123' },
    });
    expect(writes).toEqual([
      {
        method: 'POST',
        path: '/clusters/test-cluster/api/v1/namespaces/team-a/secrets',
        body: secret('team-a'),
      },
      {
        method: 'POST',
        path: '/clusters/test-cluster/api/v1/namespaces/team-b/secrets',
        body: secret('team-b'),
      },
      {
        method: 'PUT',
        path: '/clusters/test-cluster/api/v1/namespaces/team-b/secrets/hf-token',
        body: secret('team-b'),
      },
    ]);
    for (const [key, value] of storageWrites.mock.calls) {
      expect(HEADLAMP_KEYS).toContain(key);
      expect(value).not.toContain('hf_abcDEF123');
    }
    storageWrites.mockRestore();
    expect(sessionStorage.length).toBe(0);
    for (const key of Object.keys(localStorage)) {
      expect(HEADLAMP_KEYS).toContain(key);
      expect(localStorage.getItem(key)).not.toContain('hf_abcDEF123');
    }
    expect(container.innerHTML).not.toContain('hf_abcDEF123');
    const list = screen.getByRole('list', { name: 'HuggingFace token per namespace' });
    await waitFor(() => expect(within(list).getAllByText('Token saved')).toHaveLength(2));
  });

  it('names the missing permission when a Secret cannot be created', async () => {
    server.use(
      http.get(CONFIGMAP, () => HttpResponse.json(configMap('team-a'))),
      secrets(new Set()),
      http.post(`${API}/:namespace/secrets`, () => forbidden('create', 'secrets', '', 'team-a'))
    );
    renderSettings();
    await waitFor(() => expect(screen.getByLabelText('Namespaces')).toHaveValue('team-a'));
    fireEvent.change(screen.getByLabelText('HuggingFace access token'), {
      target: { value: 'hf_abc' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save token' }));
    expect(
      await findAlert('not allowed to create secrets in namespace team-a')
    ).toBeInTheDocument();
  });

  it('deletes the token after confirmation', async () => {
    const existing = new Set(['team-a']);
    const deleted: string[] = [];
    server.use(
      http.get(CONFIGMAP, () => HttpResponse.json(configMap('team-a'))),
      secrets(existing),
      http.delete(`${API}/:namespace/secrets/hf-token`, ({ params }) => {
        deleted.push(String(params.namespace));
        existing.delete(String(params.namespace));
        return HttpResponse.json({ kind: 'Status', status: 'Success' });
      })
    );
    renderSettings();
    const list = await screen.findByRole('list', { name: 'HuggingFace token per namespace' });
    expect(await within(list).findByText('Token saved')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Delete token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the HuggingFace token?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete token' }));
    expect(await screen.findByText('Token deleted from team-a.')).toBeInTheDocument();
    expect(deleted).toEqual(['team-a']);
    expect(await within(list).findByText('No token')).toBeInTheDocument();
  });
});
