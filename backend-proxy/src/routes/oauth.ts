/** HuggingFace sign-in (OAuth 2.0 + PKCE): config, start, one-time verifier, token exchange. */
import type { HfOAuth } from '../hf/oauth';
import type { RouteTable } from './define';

export function oauthRoutes(routes: RouteTable, oauth: HfOAuth): void {
  routes.add('hfOAuthConfig', () => oauth.config());
  routes.add('hfOAuthStart', ({ body }) => oauth.start(body.redirectUri));
  routes.add('hfOAuthVerifier', ({ params }) => oauth.verifier(params.state));
  routes.add('hfOAuthToken', ({ body }) => oauth.exchange(body));
}
