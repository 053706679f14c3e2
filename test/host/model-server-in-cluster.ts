/**
 * A running sample's model server, for `npm start` and the browser tests: the vLLM stand-in
 * (test/fixtures/upstreams/model-server.ts) in a test host (network namespace, needs root), registered as the
 * endpoint of the Service the sample's status names. The Performance tab then charts real scrapes and the
 * playground streams real answers, both through the API server's service proxy as in production.
 */
import { once } from 'node:events';
import type { KubeClient } from '../cluster/kube';
import { waitFor } from '../cluster/kube';
import { createTestHost, registerServiceEndpoint, type TestHost } from '../cluster/netns';
import { repoRoot } from '../cluster/paths';

export async function startModelServerFor(
  kube: KubeClient,
  namespace: string,
  name: string,
  cleanups: (() => unknown)[],
  log: (msg: string) => void
): Promise<TestHost> {
  const md = await waitFor(
    `${namespace}/${name} to publish its endpoint`,
    async () => {
      const obj = await kube.get(
        `/apis/airunway.ai/v1alpha1/namespaces/${namespace}/modeldeployments/${name}`
      );
      return obj.status?.endpoint?.service ? obj : undefined;
    },
    60_000
  );
  const { service, port = 8000 } = md.status.endpoint as { service: string; port?: number };
  const host = createTestHost();
  cleanups.push(() => host.destroy());
  const server = host.spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/upstreams/model-server.ts', host.ip, String(port)],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        MODEL_NAME: md.spec.model.servedName ?? md.spec.model.id,
        MODEL_REPLICA: `${name} (test host)`,
      },
    }
  );
  await once(server.stdout!, 'data');
  await registerServiceEndpoint(kube, { namespace, name: service, ip: host.ip, port });
  log(`model server for ${namespace}/${name} behind services/${service}:${port}`);
  return host;
}
