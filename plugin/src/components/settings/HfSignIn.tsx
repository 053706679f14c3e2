import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useHistory } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { useProxyClient } from '../../proxy/useProxyClient';
import { absoluteUrl, canReceiveRedirect, rememberPendingSignIn } from './hfOAuth';

/**
 * "Sign in with HuggingFace": the proxy starts the sign-in for the callback page of this Headlamp (which
 * carries the chosen namespaces) and the browser goes to HuggingFace. Nothing of the token exists yet.
 */
export function HfSignIn(props: { namespaces: readonly string[]; namespacesOk: boolean }) {
  const { t } = useTranslation();
  const { client, cluster } = useProxyClient();
  const paths = useAirunwayPaths();
  const history = useHistory();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  // OAuth redirect URIs are absolute http(s) URLs without a fragment (RFC 6749 §3.1.2). Under the desktop
  // app's hash router, or a page loaded from file:, HuggingFace has nowhere to send the browser back to.
  const [pathname, search = ''] = paths.hfOAuthCallback(props.namespaces).split('?');
  const redirectUri = absoluteUrl(history.createHref({ pathname, search: `?${search}` }));
  const redirectPossible = canReceiveRedirect(redirectUri);
  const config = useQuery({
    queryKey: [cluster, 'proxy', 'oauth', 'huggingface', 'config'],
    queryFn: () => client.hfOAuthConfig(),
    enabled: redirectPossible,
  });

  if (!redirectPossible) {
    return (
      <Typography>
        {t(
          "Sign-in with HuggingFace needs Headlamp opened in a web browser; this window cannot receive HuggingFace's redirect. Paste an access token below instead."
        )}
      </Typography>
    );
  }
  if (config.isPending) {
    return <Typography>{t('Checking whether HuggingFace sign-in is available…')}</Typography>;
  }
  if (config.error) {
    return (
      <Typography>
        {t(
          'HuggingFace sign-in needs the AI Runway proxy, which did not answer ({{message}}). Pasting an access token below still works.',
          { message: config.error.message }
        )}
      </Typography>
    );
  }
  if (config.data.clientId.trim() === '') {
    return (
      <Typography>
        {t(
          'Sign-in with HuggingFace is not configured on the AI Runway proxy (it has no OAuth client id). Pasting an access token below still works.'
        )}
      </Typography>
    );
  }

  async function signIn() {
    setStarting(true);
    setStartError(null);
    try {
      const started = await client.hfOAuthStart({ redirectUri });
      rememberPendingSignIn(started.state);
      window.location.assign(started.authorizationUrl);
    } catch (error) {
      setStartError(error instanceof Error ? error.message : String(error));
      setStarting(false);
    }
  }

  return (
    <Stack spacing={1}>
      <div>
        <Button
          variant="outlined"
          disabled={starting || !props.namespacesOk}
          onClick={() => void signIn()}
        >
          {starting ? t('Opening HuggingFace…') : t('Sign in with HuggingFace')}
        </Button>
      </div>
      <Typography variant="body2">
        {t(
          'Signs you in on HuggingFace and saves the token it grants in the namespaces above. Or paste an access token below.'
        )}
      </Typography>
      {startError && (
        <Alert severity="error" role="alert">
          {t(
            'HuggingFace sign-in could not start: {{message}} Try again, or paste a token below.',
            {
              message: startError,
            }
          )}
        </Alert>
      )}
    </Stack>
  );
}
