import { isPlainObject, jsonEqual } from '../json';

/**
 * The JSON merge patch (RFC 7396) that turns `before` into `after`: changed leaves carry their new value,
 * removed fields are null, objects recurse, arrays and scalars replace whole. Applying it to an object
 * whose spec equals `before` yields exactly `after`, and nothing outside the changed paths is sent, so a
 * field someone else owns is left alone.
 */
export function mergePatchBetween(
  before: Record<string, unknown>,
  after: Record<string, unknown>
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(before)) {
    if (!Object.hasOwn(after, key) || after[key] === undefined) {
      if (before[key] !== undefined) patch[key] = null;
    }
  }
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const old = Object.hasOwn(before, key) ? before[key] : undefined;
    if (isPlainObject(old) && isPlainObject(value)) {
      const nested = mergePatchBetween(old, value);
      if (Object.keys(nested).length > 0) patch[key] = nested;
    } else if (!jsonEqual(old, value)) {
      patch[key] = value;
    }
  }
  return patch;
}
