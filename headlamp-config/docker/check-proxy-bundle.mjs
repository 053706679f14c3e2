#!/usr/bin/env node
/**
 * Smoke test for the proxy image's entry point without a container engine: bundles the proxy into a temporary
 * directory (exactly what the Dockerfile's builder stage does), starts `node proxy.mjs` with nothing but
 * Node's own modules around it, and requires GET /api/health to answer 200 {"status":"ok"}.
 *
 *   npm run proxy:bundle:check
 *
 * The bundle reads a kubeconfig at start-up (outside a cluster); a placeholder one is written, since
 * /api/health talks to no API server.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'airunway-proxy-bundle-'));
const bundle = join(dir, 'proxy.mjs');

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

let child;
try {
  execFileSync(process.execPath, [join(here, 'bundle-proxy.mjs'), '--out', bundle], {
    stdio: 'inherit',
  });
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{ name: c, cluster: { server: "https://127.0.0.1:9" } }]',
      'users: [{ name: u, user: { token: placeholder } }]',
      'contexts: [{ name: x, context: { cluster: c, user: u } }]',
      'current-context: x',
      '',
    ].join('\n')
  );
  const port = await freePort();
  // cwd is the temporary directory: nothing from the checkout's node_modules can be resolved.
  child = spawn(process.execPath, [bundle], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: '127.0.0.1',
      KUBECONFIG: kubeconfig,
      LOG_LEVEL: 'warn',
      APP_VERSION: 'bundle-check',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 15_000;
  let body;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bundle exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      body = { status: res.status, json: await res.json() };
      break;
    } catch {
      await new Promise(r => setTimeout(r, 150));
    }
  }
  if (!body) throw new Error('the bundle did not answer /api/health within 15 s');
  if (body.status !== 200 || body.json.status !== 'ok') {
    throw new Error(`/api/health answered ${body.status} ${JSON.stringify(body.json)}`);
  }
  const version = await (await fetch(`http://127.0.0.1:${port}/api/health/version`)).json();
  process.stdout.write(
    `proxy bundle OK: /api/health 200 ${JSON.stringify(body.json)}; version ${version.version}\n`
  );
} catch (e) {
  process.stderr.write(`proxy bundle check failed: ${e.message}\n`);
  process.exitCode = 1;
} finally {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
