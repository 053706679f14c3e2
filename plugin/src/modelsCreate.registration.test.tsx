import './test/setup';
// Loaded at collection time (vi.mock below is hoisted above it), as in index.test.tsx.
import './index';
import { describe, expect, it, vi } from 'vitest';

const registered = vi.hoisted(() => ({ sidebar: [] as any[], routes: [] as any[] }));

vi.mock('@kinvolk/headlamp-plugin/lib', async original => ({
  ...(await original<typeof import('@kinvolk/headlamp-plugin/lib')>()),
  registerSidebarEntry: (entry: unknown) => registered.sidebar.push(entry),
  registerRoute: (route: unknown) => registered.routes.push(route),
  registerPluginSettings: () => undefined,
}));

describe('Models and Create deployment registrations', () => {
  it('puts Models first under AI Runway and registers both pages on cluster-scoped routes', () => {
    const children = registered.sidebar.filter(entry => entry.parent === 'airunway');
    expect([children[0]?.name, children[0]?.label, children[0]?.url]).toEqual([
      'airunway-models',
      'Models',
      '/airunway/models',
    ]);
    const routes = registered.routes.filter(route =>
      ['/airunway/models', '/airunway/deployments/new'].includes(route.path)
    );
    expect(
      routes.map(route => [route.path, route.sidebar, route.exact, route.useClusterURL])
    ).toEqual([
      ['/airunway/deployments/new', 'airunway-deployments', true, undefined],
      ['/airunway/models', 'airunway-models', true, undefined],
    ]);
  });
});
