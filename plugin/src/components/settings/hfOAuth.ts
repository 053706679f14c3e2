/**
 * HuggingFace sign-in through the AI Runway proxy (OAuth 2.0 + PKCE; the proxy keeps the verifier). The
 * browser keeps only the sign-in's `state` for the tab that started it (sessionStorage), so a callback link
 * made by someone else's sign-in is refused instead of saving their token in this cluster. The access
 * token itself is never written to browser storage or a URL.
 */
import { NamespaceNameSchema } from '@airunway/shared-client/schemas/identifiers';

export const HF_OAUTH_PENDING_STATE_KEY = 'airunway.hfOAuth.pendingState';

export function rememberPendingSignIn(state: string): void {
  sessionStorage.setItem(HF_OAUTH_PENDING_STATE_KEY, state);
}

/** Whether this tab started the sign-in with `state`; the record is removed either way (one use). */
export function takePendingSignIn(state: string): boolean {
  const pending = sessionStorage.getItem(HF_OAUTH_PENDING_STATE_KEY);
  sessionStorage.removeItem(HF_OAUTH_PENDING_STATE_KEY);
  return pending !== null && pending === state;
}

/** The absolute URL of an in-app href (the router's href, so a base path or hash router is kept). */
export function absoluteUrl(href: string): string {
  return new URL(href, window.location.href).toString();
}

/** Whether a browser can be sent back to `url` by an OAuth server: http(s), and no fragment. */
export function canReceiveRedirect(url: string): boolean {
  const parsed = new URL(url);
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hash === '';
}

/** The namespaces in the callback's query (`a,b`): the valid names, and the first invalid one. */
export function callbackNamespaces(text: string | null): { valid: string[]; invalid?: string } {
  const names = [
    ...new Set(
      (text ?? '')
        .split(',')
        .map(name => name.trim())
        .filter(Boolean)
    ),
  ];
  const invalid = names.find(name => !NamespaceNameSchema.safeParse(name).success);
  return invalid === undefined ? { valid: names } : { valid: [], invalid };
}

/** The query keys the sign-in adds to the callback URL, removed after reading. */
export const CALLBACK_ONLY_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri'];
