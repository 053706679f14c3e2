/**
 * A loopback Helm chart repository for the proxy's integration tests: the fixture charts packaged at
 * the requested versions (`helm package` + `helm repo index`) into a temp dir served by node:http on
 * 127.0.0.1 (or `host`, e.g. a test host's `hostIp` so that helm inside the test host can reach it), and a
 * helm environment (HELM_*_HOME) of its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { repoRoot } from '../cluster/paths';

export const CHARTS_DIR = join(repoRoot, 'test/fixtures/charts');

export interface ChartRepo {
  url: string;
  dir: string;
  /** HELM_CACHE_HOME / HELM_CONFIG_HOME / HELM_DATA_HOME in a temp dir. */
  helmEnv: Record<string, string>;
  /** Number of chart downloads served, by file name. */
  downloads: Map<string, number>;
  close(): Promise<void>;
}

export async function startChartRepo(
  helmBin: string,
  charts: { name: string; versions: string[] }[],
  opts: { host?: string } = {}
): Promise<ChartRepo> {
  const host = opts.host ?? '127.0.0.1';
  const root = mkdtempSync(join(tmpdir(), 'airunway-charts-'));
  const dir = join(root, 'repo');
  const helmHome = join(root, 'helm');
  const helmEnv = {
    HELM_CACHE_HOME: join(helmHome, 'cache'),
    HELM_CONFIG_HOME: join(helmHome, 'config'),
    HELM_DATA_HOME: join(helmHome, 'data'),
  };
  const downloads = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const name = basename(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = resolve(dir, name);
    try {
      if (!file.startsWith(dir) || !statSync(file).isFile()) throw new Error('no');
      downloads.set(name, (downloads.get(name) ?? 0) + 1);
      res.writeHead(200, {
        'Content-Type': name.endsWith('.yaml') ? 'text/yaml' : 'application/gzip',
      });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>(r => server.listen(0, host, r));
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${
    (server.address() as AddressInfo).port
  }`;
  const env = { ...process.env, ...helmEnv };
  for (const chart of charts) {
    for (const version of chart.versions) {
      execFileSync(
        helmBin,
        [
          'package',
          join(CHARTS_DIR, chart.name),
          '--version',
          version,
          '--app-version',
          version,
          '--destination',
          dir,
        ],
        {
          env,
          stdio: 'pipe',
        }
      );
    }
  }
  execFileSync(helmBin, ['repo', 'index', dir, '--url', url], { env, stdio: 'pipe' });
  return {
    url,
    dir,
    helmEnv,
    downloads,
    close: async () => {
      await new Promise<void>(r => server.close(() => r()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
