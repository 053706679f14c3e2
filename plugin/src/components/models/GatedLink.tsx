import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';

/** Gated repositories need a token in the deployment's namespace: Settings saves one. */
export function GatedLink() {
  const { t } = useTranslation();
  const paths = useAirunwayPaths();
  return (
    <Link component={RouterLink} to={paths.settings()}>
      {t('gated: needs a HuggingFace token')}
    </Link>
  );
}
