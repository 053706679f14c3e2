/**
 * A small Kubernetes API client: node:https with the in-cluster ServiceAccount token and CA, or a
 * kubeconfig's client certificate / token. Only what the proxy needs; every call has a timeout.
 * Non-2xx answers are returned, not thrown; transport failures become CLUSTER_UNAVAILABLE (or
 * UPSTREAM_UNAVAILABLE 504 on a timeout).
 */
import { parseYaml } from '@airunway/shared-client/yaml';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { ProxyError } from '../errors';

export interface KubeCredentials {
  server: string;
  ca?: Buffer | undefined;
  cert?: Buffer | undefined;
  key?: Buffer | undefined;
  /** A fixed bearer token (kubeconfig), or a file re-read periodically (in-cluster, bound tokens rotate). */
  token?: string | undefined;
  tokenFile?: string | undefined;
  insecureSkipTlsVerify?: boolean | undefined;
  /**
   * kubeconfig `tls-server-name`: the name the server certificate is verified against (and sent as SNI)
   * instead of the host of `server`, e.g. when the API server is reached at an address its certificate
   * does not list.
   */
  tlsServerName?: string | undefined;
}

export interface KubeRequestOptions {
  body?: unknown;
  contentType?: string;
  query?: Record<string, string | undefined>;
  timeoutMs?: number;
}

export interface KubeResponse<T = any> {
  status: number;
  body: T;
}

/** What the rest of the proxy depends on; tests may inject a fake. */
export interface KubeTransport {
  request<T = any>(
    method: string,
    path: string,
    opts?: KubeRequestOptions
  ): Promise<KubeResponse<T>>;
}

export const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export function inClusterCredentials(
  env: NodeJS.ProcessEnv = process.env,
  dir = IN_CLUSTER_DIR
): KubeCredentials {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host) {
    throw new Error(
      'not running in a cluster: KUBERNETES_SERVICE_HOST is not set and no KUBECONFIG was given'
    );
  }
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    server: `https://${hostPart}:${port}`,
    ca: readFileSync(`${dir}/ca.crt`),
    tokenFile: `${dir}/token`,
  };
}

function fileOrData(data: unknown, file: unknown): Buffer | undefined {
  if (typeof data === 'string' && data) return Buffer.from(data, 'base64');
  if (typeof file === 'string' && file) return readFileSync(file);
  return undefined;
}

/** Client certificates, tokens and token files; exec and auth-provider plugins are not supported. */
export function kubeconfigCredentials(path: string, contextName?: string): KubeCredentials {
  const cfg = parseYaml(readFileSync(path, 'utf8')) as any;
  const name = contextName ?? cfg?.['current-context'];
  const ctx = cfg?.contexts?.find((c: any) => c?.name === name)?.context;
  if (!ctx) throw new Error(`context "${String(name)}" is not in the kubeconfig ${path}`);
  const cluster = cfg.clusters?.find((c: any) => c?.name === ctx.cluster)?.cluster;
  if (!cluster?.server)
    throw new Error(`cluster "${String(ctx.cluster)}" is not in the kubeconfig ${path}`);
  const user = cfg.users?.find((u: any) => u?.name === ctx.user)?.user ?? {};
  return {
    server: cluster.server,
    ca: fileOrData(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: fileOrData(user['client-certificate-data'], user['client-certificate']),
    key: fileOrData(user['client-key-data'], user['client-key']),
    token: typeof user.token === 'string' ? user.token : undefined,
    tokenFile: typeof user.tokenFile === 'string' ? user.tokenFile : undefined,
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    tlsServerName:
      typeof cluster['tls-server-name'] === 'string' && cluster['tls-server-name']
        ? cluster['tls-server-name']
        : undefined,
  };
}

/**
 * TLS options that verify the server certificate against `name` instead of the host connected to. A DNS
 * name is also sent as SNI; an IP address is not (RFC 6066 forbids IP SNI), it is only verified against.
 */
export function serverNameTlsOptions(
  name: string | undefined
): Pick<https.AgentOptions, 'servername' | 'checkServerIdentity'> {
  if (!name) return {};
  if (isIP(name)) {
    return {
      servername: '',
      checkServerIdentity: (_host: string, cert: PeerCertificate) =>
        checkServerIdentity(name, cert),
    };
  }
  return { servername: name };
}

const TOKEN_REREAD_MS = 60_000;

export class KubeClient implements KubeTransport {
  private readonly agent: https.Agent;
  private cachedToken: { value: string; readAt: number } | undefined;

  constructor(private readonly creds: KubeCredentials, private readonly defaultTimeoutMs = 15_000) {
    const useCert = !creds.token && !creds.tokenFile;
    this.agent = new https.Agent({
      ca: creds.ca,
      cert: useCert ? creds.cert : undefined,
      key: useCert ? creds.key : undefined,
      rejectUnauthorized: !creds.insecureSkipTlsVerify,
      ...serverNameTlsOptions(creds.tlsServerName),
      keepAlive: true,
      maxSockets: 16,
    });
  }

  get server(): string {
    return this.creds.server;
  }

  close(): void {
    this.agent.destroy();
  }

  private token(): string | undefined {
    if (this.creds.token) return this.creds.token;
    if (!this.creds.tokenFile) return undefined;
    const now = Date.now();
    if (!this.cachedToken || now - this.cachedToken.readAt > TOKEN_REREAD_MS) {
      this.cachedToken = { value: readFileSync(this.creds.tokenFile, 'utf8').trim(), readAt: now };
    }
    return this.cachedToken.value;
  }

  request<T = any>(
    method: string,
    path: string,
    opts: KubeRequestOptions = {}
  ): Promise<KubeResponse<T>> {
    const url = new URL(path, this.creds.server);
    for (const [k, v] of Object.entries(opts.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, v);
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = opts.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    const timeoutMs = opts.timeoutMs ?? this.defaultTimeoutMs;
    const what = `${method} ${url.pathname}`;
    return new Promise((resolve, reject) => {
      let timedOut = false;
      const req = https.request(url, { method, headers, agent: this.agent }, res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let body: any = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            /* keep the text */
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', onError);
      });
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy();
      }, timeoutMs);
      function onError(err: Error) {
        clearTimeout(timer);
        if (timedOut) {
          reject(
            new ProxyError(
              'UPSTREAM_UNAVAILABLE',
              `The Kubernetes API server did not answer ${what} within ${timeoutMs} ms.`,
              { timeoutMs },
              504
            )
          );
        } else {
          reject(
            new ProxyError(
              'CLUSTER_UNAVAILABLE',
              'The proxy cannot reach the Kubernetes API server.',
              {
                cause: (err as NodeJS.ErrnoException).code ?? 'network error',
              }
            )
          );
        }
      }
      req.on('error', onError);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }
}

/** Turns a non-2xx answer into the proxy's error shape. The API server's message is kept (no secrets in it). */
export function kubeFailure(res: KubeResponse, what: string): ProxyError {
  const message = typeof res.body?.message === 'string' ? res.body.message : `HTTP ${res.status}`;
  const details = { kubernetesStatus: res.status, reason: res.body?.reason, message };
  if (res.status === 401 || res.status === 403) {
    return new ProxyError(
      'FORBIDDEN',
      `The proxy's ServiceAccount may not ${what}. Grant the rights listed in backend-proxy/RBAC.md.`,
      details
    );
  }
  if (res.status === 404) return new ProxyError('NOT_FOUND', `Not found: ${what}.`, details);
  if (res.status === 409) return new ProxyError('CONFLICT', `Conflict: ${what}.`, details);
  if (res.status === 504)
    return new ProxyError('UPSTREAM_UNAVAILABLE', `Timed out: ${what}.`, details, 504);
  return new ProxyError(
    'UPSTREAM_UNAVAILABLE',
    `The Kubernetes API server failed to ${what}.`,
    details,
    502
  );
}
