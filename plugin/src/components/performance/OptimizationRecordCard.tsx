import { summarize } from '@airunway/shared-client/optimization/compare';
import {
  canTransition,
  isRollbackable,
  type OptimizationRecord,
} from '@airunway/shared-client/optimization/record';
import type { WorkflowPermissions } from '@airunway/shared-client/optimization/workflow';
import type { DerivedPoint } from '@airunway/shared-client/prometheus/rates';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { WorkflowAction } from '../../hooks/useOptimizationWorkflow';
import { useEnumLabels } from '../common/enumLabels';
import { ComparisonTable } from './ComparisonTable';
import { SpecDiff } from './SpecDiff';

/** How long after a change the metrics are left to settle before "after" is measured. */
export const SETTLE_MS = 2 * 60_000;
/** How far back "before" reaches at apply time. */
export const BEFORE_WINDOW_MS = 5 * 60_000;

const when = (iso: string) => new Date(iso).toLocaleString();

export function OptimizationRecordCard(props: {
  record: OptimizationRecord;
  permissions: WorkflowPermissions | undefined;
  busy: boolean;
  points: DerivedPoint[];
  nowMs: number;
  onAction: (action: WorkflowAction) => void;
}) {
  const { t } = useTranslation();
  const labels = useEnumLabels();
  const { record, permissions, busy, points } = props;
  const [note, setNote] = useState('');
  const canPatch = Boolean(permissions?.patchDeployment && permissions.writeHistory);
  const canRecord = Boolean(permissions?.writeHistory);
  const appliedMs = record.appliedAt ? Date.parse(record.appliedAt) : undefined;
  const settledMs = appliedMs !== undefined ? appliedMs + SETTLE_MS : undefined;
  const liveAfter =
    record.state === 'IN_PROGRESS' && settledMs !== undefined && props.nowMs >= settledMs
      ? summarize(points, settledMs)
      : undefined;
  const after = record.metricsAfter ?? liveAfter;

  return (
    <Box
      component="article"
      aria-label={record.title}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}
    >
      <Stack direction="row" spacing={1} alignItems="center">
        <Typography variant="h6" component="h3">
          {record.title}
        </Typography>
        <Chip label={labels.optimizationState[record.state]} size="small" />
      </Stack>
      <Typography variant="body2">
        <strong>{t('Expected effect')}:</strong> {record.expectedEffect}
      </Typography>
      <ol aria-label={t('History of {{title}}', { title: record.title })} style={{ margin: 0 }}>
        {record.history.map(entry => (
          <li key={`${entry.state}-${entry.at}`}>
            <Typography variant="body2">
              {t('{{state}} by {{by}} at {{at}}', {
                state: labels.optimizationState[entry.state],
                by: entry.by,
                at: when(entry.at),
              })}
              {entry.note ? ` — ${entry.note}` : ''}
            </Typography>
          </li>
        ))}
      </ol>
      {record.changesIdentityField && (
        <Alert severity="warning" sx={{ my: 1 }}>
          {t('This changes an identity field: applying it deletes and recreates the deployment.')}
        </Alert>
      )}
      <SpecDiff
        before={record.specBefore}
        after={record.specAfter}
        caption={t('Spec before and after {{title}}', { title: record.title })}
      />
      {record.state === 'IN_PROGRESS' && settledMs !== undefined && !liveAfter && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('Settling: the metrics after the change are measured from {{time}}.', {
            time: new Date(settledMs).toLocaleTimeString(),
          })}
        </Typography>
      )}
      {record.metricsBefore && after && (
        <ComparisonTable
          before={record.metricsBefore}
          after={after}
          caption={t('Metrics before and after {{title}}', { title: record.title })}
        />
      )}
      {record.state === 'PENDING_APPROVAL' && (
        <TextField
          size="small"
          sx={{ mt: 1 }}
          fullWidth
          label={t('Reason (recorded with your decision)')}
          value={note}
          onChange={e => setNote(e.target.value)}
        />
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        {canTransition(record.state, 'APPROVED') && (
          <Button
            variant="contained"
            disabled={!canPatch || busy}
            onClick={() => props.onAction({ kind: 'approve', id: record.id, note })}
          >
            {t('Approve')}
          </Button>
        )}
        {canTransition(record.state, 'REJECTED') && (
          <Button
            variant="outlined"
            disabled={!canRecord || busy}
            onClick={() => props.onAction({ kind: 'reject', id: record.id, note })}
          >
            {t('Reject')}
          </Button>
        )}
        {record.state === 'APPROVED' && (
          <Button
            variant="contained"
            disabled={!canPatch || busy}
            onClick={() =>
              props.onAction({
                kind: 'apply',
                id: record.id,
                metricsBefore: summarize(points, props.nowMs - BEFORE_WINDOW_MS),
              })
            }
          >
            {t('Apply')}
          </Button>
        )}
        {record.state === 'IN_PROGRESS' && (
          <Button
            variant="outlined"
            disabled={!canRecord || busy}
            onClick={() =>
              props.onAction({
                kind: 'complete',
                id: record.id,
                ...(liveAfter ? { metricsAfter: liveAfter } : {}),
              })
            }
          >
            {t('Mark completed')}
          </Button>
        )}
        {isRollbackable(record.state) && (
          <Button
            color="warning"
            variant="outlined"
            disabled={!canPatch || busy}
            onClick={() => props.onAction({ kind: 'rollback', id: record.id })}
          >
            {t('Roll back')}
          </Button>
        )}
      </Stack>
    </Box>
  );
}
