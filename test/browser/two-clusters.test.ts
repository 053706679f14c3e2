/**
 * Two local clusters in the host's kubeconfig: switching the cluster in the URL (what Headlamp's cluster chooser
 * does) shows each page with that cluster's own data.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextOf, down, TEST_CLUSTER, TEST_CLUSTER_2 } from '../cluster/cluster';
import { testNamespace } from '../cluster/fixtures';
import type { KubeClient } from '../cluster/kube';
import { BROWSER_PORT, screenshot, type Stack, startStack } from './harness';

const PORT = BROWSER_PORT;
let stack: Stack;
let page: Page;
const disposals: (() => Promise<void>)[] = [];
const only = ['first', 'second'] as const;

async function seed(kube: KubeClient, which: string) {
  const ns = await testNamespace(kube, `two-${which}`);
  disposals.push(ns.dispose);
  await kube.post(`/apis/airunway.ai/v1alpha1/namespaces/${ns.name}/modeldeployments`, {
    apiVersion: 'airunway.ai/v1alpha1',
    kind: 'ModelDeployment',
    metadata: { name: `only-on-${which}` },
    spec: { model: { id: 'Qwen/Qwen3-0.6B' }, resources: { gpu: { count: 1 } } },
  });
}

beforeAll(async () => {
  stack = await startStack([TEST_CLUSTER, TEST_CLUSTER_2], PORT);
  await seed(stack.clusters[0]!.kube, only[0]);
  await seed(stack.clusters[1]!.kube, only[1]);
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  for (const d of disposals) await d();
  await stack?.close();
  if (!process.env.AIRUNWAY_KEEP_CLUSTER) down(TEST_CLUSTER_2);
});

it('each cluster shows its own deployments and settings', async () => {
  for (const [i, spec] of [TEST_CLUSTER, TEST_CLUSTER_2].entries()) {
    const ctx = contextOf(spec);
    await page.goto(`${stack.url}/c/${ctx}/airunway/deployments`);
    await page.getByRole('link', { name: `only-on-${only[i]}`, exact: true }).waitFor();
    const other = only[1 - i]!;
    expect(await page.getByRole('link', { name: `only-on-${other}`, exact: true }).count()).toBe(0);
    await screenshot(page, `two-clusters-deployments-${i + 1}`);
    await page.goto(`${stack.url}/c/${ctx}/airunway/settings`);
    await page.getByRole('heading', { name: `AI Runway proxy on cluster ${ctx}` }).waitFor();
  }
});
