import type { History, WorkflowPermissions } from '@airunway/shared-client/optimization/workflow';
import type { DerivedPoint } from '@airunway/shared-client/prometheus/rates';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { WorkflowAction } from '../../hooks/useOptimizationWorkflow';
import { useClock } from '../../platform/clock';
import { OptimizationRecordCard } from './OptimizationRecordCard';

function useNow(intervalMs: number): number {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    let handle: unknown;
    const tick = () => {
      setNow(clock.now());
      handle = clock.setTimeout(tick, intervalMs);
    };
    handle = clock.setTimeout(tick, intervalMs);
    return () => clock.clearTimeout(handle);
  }, [clock, intervalMs]);
  return now;
}

/** The deployment's optimisations as recorded on the cluster, newest first. */
export function OptimizationHistory(props: {
  history: UseQueryResult<History>;
  permissions: WorkflowPermissions | undefined;
  busy: boolean;
  points: DerivedPoint[];
  onAction: (action: WorkflowAction) => void;
}) {
  const { t } = useTranslation();
  // The settling countdown needs a clock; it ticks here so the charts above do not re-render with it.
  const nowMs = useNow(5_000);
  const { history } = props;
  const records = [...(history.data?.records ?? [])].reverse();
  return (
    <SectionBox title={t('Optimisations')}>
      {history.isLoading && <Loader title={t('Loading the optimisation history')} />}
      {history.error && (
        <Alert severity="error" role="alert">
          {(history.error as Error).message}
        </Alert>
      )}
      {history.data?.error && (
        <Alert severity="error" role="alert">
          {t(
            'The stored optimisation history cannot be read, so nothing will be written to it: {{error}}',
            {
              error: history.data.error,
            }
          )}
        </Alert>
      )}
      {history.data && records.length === 0 && !history.data.error && (
        <Typography variant="body2">
          {t('No optimisation has been proposed for this deployment.')}
        </Typography>
      )}
      <Stack spacing={2}>
        {records.map(record => (
          <OptimizationRecordCard
            key={record.id}
            record={record}
            permissions={props.permissions}
            busy={props.busy}
            points={props.points}
            nowMs={nowMs}
            onAction={props.onAction}
          />
        ))}
      </Stack>
    </SectionBox>
  );
}
