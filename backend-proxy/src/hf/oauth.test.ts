import { OAuthTokenResponseSchema } from '@airunway/shared-client/schemas/proxy';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubStandIn, startHfHub, VALID_TOKEN } from '../../../test/fixtures/upstreams/hf-hub';
import { integrationApp } from '../testing/integrations';
import { MemoryStateStore } from './oauthState';

let hub: HubStandIn;
beforeAll(async () => {
  hub = await startHfHub();
});
afterAll(() => hub.close());

const REDIRECT = 'http://localhost:4466/oauth/callback/huggingface';

describe('HuggingFace OAuth with PKCE', () => {
  it('config names the configured Hub and client', async () => {
    const { call } = integrationApp({ hfEndpoint: hub.url });
    const res = await call('GET', '/oauth/huggingface/config');
    expect(res.body).toEqual({
      clientId: 'test-client-id',
      authorizeUrl: `${hub.url}/oauth/authorize`,
      scopes: ['openid', 'profile', 'read-repos'],
    });
  });

  it('round trip: start → verifier (once) → token, with the S256 challenge checked by the Hub', async () => {
    const { call, logLines } = integrationApp({ hfEndpoint: hub.url });
    const start = await call('POST', '/oauth/huggingface/start', {
      body: { redirectUri: REDIRECT },
    });
    expect(start.status).toBe(200);
    const authUrl = new URL(start.body.authorizationUrl);
    expect(authUrl.origin + authUrl.pathname).toBe(`${hub.url}/oauth/authorize`);
    expect(authUrl.searchParams.get('state')).toBe(start.body.state);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authUrl.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(authUrl.searchParams.get('client_id')).toBe('test-client-id');
    const challenge = authUrl.searchParams.get('code_challenge')!;

    // The user approves; HuggingFace redirects back with ?code=...&state=...
    hub.approve('auth-code-1', challenge, REDIRECT);

    const verifier = await call('POST', `/oauth/huggingface/verifier/${start.body.state}`);
    expect(verifier.status).toBe(200);
    expect(verifier.body.redirectUri).toBe(REDIRECT);
    expect(createHash('sha256').update(verifier.body.codeVerifier).digest('base64url')).toBe(
      challenge
    );

    const again = await call('POST', `/oauth/huggingface/verifier/${start.body.state}`);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('NOT_FOUND');

    const token = await call('POST', '/oauth/huggingface/token', {
      body: {
        code: 'auth-code-1',
        codeVerifier: verifier.body.codeVerifier,
        redirectUri: REDIRECT,
      },
    });
    expect(token.status).toBe(200);
    const parsed = OAuthTokenResponseSchema.parse(token.body);
    expect(parsed.accessToken).toBe(VALID_TOKEN);
    expect(parsed.user).toEqual({
      id: '6650c0ffee',
      name: 'testuser',
      fullname: 'Test User',
      email: 'test@example.com',
      avatarUrl: 'https://example.com/a.png',
    });
    expect(logLines.join('')).not.toContain(VALID_TOKEN);
    expect(logLines.join('')).not.toContain(verifier.body.codeVerifier);
  });

  it('a wrong verifier or a reused code is rejected with 400, not 5xx', async () => {
    const { call } = integrationApp({ hfEndpoint: hub.url });
    const start = await call('POST', '/oauth/huggingface/start', {
      body: { redirectUri: REDIRECT },
    });
    const challenge = new URL(start.body.authorizationUrl).searchParams.get('code_challenge')!;
    hub.approve('auth-code-2', challenge, REDIRECT);
    const wrong = await call('POST', '/oauth/huggingface/token', {
      body: { code: 'auth-code-2', codeVerifier: 'x'.repeat(64), redirectUri: REDIRECT },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('VALIDATION_ERROR');
  });

  it('validates inputs: redirect URI scheme, state format, verifier length', async () => {
    const { call } = integrationApp({ hfEndpoint: hub.url });
    expect(
      (
        await call('POST', '/oauth/huggingface/start', {
          body: { redirectUri: 'javascript:alert(1)' },
        })
      ).status
    ).toBe(400);
    expect((await call('POST', '/oauth/huggingface/verifier/short')).status).toBe(400);
    expect(
      (
        await call('POST', '/oauth/huggingface/token', {
          body: { code: 'c', codeVerifier: 'short', redirectUri: REDIRECT },
        })
      ).status
    ).toBe(400);
    expect((await call('GET', '/oauth/huggingface/verifier/abcdefghijkl')).status).toBe(404);
  });

  it('a verifier past its TTL is gone', async () => {
    let now = 1_000_000;
    const store = new MemoryStateStore(() => now);
    await store.put('state-abcdefgh', { codeVerifier: 'v'.repeat(43), redirectUri: REDIRECT }, 60);
    now += 61_000;
    expect(await store.take('state-abcdefgh')).toBeUndefined();
  });

  it('token endpoint faults become 502/504 in the error shape', async () => {
    const { call } = integrationApp({ hfEndpoint: hub.url });
    hub.fault({ status: 500 });
    const res = await call('POST', '/oauth/huggingface/token', {
      body: { code: 'c', codeVerifier: 'v'.repeat(43), redirectUri: REDIRECT },
    });
    expect(res.status).toBe(502);
    expect(res.body.code).toBe('UPSTREAM_UNAVAILABLE');
    hub.fault({ delayMs: 1500 });
    const slow = await call('POST', '/oauth/huggingface/token', {
      body: { code: 'c', codeVerifier: 'v'.repeat(43), redirectUri: REDIRECT },
    });
    expect(slow.status).toBe(504);
    hub.fault(undefined);
  });
});
