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
import { CapacityPage } from './components/capacity/CapacityPage';
import { ErrorBoundary } from './components/common/ErrorBoundary';
import { CreateDeploymentPage } from './components/create/CreateDeploymentPage';
import { EditDeploymentPage } from './components/create/EditDeploymentPage';
import { DeploymentDetails } from './components/deployments/DeploymentDetails';
import { DeploymentsList } from './components/deployments/DeploymentsList';
import { ModelsPage } from './components/models/ModelsPage';
import { RuntimesPage } from './components/runtimes/RuntimesPage';
import { PluginSettings } from './components/settings/PluginSettings';
import { SettingsPage } from './components/settings/SettingsPage';
import { ROUTES } from './hooks/useAirunwayPaths';
import { ProxyQueryProvider } from './proxy/QueryProvider';

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
  component: () => (
    <ErrorBoundary what="Model deployments">
      <DeploymentsList />
    </ErrorBoundary>
  ),
});

registerRoute({
  path: ROUTES.createDeployment,
  sidebar: 'airunway-deployments',
  name: 'airunway-deployment-create',
  exact: true,
  component: () => (
    <ErrorBoundary what="Create model deployment">
      <CreateDeploymentPage />
    </ErrorBoundary>
  ),
});

registerRoute({
  path: ROUTES.deployment,
  sidebar: 'airunway-deployments',
  name: 'airunway-deployment',
  exact: true,
  component: () => (
    <ErrorBoundary what="Model deployment">
      <DeploymentDetails />
    </ErrorBoundary>
  ),
});

registerRoute({
  path: ROUTES.editDeployment,
  sidebar: 'airunway-deployments',
  name: 'airunway-deployment-edit',
  exact: true,
  component: () => (
    <ErrorBoundary what="Edit model deployment">
      <EditDeploymentPage />
    </ErrorBoundary>
  ),
});

registerRoute({
  path: ROUTES.capacity,
  sidebar: 'airunway-capacity',
  name: 'airunway-capacity',
  exact: true,
  component: () => (
    <ErrorBoundary what="GPU capacity">
      <CapacityPage />
    </ErrorBoundary>
  ),
});

registerRoute({
  path: ROUTES.models,
  sidebar: 'airunway-models',
  name: 'airunway-models',
  exact: true,
  component: () => (
    <ErrorBoundary what="Models">
      <ProxyQueryProvider>
        <ModelsPage />
      </ProxyQueryProvider>
    </ErrorBoundary>
  ),
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
  component: () => (
    <ErrorBoundary what="Runtimes">
      <ProxyQueryProvider>
        <RuntimesPage />
      </ProxyQueryProvider>
    </ErrorBoundary>
  ),
});

registerRoute({
  path: ROUTES.settings,
  sidebar: 'airunway-settings',
  name: 'airunway-settings',
  exact: true,
  component: () => (
    <ErrorBoundary what="AI Runway settings">
      <ProxyQueryProvider>
        <SettingsPage />
      </ProxyQueryProvider>
    </ErrorBoundary>
  ),
});

// Headlamp's Settings → Plugins screen: the proxy location per cluster (the package.json name is the key).
registerPluginSettings('ai-runway', PluginSettings, false);
