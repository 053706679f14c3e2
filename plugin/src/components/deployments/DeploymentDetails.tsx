/**
 * One ModelDeployment: a header with its name and Delete, then tabs (see detailsTabs.tsx). The selected
 * tab lives in the URL (`?tab=`) so it survives a reload and can be linked to.
 */
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { Link as RouterLink, useHistory, useLocation, useParams } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { useDeploymentDetails } from '../../hooks/useDeploymentDetails';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { CrdMissingBanner } from '../common/CrdMissingBanner';
import { DeleteDeploymentButton } from './DeleteDeploymentButton';
import { DETAILS_TABS, selectedTab } from './detailsTabs';

const tabId = (id: string) => `airunway-details-tab-${id}`;
const panelId = (id: string) => `airunway-details-tabpanel-${id}`;

export function DeploymentDetails() {
  const { t } = useTranslation();
  const { namespace, name } = useParams<{ namespace: string; name: string }>();
  const paths = useAirunwayPaths();
  const history = useHistory();
  const location = useLocation();
  const details = useDeploymentDetails(namespace, name);
  const { deployment, deploymentError } = details;

  if (deploymentError) {
    return (
      <SectionBox title={name} backLink={paths.deployments()}>
        <ApiErrorBanner
          error={deploymentError}
          intent={{ verb: 'get', resource: 'modeldeployments.airunway.ai', namespace }}
          notFound={
            // A missing object names itself in the 404 message; a missing CRD does not.
            deploymentError.message?.includes(`"${name}"`) ? undefined : <CrdMissingBanner />
          }
        />
      </SectionBox>
    );
  }
  if (!deployment) return <Loader title={t('Loading model deployment {{name}}', { name })} />;

  const tab = selectedTab(DETAILS_TABS, new URLSearchParams(location.search).get('tab'));
  function selectTab(id: string) {
    const query = new URLSearchParams(location.search);
    query.set('tab', id);
    // replace, not push: switching tabs should not fill the Back button's history.
    history.replace({ pathname: location.pathname, search: `?${query.toString()}` });
  }

  return (
    <Box>
      <SectionBox
        backLink={paths.deployments()}
        title={name}
        headerProps={{
          actions: [
            <Button
              key="edit"
              component={RouterLink}
              to={paths.editDeployment(deployment.getNamespace() ?? '', deployment.getName())}
              variant="outlined"
            >
              {t('Edit')}
            </Button>,
            <DeleteDeploymentButton
              key="delete"
              deployment={deployment}
              afterDelete={paths.deployments()}
            />,
          ],
        }}
      >
        {/* selectionFollowsFocus: arrow keys move between tabs and show them (automatic activation). */}
        <Tabs
          value={tab.id}
          onChange={(_, id: string) => selectTab(id)}
          aria-label={t('Model deployment {{name}} sections', { name })}
          selectionFollowsFocus
          variant="scrollable"
        >
          {DETAILS_TABS.map(item => (
            <Tab
              key={item.id}
              value={item.id}
              label={item.label(t)}
              id={tabId(item.id)}
              aria-controls={panelId(item.id)}
            />
          ))}
        </Tabs>
      </SectionBox>
      <Box role="tabpanel" id={panelId(tab.id)} aria-labelledby={tabId(tab.id)}>
        {tab.render(deployment, details)}
      </Box>
    </Box>
  );
}
