import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { type ReactNode, useEffect, useId, useState } from 'react';

/**
 * Confirmation for a removal. With `typedName`, the confirm button stays disabled until that exact name is
 * typed, so a destructive click cannot happen by reflex. A plain MUI dialog (see DeleteDeploymentButton).
 */
export function ConfirmActionDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  typedName?: string;
  children: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const titleId = useId();
  useEffect(() => {
    if (!props.open) setTyped('');
  }, [props.open]);
  const confirmed = props.typedName === undefined || typed.trim() === props.typedName;

  return (
    <Dialog open={props.open} onClose={props.onClose} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        {props.typedName !== undefined && (
          <TextField
            fullWidth
            margin="dense"
            label={t('Type {{name}} to confirm', { name: props.typedName })}
            value={typed}
            onChange={event => setTyped(event.target.value)}
            inputProps={{ autoComplete: 'off', spellCheck: false }}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('Cancel')}</Button>
        <Button
          color="error"
          variant="contained"
          disabled={!confirmed}
          onClick={() => {
            props.onConfirm();
            props.onClose();
          }}
        >
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
