import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import { useHistory } from 'react-router-dom';
import type { ModelDeployment } from '../../resources/modelDeployment';
import { ApiErrorBanner } from '../common/ApiErrorBanner';

/** Delete after an explicit confirmation; failures (e.g. no `delete` permission) stay on the page. */
export function DeleteDeploymentButton(props: {
  deployment: ModelDeployment;
  afterDelete: string;
}) {
  const { t } = useTranslation();
  const history = useHistory();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<{ status?: number; message?: string } | null>(null);
  const { deployment } = props;
  const name = deployment.getName();

  async function confirm() {
    setOpen(false);
    try {
      await deployment.delete();
      history.push(props.afterDelete);
    } catch (err) {
      setError(err as { status?: number; message?: string });
    }
  }

  return (
    <>
      <Button variant="outlined" color="error" onClick={() => setOpen(true)}>
        {t('Delete')}
      </Button>
      {/* A plain MUI dialog rather than Headlamp's ConfirmDialog, whose buttons are announced as
          "cancel-button"/"confirm-button" instead of their visible text. */}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="airunway-delete-title"
        aria-describedby="airunway-delete-description"
      >
        <DialogTitle id="airunway-delete-title">
          {t('Delete model deployment {{name}}?', { name })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText id="airunway-delete-description">
            {t(
              'This deletes ModelDeployment {{name}} in namespace {{namespace}} and the provider resources and pods the controller created for it. The model stops serving.',
              { name, namespace: deployment.getNamespace() }
            )}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{t('Cancel')}</Button>
          <Button color="error" variant="contained" onClick={confirm}>
            {t('Delete')}
          </Button>
        </DialogActions>
      </Dialog>
      {error && (
        <ApiErrorBanner
          error={error}
          intent={{
            verb: 'delete',
            resource: 'modeldeployments.airunway.ai',
            namespace: deployment.getNamespace(),
          }}
        />
      )}
    </>
  );
}
