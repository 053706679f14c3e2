/**
 * The stack a browser test drives: a local cluster with sample data, the built plugin in a plugins directory,
 * the host page (test/host) and its backend, and Debian's Chromium through playwright-core.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import {
  type ClusterSpec,
  contextOf,
  type LocalCluster,
  TEST_CLUSTER,
  up,
} from '../cluster/cluster';
import type { KubeCredentials } from '../cluster/kube';
import { repoRoot, stateDir } from '../cluster/paths';
import { installBuiltPlugin } from '../host/pluginFolder';
import { startHost } from '../host/server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = join(repoRoot, 'test/browser/artifacts');

/**
 * The host page's port. Below the kernel's ephemeral range (32768-60999): a port in it can be taken by any
 * outgoing connection, e.g. the API server's own connection to etcd, and then listen fails with EADDRINUSE.
 */
export const BROWSER_PORT = Number(
  process.env.AIRUNWAY_BROWSER_PORT ?? (TEST_CLUSTER.port % 10000) + 20000
);

/** The plugin as Headlamp loads it (see host/pluginFolder.ts), built first when it is not yet. */
export function pluginsDir(): string {
  const dist = join(repoRoot, 'plugin/dist/main.js');
  if (!existsSync(dist) || process.env.AIRUNWAY_REBUILD_PLUGIN === '1') {
    execFileSync('npx', ['headlamp-plugin', 'build'], {
      cwd: join(repoRoot, 'plugin'),
      stdio: 'ignore',
    });
  }
  return installBuiltPlugin(join(stateDir, 'browser-plugins'));
}

/** Builds the host page once per run. */
export function hostDir(): string {
  const dir = join(stateDir, 'headlamp-host');
  execFileSync(process.execPath, [join(repoRoot, 'test/host/build.mjs'), dir], { stdio: 'ignore' });
  return dir;
}

export interface Stack {
  url: string;
  clusters: LocalCluster[];
  server: Server;
  browser: Browser;
  requests: { cluster: string; method: string; path: string }[];
  close(): Promise<void>;
}

/** `creds` replaces a cluster's admin credentials in the host's kubeconfig (e.g. a viewer's token). */
export async function startStack(
  specs: ClusterSpec[],
  port: number,
  opts: { creds?: (KubeCredentials | undefined)[] } = {}
): Promise<Stack> {
  const clusters: LocalCluster[] = [];
  for (const spec of specs) clusters.push(await up(spec, () => undefined));
  const requests: Stack['requests'] = [];
  const server = await startHost({
    port,
    staticDir: hostDir(),
    pluginsDir: pluginsDir(),
    clusters: clusters.map((c, i) => ({
      name: contextOf(c),
      creds: opts.creds?.[i] ?? c.kube.creds,
    })),
    onClusterRequest: (cluster, method, path) => requests.push({ cluster, method, path }),
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    url: `http://127.0.0.1:${port}`,
    clusters,
    server,
    browser,
    requests,
    async close() {
      await browser.close();
      await new Promise(r => server.close(r));
      server.closeAllConnections();
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}
