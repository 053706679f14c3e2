import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inClusterCredentials, KubeClient, kubeconfigCredentials } from './client';

describe('kube credentials', () => {
  it('in-cluster: service host/port, CA and a token file re-read on rotation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-'));
    writeFileSync(join(dir, 'ca.crt'), 'CA');
    writeFileSync(join(dir, 'token'), 'tok');
    expect(
      inClusterCredentials(
        { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' },
        dir
      )
    ).toEqual({
      server: 'https://10.0.0.1:443',
      ca: Buffer.from('CA'),
      tokenFile: join(dir, 'token'),
    });
    expect(inClusterCredentials({ KUBERNETES_SERVICE_HOST: 'fd00::1' }, dir).server).toBe(
      'https://[fd00::1]:443'
    );
    expect(() => inClusterCredentials({}, dir)).toThrow(/KUBERNETES_SERVICE_HOST/);
  });

  it('kubeconfig: the chosen context, client certificate data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const file = join(dir, 'config');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
current-context: a
clusters:
  - { name: ca, cluster: { server: 'https://a:6443' } }
  - { name: cb, cluster: { server: 'https://b:6443', certificate-authority-data: ${Buffer.from(
    'CAB'
  ).toString('base64')} } }
users:
  - { name: ua, user: { token: t } }
  - { name: ub, user: { client-certificate-data: ${Buffer.from('CERT').toString(
    'base64'
  )}, client-key-data: ${Buffer.from('KEY').toString('base64')} } }
contexts:
  - { name: a, context: { cluster: ca, user: ua } }
  - { name: b, context: { cluster: cb, user: ub } }
`
    );
    expect(kubeconfigCredentials(file).token).toBe('t');
    const b = kubeconfigCredentials(file, 'b');
    expect(b.server).toBe('https://b:6443');
    expect(b.ca).toEqual(Buffer.from('CAB'));
    expect(b.cert).toEqual(Buffer.from('CERT'));
    expect(() => kubeconfigCredentials(file, 'nope')).toThrow(/context "nope"/);
    expect(kubeconfigCredentials(file).tlsServerName).toBeUndefined();
  });

  it('kubeconfig: tls-server-name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const file = join(dir, 'config');
    writeFileSync(
      file,
      `apiVersion: v1
kind: Config
current-context: a
clusters: [{ name: c, cluster: { server: 'https://10.0.0.1:6443', tls-server-name: kubernetes } }]
users: [{ name: u, user: { token: t } }]
contexts: [{ name: a, context: { cluster: c, user: u } }]
`
    );
    expect(kubeconfigCredentials(file)).toMatchObject({
      server: 'https://10.0.0.1:6443',
      tlsServerName: 'kubernetes',
    });
  });
});

describe('kube client TLS server name', () => {
  // A server whose certificate (its own CA) lists only DNS:kubernetes and IP:192.0.2.2, reached at 127.0.0.1.
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=test-apiserver',
      '-addext',
      'subjectAltName=DNS:kubernetes,IP:192.0.2.2',
      '-days',
      '1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' }
  );
  const cert = readFileSync(join(dir, 'cert.pem'));
  const key = readFileSync(join(dir, 'key.pem'));

  async function withServer(fn: (server: string, sni: () => unknown) => Promise<void>) {
    let sni: unknown;
    const server = createHttpsServer({ cert, key }, (req, res) => {
      sni = (req.socket as import('node:tls').TLSSocket).servername;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    try {
      await fn(`https://127.0.0.1:${(server.address() as AddressInfo).port}`, () => sni);
    } finally {
      server.close();
    }
  }

  it('verifies the certificate against tls-server-name (DNS name, sent as SNI)', async () => {
    await withServer(async (server, sni) => {
      const kube = new KubeClient(
        { server, ca: cert, token: 'x', tlsServerName: 'kubernetes' },
        2000
      );
      expect(await kube.request('GET', '/version')).toEqual({ status: 200, body: { ok: true } });
      expect(sni()).toBe('kubernetes');
      kube.close();
    });
  });

  it('verifies the certificate against an IP tls-server-name, without IP SNI', async () => {
    await withServer(async (server, sni) => {
      const kube = new KubeClient(
        { server, ca: cert, token: 'x', tlsServerName: '192.0.2.2' },
        2000
      );
      expect((await kube.request('GET', '/version')).status).toBe(200);
      expect(sni()).toBeFalsy();
      kube.close();
    });
  });

  it('still refuses a certificate that lists neither the host nor tls-server-name', async () => {
    await withServer(async server => {
      for (const tlsServerName of [undefined, 'other.example', '192.0.2.3']) {
        const kube = new KubeClient({ server, ca: cert, token: 'x', tlsServerName }, 2000);
        await expect(kube.request('GET', '/version')).rejects.toMatchObject({
          code: 'CLUSTER_UNAVAILABLE',
          details: { cause: 'ERR_TLS_CERT_ALTNAME_INVALID' },
        });
        kube.close();
      }
    });
  });
});

describe('kube client failures', () => {
  it('an unreachable API server is CLUSTER_UNAVAILABLE', async () => {
    const kube = new KubeClient({ server: 'https://127.0.0.1:1', token: 'x' }, 2000);
    await expect(kube.request('GET', '/version')).rejects.toMatchObject({
      code: 'CLUSTER_UNAVAILABLE',
      status: 503,
    });
    kube.close();
  });

  it('an API server that never answers times out: UPSTREAM_UNAVAILABLE 504', async () => {
    const server = createServer(() => {
      /* accept and say nothing */
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const kube = new KubeClient({ server: `https://127.0.0.1:${port}`, token: 'x' }, 300);
    await expect(kube.request('GET', '/version')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      status: 504,
    });
    kube.close();
    server.close();
  });
});
