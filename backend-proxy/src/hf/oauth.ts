/**
 * HuggingFace sign-in with OAuth 2.0 + PKCE (S256). The proxy creates the state and the verifier, keeps
 * them in the state store (a short-lived Kubernetes Secret), hands the verifier back once, and exchanges
 * the code at the Hub's token endpoint. The access token is passed through to the caller and never
 * logged or stored.
 */
import type {
  OAuthConfigResponse,
  OAuthStartResponse,
  OAuthTokenRequest,
  OAuthTokenResponse,
  OAuthVerifierResponse,
} from '@airunway/shared-client/schemas/proxy';
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ProxyError } from '../errors';
import { type FetchLike, fetchUpstream, upstreamUrl } from '../upstream';
import { HF_SERVICE } from './hub';
import type { OAuthStateStore } from './oauthState';

export interface HfOAuthOptions {
  endpoint: string;
  clientId: string;
  scopes: string[];
  stateTtlSeconds: number;
  timeoutMs: number;
  store: OAuthStateStore;
  fetch?: FetchLike;
}

export const TokenWireSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().default('Bearer'),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
});

export const UserInfoWireSchema = z.object({
  sub: z.string(),
  name: z.string().optional(),
  preferred_username: z.string().optional(),
  email: z.string().optional(),
  picture: z.string().optional(),
});

const base64url = (buf: Buffer) => buf.toString('base64url');

export function pkceChallenge(verifier: string): string {
  return base64url(createHash('sha256').update(verifier).digest());
}

export class HfOAuth {
  constructor(private readonly opts: HfOAuthOptions) {}

  config(): OAuthConfigResponse {
    return {
      clientId: this.opts.clientId,
      authorizeUrl: upstreamUrl(this.opts.endpoint, ['oauth', 'authorize']).toString(),
      scopes: this.opts.scopes,
    };
  }

  async start(redirectUri: string): Promise<OAuthStartResponse> {
    const state = base64url(randomBytes(24));
    const codeVerifier = base64url(randomBytes(48));
    await this.opts.store.put(state, { codeVerifier, redirectUri }, this.opts.stateTtlSeconds);
    const url = upstreamUrl(this.opts.endpoint, ['oauth', 'authorize'], {
      client_id: this.opts.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: this.opts.scopes.join(' '),
      state,
      code_challenge: pkceChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { authorizationUrl: url.toString(), state };
  }

  async verifier(state: string): Promise<OAuthVerifierResponse> {
    const entry = await this.opts.store.take(state);
    if (!entry) {
      throw new ProxyError(
        'NOT_FOUND',
        'This sign-in has expired or was already completed. Start the sign-in again.'
      );
    }
    return entry;
  }

  async exchange(request: OAuthTokenRequest): Promise<OAuthTokenResponse> {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: request.code,
      redirect_uri: request.redirectUri,
      client_id: this.opts.clientId,
      code_verifier: request.codeVerifier,
    });
    const { data: token } = await fetchUpstream({
      service: HF_SERVICE,
      method: 'POST',
      url: upstreamUrl(this.opts.endpoint, ['oauth', 'token']),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      schema: TokenWireSchema,
      timeoutMs: this.opts.timeoutMs,
      ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
      onStatus: status =>
        status === 400 || status === 401
          ? new ProxyError(
              'VALIDATION_ERROR',
              'HuggingFace rejected the sign-in code. Start the sign-in again.',
              {
                upstream: 'huggingface',
                upstreamStatus: status,
              }
            )
          : undefined,
    });
    const { data: user } = await fetchUpstream({
      service: HF_SERVICE,
      url: upstreamUrl(this.opts.endpoint, ['oauth', 'userinfo']),
      headers: { Authorization: `Bearer ${token.access_token}` },
      schema: UserInfoWireSchema,
      timeoutMs: this.opts.timeoutMs,
      retries: 1,
      ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
    });
    const response: OAuthTokenResponse = {
      accessToken: token.access_token,
      tokenType: token.token_type,
      user: {
        id: user.sub,
        name: user.preferred_username ?? user.name ?? user.sub,
        fullname: user.name ?? user.preferred_username ?? user.sub,
        ...(user.email ? { email: user.email } : {}),
        ...(user.picture ? { avatarUrl: user.picture } : {}),
      },
    };
    if (token.expires_in !== undefined) response.expiresIn = token.expires_in;
    if (token.scope !== undefined) response.scope = token.scope;
    return response;
  }
}
