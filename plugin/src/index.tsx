/**
 * Registrations only. Every route is registered with Headlamp's cluster prefix (useClusterURL defaults to
 * true), so pages live at /c/<cluster>/airunway/... and follow Headlamp's cluster switching; the sidebar
 * lists only pages that exist.
 */
import { registerRoute, registerSidebarEntry } from '@kinvolk/headlamp-plugin/lib';
import { CapacityPage } from './components/capacity/CapacityPage';
import { ErrorBoundary } from './components/common/ErrorBoundary';
import { DeploymentDetails } from './components/deployments/DeploymentDetails';
import { DeploymentsList } from './components/deployments/DeploymentsList';
import { ROUTES } from './hooks/useAirunwayPaths';

registerSidebarEntry({
  parent: null,
  name: 'airunway',
  label: 'AI Runway',
  url: ROUTES.deployments,
  icon: 'mdi:rocket-launch-outline',
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
