/**
 * Field errors keyed by the field's path as the API server writes it (`spec.scaling.replicas`,
 * `spec.env[0].name`), so client-side (zod) and server-side (422 Status causes) errors land on the same
 * inputs.
 */
import {
  ModelDeploymentNameSchema,
  NamespaceNameSchema,
} from '@airunway/shared-client/schemas/identifiers';
import { ModelDeploymentSpecSchema } from '@airunway/shared-client/schemas/modelDeployment';
import type { JsonObject } from './draft';

export type FieldErrors = Record<string, string>;

export function fieldPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`
    )
    .join('');
}

/** Errors for `path` itself and everything under it (`spec.env` covers `spec.env[0].name`). */
export function errorsUnder(errors: FieldErrors, path: string): string[] {
  return Object.entries(errors)
    .filter(([key]) => key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}[`))
    .map(([key, message]) => (key === path ? message : `${key}: ${message}`));
}

export function validateObject(object: JsonObject): FieldErrors {
  const errors: FieldErrors = {};
  const metadata = (object.metadata ?? {}) as JsonObject;
  const name = ModelDeploymentNameSchema.safeParse(metadata.name ?? '');
  if (!name.success) errors['metadata.name'] = name.error.issues[0]?.message ?? 'invalid name';
  const namespace = NamespaceNameSchema.safeParse(metadata.namespace ?? '');
  if (!namespace.success) {
    errors['metadata.namespace'] = namespace.error.issues[0]?.message ?? 'invalid namespace';
  }
  const spec = ModelDeploymentSpecSchema.safeParse(object.spec);
  if (!spec.success) {
    for (const issue of spec.error.issues) {
      const key = fieldPath(['spec', ...issue.path]);
      errors[key] ??= issue.message;
    }
  }
  return errors;
}

// `ModelDeployment.airunway.ai "x" is invalid: [spec.a: Invalid value: 3: detail, spec.b: Required value]`
const INVALID_MARKER = ' is invalid: ';
const FIELD_START = /(?:^|, )((?:spec|metadata)(?:\.[\w-]+|\[[^\]]*\])*): /g;

/**
 * The causes of a 422 from the API server. Headlamp's request rejects with only the Status message, not
 * its `details.causes`; the message lists the same causes as `<field>: <detail>` (one, or several in
 * brackets), which is what is read here.
 */
export function causesFromInvalidStatus(error: {
  status?: number;
  message?: string;
}): FieldErrors | null {
  if (error.status !== 422 || !error.message) return null;
  const start = error.message.indexOf(INVALID_MARKER);
  if (start < 0) return null;
  let list = error.message.slice(start + INVALID_MARKER.length).trim();
  if (list.startsWith('[') && list.endsWith(']')) list = list.slice(1, -1);
  const matches = [...list.matchAll(FIELD_START)];
  const causes: FieldErrors = {};
  matches.forEach((match, index) => {
    const field = match[1] as string;
    const from = (match.index ?? 0) + match[0].length;
    const to = matches[index + 1]?.index ?? list.length;
    causes[field] ??= list.slice(from, to).trim();
  });
  return Object.keys(causes).length > 0 ? causes : null;
}
