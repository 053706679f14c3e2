/**
 * Creating a ModelDeployment through the form in the browser: it appears in the list, and the object the API
 * server stores has exactly the spec entered (plus the CRD's own defaults, which the API server applies).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextOf, TEST_CLUSTER } from '../cluster/cluster';
import { BROWSER_PORT, screenshot, type Stack, startStack } from './harness';

const PORT = BROWSER_PORT;
const NS = `browser-create-${process.pid}`;
let stack: Stack;
let page: Page;

beforeAll(async () => {
  stack = await startStack([TEST_CLUSTER], PORT);
  const res = await stack.clusters[0]!.kube.request('POST', '/api/v1/namespaces', {
    metadata: { name: NS },
  });
  expect(res.status).toBe(201);
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  await stack?.clusters[0]?.kube.request('DELETE', `/api/v1/namespaces/${NS}`);
  await stack?.close();
});

it('the form creates the object with exactly the spec entered, and the list shows it', async () => {
  await page.goto(`${stack.url}/c/${contextOf(TEST_CLUSTER)}/airunway/deployments/new`);
  // A required field's label ends in ' *'.
  const field = (label: string) => page.getByLabel(new RegExp(`^${label}\\s*\\*?$`));
  await field('Name').fill('qwen-from-form');
  await field('Namespace').fill(NS);
  await field('Model ID').fill('Qwen/Qwen3-0.6B');
  await field('Replicas').fill('2');
  await field('GPUs per replica').fill('1');
  await field('GPU resource name').fill('nvidia.com/gpu');
  await field('Memory').fill('16Gi');
  await field('CPU').fill('4');
  // The local cluster has the ModelDeployment CRD but no Dynamo: the form says so from the API server's
  // own answer (a 404 on the CRD), before anything is created.
  await page.getByText('NVIDIA Dynamo is not installed on this cluster', { exact: false }).waitFor();
  expect(await page.getByText('AI Runway is not installed on this cluster').count()).toBe(0);
  await screenshot(page, 'create-form');
  await page
    .getByRole('button', { name: 'Create', exact: true })
    .locator('visible=true')
    .last()
    .click();

  const kube = stack.clusters[0]!.kube;
  const path = `/apis/airunway.ai/v1alpha1/namespaces/${NS}/modeldeployments/qwen-from-form`;
  let stored: any;
  for (let i = 0; i < 60 && !stored; i++) {
    const res = await kube.request('GET', path);
    if (res.status === 200) stored = res.body;
    else await new Promise(r => setTimeout(r, 500));
  }
  expect(stored?.spec).toEqual({
    model: { id: 'Qwen/Qwen3-0.6B', source: 'huggingface' },
    scaling: { replicas: 2 },
    resources: { gpu: { count: 1, type: 'nvidia.com/gpu' }, memory: '16Gi', cpu: '4' },
  });

  await page.goto(`${stack.url}/c/${contextOf(TEST_CLUSTER)}/airunway/deployments`);
  await page.getByRole('link', { name: 'qwen-from-form', exact: true }).waitFor();
  await screenshot(page, 'create-listed');
});
