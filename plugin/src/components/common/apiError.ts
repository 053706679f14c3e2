/**
 * Turns a failed Kubernetes request into something a person can act on. Headlamp's hooks give an ApiError
 * with the HTTP status and the API server's Status message; the message of a 403 names the verb and the
 * resource, which is exactly what an operator must ask their admin for, so it is parsed out.
 */

/** What the page was trying to do, used when the API server's message does not say it. */
export interface RequestIntent {
  verb: string;
  /** Plural resource, with its group for non-core resources, e.g. `modeldeployments.airunway.ai`. */
  resource: string;
  /** Namespace, or undefined for a cluster-wide request. */
  namespace?: string;
}

export type ApiProblem =
  | { kind: 'forbidden'; verb: string; resource: string; namespace?: string; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'other'; status?: number; message: string };

interface ErrorLike {
  status?: number;
  message?: string;
}

// `... is forbidden: User "u" cannot list resource "modeldeployments" in API group "airunway.ai" in the namespace "ns"`
const FORBIDDEN_PATTERN =
  /cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)"| at the cluster scope)?/;

export function classifyApiError(
  error: ErrorLike | null | undefined,
  intent: RequestIntent
): ApiProblem | null {
  if (!error) return null;
  const message = error.message ?? '';
  if (error.status === 403) {
    const match = FORBIDDEN_PATTERN.exec(message);
    if (match) {
      const [, verb = intent.verb, plural = '', group = '', namespace] = match;
      return {
        kind: 'forbidden',
        verb,
        resource: group ? `${plural}.${group}` : plural,
        ...(namespace ? { namespace } : {}),
        message,
      };
    }
    return { kind: 'forbidden', ...intent, message };
  }
  if (error.status === 404) return { kind: 'not-found', message };
  return {
    kind: 'other',
    ...(error.status !== undefined ? { status: error.status } : {}),
    message,
  };
}
