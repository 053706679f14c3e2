import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { Component, type ReactNode } from 'react';

function Fallback(props: { what: string; error: Error }) {
  const { t } = useTranslation();
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{t('{{what}} could not be shown', { what: props.what })}</AlertTitle>
      {t(
        'Reload the page; if it happens again, report this message to the plugin maintainers: {{message}}',
        {
          message: props.error.message,
        }
      )}
    </Alert>
  );
}

/**
 * Keeps a rendering failure to a sentence in place of the part that failed, instead of a blank page or a
 * stack trace. Headlamp's own ErrorBoundary is not part of the plugin API, hence this small copy.
 */
export class ErrorBoundary extends Component<
  { what: string; children: ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (this.state.error) return <Fallback what={this.props.what} error={this.state.error} />;
    return this.props.children;
  }
}
