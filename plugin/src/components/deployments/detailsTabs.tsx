/**
 * The tabs of the deployment details page, in order. Adding a tab is one entry here: `id` is what the URL
 * carries (`?tab=<id>`), `label` is translated at render time, `render` draws the panel (only the selected
 * panel is mounted, so a tab's requests and streams stop when the user leaves it).
 */
import type { ReactNode } from 'react';
import type { DeploymentDetails } from '../../hooks/useDeploymentDetails';
import type { ModelDeployment } from '../../resources/modelDeployment';
import { PerformanceTab } from '../performance/PerformanceTab';
import { PlaygroundTab } from '../playground/PlaygroundTab';
import { LogsTab } from './LogsTab';
import { ManifestTab } from './ManifestTab';
import { OverviewTab } from './OverviewTab';

type Translate = (text: string) => string;

export interface DetailsTab {
  /** Stable, URL-safe: links with `?tab=<id>` must keep working. */
  id: string;
  label: (t: Translate) => string;
  /** `details` carries what the page already watches (pods, events), so tabs need not list them again. */
  render: (deployment: ModelDeployment, details: DeploymentDetails) => ReactNode;
}

export const DETAILS_TABS: readonly DetailsTab[] = [
  {
    id: 'overview',
    label: t => t('Overview'),
    render: (deployment, details) => <OverviewTab deployment={deployment} details={details} />,
  },
  {
    id: 'logs',
    label: t => t('Logs'),
    render: (deployment, details) => (
      <LogsTab
        namespace={deployment.getNamespace() ?? ''}
        pods={details.pods}
        podsError={details.podsError}
      />
    ),
  },
  {
    id: 'performance',
    label: t => t('Performance'),
    render: (deployment, details) => <PerformanceTab deployment={deployment} pods={details.pods} />,
  },
  {
    id: 'playground',
    label: t => t('Playground'),
    render: (deployment, details) => (
      <PlaygroundTab deployment={deployment} pods={details.pods} podsError={details.podsError} />
    ),
  },
  {
    id: 'manifest',
    label: t => t('Manifest'),
    render: deployment => <ManifestTab deployment={deployment} />,
  },
];

/** The tab a `?tab=` value names, or the first tab for a missing or unknown value. */
export function selectedTab(tabs: readonly DetailsTab[], id: string | null): DetailsTab {
  return tabs.find(tab => tab.id === id) ?? (tabs[0] as DetailsTab);
}
