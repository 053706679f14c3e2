/**
 * Outbound HTTP to the proxy's fixed upstreams (HuggingFace Hub, Azure Retail Prices). Only URLs built
 * from a configured base URL and validated identifiers reach this helper; it never takes a URL from a
 * request. Every call has a timeout (AbortSignal.timeout, covering headers and body), idempotent GETs
 * are retried a bounded number of times with exponential backoff, the JSON is validated with zod, and
 * every failure becomes a ProxyError: UPSTREAM_UNAVAILABLE 504 on a timeout, 502 otherwise.
 * Request headers (which may carry a HuggingFace token) are never logged or put into an error.
 */
import type { z } from 'zod';
import { ProxyError } from './errors';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface UpstreamRequest<S extends z.ZodType> {
  /** Human name for messages: "the HuggingFace Hub". */
  service: string;
  url: URL;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  schema: S;
  timeoutMs: number;
  /** Extra attempts after the first (GET only; POSTs are never retried). */
  retries?: number;
  backoffMs?: number;
  /** Map a non-2xx status to an error of its own (404 → NOT_FOUND, 401 → FORBIDDEN, ...). */
  onStatus?: (status: number, body: unknown) => ProxyError | undefined;
  fetch?: FetchLike;
  /** Largest body accepted, in bytes (default 8 MiB). */
  maxBytes?: number;
}

export interface UpstreamResult<T> {
  data: T;
  status: number;
  headers: Headers;
}

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

class Retryable extends Error {
  constructor(readonly error: ProxyError) {
    super(error.message);
  }
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return (
    name === 'TimeoutError' ||
    (name === 'AbortError' && String((err as Error).message).includes('timeout'))
  );
}

async function readBody(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new Error('body too large');
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new Error('body too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function attempt<S extends z.ZodType>(
  req: UpstreamRequest<S>
): Promise<UpstreamResult<z.output<S>>> {
  const doFetch = req.fetch ?? fetch;
  const Service = req.service.charAt(0).toUpperCase() + req.service.slice(1);
  const unavailable = (message: string, details: Record<string, unknown>, status = 502) =>
    new ProxyError('UPSTREAM_UNAVAILABLE', message, { upstream: req.service, ...details }, status);
  const timeoutError = () =>
    unavailable(
      `${Service} did not answer within ${req.timeoutMs} ms. Try again later.`,
      { timeoutMs: req.timeoutMs },
      504
    );

  let res: Response;
  let text: string;
  try {
    res = await doFetch(req.url, {
      method: req.method ?? 'GET',
      headers: { Accept: 'application/json', ...req.headers },
      ...(req.body !== undefined ? { body: req.body } : {}),
      signal: AbortSignal.timeout(req.timeoutMs),
      redirect: 'error',
    });
    text = await readBody(res, req.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (err) {
    if (isTimeout(err)) throw new Retryable(timeoutError());
    if ((err as Error)?.message === 'body too large') {
      throw unavailable(`${Service} sent an answer larger than the proxy accepts.`, {});
    }
    const cause = (err as { cause?: { code?: string } })?.cause?.code ?? 'network error';
    throw new Retryable(
      unavailable(`The proxy cannot reach ${req.service}. Try again later.`, { cause })
    );
  }

  let json: unknown;
  let parsedOk = true;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    parsedOk = false;
  }

  if (res.status < 200 || res.status >= 300) {
    const mapped = req.onStatus?.(res.status, parsedOk ? json : undefined);
    if (mapped) throw mapped;
    const error = unavailable(`${Service} answered HTTP ${res.status}. Try again later.`, {
      upstreamStatus: res.status,
    });
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new Retryable(error);
    throw error;
  }
  if (!parsedOk) {
    throw unavailable(`${Service} sent an answer that is not valid JSON.`, {
      upstreamStatus: res.status,
    });
  }
  const checked = req.schema.safeParse(json);
  if (!checked.success) {
    throw unavailable(`${Service} sent an answer the proxy does not understand.`, {
      upstreamStatus: res.status,
      issues: checked.error.issues
        .slice(0, 5)
        .map(i => ({ path: i.path.map(String), message: i.message })),
    });
  }
  return { data: checked.data, status: res.status, headers: res.headers };
}

/** One call to an upstream, with retries for GETs. Throws ProxyError only. */
export async function fetchUpstream<S extends z.ZodType>(
  req: UpstreamRequest<S>
): Promise<UpstreamResult<z.output<S>>> {
  const method = req.method ?? 'GET';
  const retries = method === 'GET' ? Math.max(0, req.retries ?? 2) : 0;
  const backoff = req.backoffMs ?? 200;
  for (let i = 0; ; i++) {
    try {
      return await attempt(req);
    } catch (err) {
      if (err instanceof Retryable) {
        if (i >= retries) throw err.error;
        // Exponential backoff with jitter: 200, 400, 800 ms (± 25 %).
        const delay = backoff * 2 ** i;
        await sleep(delay * (0.75 + Math.random() * 0.5));
        continue;
      }
      if (err instanceof ProxyError) throw err;
      throw new ProxyError(
        'UPSTREAM_UNAVAILABLE',
        `The proxy could not use ${req.service}.`,
        { upstream: req.service },
        502
      );
    }
  }
}

/** Joins a configured base URL and a path built from validated segments (each percent-encoded). */
export function upstreamUrl(
  base: string,
  segments: readonly string[],
  query: Record<string, string | string[] | undefined> = {}
): URL {
  const url = new URL(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  url.pathname = `${prefix}/${segments
    .map(s => s.split('/').map(encodeURIComponent).join('/'))
    .join('/')}`;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v);
  }
  return url;
}
