/**
 * A small Kubernetes API client for tests and tooling, talking to the real API server over HTTPS with the
 * credentials of a kubeconfig (client certificates) or a bearer token. Deliberately tiny: tests should see
 * the wire format the plugin and the proxy see, not a library's object model.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { parse as parseYaml } from 'yaml';

export interface KubeCredentials {
  server: string;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  token?: string;
}

export interface KubeResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

/** A non-2xx answer of the API server, carrying its Status object. */
export class KubeError extends Error {
  constructor(
    readonly status: number,
    readonly body: any,
    readonly method: string,
    readonly path: string
  ) {
    super(`${method} ${path} → ${status}: ${body?.message ?? JSON.stringify(body)}`);
  }
}

function fileOrData(data: string | undefined, file: string | undefined): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (file) return readFileSync(file);
  return undefined;
}

export function credentialsFromKubeconfig(path: string, contextName?: string): KubeCredentials {
  const cfg = parseYaml(readFileSync(path, 'utf8'));
  const ctxName = contextName ?? cfg['current-context'];
  const ctx = cfg.contexts.find((c: any) => c.name === ctxName)?.context;
  if (!ctx) throw new Error(`context ${ctxName} not in ${path}`);
  const cluster = cfg.clusters.find((c: any) => c.name === ctx.cluster)?.cluster;
  const user = cfg.users.find((u: any) => u.name === ctx.user)?.user ?? {};
  return {
    server: cluster.server,
    ca: fileOrData(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: fileOrData(user['client-certificate-data'], user['client-certificate']),
    key: fileOrData(user['client-key-data'], user['client-key']),
    token: user.token,
  };
}

export interface RequestOptions {
  contentType?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Return the raw text instead of parsing JSON (logs, metrics). */
  raw?: boolean;
  timeoutMs?: number;
}

export class KubeClient {
  private readonly agent: https.Agent;

  constructor(readonly creds: KubeCredentials) {
    this.agent = new https.Agent({
      ca: creds.ca,
      cert: creds.token ? undefined : creds.cert,
      key: creds.token ? undefined : creds.key,
      keepAlive: true,
    });
  }

  static fromKubeconfig(path: string, context?: string): KubeClient {
    return new KubeClient(credentialsFromKubeconfig(path, context));
  }

  /** The same API server, authenticated as the holder of `token` instead of the admin certificate. */
  withToken(token: string): KubeClient {
    return new KubeClient({ server: this.creds.server, ca: this.creds.ca, token });
  }

  close(): void {
    this.agent.destroy();
  }

  request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    opts: RequestOptions = {}
  ): Promise<KubeResponse<T>> {
    const url = new URL(path, this.creds.server);
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const payload =
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = { Accept: opts.raw ? '*/*' : 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      // Without a length Node sends the body chunked, which the API server mishandles on a reused
      // keep-alive connection for DELETE (the next request on it answers 400).
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    if (this.creds.token) headers.Authorization = `Bearer ${this.creds.token}`;
    return new Promise((resolve, reject) => {
      const req = https.request(
        url,
        { method, headers, agent: this.agent, timeout: opts.timeoutMs ?? 30_000 },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: any = text;
            if (!opts.raw) {
              try {
                parsed = text ? JSON.parse(text) : undefined;
              } catch {
                parsed = text;
              }
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
          });
          res.on('error', reject);
        }
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Like request, but throws KubeError unless the answer is 2xx. */
  async call<T = any>(method: string, path: string, body?: unknown, opts?: RequestOptions) {
    const res = await this.request<T>(method, path, body, opts);
    if (res.status < 200 || res.status >= 300)
      throw new KubeError(res.status, res.body, method, path);
    return res.body;
  }

  get<T = any>(path: string, opts?: RequestOptions) {
    return this.call<T>('GET', path, undefined, opts);
  }
  post<T = any>(path: string, body: unknown, opts?: RequestOptions) {
    return this.call<T>('POST', path, body, opts);
  }
  put<T = any>(path: string, body: unknown, opts?: RequestOptions) {
    return this.call<T>('PUT', path, body, opts);
  }
  delete<T = any>(path: string, opts?: RequestOptions) {
    return this.call<T>('DELETE', path, undefined, opts);
  }
  /** JSON merge patch (what `kubectl patch --type merge` sends). */
  mergePatch<T = any>(path: string, patch: unknown, opts?: RequestOptions) {
    return this.call<T>('PATCH', path, patch, {
      ...opts,
      contentType: 'application/merge-patch+json',
    });
  }

  /** Server-side apply of one object to its resource path. */
  apply<T = any>(path: string, obj: unknown, fieldManager = 'airunway-test') {
    return this.call<T>('PATCH', path, obj, {
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager, force: true },
    });
  }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  intervalMs = 250
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError}` : ''}`
  );
}
