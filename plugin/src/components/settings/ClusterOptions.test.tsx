import '../../test/setup';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useAiConfiguratorOptions } from '../../hooks/useAiConfiguratorOptions';
import { ROUTES } from '../../hooks/useAirunwayPaths';
import { useCostOptions } from '../../hooks/useCostOptions';
import { pluginConfig } from '../../proxy/location';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { forbidden, notFound, server } from '../../test/k8s';
import { proxy } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { SettingsPage } from './SettingsPage';

const API = '*/clusters/test-cluster/api/v1/namespaces';
const CONFIGMAP = `${API}/airunway-system/configmaps/airunway-config`;

type ConfigMap = {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: { name: string; namespace: string; resourceVersion: string };
  data: Record<string, string>;
};

function configMap(data: Record<string, string>): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'airunway-config', namespace: 'airunway-system', resourceVersion: '7' },
    data,
  };
}

/**
 * A fake airunway-config that applies creates and merge patches like the API server, so what the page
 * reads back after saving is what it wrote; every write is recorded.
 */
function configMapStore(initial: ConfigMap | null) {
  let current = initial;
  const writes: { method: string; path: string; body: unknown; type: string | null }[] = [];
  server.use(
    http.get(CONFIGMAP, () => (current ? HttpResponse.json(current) : notFound())),
    http.post(`${API}/airunway-system/configmaps`, async ({ request }) => {
      const body = (await request.json()) as ConfigMap;
      writes.push({
        method: 'POST',
        path: new URL(request.url).pathname,
        body,
        type: request.headers.get('Content-Type'),
      });
      current = configMap(body.data);
      return HttpResponse.json(current, { status: 201 });
    }),
    http.patch(CONFIGMAP, async ({ request }) => {
      const body = (await request.json()) as { data: Record<string, string | null> };
      writes.push({
        method: 'PATCH',
        path: new URL(request.url).pathname,
        body,
        type: request.headers.get('Content-Type'),
      });
      const data = { ...current?.data };
      for (const [key, value] of Object.entries(body.data)) {
        if (value === null) delete data[key];
        else data[key] = value;
      }
      current = configMap(data);
      return HttpResponse.json(current);
    }),
    http.get(`${API}/:namespace/secrets/hf-token`, () => notFound())
  );
  return writes;
}

/** What the exported hooks give the create form (and cost views) on this cluster. */
function OptionsProbe() {
  const ai = useAiConfiguratorOptions();
  const costs = useCostOptions();
  return <output aria-label="options in use">{JSON.stringify({ ai, costs })}</output>;
}

function renderSettings() {
  return renderPage(
    <>
      <SettingsPage />
      <OptionsProbe />
    </>,
    { url: ROUTES.settings, route: ROUTES.settings }
  );
}

function optionsInUse() {
  return JSON.parse(screen.getByRole('status', { name: 'options in use' }).textContent ?? '{}');
}

function form(name: string) {
  return screen.getByRole('form', { name });
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  pluginConfig.set({});
  server.use(proxy.on('hfOAuthConfig', () => ({ clientId: '', authorizeUrl: '', scopes: [] })));
});
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('AI Configurator and cost options', () => {
  it('shows the AI Configurator status from the proxy, and defaults when nothing is saved', async () => {
    configMapStore(null);
    server.use(
      proxy.on('aiConfiguratorStatus', () => ({
        available: true,
        version: '0.4.0',
        runningInCluster: true,
      }))
    );
    const { container } = renderSettings();
    expect(await screen.findByText('AI Configurator 0.4.0 is available')).toBeInTheDocument();
    expect(await screen.findByLabelText('Hours per month')).toHaveValue('730');
    expect(screen.getByRole('radio', { name: 'Throughput' })).toBeChecked();
    expect(screen.getByLabelText('Maximum latency (ms)')).toHaveValue('');
    expect(screen.getByRole('checkbox', { name: /Prefer real-time prices/ })).toBeChecked();
    expect(optionsInUse()).toEqual({
      ai: { optimizeFor: 'throughput' },
      costs: { hoursPerMonth: 730, preferRealtime: true },
    });
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('says when the proxy cannot run the AI Configurator', async () => {
    configMapStore(null);
    server.use(
      proxy.on('aiConfiguratorStatus', () => ({
        available: false,
        error: 'aiconfigurator is not installed in the proxy image',
      }))
    );
    renderSettings();
    expect(await screen.findByText('AI Configurator is not available')).toBeInTheDocument();
    expect(
      screen.getByText(/falls back to built-in rules.*aiconfigurator is not installed/)
    ).toBeInTheDocument();
  });

  it('saves the AI Configurator defaults for this cluster, creating airunway-config, and rejects a bad latency', async () => {
    const writes = configMapStore(null);
    server.use(proxy.on('aiConfiguratorStatus', () => ({ available: true })));
    renderSettings();
    const ai = await waitFor(() => form('AI Configurator defaults'));
    const latency = within(ai).getByLabelText('Maximum latency (ms)');
    fireEvent.click(within(ai).getByRole('radio', { name: 'Latency' }));
    fireEvent.change(latency, { target: { value: '12.5' } });
    expect(
      within(ai).getByText(/Enter a whole number of milliseconds from 1 to 600000/)
    ).toBeInTheDocument();
    expect(latency).toHaveAttribute('aria-invalid', 'true');
    fireEvent.click(within(ai).getByRole('button', { name: 'Save AI Configurator defaults' }));
    fireEvent.change(latency, { target: { value: '0' } });
    fireEvent.submit(ai);
    expect(writes).toEqual([]);

    fireEvent.change(latency, { target: { value: '2500' } });
    expect(latency).toHaveAttribute('aria-invalid', 'false');
    fireEvent.click(within(ai).getByRole('button', { name: 'Save AI Configurator defaults' }));
    expect(
      await screen.findByText('AI Configurator defaults saved for this cluster.')
    ).toBeInTheDocument();
    expect(writes).toEqual([
      {
        method: 'POST',
        path: '/clusters/test-cluster/api/v1/namespaces/airunway-system/configmaps',
        type: 'application/json',
        body: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'airunway-config', namespace: 'airunway-system' },
          data: { aiConfiguratorOptimizeFor: 'latency', aiConfiguratorMaxLatencyMs: '2500' },
        },
      },
    ]);
    await waitFor(() =>
      expect(optionsInUse().ai).toEqual({ optimizeFor: 'latency', maxLatencyMs: 2500 })
    );

    // Clearing the limit removes the key (merge patch null) and keeps the rest.
    fireEvent.change(latency, { target: { value: '' } });
    fireEvent.click(within(ai).getByRole('button', { name: 'Save AI Configurator defaults' }));
    await waitFor(() => expect(optionsInUse().ai).toEqual({ optimizeFor: 'latency' }));
    expect(writes[1]).toMatchObject({
      method: 'PATCH',
      type: 'application/merge-patch+json',
      body: { data: { aiConfiguratorOptimizeFor: 'latency', aiConfiguratorMaxLatencyMs: null } },
    });
  });

  it('saves cost options into the existing airunway-config, and saves nothing for invalid hours', async () => {
    const writes = configMapStore(
      configMap({ defaultNamespace: 'team-a', costHoursPerMonth: '700', other: 'kept' })
    );
    server.use(proxy.on('aiConfiguratorStatus', () => ({ available: true })));
    const { container } = renderSettings();
    const hours = await screen.findByLabelText('Hours per month');
    await waitFor(() => expect(hours).toHaveValue('700'));
    await waitFor(() => expect(optionsInUse().costs.hoursPerMonth).toBe(700));
    const costs = form('Cost options');

    for (const bad of ['800', '0', 'lots', '']) {
      fireEvent.change(hours, { target: { value: bad } });
      expect(
        within(costs).getByText('Enter a whole number of hours from 1 to 744')
      ).toBeInTheDocument();
      fireEvent.click(within(costs).getByRole('button', { name: 'Save cost options' }));
    }
    expect(await seriousA11yViolations(container)).toEqual([]);
    expect(writes).toEqual([]);
    expect(screen.queryByText('Cost options saved for this cluster.')).toBeNull();

    fireEvent.change(hours, { target: { value: '744' } });
    fireEvent.click(within(costs).getByRole('checkbox', { name: /Prefer real-time prices/ }));
    fireEvent.click(within(costs).getByRole('button', { name: 'Save cost options' }));
    expect(await screen.findByText('Cost options saved for this cluster.')).toBeInTheDocument();
    expect(writes).toEqual([
      {
        method: 'PATCH',
        path: '/clusters/test-cluster/api/v1/namespaces/airunway-system/configmaps/airunway-config',
        type: 'application/merge-patch+json',
        body: { data: { costHoursPerMonth: '744', costPreferRealtime: 'false' } },
      },
    ]);
    await waitFor(() =>
      expect(optionsInUse().costs).toEqual({ hoursPerMonth: 744, preferRealtime: false })
    );
    // The other settings on the cluster are untouched.
    expect(screen.getByText(/Currently team-a/)).toBeInTheDocument();
  });

  it('falls back to the defaults for values edited by hand into something invalid', async () => {
    configMapStore(
      configMap({
        aiConfiguratorOptimizeFor: 'speed',
        aiConfiguratorMaxLatencyMs: '-5',
        costHoursPerMonth: '9999',
        costPreferRealtime: 'false',
      })
    );
    server.use(proxy.on('aiConfiguratorStatus', () => ({ available: true })));
    renderSettings();
    await waitFor(() =>
      expect(optionsInUse()).toEqual({
        ai: { optimizeFor: 'throughput' },
        costs: { hoursPerMonth: 730, preferRealtime: false },
      })
    );
    expect(screen.getByLabelText('Hours per month')).toHaveValue('730');
  });

  it('names the missing permission when the options cannot be saved', async () => {
    configMapStore(configMap({ defaultNamespace: 'team-a' }));
    server.use(
      proxy.on('aiConfiguratorStatus', () => ({ available: true })),
      http.patch(CONFIGMAP, () => forbidden('patch', 'configmaps', '', 'airunway-system'))
    );
    renderSettings();
    const hours = await screen.findByLabelText('Hours per month');
    fireEvent.change(hours, { target: { value: '720' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save cost options' }));
    expect(
      await findAlert('not allowed to patch configmaps in namespace airunway-system')
    ).toBeInTheDocument();
    expect(screen.queryByText('Cost options saved for this cluster.')).toBeNull();
  });
});
