/** The browser tests switch between two local clusters: both run at once, on their own ports and data. */
import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { connect, down, type LocalCluster, TEST_CLUSTER, TEST_CLUSTER_2, up } from './cluster';
import { kubeconfigPath } from './paths';

let second: LocalCluster | undefined;
afterAll(() => {
  second?.kube.close();
  if (!process.env.AIRUNWAY_KEEP_CLUSTER) down(TEST_CLUSTER_2);
});

it('runs a second cluster beside the first, with its own data, in the same kubeconfig', async () => {
  const first = connect(TEST_CLUSTER);
  second = await up(TEST_CLUSTER_2, () => {});
  expect(new URL(second.server).port).toBe(String(TEST_CLUSTER_2.port));
  expect(new URL(first.server).port).toBe(String(TEST_CLUSTER.port));

  const name = `only-in-second-${Date.now()}`;
  await second.kube.post('/api/v1/namespaces', { metadata: { name } });
  expect((await second.kube.request('GET', `/api/v1/namespaces/${name}`)).status).toBe(200);
  expect((await first.kube.request('GET', `/api/v1/namespaces/${name}`)).status).toBe(404);

  // Both clusters have the simulated nodes and the CRD.
  expect((await second.kube.get('/api/v1/nodes')).items.length).toBeGreaterThanOrEqual(5);
  const contexts = parse(readFileSync(kubeconfigPath, 'utf8')).contexts.map((c: any) => c.name);
  expect(contexts).toEqual(
    expect.arrayContaining([`kwok-${TEST_CLUSTER.name}`, `kwok-${TEST_CLUSTER_2.name}`])
  );
  first.kube.close();
});
