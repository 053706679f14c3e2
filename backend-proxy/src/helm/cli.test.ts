import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProxyError } from '../errors';
import { createHelmCli } from './cli';

function fakeHelm(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-helm-'));
  const file = join(dir, 'helm');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('helm cli', () => {
  it('passes arguments as an array: metacharacters arrive literally, nothing is interpreted by a shell', async () => {
    const bin = fakeHelm(`for a in "$@"; do printf '%s\\n' "$a"; done`);
    const helm = createHelmCli({
      bin,
      kubeconfig: '/k/config',
      kubeContext: 'ctx',
      timeoutMs: 5000,
    });
    const nasty = ['status', 'a;touch /tmp/pwned', '$(id)', '`id`', 'x|y', "'q'", '&&', '*'];
    const r = await helm.run(nasty);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      ...nasty,
      '--kubeconfig',
      '/k/config',
      '--kube-context',
      'ctx',
    ]);
  });

  it('passes the extra environment (HELM_*_HOME)', async () => {
    const bin = fakeHelm('printf "%s" "$HELM_CACHE_HOME"');
    const r = await createHelmCli({
      bin,
      env: { HELM_CACHE_HOME: '/tmp/hc' },
      timeoutMs: 5000,
    }).run(['version']);
    expect(r.stdout).toBe('/tmp/hc');
  });

  it('reports a non-zero exit with its output', async () => {
    const bin = fakeHelm('echo "Error: release: not found" >&2; exit 1');
    const r = await createHelmCli({ bin, timeoutMs: 5000 }).run(['status', 'x']);
    expect(r).toEqual({ exitCode: 1, stdout: '', stderr: 'Error: release: not found\n' });
  });

  it('kills helm after the timeout: UPSTREAM_UNAVAILABLE 504', async () => {
    const bin = fakeHelm('sleep 10');
    const err = await createHelmCli({ bin, timeoutMs: 200 })
      .run(['install'])
      .catch(e => e);
    expect(err).toBeInstanceOf(ProxyError);
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 504 });
  });

  it('a missing binary is UPSTREAM_UNAVAILABLE 503', async () => {
    const err = await createHelmCli({ bin: '/nonexistent/helm', timeoutMs: 1000 })
      .run(['version'])
      .catch(e => e);
    expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
  });

  it('refuses control characters in any argument', async () => {
    const bin = fakeHelm('echo ran');
    const err = await createHelmCli({ bin, timeoutMs: 1000 })
      .run(['status', 'a\nb'])
      .catch(e => e);
    expect(err).toMatchObject({ code: 'VALIDATION_ERROR' });
  });
});
