import { manualInstallCommands } from '@airunway/shared-client/providers/install';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { NameValueTable } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Button from '@mui/material/Button';
import DialogContentText from '@mui/material/DialogContentText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { type ReactNode, useState } from 'react';
import type { ActionOutcome, RuntimeAction } from '../../hooks/useRuntimeActions';
import { useCrdState, useOperatorPods } from '../../hooks/useRuntimeKubeStatus';
import { ActionResults } from './ActionResults';
import { ConfirmActionDialog } from './ConfirmActionDialog';
import { CrdLabel, PodsLabel } from './KubeStatusLabels';
import { ManualCommands } from './ManualCommands';
import { ReleaseStatus } from './ReleaseStatus';
import type { RuntimeComponent } from './runtimeComponents';
import { UninstallCrdsDialog } from './UninstallCrdsDialog';

export interface RuntimeCardProps {
  component: RuntimeComponent;
  proxyUp: boolean;
  /** Any operation is running on this page: every mutating button waits for it. */
  busy: boolean;
  /**
   * False when the user may not POST to the proxy (or the page is still asking): the actions are shown,
   * disabled. The manual commands stay.
   */
  mayChange?: boolean;
  /** The id of the page's sentence that says why the actions are disabled. */
  lockedReasonId?: string;
  runningAction?: RuntimeAction;
  outcome?: ActionOutcome;
  onAction: (action: RuntimeAction) => void;
  /** A component-specific status row (the GPU operator's "GPUs found"). */
  extraRow?: { name: string; value: ReactNode };
}

/** One installable component: its status from Kubernetes and Helm, its actions and their results. */
export function RuntimeCard(props: RuntimeCardProps) {
  const { t } = useTranslation();
  const { component, proxyUp, busy, mayChange = true } = props;
  const crd = useCrdState(component.crd);
  const pods = useOperatorPods(component.operator.namespace, component.operator.selector);
  const [confirm, setConfirm] = useState<'uninstall' | 'uninstall-crds' | null>(null);
  const name = component.displayName;
  const disabled = !proxyUp || busy || !mayChange;
  const headingId = `airunway-runtime-${component.id}`;

  const rows = [
    ...(component.crd && crd
      ? [
          {
            name: t('Custom resource definition'),
            value: <CrdLabel name={component.crd} state={crd} />,
          },
        ]
      : []),
    {
      name: t('Operator pods'),
      value: <PodsLabel namespace={component.operator.namespace} state={pods} />,
    },
    { name: t('Helm release'), value: <ReleaseStatus component={component} proxyUp={proxyUp} /> },
    ...(props.extraRow ? [props.extraRow] : []),
  ];

  function button(action: RuntimeAction, label: string, onClick: () => void, extra = false) {
    return (
      <Button
        variant={action === 'install' || action === 'upgrade' ? 'contained' : 'outlined'}
        color={action === 'install' || action === 'upgrade' ? 'primary' : 'error'}
        disabled={disabled || extra}
        aria-label={t('{{action}} {{name}}', { action: label, name })}
        {...(!mayChange && props.lockedReasonId
          ? { 'aria-describedby': props.lockedReasonId }
          : {})}
        onClick={onClick}
      >
        {props.runningAction === action ? t('{{label}}…', { label }) : label}
      </Button>
    );
  }

  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby={headingId}>
      <Typography id={headingId} variant="h6" component="h3">
        {name}
      </Typography>
      <NameValueTable rows={rows} />
      <Stack direction="row" spacing={1} sx={{ my: 1 }} flexWrap="wrap" useFlexGap>
        {button('install', t('Install'), () => props.onAction('install'))}
        {button('upgrade', t('Upgrade'), () => props.onAction('upgrade'))}
        {button('uninstall', t('Uninstall'), () => setConfirm('uninstall'))}
        {component.crd &&
          button(
            'uninstall-crds',
            t('Uninstall CRDs'),
            () => setConfirm('uninstall-crds'),
            crd?.state === 'absent'
          )}
      </Stack>
      {props.outcome && <ActionResults outcome={props.outcome} subject={name} />}
      <ManualCommands commands={manualInstallCommands(component.id)} subject={name} />
      <ConfirmActionDialog
        open={confirm === 'uninstall'}
        title={t('Uninstall {{name}}?', { name })}
        confirmLabel={t('Uninstall')}
        onConfirm={() => props.onAction('uninstall')}
        onClose={() => setConfirm(null)}
      >
        <DialogContentText>
          {t(
            'This removes the Helm release of {{name}}. Its CRDs and the objects made from them stay; deployments that use this provider stop being reconciled.',
            { name }
          )}
        </DialogContentText>
      </ConfirmActionDialog>
      <UninstallCrdsDialog
        open={confirm === 'uninstall-crds'}
        name={component.id}
        displayName={name}
        crd={crd?.state === 'present' ? crd.crd : undefined}
        onConfirm={() => props.onAction('uninstall-crds')}
        onClose={() => setConfirm(null)}
      />
    </Paper>
  );
}
