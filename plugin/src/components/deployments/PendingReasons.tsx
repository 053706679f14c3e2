import type { AutoscalerDetection } from '@airunway/shared-client/autoscaler';
import type { PendingReason } from '@airunway/shared-client/pending';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Stack from '@mui/material/Stack';
import type { AutoscalerResult } from '../../hooks/useAutoscaler';
import { labelOf, useEnumLabels } from '../common/enumLabels';
import { useShortageText } from './useShortageText';

/**
 * What an autoscaler means for this reason: shared-client says whether a new node could help; the cluster's
 * autoscaler status says whether one will come.
 */
function useAutoscalerAdvice() {
  const { t } = useTranslation();
  return (reason: PendingReason, autoscaler: AutoscalerResult): string => {
    if (
      reason.category === 'autoscaler-scaling-up' ||
      reason.category === 'autoscaler-cannot-scale'
    )
      return '';
    if (!reason.canAutoscalerHelp) {
      return t(
        'Adding nodes would not help here: change the deployment or the nodes as described above.'
      );
    }
    const detection: AutoscalerDetection | null = autoscaler.detection;
    if (autoscaler.error) {
      return t(
        'A new node would help, but whether this cluster autoscales is unknown: the autoscaler status could not be read ({{message}}).',
        {
          message: autoscaler.error.message ?? autoscaler.error.status,
        }
      );
    }
    if (!detection) return '';
    if (!detection.detected) {
      return t(
        'A new node would help, but no cluster autoscaler was detected: add a suitable node yourself. {{message}}',
        {
          message: detection.message,
        }
      );
    }
    if (!detection.healthy) {
      return t('A new node would help, but the autoscaler is not healthy: {{message}}', {
        message: detection.message,
      });
    }
    return t(
      'The cluster autoscaler can add a node for this; the pod should be scheduled once the node joins. ({{message}})',
      {
        message: detection.message,
      }
    );
  };
}

export function PendingReasons(props: { reasons: PendingReason[]; autoscaler: AutoscalerResult }) {
  const { t } = useTranslation();
  const advice = useAutoscalerAdvice();
  const labels = useEnumLabels();
  const shortageText = useShortageText();
  if (props.reasons.length === 0) return null;
  return (
    <SectionBox title={t('Why pods are pending')}>
      <Stack spacing={1}>
        {props.reasons.map(reason => {
          const extra = advice(reason, props.autoscaler);
          return (
            <Alert key={`${reason.reason}:${reason.message}`} severity="warning">
              <AlertTitle>
                {reason.resourceType
                  ? t('{{reason}}: not enough {{resource}}', {
                      reason: reason.reason,
                      resource: reason.resourceType.toUpperCase(),
                    })
                  : `${reason.reason}: ${labelOf(labels.pendingCategory, reason.category)}`}
                {reason.count && reason.count > 1
                  ? ` (${t('seen {{count}} times', { count: reason.count })})`
                  : ''}
              </AlertTitle>
              <div>
                {reason.category !== 'insufficient-resources'
                  ? labels.pendingGuidance[reason.category]
                  : reason.shortage
                  ? shortageText(reason.shortage)
                  : reason.guidance}
              </div>
              {extra && <div>{extra}</div>}
              <details>
                <summary>{t('Scheduler message')}</summary>
                <code>{reason.message}</code>
              </details>
            </Alert>
          );
        })}
      </Stack>
    </SectionBox>
  );
}
