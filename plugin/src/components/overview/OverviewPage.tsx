import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import { useTranslation } from 'react-i18next';

export function OverviewPage() {
  const { t } = useTranslation();
  return (
    <SectionBox title={t('AI Runway')}>
      {t('Deploy and operate LLM inference on this cluster.')}
    </SectionBox>
  );
}
