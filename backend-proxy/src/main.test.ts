/** The real entry point as a process: env config, serving, graceful SIGTERM, readable config errors. */
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise(resolve => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function fixtures() {
  const dir = mkdtempSync(join(tmpdir(), 'proxy-main-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
current-context: fake
clusters: [{ name: fake, cluster: { server: 'https://127.0.0.1:1' } }]
users: [{ name: fake, user: { token: not-a-real-token } }]
contexts: [{ name: fake, context: { cluster: fake, user: fake } }]
`
  );
  const helm = join(dir, 'helm');
  writeFileSync(helm, '#!/bin/sh\nsleep 1\necho v3.99.0+gabc\n');
  chmodSync(helm, 0o755);
  return { kubeconfig, helm };
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', d => (stdout += d));
  child.stderr!.on('data', d => (stderr += d));
  const exited = new Promise<number | null>(r => child.on('exit', code => r(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function waitUp(port: number) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('proxy did not start');
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('main', () => {
  it('serves with env config and finishes in-flight requests on SIGTERM before exiting', async () => {
    const port = await freePort();
    const { kubeconfig, helm } = fixtures();
    const p = start({
      PORT: String(port),
      HOST: '127.0.0.1',
      KUBECONFIG: kubeconfig,
      HELM_BIN: helm,
      APP_VERSION: '9.9.9',
      BUILD_TIME: '2026-11-22T00:00:00Z',
      GIT_COMMIT: 'cafe',
    });
    await waitUp(port);
    const v = await (await fetch(`http://127.0.0.1:${port}/api/health/version`)).json();
    expect(v).toEqual({ version: '9.9.9', buildTime: '2026-11-22T00:00:00Z', gitCommit: 'cafe' });

    // The fake helm takes 1 s: SIGTERM arrives while the request runs.
    const inFlight = fetch(`http://127.0.0.1:${port}/api/installation/helm/status`, {
      headers: { authorization: 'Bearer must-not-be-logged' },
    });
    await new Promise(r => setTimeout(r, 300));
    p.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ available: true, version: 'v3.99.0' });
    expect(await p.exited).toBe(0);
    const logs = p
      .out()
      .trim()
      .split('\n')
      .map(l => JSON.parse(l));
    expect(logs.map(l => l.msg)).toEqual(
      expect.arrayContaining(['airunway proxy listening', 'shutting down', 'stopped'])
    );
    expect(p.out()).not.toContain('must-not-be-logged');
  }, 30_000);

  it('refuses an invalid configuration with a readable message and no stack', async () => {
    const p = start({ PORT: 'eighty', KUBECONFIG: '/nonexistent' });
    expect(await p.exited).toBe(1);
    expect(p.err()).toMatch(/^airunway-proxy: invalid configuration:\n {2}PORT: /);
    expect(p.err()).not.toMatch(/\n\s+at /);
  }, 30_000);
});
