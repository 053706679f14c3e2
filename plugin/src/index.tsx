/**
 * Registrations only. Every route is registered with Headlamp's cluster prefix (useClusterURL defaults to
 * true), so pages live at /c/<cluster>/airunway/... and follow Headlamp's cluster switching; the sidebar
 * lists only pages that exist.
 */
import {
  registerPluginSettings,
  registerRoute,
  registerSidebarEntry,
} from '@kinvolk/headlamp-plugin/lib';
import type { ComponentType } from 'react';
import { CapacityPage } from './components/capacity/CapacityPage';
import { ErrorBoundary } from './components/common/ErrorBoundary';
import { CreateDeploymentPage } from './components/create/CreateDeploymentPage';
import { EditDeploymentPage } from './components/create/EditDeploymentPage';
import { DeploymentDetails } from './components/deployments/DeploymentDetails';
import { DeploymentsList } from './components/deployments/DeploymentsList';
import { ModelsPage } from './components/models/ModelsPage';
import { RuntimesPage } from './components/runtimes/RuntimesPage';
import { HfOAuthCallbackPage } from './components/settings/HfOAuthCallbackPage';
import { PluginSettings } from './components/settings/PluginSettings';
import { SettingsPage } from './components/settings/SettingsPage';
import { ROUTES } from './hooks/useAirunwayPaths';
import { ProxyQueryProvider } from './proxy/QueryProvider';

/**
 * Every page gets the same frame: an error boundary that says which page failed, and the plugin's own
 * react-query client (Headlamp supplies none), which any tab or section of any page may use.
 */
function page(what: string, Page: ComponentType) {
  return () => (
    <ErrorBoundary what={what}>
      <ProxyQueryProvider>
        <Page />
      </ProxyQueryProvider>
    </ErrorBoundary>
  );
}

registerSidebarEntry({
  parent: null,
  name: 'airunway',
  label: 'AI Runway',
  url: ROUTES.deployments,
  icon: 'mdi:rocket-launch-outline',
});

// Models comes first: picking a model is where a deployment starts.
registerSidebarEntry({
  parent: 'airunway',
  name: 'airunway-models',
  label: 'Models',
  url: ROUTES.models,
});

registerSidebarEntry({
  parent: 'airunway',
  name: 'airunway-deployments',
  label: 'Deployments',
  url: ROUTES.deployments,
});

registerSidebarEntry({
  parent: 'airunway',
  name: 'airunway-capacity',
  label: 'GPU Capacity',
  url: ROUTES.capacity,
});

registerRoute({
  path: ROUTES.deployments,
  sidebar: 'airunway-deployments',
  name: 'airunway-deployments',
  exact: true,
  component: page('Model deployments', DeploymentsList),
});

registerRoute({
  path: ROUTES.createDeployment,
  sidebar: 'airunway-deployments',
  name: 'airunway-deployment-create',
  exact: true,
  component: page('Create model deployment', CreateDeploymentPage),
});

registerRoute({
  path: ROUTES.deployment,
  sidebar: 'airunway-deployments',
  name: 'airunway-deployment',
  exact: true,
  component: page('Model deployment', DeploymentDetails),
});

registerRoute({
  path: ROUTES.editDeployment,
  sidebar: 'airunway-deployments',
  name: 'airunway-deployment-edit',
  exact: true,
  component: page('Edit model deployment', EditDeploymentPage),
});

registerRoute({
  path: ROUTES.capacity,
  sidebar: 'airunway-capacity',
  name: 'airunway-capacity',
  exact: true,
  component: page('GPU capacity', CapacityPage),
});

registerRoute({
  path: ROUTES.models,
  sidebar: 'airunway-models',
  name: 'airunway-models',
  exact: true,
  component: page('Models', ModelsPage),
});

registerSidebarEntry({
  parent: 'airunway',
  name: 'airunway-runtimes',
  label: 'Runtimes',
  url: ROUTES.runtimes,
});

registerSidebarEntry({
  parent: 'airunway',
  name: 'airunway-settings',
  label: 'Settings',
  url: ROUTES.settings,
});

registerRoute({
  path: ROUTES.runtimes,
  sidebar: 'airunway-runtimes',
  name: 'airunway-runtimes',
  exact: true,
  component: page('Runtimes', RuntimesPage),
});

registerRoute({
  path: ROUTES.settings,
  sidebar: 'airunway-settings',
  name: 'airunway-settings',
  exact: true,
  component: page('AI Runway settings', SettingsPage),
});

// HuggingFace sends the browser back here after sign-in; the page saves the token and links to Settings.
registerRoute({
  path: ROUTES.hfOAuthCallback,
  sidebar: 'airunway-settings',
  name: 'airunway-settings-huggingface-callback',
  exact: true,
  component: page('HuggingFace sign-in', HfOAuthCallbackPage),
});

// Headlamp's Settings → Plugins screen: the proxy location per cluster (the package.json name is the key).
registerPluginSettings('ai-runway', PluginSettings, false);
