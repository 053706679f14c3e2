/**
 * A running deployment's Performance and Playground tabs in the browser, against a model server that really
 * answers: the vLLM stand-in in a test host behind the Service the sample's status names (as `npm start`
 * runs it). Metrics and chat both go through the host backend and the API server's service proxy.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextOf, TEST_CLUSTER } from '../cluster/cluster';
import { waitFor } from '../cluster/kube';
import { SAMPLE_NAMESPACE, seedSampleData } from '../dev/sample-data';
import { startModelServerFor } from '../host/model-server-in-cluster';
import { BROWSER_PORT, screenshot, type Stack, startStack } from './harness';

const PORT = BROWSER_PORT;
const root = process.getuid?.() === 0;
let stack: Stack;
let page: Page;
const cleanups: (() => unknown)[] = [];
const detailsUrl = (tab: string) =>
  `${stack.url}/c/${contextOf(
    TEST_CLUSTER
  )}/airunway/deployments/${SAMPLE_NAMESPACE}/qwen-demo?tab=${tab}`;

beforeAll(async () => {
  if (!root) return;
  stack = await startStack([TEST_CLUSTER], PORT);
  await seedSampleData(stack.clusters[0]!.kube, () => undefined);
  await startModelServerFor(
    stack.clusters[0]!.kube,
    SAMPLE_NAMESPACE,
    'qwen-demo',
    cleanups,
    () => undefined
  );
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 1000 } });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await stack?.close();
});

it.skipIf(!root)(
  'Performance charts the live metrics, finds the KV-cache pressure, and records a proposal on the cluster',
  async () => {
    await page.goto(detailsUrl('performance'));
    await page.getByText(/vLLM metrics from /).waitFor({ timeout: 60_000 });
    // Faster scrapes, so three samples (a sustained bottleneck) arrive within seconds.
    await page.getByLabel('Scrape interval').click();
    await page.getByRole('option', { name: '5 seconds', exact: true }).click();
    const kv = page.getByRole('figure', { name: 'KV-cache use' });
    await kv.getByText('KV-cache use: 97%').waitFor();
    await page.getByText('Memory pressure', { exact: true }).first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'deployment-performance');

    const proposal = page.getByRole('article').filter({ hasText: '(KV cache, ' }).first();
    await proposal.getByRole('button', { name: 'Propose for approval' }).click();
    const kube = stack.clusters[0]!.kube;
    const cm = await waitFor('the proposal recorded in its ConfigMap', async () => {
      const res = await kube.request(
        'GET',
        `/api/v1/namespaces/${SAMPLE_NAMESPACE}/configmaps/qwen-demo-optimizations`
      );
      return res.status === 200 ? res.body : undefined;
    });
    const [record] = JSON.parse(cm.data['optimizations.json']);
    expect(record).toMatchObject({ type: 'KV_CACHE', state: 'PENDING_APPROVAL' });
    // The host's kubeconfig holds the admin client certificate: that is who proposed it.
    expect(record.history[0].by).toBeTruthy();
    await page.getByRole('heading', { name: 'Optimisations' }).waitFor();
    await page
      .getByText(/Pending approval by /)
      .first()
      .waitFor();
  }
);

it.skipIf(!root)('Playground streams an answer from the model, through the Service', async () => {
  await page.goto(detailsUrl('playground'));
  const prompt = page.getByLabel('Message', { exact: true });
  await prompt.fill('Say hello');
  await prompt.press('Enter');
  await page.getByText(/Hello from qwen-demo \(test host\) about "Say hello"\./).waitFor({
    timeout: 30_000,
  });
  await screenshot(page, 'deployment-playground');
});
