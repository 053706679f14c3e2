/**
 * As a viewer (read-only RBAC, plus the shipped airunway-viewer proxy role), creating through the form is refused with a
 * clear message and nothing changes in the API server.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applyProxyRbac, connect, contextOf, TEST_CLUSTER } from '../cluster/cluster';
import { identityWithRules, testNamespace, waitForAccess } from '../cluster/fixtures';
import { BROWSER_PORT, screenshot, type Stack, startStack } from './harness';

const PORT = BROWSER_PORT;
let stack: Stack;
let page: Page;
let ns: string;
let disposeNs: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const admin = connect(TEST_CLUSTER).kube;
  applyProxyRbac(TEST_CLUSTER);
  const created = await testNamespace(admin, 'viewer');
  ns = created.name;
  disposeNs = created.dispose;
  // Read-only everywhere (get/list/watch on every resource), plus the shipped read-only proxy role.
  const viewer = await identityWithRules(
    admin,
    ns,
    'viewer',
    [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch'] }],
    { clusterWide: true }
  );
  await admin.post('/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: `${ns}-airunway-viewer`, labels: { 'airunway.ai/test': 'true' } },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'airunway-viewer',
    },
    subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace: ns }],
  });
  await waitForAccess(viewer.kube, {
    verb: 'list',
    resource: 'modeldeployments',
    group: 'airunway.ai',
  });
  stack = await startStack([TEST_CLUSTER], PORT, { creds: [viewer.kube.creds] });
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  await disposeNs?.();
  await stack?.close();
});

it('create is refused with a clear message and no object is stored', async () => {
  await page.goto(`${stack.url}/c/${contextOf(TEST_CLUSTER)}/airunway/deployments/new`);
  const field = (label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
  await field('Name').fill('viewer-attempt');
  await field('Namespace').fill(ns);
  await field('Model ID').fill('Qwen/Qwen3-0.6B');
  await page
    .getByRole('button', { name: 'Create', exact: true })
    .locator('visible=true')
    .last()
    .click();
  const alert = page.getByRole('alert').filter({ hasText: /forbidden|not allowed|permission/i });
  await alert.first().waitFor();
  expect(await alert.first().innerText()).toContain(
    `not allowed to create modeldeployments.airunway.ai in namespace ${ns}`
  );
  await screenshot(page, 'viewer-create-refused');
  const res = await stack.clusters[0]!.kube.request(
    'GET',
    `/apis/airunway.ai/v1alpha1/namespaces/${ns}/modeldeployments/viewer-attempt`
  );
  expect(res.status).toBe(404);
});
