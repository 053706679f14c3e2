import { ErrorBodySchema } from '@airunway/shared-client/schemas/errors';
import { SHELL_METACHARACTERS } from '@airunway/shared-client/schemas/identifiers';
import {
  PROVIDER_IDS,
  ProviderActionResponseSchema,
  PROXY_ENDPOINTS,
} from '@airunway/shared-client/schemas/proxy';
import { describe, expect, it } from 'vitest';
import { ProxyError } from './errors';
import { openApiPath } from './openapi';
import { memoryLogger, MUTATING, testApp } from './testing/fakes';

async function json(res: Response) {
  return JSON.parse(await res.text());
}

function expectErrorShape(body: unknown, code?: string) {
  const parsed = ErrorBodySchema.safeParse(body);
  expect(parsed.success, JSON.stringify(body)).toBe(true);
  expect(JSON.stringify(body)).not.toMatch(/\bat .+:\d+:\d+|stack/i);
  if (code) expect((body as any).code).toBe(code);
}

describe('health and version', () => {
  it('answers health and version', async () => {
    const { app } = testApp();
    const h = await app.request('/api/health');
    expect(h.status).toBe(200);
    expect((await json(h)).status).toBe('ok');
    const v = await app.request('/api/health/version');
    expect(await json(v)).toEqual({
      version: '1.2.3',
      buildTime: '2026-01-01T00:00:00Z',
      gitCommit: 'abc123',
    });
  });

  it('answers 503 in the error shape while shutting down', async () => {
    const { app } = testApp({}, { shuttingDown: true });
    const h = await app.request('/api/health');
    expect(h.status).toBe(503);
    expectErrorShape(await json(h), 'UPSTREAM_UNAVAILABLE');
  });
});

describe('installation routes', () => {
  it('routes each provider action to the service and validates the answer', async () => {
    const { app, calls } = testApp();
    for (const [path, method] of [
      ['install', 'install'],
      ['upgrade', 'upgrade'],
      ['uninstall', 'uninstall'],
      ['uninstall-crds', 'uninstallCrds'],
    ] as const) {
      const res = await app.request(`/api/installation/providers/kaito/${path}`, {
        method: 'POST',
      });
      expect(res.status).toBe(200);
      expect(ProviderActionResponseSchema.safeParse(await json(res)).success).toBe(true);
      expect(calls.at(-1)).toEqual({ method, id: 'kaito' });
    }
  });

  it('accepts an empty JSON object as body and rejects any other body', async () => {
    const { app, calls } = testApp();
    expect(
      (
        await app.request('/api/installation/providers/kaito/install', {
          method: 'POST',
          body: '{}',
        })
      ).status
    ).toBe(200);
    const bad = await app.request('/api/installation/providers/kaito/install', {
      method: 'POST',
      body: '{"chart":"evil"}',
    });
    expect(bad.status).toBe(400);
    expectErrorShape(await json(bad), 'VALIDATION_ERROR');
    expect(calls.filter(c => c.method === 'install')).toHaveLength(1);
  });

  it('answers NOT_FOUND for a well-formed unknown provider and VALIDATION_ERROR for a malformed one', async () => {
    const { app, calls } = testApp();
    const unknown = await app.request('/api/installation/providers/nginx/install', {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
    expectErrorShape(await json(unknown), 'NOT_FOUND');
    const bad = await app.request('/api/installation/providers/Kaito_1/status');
    expect(bad.status).toBe(400);
    expectErrorShape(await json(bad), 'VALIDATION_ERROR');
    expect(calls).toHaveLength(0);
  });

  it('rejects every shell metacharacter in a provider id before anything runs', async () => {
    const { app, calls } = testApp();
    for (const meta of SHELL_METACHARACTERS) {
      for (const id of [
        `kaito${meta}`,
        `${meta}kaito`,
        `ka${meta}ito`,
        `kaito${meta}rm -rf /`,
        `$(${'id'})`,
      ]) {
        for (const action of ['status', 'install', 'uninstall-crds']) {
          const method = action === 'status' ? 'GET' : 'POST';
          const res = await app.request(
            `/api/installation/providers/${encodeURIComponent(id)}/${action}`,
            { method }
          );
          expect(res.status, `${id} ${action}`).toBe(400);
          expectErrorShape(await json(res), 'VALIDATION_ERROR');
        }
      }
    }
    expect(calls).toHaveLength(0);
  });

  it('maps a ProxyError to its status and code', async () => {
    const { app } = testApp({
      install: async () => {
        throw new ProxyError('CONFLICT', 'Another operation is running', {
          release: 'kaito-workspace',
        });
      },
      upgrade: async () => {
        throw new ProxyError('PROVIDER_NOT_INSTALLED', 'not installed');
      },
      providerStatus: async () => {
        throw new ProxyError('UPSTREAM_UNAVAILABLE', 'helm timed out', undefined, 504);
      },
    });
    const c = await app.request('/api/installation/providers/kaito/install', { method: 'POST' });
    expect(c.status).toBe(409);
    expect(await json(c)).toEqual({
      error: 'Another operation is running',
      code: 'CONFLICT',
      details: { release: 'kaito-workspace' },
    });
    const u = await app.request('/api/installation/providers/kaito/upgrade', { method: 'POST' });
    expect(u.status).toBe(424);
    expectErrorShape(await json(u), 'PROVIDER_NOT_INSTALLED');
    const s = await app.request('/api/installation/providers/kaito/status');
    expect(s.status).toBe(504);
    expectErrorShape(await json(s), 'UPSTREAM_UNAVAILABLE');
  });

  it('never leaks a stack or the message of an unexpected error', async () => {
    const { app, logLines } = testApp({
      helmStatus: async () => {
        throw new Error('secret-internal-detail at /srv/x.ts:1:2');
      },
    });
    const res = await app.request('/api/installation/helm/status');
    expect(res.status).toBe(500);
    const text = await res.clone().text();
    expect(text).not.toContain('secret-internal-detail');
    expectErrorShape(JSON.parse(text), 'INTERNAL');
    expect(logLines.join('')).toContain('unexpected error');
  });

  it('answers INTERNAL when a handler returns a shape that breaks the response schema', async () => {
    const { app } = testApp({ helmStatus: async () => ({ available: 'yes' } as any) });
    const res = await app.request('/api/installation/helm/status');
    expect(res.status).toBe(500);
    expectErrorShape(await json(res), 'INTERNAL');
  });

  it('no GET changes anything', async () => {
    const { app, calls } = testApp();
    for (const endpoint of Object.values(PROXY_ENDPOINTS)) {
      if (endpoint.method !== 'GET') continue;
      for (const id of PROVIDER_IDS) {
        await app.request(`/api${endpoint.path.replace(':id', id)}`);
      }
    }
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter(c => MUTATING.includes(c.method))).toEqual([]);
  });
});

describe('limits and unknown routes', () => {
  it('rejects a body over the limit with 413 in the error shape (with and without Content-Length)', async () => {
    const { app, calls } = testApp({}, { bodyLimitBytes: 1024 });
    const big = JSON.stringify({ x: 'a'.repeat(5000) });
    const res = await app.request('/api/installation/providers/kaito/install', {
      method: 'POST',
      body: big,
      headers: { 'content-length': String(big.length) },
    });
    expect(res.status).toBe(413);
    expectErrorShape(await json(res), 'VALIDATION_ERROR');
    const stream = new ReadableStream({
      start(ctrl) {
        for (let i = 0; i < 10; i++) ctrl.enqueue(new TextEncoder().encode('a'.repeat(500)));
        ctrl.close();
      },
    });
    const res2 = await app.request('/api/installation/providers/kaito/install', {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res2.status).toBe(413);
    expectErrorShape(await json(res2), 'VALIDATION_ERROR');
    expect(calls).toHaveLength(0);
  });

  it('answers unknown paths and methods with NOT_FOUND in the error shape', async () => {
    const { app } = testApp();
    for (const [path, method] of [
      ['/api/nope', 'GET'],
      ['/api/installation/providers/kaito/install', 'GET'],
      ['/api/installation/providers/kaito/status', 'DELETE'],
      ['/', 'GET'],
    ] as const) {
      const res = await app.request(path, { method });
      expect(res.status).toBe(404);
      expectErrorShape(await json(res), 'NOT_FOUND');
    }
  });
});

describe('OpenAPI document', () => {
  it('lists every route the app serves, with the right method', async () => {
    const { app } = testApp();
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe('3.1.0');
    const served = app.routes
      .filter(r => r.method !== 'ALL' && r.path !== '/api/openapi.json')
      .map(r => `${r.method} ${openApiPath(r.path.replace(/^\/api/, ''))}`)
      .sort();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map(m => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual([...new Set(served)]);
    expect(documented).toContain('POST /api/installation/providers/{id}/install');
    expect(documented).toContain('GET /api/health');
    const status = doc.paths['/api/installation/providers/{id}/status'].get;
    expect(status.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(status.parameters[0].schema.enum).toEqual([...PROVIDER_IDS]);
    expect(doc.components.schemas.ErrorBody.required).toEqual(['error', 'code']);
  });
});

describe('logs', () => {
  it('never contain tokens, cookies or authorization headers', async () => {
    const { logger, lines } = memoryLogger();
    logger.info(
      {
        req: {
          headers: {
            authorization: 'Bearer sekrit-1',
            'x-hf-token': 'hf_sekrit2',
            cookie: 'c=sekrit3',
          },
        },
      },
      'x'
    );
    logger.info(
      {
        headers: { authorization: 'Bearer sekrit-4' },
        token: 'sekrit5',
        nested: { hfToken: 'sekrit6' },
      },
      'y'
    );
    const { app, logLines } = testApp();
    await app.request('/api/health', {
      headers: {
        authorization: 'Bearer sekrit-7',
        'x-hf-token': 'hf_sekrit8',
        cookie: 'sekrit9=1',
      },
    });
    const all = [...lines, ...logLines].join('\n');
    expect(all).not.toMatch(/sekrit/);
    expect(all).toContain('[redacted]');
    expect(logLines.some(l => l.includes('"path":"/api/health"'))).toBe(true);
  });
});
