import './test/setup';
// Loaded at collection time (vi.mock below is hoisted above it), so the heavy Headlamp lib does not eat the test's timeout.
import './index';
import { describe, expect, it, vi } from 'vitest';

const registered = vi.hoisted(() => ({ sidebar: [] as any[], routes: [] as any[] }));

vi.mock('@kinvolk/headlamp-plugin/lib', async original => ({
  ...(await original<typeof import('@kinvolk/headlamp-plugin/lib')>()),
  registerSidebarEntry: (entry: unknown) => registered.sidebar.push(entry),
  registerRoute: (route: unknown) => registered.routes.push(route),
}));

describe('plugin registrations', () => {
  it('lists only the pages that exist, under the AI Runway entry, on cluster-scoped routes', () => {
    expect(
      registered.sidebar.map(entry => [entry.parent, entry.name, entry.label, entry.url])
    ).toEqual([
      [null, 'airunway', 'AI Runway', '/airunway/deployments'],
      ['airunway', 'airunway-models', 'Models', '/airunway/models'],
      ['airunway', 'airunway-deployments', 'Deployments', '/airunway/deployments'],
      ['airunway', 'airunway-capacity', 'GPU Capacity', '/airunway/capacity'],
      ['airunway', 'airunway-runtimes', 'Runtimes', '/airunway/runtimes'],
      ['airunway', 'airunway-settings', 'Settings', '/airunway/settings'],
    ]);
    // Every sidebar URL has a route; none opts out of the /c/<cluster> prefix.
    const paths = registered.routes.map(route => route.path);
    for (const entry of registered.sidebar) expect(paths).toContain(entry.url);
    expect(paths).toEqual([
      '/airunway/deployments',
      '/airunway/deployments/new',
      '/airunway/deployments/:namespace/:name',
      '/airunway/deployments/:namespace/:name/edit',
      '/airunway/capacity',
      '/airunway/models',
      '/airunway/runtimes',
      '/airunway/settings',
      '/airunway/settings/huggingface-callback',
    ]);
    expect(registered.routes.every(route => route.useClusterURL !== false)).toBe(true);
  });
});
