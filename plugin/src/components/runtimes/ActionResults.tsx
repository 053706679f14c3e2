import type { StepResult } from '@airunway/shared-client/schemas/proxy';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ActionOutcome } from '../../hooks/useRuntimeActions';
import { ProxyFailure } from './ProxyFailure';

function Step({ step }: { step: StepResult }) {
  const { t } = useTranslation();
  const text = step.error ?? step.output;
  return (
    <li>
      <Typography component="span" fontWeight="bold">
        {step.success ? t('Succeeded') : t('Failed')}
      </Typography>
      {': '}
      {step.step}
      {text && (
        <Box component="pre" sx={{ whiteSpace: 'pre-wrap', m: 0, fontSize: '0.8rem' }}>
          {text}
        </Box>
      )}
    </li>
  );
}

/** The last operation on one component: its overall answer and every Helm/kubectl step it ran. */
export function ActionResults(props: { outcome: ActionOutcome; subject: string }) {
  const { t } = useTranslation();
  const { outcome } = props;
  if (outcome.error !== undefined) {
    return <ProxyFailure error={outcome.error} verb="create" subject={props.subject} />;
  }
  return (
    <Box role="status">
      <Alert severity={outcome.success ? 'success' : 'error'}>{outcome.message}</Alert>
      {outcome.results && outcome.results.length > 0 && (
        <Box component="ol" aria-label={t('Steps of the last operation')} sx={{ pl: 3 }}>
          {outcome.results.map((step, index) => (
            <Step key={`${index}-${step.step}`} step={step} />
          ))}
        </Box>
      )}
    </Box>
  );
}
