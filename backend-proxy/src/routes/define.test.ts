import { HealthResponseSchema, VersionResponseSchema } from '@airunway/shared-client/schemas/proxy';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { ValidatedJson } from '../validatedJson';
import { RouteTable } from './define';

/** A bare app with one route answering `answer()`; errors are recorded, as app.ts logs them. */
function appAnswering(answer: () => unknown) {
  const app = new Hono();
  const errors: Error[] = [];
  app.onError((err, c) => {
    errors.push(err);
    return c.json({ error: 'internal', code: 'INTERNAL' }, 500);
  });
  new RouteTable(app).add('version', answer);
  return { app, errors };
}

const version = { version: '1.0.0', buildTime: 'now', gitCommit: 'abc' };

describe('RouteTable with pre-validated JSON', () => {
  it('sends a ValidatedJson validated against the route schema as is, with its entity tag', async () => {
    const json = ValidatedJson.of(VersionResponseSchema, { ...version, extra: 'dropped' });
    const { app } = appAnswering(() => json);
    const res = await app.request('/health/version');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('etag')).toBe(json.etag);
    // Validation happened when the value was produced: unknown keys are already stripped.
    expect(await res.text()).toBe(JSON.stringify(version));
  });

  it('answers 304 with no body when If-None-Match names the same entity', async () => {
    const json = ValidatedJson.of(VersionResponseSchema, version);
    const { app } = appAnswering(() => json);
    const res = await app.request('/health/version', { headers: { 'If-None-Match': json.etag } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
    const other = await app.request('/health/version', { headers: { 'If-None-Match': '"other"' } });
    expect(other.status).toBe(200);
  });

  it('refuses a ValidatedJson validated against another schema than the route promises', async () => {
    const { app, errors } = appAnswering(() =>
      ValidatedJson.of(HealthResponseSchema, { status: 'ok', timestamp: 'now' })
    );
    const res = await app.request('/health/version');
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('timestamp');
    expect(errors[0]?.message).toMatch(/validated against another schema/);
  });

  it('still validates plain values on every request', async () => {
    const { app, errors } = appAnswering(() => ({ version: 1 }));
    expect((await app.request('/health/version')).status).toBe(500);
    expect(errors[0]?.message).toMatch(/does not match its schema/);
  });
});

describe('ValidatedJson.of', () => {
  it('throws with the issues when the value does not match, so nothing unvalidated can be sent', () => {
    let thrown: unknown;
    try {
      ValidatedJson.of(VersionResponseSchema, { version: 1 });
    } catch (e) {
      thrown = e;
    }
    expect((thrown as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
  });

  it('gives equal bodies equal tags and different bodies different tags', () => {
    const a = ValidatedJson.of(VersionResponseSchema, version);
    const b = ValidatedJson.of(VersionResponseSchema, { ...version });
    const c = ValidatedJson.of(VersionResponseSchema, { ...version, gitCommit: 'def' });
    expect(a.etag).toBe(b.etag);
    expect(a.etag).not.toBe(c.etag);
  });
});
