import { INSTALL_PLANS } from '@airunway/shared-client/providers/install';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import { Link as RouterLink } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { useCrdState } from '../../hooks/useRuntimeKubeStatus';
import type { ProviderSelection } from './ProviderPreview';

/**
 * Beside Create: the provider this spec selects is not installed (its CRD is absent), so the deployment
 * would be accepted and then wait. Silent when that cannot be known (no `get` on CRDs, a provider without a
 * CRD, a spec no provider takes: the preview says that one).
 */
export function ProviderNotInstalled(props: { selection: ProviderSelection }) {
  const { t } = useTranslation();
  const paths = useAirunwayPaths();
  const provider = props.selection?.ok ? INSTALL_PLANS[props.selection.provider] : undefined;
  const crd = useCrdState(provider?.crd);
  if (!provider || crd?.state !== 'absent') return null;
  return (
    <Alert severity="warning" sx={{ mt: 2 }}>
      {t(
        '{{provider}} is not installed on this cluster (there is no {{crd}} resource): the deployment will wait, not run, until it is.',
        { provider: provider.displayName, crd: provider.crd }
      )}{' '}
      <Link component={RouterLink} to={paths.runtimes()}>
        {t('Install it on the Runtimes page')}
      </Link>
    </Alert>
  );
}
