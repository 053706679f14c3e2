import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';

/**
 * Shown when the API server does not know `modeldeployments.airunway.ai` (a 404 on the list): the cluster
 * needs the AI Runway controller, which ships the CRD.
 */
export function CrdMissingBanner() {
  const { t } = useTranslation();
  return (
    <Alert severity="info" role="status">
      <AlertTitle>{t('AI Runway is not installed on this cluster')}</AlertTitle>
      {t(
        'The ModelDeployment resource (modeldeployments.airunway.ai) does not exist here. Install the AI Runway controller from AI Runway → Runtimes, or for a development cluster apply the CRD: kubectl apply -f headlamp-config/crds/modeldeployments.airunway.ai.yaml'
      )}
    </Alert>
  );
}
