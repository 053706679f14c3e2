import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Stack from '@mui/material/Stack';
import { useClusterConfig } from '../../hooks/useClusterConfig';
import { AiConfiguratorSection } from './AiConfiguratorSection';
import { CLUSTER_CONFIG } from './clusterConfig';
import { CostOptionsSection } from './CostOptionsSection';
import { DefaultNamespaceSection } from './DefaultNamespaceSection';
import { HfTokenSection } from './HfTokenSection';
import { ProxyLocationSection } from './ProxyLocationSection';

/**
 * AI Runway settings for the cluster being viewed: where this viewer reaches the proxy (plugin config),
 * the cluster's default namespace, AI Configurator defaults and cost options (ConfigMap), and the
 * HuggingFace token (Secrets, pasted or from signing in with HuggingFace).
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const config = useClusterConfig();
  const defaultNamespace = config.data?.data?.[CLUSTER_CONFIG.defaultNamespaceKey];
  return (
    <Stack spacing={1}>
      <SectionBox title={t('AI Runway proxy on cluster {{cluster}}', { cluster: config.cluster })}>
        <ProxyLocationSection cluster={config.cluster} />
      </SectionBox>
      <SectionBox title={t('Default namespace')}>
        <DefaultNamespaceSection />
      </SectionBox>
      <SectionBox title={t('HuggingFace token')}>
        <HfTokenSection {...(defaultNamespace ? { defaultNamespace } : {})} />
      </SectionBox>
      <SectionBox title={t('AI Configurator')}>
        <AiConfiguratorSection />
      </SectionBox>
      <SectionBox title={t('Costs')}>
        <CostOptionsSection />
      </SectionBox>
    </Stack>
  );
}
