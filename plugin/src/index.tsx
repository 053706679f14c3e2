import { registerRoute, registerSidebarEntry } from '@kinvolk/headlamp-plugin/lib';
import { OverviewPage } from './components/overview/OverviewPage';

// The sidebar entry every page of the plugin hangs under. Later pages add children with
// `parent: 'airunway'`; the routes all live under /c/:cluster/airunway so cluster switching follows the URL.
registerSidebarEntry({
  parent: null,
  name: 'airunway',
  label: 'AI Runway',
  url: '/airunway',
  icon: 'mdi:rocket-launch-outline',
});

registerRoute({
  path: '/airunway',
  sidebar: 'airunway',
  name: 'airunway',
  exact: true,
  component: () => <OverviewPage />,
});
