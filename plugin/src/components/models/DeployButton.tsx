import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Button from '@mui/material/Button';
import { Link as RouterLink } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { HF_TOKEN_SECRET } from '../settings/hfTokenSecret';

export interface DeployPrefill {
  model: string;
  engine?: string | undefined;
  /** From the fit answer: the GPUs one replica needs (0 = CPU). */
  gpus?: number | undefined;
  /** Gated on HuggingFace: the deployment names the token Secret Settings saves (`hf-token`). */
  gated?: boolean | undefined;
}

/** Opens the create page prefilled through its query string, so the prefill survives a reload. */
export function DeployButton({ prefill }: { prefill: DeployPrefill }) {
  const { t } = useTranslation();
  const paths = useAirunwayPaths();
  return (
    <Button
      component={RouterLink}
      to={paths.createDeployment({
        model: prefill.model,
        engine: prefill.engine,
        gpus: prefill.gpus === undefined ? undefined : String(prefill.gpus),
        hfSecret: prefill.gated ? HF_TOKEN_SECRET.name : undefined,
      })}
      variant="outlined"
      size="small"
      aria-label={t('Deploy {{model}}', { model: prefill.model })}
    >
      {t('Deploy')}
    </Button>
  );
}
