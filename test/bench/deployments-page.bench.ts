/**
 * Deployments page benchmark: 1,000 ModelDeployments and 500 simulated GPU nodes on a dedicated local cluster.
 * Measures, in one run: the API requests the page makes, the time from clicking "Deployments" in the sidebar
 * (app already loaded) to the first row in the browser, the page's own list request as the browser timed it,
 * and the raw API list latency of the same collection. Target: first row ≤ 1.5 × raw list latency.
 * Writes a JSON report (argv[2] or bench-results/deployments-page.json). A benchmark, never a timed test.
 */
import { QWEN_DEMO } from '@airunway/shared-client/schemas/examples';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startStack } from '../browser/harness';
import { type ClusterSpec, contextOf, down, up } from '../cluster/cluster';
import type { KubeClient } from '../cluster/kube';
import { repoRoot } from '../cluster/paths';

const MDS = 1000;
const NODES = 500;
const NS = 'bench';
const port = Number(process.env.AIRUNWAY_BENCH_PORT ?? 36643);
const BENCH_CLUSTER: ClusterSpec = { name: `airunway-bench-${port}`, port };
const out = process.argv[2] ?? join(repoRoot, 'bench-results/deployments-page.json');
const log = (m: string) => console.error(`[bench] ${m}`);

/** Runs at most `width` creations at once (2 cores: a burst of 1,500 POSTs would only queue). */
async function inBatches(count: number, width: number, make: (i: number) => Promise<unknown>) {
  for (let i = 0; i < count; i += width) {
    await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, j) => make(i + j)));
  }
}

async function createIfAbsent(kube: KubeClient, path: string, body: any) {
  const res = await kube.request('POST', path, body);
  if (res.status >= 300 && res.status !== 409) throw new Error(`POST ${path}: ${res.status}`);
}

function node(i: number) {
  const name = `bench-gpu-${String(i).padStart(3, '0')}`;
  const resources = { cpu: '24', memory: '220Gi', pods: '110', 'nvidia.com/gpu': '4' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake' },
      labels: {
        'kubernetes.io/hostname': name,
        type: 'kwok',
        agentpool: `pool${i % 5}`,
        'nvidia.com/gpu.present': 'true',
        'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
        'nvidia.com/gpu.memory': '81920',
        'nvidia.com/gpu.count': '4',
      },
    },
    spec: {},
    status: { allocatable: resources, capacity: resources },
  };
}

async function seed(kube: KubeClient) {
  await createIfAbsent(kube, '/api/v1/namespaces', { metadata: { name: NS } });
  await inBatches(NODES, 20, i => createIfAbsent(kube, '/api/v1/nodes', node(i)));
  await inBatches(MDS, 20, i =>
    createIfAbsent(kube, `/apis/airunway.ai/v1alpha1/namespaces/${NS}/modeldeployments`, {
      ...QWEN_DEMO,
      metadata: { name: `md-${String(i).padStart(4, '0')}`, namespace: NS },
    })
  );
}

async function rawListLatency(kube: KubeClient, samples: number) {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const res = await kube.request('GET', '/apis/airunway.ai/v1alpha1/modeldeployments');
    times.push(performance.now() - t0);
    if (res.body.items.length < MDS) throw new Error(`listed ${res.body.items.length} of ${MDS}`);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)]!,
    minMs: times[0]!,
    samples: times.length,
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time per function (ms), largest first, from a DevTools CPU profile. */
function topSelfTime(profile: CpuProfile, count: number): string[] {
  const byNode = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) =>
    byNode.set(id, (byNode.get(id) ?? 0) + (deltas[i] ?? 0))
  );
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url
      .split('/')
      .slice(-2)
      .join('/')}:${lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`);
}

async function main() {
  const cluster = await up(BENCH_CLUSTER, log);
  try {
    const t0 = performance.now();
    await seed(cluster.kube);
    log(
      `seeded ${NODES} nodes and ${MDS} ModelDeployments in ${(
        (performance.now() - t0) /
        1000
      ).toFixed(1)} s`
    );
    const stack = await startStack([BENCH_CLUSTER], port + 1000);
    try {
      const page = await stack.browser.newPage({ viewport: { width: 1400, height: 900 } });
      const base = `${stack.url}/c/${contextOf(BENCH_CLUSTER)}/airunway`;
      // The app and plugin loaded on another page first: the figure is the Deployments page's own.
      await page.goto(`${base}/settings`);
      await page
        .getByText('Deployments', { exact: true })
        .locator('visible=true')
        .first()
        .waitFor();
      await new Promise(r => setTimeout(r, 2000));
      const listTimes: number[] = [];
      /** Wall-clock ms at which each list response had fully arrived in the browser. */
      const listDoneAt: number[] = [];
      page.on('requestfinished', req => {
        if (!/\/modeldeployments(\?|$)/.test(req.url())) return;
        // Playwright's responseEnd is in ms after the request's start.
        listTimes.push(req.timing().responseEnd);
        listDoneAt.push(req.timing().startTime + req.timing().responseEnd);
      });
      const before = stack.requests.length;
      // AIRUNWAY_BENCH_PROFILE=1: a CPU profile of the click-to-first-row window (Chrome DevTools format),
      // with the functions that took the most self time printed, to find what the page spends its time on.
      const profiling = process.env.AIRUNWAY_BENCH_PROFILE === '1';
      const cdp = profiling ? await page.context().newCDPSession(page) : undefined;
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      if (profiling) await stack.browser.startTracing(page, { categories: ['devtools.timeline'] });
      const clicked = performance.now();
      await page.getByText('Deployments', { exact: true }).locator('visible=true').first().click();
      await page.locator('main table tbody tr').first().waitFor({ timeout: 120_000 });
      const firstRowMs = performance.now() - clicked;
      const firstRowAt = Date.now();
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        const profilePath = out.replace(/\.json$/, '.cpuprofile');
        mkdirSync(dirname(profilePath), { recursive: true });
        writeFileSync(profilePath, JSON.stringify(profile));
        log(`CPU profile: ${profilePath}; top self time:`);
        for (const line of topSelfTime(profile, 25)) log(line);
        // The browser's own work in the same window (style, layout, paint, parsing): what "(program)" hides.
        const trace = JSON.parse((await stack.browser.stopTracing()).toString('utf8')) as {
          traceEvents: { name: string; dur?: number; ph: string }[];
        };
        const byName = new Map<string, number>();
        for (const e of trace.traceEvents) {
          if (e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur);
        }
        log('browser work by trace event (ms, nested events overlap):');
        for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
          log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
        }
      }
      // Requests made for the page: counted after a settle window in which nothing new is expected.
      await new Promise(r => setTimeout(r, 5000));
      const pageRequests = stack.requests.slice(before);
      const raw = await rawListLatency(cluster.kube, 7);
      const report = {
        benchmark: 'deployments-page',
        date: new Date().toISOString(),
        modelDeployments: MDS,
        nodes: NODES,
        apiRequests: {
          total: pageRequests.length,
          byPath: pageRequests.reduce<Record<string, number>>((acc, r) => {
            const key = `${r.method} ${r.path.split('?')[0]}`;
            acc[key] = (acc[key] ?? 0) + 1;
            return acc;
          }, {}),
        },
        timeToFirstRowMs: Math.round(firstRowMs),
        browserListRequestMs: listTimes.map(Math.round),
        // The page's own work once its data is there: list response complete → first row on screen.
        listResponseToFirstRowMs: listDoneAt.map(at => Math.round(firstRowAt - at)),
        rawListLatency: {
          medianMs: Math.round(raw.medianMs),
          minMs: Math.round(raw.minMs),
          samples: raw.samples,
        },
        firstRowOverRawList: +(firstRowMs / raw.medianMs).toFixed(2),
        target: 'firstRowOverRawList <= 1.5',
        withinTarget: firstRowMs <= 1.5 * raw.medianMs,
      };
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
      console.log(JSON.stringify(report, null, 2));
    } finally {
      await stack.close();
    }
  } finally {
    cluster.kube.close();
    if (!process.env.AIRUNWAY_KEEP_CLUSTER) down(BENCH_CLUSTER);
  }
}

main().catch(e => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
