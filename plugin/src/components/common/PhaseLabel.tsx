import { StatusLabel } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import { labelOf, useEnumLabels } from './enumLabels';

type Status = 'success' | 'warning' | 'error' | '';

// Colour is never the only signal: the label always carries the phase text.
const STATUS_BY_PHASE: Readonly<Record<string, Status>> = {
  Running: 'success',
  Succeeded: 'success',
  Pending: 'warning',
  Deploying: 'warning',
  Terminating: 'warning',
  Failed: 'error',
  Unknown: '',
};

export function PhaseLabel({ phase }: { phase: string }) {
  const labels = useEnumLabels();
  return (
    <StatusLabel status={STATUS_BY_PHASE[phase] ?? ''}>{labelOf(labels.phase, phase)}</StatusLabel>
  );
}
