/** Where the local control plane keeps its state. Documented in the README; override with env vars. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Per-checkout state: the kubeconfig and kwok's working directory (git-ignored). */
export const stateDir = process.env.AIRUNWAY_STATE_DIR ?? join(repoRoot, '.airunway');
/** One kubeconfig holding a context per local cluster (`kwok-<name>`), so Headlamp sees them all. */
export const kubeconfigPath = process.env.AIRUNWAY_KUBECONFIG ?? join(stateDir, 'kubeconfig');
export const kwokWorkdir = join(stateDir, 'kwok');
export const crdPath = join(repoRoot, 'headlamp-config/crds/modeldeployments.airunway.ai.yaml');
export const manifestsDir = join(repoRoot, 'test/cluster/manifests');
