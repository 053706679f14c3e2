import './test/setup';
// Loaded at collection time (vi.mock below is hoisted above it), as in index.test.tsx.
import './index';
import { describe, expect, it, vi } from 'vitest';

const registered = vi.hoisted(() => ({
  sidebar: [] as any[],
  routes: [] as any[],
  settings: [] as any[],
}));

vi.mock('@kinvolk/headlamp-plugin/lib', async original => ({
  ...(await original<typeof import('@kinvolk/headlamp-plugin/lib')>()),
  registerSidebarEntry: (entry: unknown) => registered.sidebar.push(entry),
  registerRoute: (route: unknown) => registered.routes.push(route),
  registerPluginSettings: (...args: unknown[]) => registered.settings.push(args),
}));

describe('Runtimes and Settings registrations', () => {
  it('adds both pages under AI Runway on cluster-scoped routes, and the plugin settings screen', () => {
    const entries = registered.sidebar.map(entry => [
      entry.parent,
      entry.name,
      entry.label,
      entry.url,
    ]);
    expect(entries).toContainEqual([
      'airunway',
      'airunway-runtimes',
      'Runtimes',
      '/airunway/runtimes',
    ]);
    expect(entries).toContainEqual([
      'airunway',
      'airunway-settings',
      'Settings',
      '/airunway/settings',
    ]);
    const routes = registered.routes.filter(route =>
      ['/airunway/runtimes', '/airunway/settings'].includes(route.path)
    );
    expect(routes.map(route => [route.path, route.sidebar, route.useClusterURL])).toEqual([
      ['/airunway/runtimes', 'airunway-runtimes', undefined],
      ['/airunway/settings', 'airunway-settings', undefined],
    ]);
    expect(registered.settings).toHaveLength(1);
    expect(registered.settings[0][0]).toBe('ai-runway');
    expect(registered.settings[0][2]).toBe(false);
  });
});
