/**
 * Install a provider from the Runtimes page: a real Helm release exists afterwards (the proxy runs helm behind
 * the API server's service proxy, charts from the loopback chart repository); uninstall removes it. A viewer
 * (read-only RBAC and the shipped airunway-viewer role) is told up front that they lack create on
 * services/proxy: the actions are disabled, the manual commands stay, and nothing is installed.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bin, contextOf, TEST_CLUSTER } from '../cluster/cluster';
import { identityWithRules, testNamespace, waitForAccess } from '../cluster/fixtures';
import { waitFor } from '../cluster/kube';
import { kubeconfigPath } from '../cluster/paths';
import { startProxyInCluster } from '../host/proxy-in-cluster';
import { BROWSER_PORT, screenshot, type Stack, startStack } from './harness';

const PORT = BROWSER_PORT;
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

it.skipIf(!root)(
  'a viewer sees Install KubeRay disabled, with the missing create on services/proxy named up front, and nothing is installed',
  async () => {
    const admin = stack.clusters[0]!.kube;
    const created = await testNamespace(admin, 'rt-viewer');
    cleanups.push(created.dispose);
    // Read-only everywhere, plus the shipped airunway-viewer role (get on the proxy only).
    const viewer = await identityWithRules(
      admin,
      created.name,
      'viewer',
      [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
      { clusterWide: true }
    );
    await admin.post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: `${created.name}-airunway-viewer`, labels: { 'airunway.ai/test': 'true' } },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'airunway-viewer',
      },
      subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace: created.name }],
    });
    await waitForAccess(viewer.kube, { verb: 'list', resource: 'nodes', group: '' });
    const before = releases().map(r => r.name);

    const viewerStack = await startStack([TEST_CLUSTER], PORT + 1, { creds: [viewer.kube.creds] });
    cleanups.push(() => viewerStack.close());
    const viewerPage = await viewerStack.browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    await viewerPage.goto(`${viewerStack.url}/c/${contextOf(TEST_CLUSTER)}/airunway/runtimes`);
    await viewerPage.getByText(/The AI Runway proxy is up/).waitFor();
    // The page asked the API server (SelfSubjectAccessReview) before offering anything, and says why not.
    await viewerPage
      .getByText(
        'You can view runtimes but not change them: your Kubernetes identity lacks create on services/proxy for airunway-proxy in airunway-system'
      )
      .waitFor();
    const install = viewerPage.getByRole('button', { name: 'Install KubeRay', exact: true });
    // Disabled, with its accessible name kept; so are the other actions.
    expect(await install.isDisabled()).toBe(true);
    for (const name of ['Upgrade KubeRay', 'Uninstall KubeRay', 'Install gateway CRDs']) {
      expect(await viewerPage.getByRole('button', { name, exact: true }).isDisabled(), name).toBe(
        true
      );
    }
    // A forced click lands on nothing: no dialog, no request to the proxy, no result.
    const posts: string[] = [];
    viewerPage.on('request', request => {
      if (request.method() === 'POST' && request.url().includes('/services/airunway-proxy:'))
        posts.push(request.url());
    });
    await install.click({ force: true, timeout: 5_000 }).catch(() => undefined);
    await viewerPage.waitForTimeout(3_000);
    expect(posts).toEqual([]);
    expect(await viewerPage.getByRole('dialog').count()).toBe(0);
    expect(
      await viewerPage.getByRole('list', { name: 'Steps of the last operation' }).count()
    ).toBe(0);
    // The manual commands are still offered.
    expect(
      await viewerPage
        .getByRole('button', { name: 'Show manual commands for KubeRay', exact: true })
        .isEnabled()
    ).toBe(true);
    await screenshot(viewerPage, 'viewer-runtimes-read-only');
    // No Helm release appeared.
    expect(releases().map(r => r.name)).toEqual(before);
  }
);
