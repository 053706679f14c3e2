/**
 * Whether a proxy call failed because the proxy itself is not there (not installed, no ready pod, or the
 * API server cannot reach it), as opposed to the proxy answering with an error of its own (which may also
 * be UPSTREAM_UNAVAILABLE when HuggingFace is down, and then says so).
 */
import { isProxyError } from '@airunway/shared-client/client';

export function isProxyUnavailable(error: unknown): boolean {
  if (!isProxyError(error)) return false;
  // No answer at all: the request never reached anything.
  if (error.status === null) return error.code === 'UPSTREAM_UNAVAILABLE';
  // An answer that is not the proxy's JSON came from the API server's service proxy in front of it:
  // "services not found" (404) or "no endpoints available" (503).
  const fromInFront =
    typeof error.details?.body === 'string' || error.details?.kubernetesStatus !== undefined;
  return fromInFront && (error.status === 404 || error.status >= 500);
}
