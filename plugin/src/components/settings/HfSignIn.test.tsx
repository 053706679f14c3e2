import '../../test/setup';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROUTES } from '../../hooks/useAirunwayPaths';
import { pluginConfig } from '../../proxy/location';
import { seriousA11yViolations } from '../../test/a11y';
import { findAlert } from '../../test/alerts';
import { forbidden, notFound, server, status } from '../../test/k8s';
import { proxy } from '../../test/proxy';
import { renderPage } from '../../test/render';
import { HF_OAUTH_PENDING_STATE_KEY, rememberPendingSignIn } from './hfOAuth';
import { HfOAuthCallbackPage } from './HfOAuthCallbackPage';
import { SettingsPage } from './SettingsPage';

const API = '*/clusters/test-cluster/api/v1/namespaces';
const CONFIGMAP = `${API}/airunway-system/configmaps/airunway-config`;

const STATE = 'st4te_0123456789abcdefABCDEF';
const CODE = 'hf-code-4242';
const VERIFIER = 'v3rifier-0123456789-abcdefghijklmnopqrstuvwxyz_ABCDEF';
const ACCESS_TOKEN = 'hf_oauth_S3cretAccessToken987';
const AUTHORIZATION_URL = `https://huggingface.co/oauth/authorize?client_id=airunway-app&state=${STATE}`;
const CALLBACK_PATH = `/c/test-cluster${ROUTES.hfOAuthCallback}`;
const redirectUri = (namespaces: string) =>
  `${window.location.origin}${CALLBACK_PATH}?namespaces=${namespaces}`;

const OAUTH_CONFIG = {
  clientId: 'airunway-app',
  authorizeUrl: 'https://huggingface.co/oauth/authorize',
  scopes: ['openid', 'profile', 'read-repos'],
};

function configMap(defaultNamespace: string) {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'airunway-config', namespace: 'airunway-system', resourceVersion: '7' },
    data: { defaultNamespace },
  };
}

/** The settings page around the sign-in: ConfigMap, no Secrets yet, AI Configurator answering. */
function settingsBackground() {
  return [
    http.get(CONFIGMAP, () => HttpResponse.json(configMap('team-a'))),
    http.get(`${API}/:namespace/secrets/hf-token`, () => notFound('secrets "hf-token" not found')),
    proxy.on('aiConfiguratorStatus', () => ({ available: true, version: '0.4.0' })),
  ];
}

/** Records the Secrets the callback creates; `deny` namespaces answer RBAC's 403. */
function secretWrites(deny: string[] = []) {
  const writes: { path: string; body: unknown }[] = [];
  server.use(
    http.post(`${API}/:namespace/secrets`, async ({ request, params }) => {
      const namespace = String(params.namespace);
      if (deny.includes(namespace)) return forbidden('create', 'secrets', '', namespace);
      writes.push({ path: new URL(request.url).pathname, body: await request.json() });
      return HttpResponse.json({}, { status: 201 });
    })
  );
  return writes;
}

/** The proxy's verifier and token endpoints, recording what the page sent. */
function oauthProxy(options: { verifier?: () => unknown; token?: () => unknown } = {}) {
  const calls = { verifier: [] as string[], token: [] as unknown[] };
  server.use(
    proxy.on('hfOAuthVerifier', request => {
      calls.verifier.push(new URL(request.url).pathname.split('/').pop() ?? '');
      return options.verifier
        ? options.verifier()
        : { codeVerifier: VERIFIER, redirectUri: redirectUri('team-a,team-b') };
    }),
    proxy.on('hfOAuthToken', async request => {
      calls.token.push(await request.json());
      return options.token
        ? options.token()
        : {
            accessToken: ACCESS_TOKEN,
            tokenType: 'Bearer',
            expiresIn: 28800,
            scope: 'openid profile read-repos',
            user: { id: '64f0c0ffee', name: 'alice', fullname: 'Alice Example' },
          };
    })
  );
  return calls;
}

function renderCallback(search: string) {
  return renderPage(<HfOAuthCallbackPage />, {
    url: `${ROUTES.hfOAuthCallback}${search}`,
    route: ROUTES.hfOAuthCallback,
  });
}

/** window.location with a fake assign (jsdom's own cannot be spied on); everything else is the real one. */
function stubLocationAssign() {
  const real = window.location;
  const assign = vi.fn();
  const fake: Record<string, unknown> = { assign, replace: vi.fn(), reload: vi.fn() };
  for (const key of [
    'href',
    'origin',
    'protocol',
    'host',
    'hostname',
    'port',
    'pathname',
    'search',
    'hash',
  ]) {
    Object.defineProperty(fake, key, { get: () => real[key as keyof Location] });
  }
  fake.toString = () => real.href;
  vi.stubGlobal('location', fake);
  return assign;
}

function expectTokenNotInBrowserStorage() {
  for (const storage of [localStorage, sessionStorage]) {
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index) ?? '';
      expect(key).not.toContain(ACCESS_TOKEN);
      expect(storage.getItem(key) ?? '').not.toContain(ACCESS_TOKEN);
    }
  }
}

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  pluginConfig.set({});
});
afterEach(() => {
  server.resetHandlers();
  vi.unstubAllGlobals();
});
afterAll(() => server.close());

describe('Sign in with HuggingFace', () => {
  it('says so when the proxy has no OAuth client, and pasting a token still works', async () => {
    server.use(
      ...settingsBackground(),
      proxy.on('hfOAuthConfig', () => ({ ...OAUTH_CONFIG, clientId: '' }))
    );
    renderPage(<SettingsPage />, { url: ROUTES.settings, route: ROUTES.settings });
    expect(
      await screen.findByText(/Sign-in with HuggingFace is not configured on the AI Runway proxy/)
    ).toHaveTextContent('Pasting an access token below still works.');
    expect(screen.queryByRole('button', { name: 'Sign in with HuggingFace' })).toBeNull();
    expect(await screen.findByLabelText('HuggingFace access token')).toBeEnabled();
  });

  it('in the desktop app (hash router) says sign-in cannot return there, asks nothing of the proxy, and pasting works', async () => {
    const configRequests: string[] = [];
    server.use(
      ...settingsBackground(),
      proxy.on('hfOAuthConfig', request => {
        configRequests.push(request.url);
        return OAUTH_CONFIG;
      })
    );
    renderPage(<SettingsPage />, { url: ROUTES.settings, route: ROUTES.settings, router: 'hash' });
    expect(
      await screen.findByText(/Sign-in with HuggingFace needs Headlamp opened in a web browser/)
    ).toHaveTextContent('Paste an access token below instead.');
    expect(await screen.findByLabelText('HuggingFace access token')).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Sign in with HuggingFace' })).toBeNull();
    expect(configRequests).toEqual([]);
  });

  it('starts the sign-in for the callback route with the chosen namespaces and goes to HuggingFace', async () => {
    const starts: unknown[] = [];
    server.use(
      ...settingsBackground(),
      proxy.on('hfOAuthConfig', () => OAUTH_CONFIG),
      proxy.on('hfOAuthStart', async request => {
        starts.push(await request.json());
        return { authorizationUrl: AUTHORIZATION_URL, state: STATE };
      })
    );
    const { container } = renderPage(<SettingsPage />, {
      url: ROUTES.settings,
      route: ROUTES.settings,
    });
    const assign = stubLocationAssign();
    const namespaces = await screen.findByLabelText('Namespaces');
    await waitFor(() => expect(namespaces).toHaveValue('team-a'));
    fireEvent.change(namespaces, { target: { value: 'team-a, team-b' } });
    const button = await screen.findByRole('button', { name: 'Sign in with HuggingFace' });
    expect(await seriousA11yViolations(container)).toEqual([]);
    fireEvent.click(button);
    await waitFor(() => expect(assign).toHaveBeenCalledWith(AUTHORIZATION_URL));
    expect(starts).toEqual([
      {
        redirectUri: `http://localhost:3000/c/test-cluster/airunway/settings/huggingface-callback?namespaces=team-a,team-b`,
      },
    ]);
    expect(assign).toHaveBeenCalledTimes(1);
    // Only the sign-in's state is remembered, for this tab, to recognise the callback.
    expect(sessionStorage.getItem(HF_OAUTH_PENDING_STATE_KEY)).toBe(STATE);
  });

  it('cannot start without valid namespaces, and explains a failed start', async () => {
    server.use(
      ...settingsBackground(),
      proxy.on('hfOAuthConfig', () => OAUTH_CONFIG),
      proxy.on('hfOAuthStart', () =>
        proxy.error('UPSTREAM_UNAVAILABLE', 'HuggingFace did not answer in time.')
      )
    );
    renderPage(<SettingsPage />, { url: ROUTES.settings, route: ROUTES.settings });
    const assign = stubLocationAssign();
    const namespaces = await screen.findByLabelText('Namespaces');
    await waitFor(() => expect(namespaces).toHaveValue('team-a'));
    const button = await screen.findByRole('button', { name: 'Sign in with HuggingFace' });
    fireEvent.change(namespaces, { target: { value: 'Team A' } });
    expect(button).toBeDisabled();
    fireEvent.change(namespaces, { target: { value: 'team-a' } });
    fireEvent.click(button);
    expect(await findAlert('HuggingFace sign-in could not start')).toHaveTextContent(
      'HuggingFace did not answer in time.'
    );
    expect(assign).not.toHaveBeenCalled();
    expect(sessionStorage.getItem(HF_OAUTH_PENDING_STATE_KEY)).toBeNull();
  });
});

describe('HuggingFace sign-in callback', () => {
  it('exchanges the code with the verifier, saves hf-token in each namespace and keeps the token out of storage and the URL', async () => {
    const calls = oauthProxy();
    const writes = secretWrites();
    rememberPendingSignIn(STATE);
    const { container } = renderCallback(`?namespaces=team-a,team-b&code=${CODE}&state=${STATE}`);
    expect(await screen.findByText('Signed in as alice (Alice Example).')).toBeInTheDocument();
    expect(await screen.findByText('Token saved in team-a, team-b.')).toBeInTheDocument();

    expect(calls.verifier).toEqual([STATE]);
    expect(calls.token).toEqual([
      { code: CODE, codeVerifier: VERIFIER, redirectUri: redirectUri('team-a,team-b') },
    ]);
    const secret = (namespace: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'hf-token', namespace },
      type: 'Opaque',
      // stringData: the API server stores it base64-encoded under data.HF_TOKEN.
      stringData: { HF_TOKEN: ACCESS_TOKEN },
    });
    expect(writes).toEqual([
      {
        path: '/clusters/test-cluster/api/v1/namespaces/team-a/secrets',
        body: secret('team-a'),
      },
      {
        path: '/clusters/test-cluster/api/v1/namespaces/team-b/secrets',
        body: secret('team-b'),
      },
    ]);

    // code and state left the visible URL (a reload does not retry); the namespaces stay.
    expect(window.location.pathname).toBe(CALLBACK_PATH);
    expect(window.location.search).toBe('?namespaces=team-a%2Cteam-b');
    expect(window.location.href).not.toContain(CODE);
    expectTokenNotInBrowserStorage();
    expect(sessionStorage.getItem(HF_OAUTH_PENDING_STATE_KEY)).toBeNull();
    expect(container.innerHTML).not.toContain(ACCESS_TOKEN);
    expect(screen.getByRole('link', { name: 'Back to Settings' })).toHaveAttribute(
      'href',
      '/c/test-cluster/airunway/settings'
    );
    expect(await seriousA11yViolations(container)).toEqual([]);
  });

  it('explains an expired or reused sign-in (the verifier is gone) and exchanges nothing', async () => {
    const calls = oauthProxy({
      verifier: () =>
        proxy.error(
          'NOT_FOUND',
          'This sign-in has expired or was already completed. Start the sign-in again.'
        ),
    });
    const writes = secretWrites();
    rememberPendingSignIn(STATE);
    renderCallback(`?namespaces=team-a&code=${CODE}&state=${STATE}`);
    const alert = await findAlert('This sign-in has expired or was already finished');
    expect(alert).toHaveTextContent('Start the sign-in again from Settings.');
    expect(calls.verifier).toEqual([STATE]);
    expect(calls.token).toEqual([]);
    expect(writes).toEqual([]);
    expect(screen.getByRole('link', { name: 'Back to Settings' })).toBeInTheDocument();
    expect(window.location.search).toBe('?namespaces=team-a');
  });

  it('explains a code HuggingFace refuses, and saves nothing', async () => {
    oauthProxy({
      token: () =>
        proxy.error(
          'VALIDATION_ERROR',
          'HuggingFace rejected the sign-in code. Start the sign-in again.'
        ),
    });
    const writes = secretWrites();
    rememberPendingSignIn(STATE);
    renderCallback(`?namespaces=team-a&code=${CODE}&state=${STATE}`);
    expect(await findAlert('HuggingFace refused the sign-in code')).toHaveTextContent(
      'Start the sign-in again from Settings.'
    );
    expect(writes).toEqual([]);
  });

  it('saves where allowed and names the missing permission where RBAC denies it', async () => {
    oauthProxy();
    const writes = secretWrites(['team-b']);
    rememberPendingSignIn(STATE);
    renderCallback(`?namespaces=team-a,team-b&code=${CODE}&state=${STATE}`);
    expect(await screen.findByText('Token saved in team-a.')).toBeInTheDocument();
    expect(
      await findAlert('not allowed to create secrets in namespace team-b')
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Where the token could not be saved, ask for the permission named above/)
    ).toBeInTheDocument();
    expect(writes.map(write => write.path)).toEqual([
      '/clusters/test-cluster/api/v1/namespaces/team-a/secrets',
    ]);
    expectTokenNotInBrowserStorage();
  });

  it('refuses a callback this tab did not start, without using the sign-in', async () => {
    const calls = oauthProxy();
    const writes = secretWrites();
    renderCallback(`?namespaces=team-a&code=${CODE}&state=${STATE}`);
    expect(await findAlert('This sign-in was not started in this browser tab')).toBeInTheDocument();
    expect(calls.verifier).toEqual([]);
    expect(writes).toEqual([]);
  });

  it('says there is nothing to finish when opened without a code (e.g. after a reload)', async () => {
    const calls = oauthProxy();
    renderCallback('?namespaces=team-a');
    expect(
      await findAlert('There is no HuggingFace sign-in to finish on this page')
    ).toBeInTheDocument();
    expect(calls.verifier).toEqual([]);
  });

  it('shows why HuggingFace did not sign the user in', async () => {
    rememberPendingSignIn(STATE);
    renderCallback(
      `?namespaces=team-a&error=access_denied&error_description=The+user+denied+access&state=${STATE}`
    );
    expect(
      await findAlert('HuggingFace did not sign you in: The user denied access.')
    ).toBeInTheDocument();
    expect(window.location.search).toBe('?namespaces=team-a');
  });

  it('explains any other failed exchange, and saves nothing', async () => {
    oauthProxy({ token: () => status(502, 'BadGateway', 'upstream failed') });
    const writes = secretWrites();
    rememberPendingSignIn(STATE);
    renderCallback(`?namespaces=team-a&code=${CODE}&state=${STATE}`);
    expect(
      await findAlert('The token exchange with HuggingFace failed, so no token was saved')
    ).toBeInTheDocument();
    expect(writes).toEqual([]);
  });
});
