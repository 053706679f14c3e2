/**
 * Benchmark: cached model search through the real proxy process.
 *
 *   npm run bench -w backend-proxy
 *
 * Starts the HuggingFace Hub stand-in on 127.0.0.1, the real proxy as a child process
 * (the esbuild bundle on plain Node with the proxy image's Node options — its ENTRYPOINT flags and
 * NODE_OPTIONS, read from headlamp-config/docker/proxy.Dockerfile — or the sources with BENCH_SOURCE=1;
 * HF_ENDPOINT pointing at the stand-in), warms the proxy's search cache
 * with one request, then drives cached `GET /api/models/search?q=llama&limit=20` with autocannon on
 * loopback (10 connections, at most 10 s and a request cap; autocannon runs in this process, the proxy in
 * its own, and peak RSS is the proxy's VmHWM). Prints one JSON object and writes it to
 * bench-results/proxy-hf-search.json. Targets are reported, never asserted.
 *
 * main.ts needs Kubernetes credentials to start, but a search never calls the API server: the proxy gets
 * a kubeconfig naming an unreachable server (as main.test.ts does), so no cluster is needed. The proxy logs
 * at its production default (`info`, one line per request) to /dev/null unless BENCH_LOG_LEVEL says
 * otherwise.
 */
import autocannon from 'autocannon';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHfHub } from '../../test/fixtures/upstreams/hf-hub';

const proxyRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const repoRoot = dirname(proxyRoot);
const PATH = '/api/models/search?q=llama&limit=20';
const CONNECTIONS = 10;
const DURATION_S = 10;
const REQUEST_CAP = 200_000;
/** Hard stop for the whole run, whatever happens. */
const WALL_CLOCK_LIMIT_MS = 60_000;
const TARGETS = { requestsPerSecond: 5000, latencyP99Ms: 10, peakRssMB: 120 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Peak (VmHWM) and current (VmRSS) resident set of a process, in MB. */
function rssOf(pid: number): { peakMB: number; currentMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peakMB: kb('VmHWM') / 1024, currentMB: kb('VmRSS') / 1024 };
}

/**
 * The Node options the proxy image starts the bundle with: the flags of its ENTRYPOINT
 * (`["node", <flags…>, "/app/proxy.mjs"]`) and its NODE_OPTIONS, read from the Dockerfile so the benchmark
 * measures the process the image runs (source maps and heap sizing change its memory).
 */
function imageNodeOptions(dockerfile: string): { flags: string[]; nodeOptions?: string } {
  const entry = /^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(dockerfile)?.[1];
  const argv = entry ? (JSON.parse(entry) as string[]) : [];
  if (argv[0] !== 'node') throw new Error('the proxy image ENTRYPOINT does not start node');
  const flags = argv.slice(1, -1);
  const nodeOptions = /^\s*(?:ENV\s+)?NODE_OPTIONS=(\S+)/m.exec(dockerfile)?.[1];
  return { flags, ...(nodeOptions ? { nodeOptions } : {}) };
}

/** Builds the proxy bundle exactly as the image's builder stage does; returns its path. */
function bundleProxy(): string {
  const out = join(proxyRoot, 'dist', 'proxy.mjs');
  execFileSync(
    process.execPath,
    [join(proxyRoot, '../headlamp-config/docker/bundle-proxy.mjs'), '--out', out],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    }
  );
  return out;
}

async function waitHealthy(base: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the proxy exited (${child.exitCode}): ${stderr()}`);
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`the proxy did not answer /api/health within 30 s: ${stderr()}`);
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const hub = await startHfHub();
  const dir = mkdtempSync(join(tmpdir(), 'airunway-bench-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
current-context: bench
clusters: [{ name: bench, cluster: { server: 'https://127.0.0.1:1' } }]
users: [{ name: bench, user: { token: not-used-by-search } }]
contexts: [{ name: bench, context: { cluster: bench, user: bench } }]
`
  );
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
  // What ships is the esbuild bundle on plain Node with the image's Node options (the proxy image runs it);
  // BENCH_SOURCE=1 measures the TypeScript sources under tsx instead (slower start, ~40 MB more memory for
  // the compiler).
  const image = imageNodeOptions(
    readFileSync(join(repoRoot, 'headlamp-config/docker/proxy.Dockerfile'), 'utf8')
  );
  const entry = process.env.BENCH_SOURCE
    ? ['--import', 'tsx', 'src/main.ts']
    : [...image.flags, bundleProxy()];
  const child = spawn(process.execPath, entry, {
    cwd: proxyRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      KUBECONFIG: kubeconfig,
      HF_ENDPOINT: hub.url,
      LOG_LEVEL: logLevel,
      ...(image.nodeOptions ? { NODE_OPTIONS: image.nodeOptions } : {}),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', d => (stderr += String(d)));
  const guard = setTimeout(() => {
    process.stderr.write(
      `bench: wall-clock limit of ${WALL_CLOCK_LIMIT_MS} ms reached; stopping\n`
    );
    if (child.exitCode === null) child.kill('SIGKILL');
    process.exit(2);
  }, WALL_CLOCK_LIMIT_MS);
  guard.unref();

  try {
    await waitHealthy(base, child, () => stderr);

    // Warm-up: one request to this very process (the search cache is an in-process LRU).
    const warm = await fetch(`${base}${PATH}`);
    const warmBody = (await warm.json()) as { models?: unknown[] };
    const searchHits = () => hub.hits.filter(h => h.path === '/api/models').length;
    if (warm.status !== 200 || !warmBody.models?.length || searchHits() !== 1) {
      throw new Error(`warm-up failed: HTTP ${warm.status}, ${searchHits()} upstream searches`);
    }

    const result = await autocannon({
      url: `${base}${PATH}`,
      connections: CONNECTIONS,
      duration: DURATION_S,
      maxOverallRequests: REQUEST_CAP,
      timeout: 5,
    });
    const rss = rssOf(child.pid!);
    const upstreamSearches = searchHits();

    const out = {
      benchmark: 'proxy GET /api/models/search?q=llama&limit=20 (cached)',
      requestsPerSecond: round(result.requests.mean),
      latencyMs: {
        p50: round(result.latency.p50),
        p99: round(result.latency.p99),
        max: round(result.latency.max),
      },
      peakRssMB: round(rss.peakMB, 1),
      totalRequests: result.requests.total,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
      durationSeconds: result.duration,
      connections: CONNECTIONS,
      requestCap: REQUEST_CAP,
      upstreamSearches,
      proxyLogLevel: logLevel,
      proxyNodeOptions: process.env.BENCH_SOURCE
        ? []
        : [...image.flags, ...(image.nodeOptions ? [image.nodeOptions] : [])],
      targets: TARGETS,
      meetsTargets: {
        requestsPerSecond: result.requests.mean >= TARGETS.requestsPerSecond,
        latencyP99Ms: result.latency.p99 <= TARGETS.latencyP99Ms,
        peakRssMB: rss.peakMB <= TARGETS.peakRssMB,
      },
      node: process.version,
      loadAverage1m: round(loadavg()[0] ?? 0),
      measuredAt: new Date().toISOString(),
    };
    const json = JSON.stringify(out, null, 2);
    process.stdout.write(`${json}\n`);
    mkdirSync(join(repoRoot, 'bench-results'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench-results/proxy-hf-search.json'), `${json}\n`);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise(r => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(r => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
    clearTimeout(guard);
  }
}

main().catch(err => {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exit(1);
});
