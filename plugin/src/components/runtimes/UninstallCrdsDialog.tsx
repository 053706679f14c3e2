import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import CircularProgress from '@mui/material/CircularProgress';
import DialogContentText from '@mui/material/DialogContentText';
import { useCustomResourceCount } from '../../hooks/useCustomResourceCount';
import { ApiErrorBanner } from '../common/ApiErrorBanner';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { type CrdObject, pluralKind } from './kubeStatus';

function CountSentence({ crd, open }: { crd: CrdObject; open: boolean }) {
  const { t } = useTranslation();
  const count = useCustomResourceCount(crd, open);
  if (count.error) {
    return (
      <ApiErrorBanner
        error={count.error as { status?: number; message?: string }}
        intent={{ verb: 'list', resource: `${crd.spec.names.plural}.${crd.spec.group}` }}
      />
    );
  }
  if (!count.data) {
    return (
      <CircularProgress
        size={20}
        aria-label={t('Counting {{plural}} on the cluster', { plural: crd.spec.names.plural })}
      />
    );
  }
  const { count: total, namespaces } = count.data;
  const kind = pluralKind(crd.spec.names.kind, total);
  return (
    <Alert severity={total > 0 ? 'warning' : 'info'} role="status">
      {crd.spec.scope === 'Cluster'
        ? t('This deletes {{count}} {{kind}} (cluster-scoped), counted on the cluster now.', {
            count: total,
            kind,
          })
        : t(
            'This deletes {{count}} {{kind}} in {{namespaces}} namespaces, counted on the cluster now.',
            {
              count: total,
              kind,
              namespaces,
            }
          )}
    </Alert>
  );
}

/**
 * Removing a provider's CRDs deletes every object of those kinds. Before asking, count them on the cluster
 * with the user's own credentials, and require the provider's name to be typed.
 */
export function UninstallCrdsDialog(props: {
  open: boolean;
  name: string;
  displayName: string;
  crd: CrdObject | undefined;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmActionDialog
      open={props.open}
      title={t('Remove the CRDs of {{name}}?', { name: props.displayName })}
      confirmLabel={t('Uninstall CRDs')}
      typedName={props.name}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      <DialogContentText>
        {t(
          'The proxy deletes the CustomResourceDefinitions of {{name}}, including {{crd}}. Kubernetes then deletes every object of those kinds in all namespaces, and the workloads they run stop. This cannot be undone.',
          { name: props.displayName, crd: props.crd?.metadata.name ?? '' }
        )}
      </DialogContentText>
      {props.crd && <CountSentence crd={props.crd} open={props.open} />}
    </ConfirmActionDialog>
  );
}
