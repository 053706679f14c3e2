/**
 * The backend the host page talks to, speaking Headlamp backend's HTTP surface for what the page uses:
 *   GET /config               the clusters ({clusters: [{name, server, meta_data}]})
 *   GET /plugins              the plugins directory listing ([{name, path, type}]), files under /plugins/<name>/
 *   /clusters/<name>/<path>   the cluster's API server with the kubeconfig's credentials (HTTP and WebSocket watches)
 *   anything else             the host page (static files, index.html for client-side routes)
 * Headlamp's own backend (Go module github.com/kubernetes-sigs/headlamp/backend) is the real thing; this stands in
 * for it where that module cannot be fetched (see test/host/README.md).
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { extname, join, normalize } from 'node:path';
import type { KubeCredentials } from '../cluster/kube';

export interface HostCluster {
  name: string;
  creds: KubeCredentials;
}
export interface HostOptions {
  port: number;
  host?: string;
  staticDir: string;
  pluginsDir: string;
  clusters: HostCluster[];
  /** Called for each request the page makes to a cluster (benchmarks count them). */
  onClusterRequest?: (cluster: string, method: string, path: string) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

function sendFile(res: ServerResponse, root: string, rel: string): boolean {
  const file = normalize(join(root, rel));
  if (!file.startsWith(normalize(root) + '/') || !existsSync(file) || !statSync(file).isFile())
    return false;
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
  return true;
}

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Request headers passed to the API server: the browser's own credentials never replace the kubeconfig's. */
function upstreamHeaders(
  req: IncomingMessage,
  creds: KubeCredentials,
  url: URL
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (
      typeof v === 'string' &&
      !['host', 'authorization', 'cookie', 'origin', 'referer'].includes(k)
    )
      headers[k] = v;
  }
  headers.host = url.host;
  if (creds.token) headers.authorization = `Bearer ${creds.token}`;
  return headers;
}

function clusterOf(opts: HostOptions, rawUrl: string) {
  const m = /^\/clusters\/([^/]+)(\/.*)$/.exec(rawUrl);
  if (!m) return undefined;
  const cluster = opts.clusters.find(c => c.name === decodeURIComponent(m[1]!));
  return cluster && { cluster, path: m[2]! };
}

export function startHost(opts: HostOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?')[0]!;
    const target = clusterOf(opts, rawUrl);
    if (target) {
      const { cluster, path } = target;
      opts.onClusterRequest?.(cluster.name, req.method ?? 'GET', path);
      const url = new URL(path, cluster.creds.server);
      const up = httpsRequest(
        url,
        {
          method: req.method,
          headers: upstreamHeaders(req, cluster.creds, url),
          ca: cluster.creds.ca,
          cert: cluster.creds.token ? undefined : cluster.creds.cert,
          key: cluster.creds.token ? undefined : cluster.creds.key,
        },
        upRes => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        }
      );
      up.on('error', e => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`cluster ${cluster.name} unreachable: ${e.message}`);
      });
      req.pipe(up);
      return;
    }
    if (pathname === '/config') {
      return json(res, {
        clusters: opts.clusters.map(c => ({
          name: c.name,
          server: c.creds.server,
          meta_data: { source: 'kubeconfig' },
        })),
        isDynamicClusterEnabled: false,
      });
    }
    if (pathname === '/plugins') {
      const names = existsSync(opts.pluginsDir)
        ? readdirSync(opts.pluginsDir).filter(n => existsSync(join(opts.pluginsDir, n, 'main.js')))
        : [];
      return json(
        res,
        names.map(name => ({ name, path: `plugins/${name}`, type: 'development' }))
      );
    }
    if (pathname.startsWith('/plugins/')) {
      if (sendFile(res, opts.pluginsDir, decodeURIComponent(pathname.slice(9)))) return;
      res.writeHead(404);
      return res.end();
    }
    if (
      pathname.startsWith('/static/') &&
      sendFile(res, opts.staticDir, decodeURIComponent(pathname.slice(1)))
    )
      return;
    if (!sendFile(res, opts.staticDir, 'index.html')) {
      res.writeHead(404);
      res.end();
    }
  });

  // Watches: Headlamp opens a WebSocket per list; the upgrade goes to the API server as is, with the credentials.
  server.on('upgrade', (req, socket, head) => {
    const target = clusterOf(opts, req.url ?? '/');
    if (!target) return socket.destroy();
    const { cluster, path } = target;
    opts.onClusterRequest?.(cluster.name, 'WATCH', path);
    const url = new URL(path, cluster.creds.server);
    const up = httpsRequest(url, {
      method: 'GET',
      headers: upstreamHeaders(req, cluster.creds, url),
      ca: cluster.creds.ca,
      cert: cluster.creds.token ? undefined : cluster.creds.cert,
      key: cluster.creds.token ? undefined : cluster.creds.key,
    });
    up.on('upgrade', (upRes, upSocket, upHead) => {
      const lines = [`HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}`];
      for (let i = 0; i < upRes.rawHeaders.length; i += 2) {
        lines.push(`${upRes.rawHeaders[i]}: ${upRes.rawHeaders[i + 1]}`);
      }
      socket.write(lines.join('\r\n') + '\r\n\r\n');
      if (upHead.length) socket.write(upHead);
      if (head.length) upSocket.write(head);
      upSocket.pipe(socket);
      socket.pipe(upSocket);
      upSocket.on('error', () => socket.destroy());
      socket.on('error', () => upSocket.destroy());
      socket.on('close', () => upSocket.destroy());
    });
    // A refusal (no upgrade): the browser sees the API server's status.
    up.on('response', upRes => {
      socket.end(
        `HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}\r\nconnection: close\r\n\r\n`
      );
      upRes.resume();
    });
    up.on('error', () => socket.destroy());
    up.end();
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve(server));
  });
}
