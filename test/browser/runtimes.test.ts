/**
 * Install a provider from the Runtimes page: a real Helm release exists afterwards (the proxy runs helm behind
 * the API server's service proxy, charts from the loopback chart repository); uninstall removes it.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bin, contextOf, TEST_CLUSTER } from '../cluster/cluster';
import { waitFor } from '../cluster/kube';
import { kubeconfigPath } from '../cluster/paths';
import { startProxyInCluster } from '../host/proxy-in-cluster';
import { screenshot, type Stack, startStack } from './harness';

const PORT = Number(process.env.AIRUNWAY_BROWSER_PORT ?? TEST_CLUSTER.port + 1001);
const root = process.getuid?.() === 0;
let stack: Stack;
let page: Page;
const cleanups: (() => unknown)[] = [];

/** Helm releases as the helm CLI sees them with the admin kubeconfig. */
function releases(): { name: string; namespace: string; status: string }[] {
  const out = execFileSync(
    bin('helm'),
    [
      'list',
      '-A',
      '-o',
      'json',
      '--kubeconfig',
      kubeconfigPath,
      '--kube-context',
      contextOf(TEST_CLUSTER),
    ],
    { encoding: 'utf8' }
  );
  return JSON.parse(out);
}

/** The Runtimes page asks before changing the cluster: type the name it asks for, then confirm. */
async function confirmIfAsked() {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: 10_000 }).catch(() => undefined);
  if (!(await dialog.isVisible())) return;
  const typed = dialog.getByLabel(/^Type .+ to confirm$/);
  if (await typed.count()) {
    const label =
      (await typed.getAttribute('aria-label')) ??
      (await dialog.locator('label').first().innerText());
    await typed.fill(/^Type (.+) to confirm/.exec(label)![1]!);
  }
  await dialog.getByRole('button').last().click();
}

beforeAll(async () => {
  if (!root) return;
  stack = await startStack([TEST_CLUSTER], PORT);
  await startProxyInCluster(stack.clusters[0]!, cleanups, () => undefined);
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await stack?.close();
});

it.skipIf(!root)('installing KubeRay creates a Helm release; uninstalling removes it', async () => {
  await page.goto(`${stack.url}/c/${contextOf(TEST_CLUSTER)}/airunway/runtimes`);
  await page.getByText(/The AI Runway proxy is up/).waitFor();
  await page.getByRole('button', { name: 'Install KubeRay', exact: true }).click();
  await confirmIfAsked();
  const release = await waitFor(
    'the kuberay Helm release',
    async () => releases().find(r => r.name.includes('kuberay') && r.status === 'deployed'),
    180_000
  );
  await screenshot(page, 'runtimes-installed');
  await page.getByRole('button', { name: 'Uninstall KubeRay', exact: true }).click();
  await confirmIfAsked();
  await waitFor(
    'the kuberay Helm release to be gone',
    async () => (releases().some(r => r.name === release.name) ? undefined : true),
    180_000
  );
  expect(releases().some(r => r.name === release.name)).toBe(false);
});
