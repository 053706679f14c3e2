/**
 * Starts the test cluster once for the integration run. It is a cluster of its own (not the one `npm start`
 * uses), so running the tests never touches a developer's data. Set AIRUNWAY_KEEP_CLUSTER=1 to keep it
 * running between runs (faster iteration); CI stops it.
 */
import { down, TEST_CLUSTER, up } from './cluster';

export default async function setup() {
  const t0 = Date.now();
  const cluster = await up(TEST_CLUSTER);
  cluster.kube.close();
  console.error(`[global-setup] test cluster ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return () => {
    if (!process.env.AIRUNWAY_KEEP_CLUSTER) down(TEST_CLUSTER);
  };
}
