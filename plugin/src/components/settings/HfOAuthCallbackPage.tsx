import { isProxyError } from '@airunway/shared-client/client';
import type { HfUser } from '@airunway/shared-client/schemas/proxy';
import { useTranslation } from '@kinvolk/headlamp-plugin/lib';
import { Loader, SectionBox } from '@kinvolk/headlamp-plugin/lib/CommonComponents';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useHistory, useLocation } from 'react-router-dom';
import { useAirunwayPaths } from '../../hooks/useAirunwayPaths';
import { hfTokenStatusKey } from '../../hooks/useHfTokenStatus';
import { useProxyClient } from '../../proxy/useProxyClient';
import { isProxyUnavailable } from '../models/proxyErrors';
import { CALLBACK_ONLY_PARAMS, callbackNamespaces, takePendingSignIn } from './hfOAuth';
import { eachNamespace, saveHfToken } from './hfTokenSecret';
import { HfTokenResults, type NamespaceResult } from './HfTokenStatusList';

type Failure =
  | { kind: 'nothing' }
  | { kind: 'denied'; reason: string }
  | { kind: 'foreign' }
  | { kind: 'namespaces'; invalid?: string }
  | { kind: 'verifier'; error: unknown }
  | { kind: 'exchange'; error: unknown };

type Progress =
  | { phase: 'working'; step: 'verifier' | 'exchange' | 'save'; user?: HfUser }
  | { phase: 'done'; user: HfUser; results: NamespaceResult[] }
  | { phase: 'failed'; failure: Failure };

interface CallbackRequest {
  code: string | null;
  state: string | null;
  error: string | null;
  errorDescription: string | null;
  namespaces: string | null;
}

function FailureText({ failure }: { failure: Failure }) {
  const { t } = useTranslation();
  const again = t('Start the sign-in again from Settings.');
  switch (failure.kind) {
    case 'nothing':
      return (
        <>
          {t(
            'There is no HuggingFace sign-in to finish on this page: it was finished already, or the page was opened without one.'
          )}{' '}
          {again}
        </>
      );
    case 'denied':
      return (
        <>
          {t('HuggingFace did not sign you in: {{reason}}.', { reason: failure.reason })} {again}
        </>
      );
    case 'foreign':
      return (
        <>
          {t(
            'This sign-in was not started in this browser tab, so its token is not saved here (someone else may have sent you the link).'
          )}{' '}
          {again}
        </>
      );
    case 'namespaces':
      return (
        <>
          {failure.invalid
            ? t('The sign-in link names {{namespace}}, which is not a valid namespace name.', {
                namespace: failure.invalid,
              })
            : t('The sign-in link names no namespace to save the token in.')}{' '}
          {t('Choose the namespaces in Settings, then sign in again.')}
        </>
      );
    case 'verifier': {
      const { error } = failure;
      if (isProxyError(error) && error.code === 'NOT_FOUND' && !isProxyUnavailable(error)) {
        return (
          <>
            {t(
              'This sign-in has expired or was already finished (the AI Runway proxy no longer knows it).'
            )}{' '}
            {again}
          </>
        );
      }
      return (
        <>
          {t('The AI Runway proxy could not look up this sign-in: {{message}}', {
            message: error instanceof Error ? error.message : String(error),
          })}{' '}
          {again}
        </>
      );
    }
    case 'exchange': {
      const { error } = failure;
      if (isProxyError(error) && error.code === 'VALIDATION_ERROR') {
        return (
          <>
            {t(
              'HuggingFace refused the sign-in code (it may have expired or been used already), so no token was saved.'
            )}{' '}
            {again}
          </>
        );
      }
      return (
        <>
          {t('The token exchange with HuggingFace failed, so no token was saved: {{message}}', {
            message: error instanceof Error ? error.message : String(error),
          })}{' '}
          {again}
        </>
      );
    }
  }
}

/**
 * Where HuggingFace sends the browser after sign-in (`?code&state`, plus the `namespaces` the sign-in was
 * started for). It fetches the one-time verifier, has the proxy exchange the code, and saves the access
 * token as Secret hf-token in each namespace. The token lives only in this effect's variables: never in
 * component state, a query cache, browser storage or the URL. `code` and `state` leave the visible URL at
 * once, so a reload does not try again.
 */
export function HfOAuthCallbackPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const history = useHistory();
  const paths = useAirunwayPaths();
  const { client, cluster } = useProxyClient();
  const queryClient = useQueryClient();
  const [request] = useState<CallbackRequest>(() => {
    const query = new URLSearchParams(location.search);
    return {
      code: query.get('code'),
      state: query.get('state'),
      error: query.get('error'),
      errorDescription: query.get('error_description'),
      namespaces: query.get('namespaces'),
    };
  });
  const [progress, setProgress] = useState<Progress>({ phase: 'working', step: 'verifier' });
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;

    const query = new URLSearchParams(location.search);
    if (CALLBACK_ONLY_PARAMS.some(key => query.has(key))) {
      for (const key of CALLBACK_ONLY_PARAMS) query.delete(key);
      const search = query.toString();
      history.replace({ pathname: location.pathname, search: search ? `?${search}` : '' });
    }

    const fail = (failure: Failure) => setProgress({ phase: 'failed', failure });
    if (request.error) {
      fail({ kind: 'denied', reason: request.errorDescription || request.error });
      return;
    }
    const { code, state } = request;
    if (!code || !state) {
      fail({ kind: 'nothing' });
      return;
    }
    if (!takePendingSignIn(state)) {
      fail({ kind: 'foreign' });
      return;
    }
    const namespaces = callbackNamespaces(request.namespaces);
    if (namespaces.valid.length === 0) {
      fail({ kind: 'namespaces', ...(namespaces.invalid ? { invalid: namespaces.invalid } : {}) });
      return;
    }

    void (async () => {
      let verifier;
      try {
        verifier = await client.hfOAuthVerifier(state);
      } catch (error) {
        fail({ kind: 'verifier', error });
        return;
      }
      setProgress({ phase: 'working', step: 'exchange' });
      let signedIn;
      try {
        signedIn = await client.hfOAuthToken({
          code,
          codeVerifier: verifier.codeVerifier,
          redirectUri: verifier.redirectUri,
        });
      } catch (error) {
        fail({ kind: 'exchange', error });
        return;
      }
      const { user } = signedIn;
      const token = signedIn.accessToken;
      setProgress({ phase: 'working', step: 'save', user });
      const results = await eachNamespace(namespaces.valid, namespace =>
        saveHfToken(namespace, token)
      );
      setProgress({ phase: 'done', user, results });
      await queryClient.invalidateQueries({ queryKey: hfTokenStatusKey(cluster) });
    })();
    // Runs once, for the URL the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const user = progress.phase === 'failed' ? undefined : progress.user;
  const failedSaves =
    progress.phase === 'done' ? progress.results.filter(result => result.error).length : 0;

  return (
    <SectionBox title={t('HuggingFace sign-in')}>
      <Stack spacing={2}>
        {progress.phase === 'working' && (
          <Loader
            title={
              progress.step === 'verifier'
                ? t('Looking up the sign-in')
                : progress.step === 'exchange'
                ? t('Getting the token from HuggingFace')
                : t('Saving the token')
            }
          />
        )}
        {user && (
          <Alert severity="info">
            {user.fullname && user.fullname !== user.name
              ? t('Signed in as {{name}} ({{fullname}}).', {
                  name: user.name,
                  fullname: user.fullname,
                })
              : t('Signed in as {{name}}.', { name: user.name })}
          </Alert>
        )}
        {progress.phase === 'failed' && (
          <Alert severity="error" role="alert">
            <AlertTitle>{t('HuggingFace sign-in did not finish')}</AlertTitle>
            <FailureText failure={progress.failure} />
          </Alert>
        )}
        {progress.phase === 'done' && (
          <>
            <HfTokenResults verb="create" results={progress.results} />
            {failedSaves > 0 && (
              <div>
                {t(
                  'Where the token could not be saved, ask for the permission named above and sign in again, or have someone with access paste a token in Settings.'
                )}
              </div>
            )}
          </>
        )}
        {progress.phase !== 'working' && (
          <div>
            <Link component={RouterLink} to={paths.settings()}>
              {t('Back to Settings')}
            </Link>
          </div>
        )}
      </Stack>
    </SectionBox>
  );
}
