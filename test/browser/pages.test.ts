/**
 * Every sidebar page of the plugin opens in the host page and shows the local cluster's own data
 * (sample data seeded as `npm start` does); a screenshot of each page is saved under test/browser/artifacts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextOf, TEST_CLUSTER } from '../cluster/cluster';
import { manifestsDir } from '../cluster/paths';
import { SAMPLE_NAMESPACE, SAMPLES, seedSampleData } from '../dev/sample-data';
import { BROWSER_PORT, screenshot, type Stack, startStack } from './harness';

const PORT = BROWSER_PORT;
let stack: Stack;
let page: Page;
const pageUrl = (p: string) => `${stack.url}/c/${contextOf(TEST_CLUSTER)}/airunway/${p}`;

beforeAll(async () => {
  stack = await startStack([TEST_CLUSTER], PORT);
  await seedSampleData(stack.clusters[0]!.kube, () => undefined);
  page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 } });
});
afterAll(async () => {
  await stack?.close();
});

/** GPU nodes as the API server reports them: name and nvidia.com/gpu capacity. */
async function gpuNodes() {
  const res = await stack.clusters[0]!.kube.request('GET', '/api/v1/nodes');
  return (res.body.items as any[])
    .map(n => ({
      name: n.metadata.name as string,
      gpus: Number(n.status?.capacity?.['nvidia.com/gpu'] ?? 0),
    }))
    .filter(n => n.gpus > 0);
}

describe('every sidebar page shows the local cluster', () => {
  it('the sidebar opens each plugin page', async () => {
    await page.goto(pageUrl('deployments'));
    const paths: Record<string, string> = {
      Models: 'models',
      'GPU Capacity': 'capacity',
      Runtimes: 'runtimes',
      Settings: 'settings',
      Deployments: 'deployments',
    };
    for (const [label, path] of Object.entries(paths)) {
      await page.getByText(label, { exact: true }).locator('visible=true').first().click();
      await page.waitForURL(pageUrl(path));
    }
  });

  it('shows its words from the first paint: Headlamp loads the English catalog the plugin ships', async () => {
    const catalog = page.waitForResponse(response =>
      response.url().endsWith('/plugins/ai-runway/locales/en/translation.json')
    );
    await page.goto(pageUrl('models'));
    expect((await catalog).status()).toBe(200);
    // Without a catalog, Headlamp rendered the plugin's labels and table headers empty for seconds.
    await page.getByText('Deploy', { exact: true }).first().waitFor();
    expect((await page.locator('thead th').allInnerTexts()).slice(0, 3)).toEqual([
      'Model',
      'Size',
      'Context',
    ]);
    await page.getByLabel('Search curated models').waitFor({ timeout: 1000 });
  });

  it('Deployments lists every sample ModelDeployment with its namespace', async () => {
    await page.goto(pageUrl('deployments'));
    for (const s of SAMPLES) {
      await page.getByRole('link', { name: s.name, exact: true }).waitFor();
    }
    expect(await page.locator('main').innerText()).toContain(SAMPLE_NAMESPACE);
    await screenshot(page, 'deployments');
  });

  it('GPU Capacity matches the simulated nodes: node count and total GPUs', async () => {
    const nodes = await gpuNodes();
    expect(nodes.length).toBeGreaterThan(0);
    await page.goto(pageUrl('capacity'));
    const main = page.locator('main');
    await main.getByText('Total GPUs', { exact: true }).waitFor();
    const text = await main.innerText();
    const total = nodes.reduce((sum, n) => sum + n.gpus, 0);
    expect(text).toMatch(new RegExp(`GPU nodes\\s+${nodes.length}\\s`));
    expect(text).toMatch(new RegExp(`Total GPUs\\s+${total}\\s`));
    await screenshot(page, 'capacity');
  });

  it('Runtimes shows the CRD present in this cluster and the GPUs its nodes have', async () => {
    const nodes = await gpuNodes();
    const total = nodes.reduce((sum, n) => sum + n.gpus, 0);
    await page.goto(pageUrl('runtimes'));
    await page.getByText('modeldeployments.airunway.ai present').waitFor();
    await page.getByText(`${total} GPUs on ${nodes.length} nodes`).waitFor();
    await screenshot(page, 'runtimes');
  });

  it('Settings opens on the selected cluster', async () => {
    await page.goto(pageUrl('settings'));
    await page
      .getByRole('heading', { name: `AI Runway proxy on cluster ${contextOf(TEST_CLUSTER)}` })
      .waitFor();
    await screenshot(page, 'settings');
  });

  it('an oversized request shows its classified pending reason, matching the scheduler event', async () => {
    // llama-405b asks for 16 GPUs on one replica: more than any simulated node has.
    const kube = stack.clusters[0]!.kube;
    let insufficient: number | undefined;
    for (let i = 0; i < 60 && insufficient === undefined; i++) {
      const events = await kube.request('GET', `/api/v1/namespaces/${SAMPLE_NAMESPACE}/events`);
      const msg = (events.body.items as any[]).find(
        e =>
          e.reason === 'FailedScheduling' && String(e.involvedObject?.name).startsWith('llama-405b')
      )?.message as string | undefined;
      const m = msg && /(\d+) Insufficient nvidia\.com\/gpu/.exec(msg);
      if (m) insufficient = Number(m[1]);
      else await new Promise(r => setTimeout(r, 1000));
    }
    expect(insufficient).toBeGreaterThan(0);
    await page.goto(pageUrl(`deployments/${SAMPLE_NAMESPACE}/llama-405b`));
    await page.getByText('Why pods are pending').waitFor();
    await page.getByText(/FailedScheduling: not enough GPU/).waitFor();
    await page.getByText(`${insufficient} nodes lack free GPUs`, { exact: false }).waitFor();
    await screenshot(page, 'pending-reason');
  });
});

describe('logs', () => {
  it('open for a running pod: the container log through the API server, colours stripped', async () => {
    // kwok answers pods/log for every simulated container with test/cluster/manifests/model-server.log.
    const raw = readFileSync(join(manifestsDir, 'model-server.log'), 'utf8');
    expect(raw).toContain('\u001b[32m');
    await page.goto(`${pageUrl(`deployments/${SAMPLE_NAMESPACE}/qwen-demo`)}?tab=logs`);
    const logs = page.getByRole('log', { name: /^Logs of container / });
    await logs.getByText('Application startup complete.').waitFor();
    const text = await logs.innerText();
    expect(text).toContain(
      'INFO 11-22 10:00:09 [gpu_model_runner.py:1595] Model loading took 15.0 GiB'
    );
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('[32m');
    await screenshot(page, 'deployment-logs');
  });
});

describe('Models against an idle GPU node', () => {
  it('Models says where each curated model fits, naming a node of this cluster', async () => {
    // The samples fill the simulated GPUs (how full depends on the scheduler's packing), so the test adds
    // an idle copy of a GPU node: the models that need several GPUs on one node can only fit there. Its
    // taint keeps the pending samples off it (the fit badge counts free GPUs, not tolerations), and it
    // runs last so the scheduler's retries on the new node cannot touch the other tests' events.
    const kube = stack.clusters[0]!.kube;
    const template = (await kube.get('/api/v1/nodes')).items.find(
      (n: any) => Number(n.status?.capacity?.['nvidia.com/gpu'] ?? 0) > 0
    );
    const idle = `browser-idle-gpu-${Date.now()}`;
    const {
      name: _,
      uid: _u,
      resourceVersion: _r,
      creationTimestamp: _c,
      ...meta
    } = template.metadata;
    await kube.post('/api/v1/nodes', {
      metadata: { ...meta, name: idle, labels: { ...meta.labels, 'kubernetes.io/hostname': idle } },
      spec: { taints: [{ key: 'airunway.test/idle', value: 'true', effect: 'NoSchedule' }] },
      status: { capacity: template.status.capacity, allocatable: template.status.allocatable },
    });
    try {
      await page.goto(pageUrl('models'));
      const fit = page.getByText(new RegExp(`Fits .* on node ${idle}`)).first();
      await fit.waitFor();
      expect(await fit.innerText()).toContain(idle);
      await screenshot(page, 'models');
    } finally {
      await kube.request('DELETE', `/api/v1/nodes/${idle}`);
    }
  });
});
