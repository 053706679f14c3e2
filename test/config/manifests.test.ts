/**
 * headlamp-config against the real API server: the kustomizations build, every object is accepted by a
 * server-side dry run, and the RBAC model holds when exercised through the API server itself.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyProxyRbac,
  connect,
  kubectl,
  kubectlObjects,
  kustomize,
  type LocalCluster,
  TEST_CLUSTER,
} from '../cluster/cluster';
import { repoRoot } from '../cluster/paths';

const proxyDir = join(repoRoot, 'headlamp-config/proxy');

let cluster: LocalCluster;
beforeAll(() => {
  cluster = connect(TEST_CLUSTER);
});
afterAll(() => cluster?.kube.close());

async function canI(user: string, attrs: Record<string, string>): Promise<boolean> {
  const review = await cluster.kube.post('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SubjectAccessReview',
    spec: { user, resourceAttributes: { group: '', ...attrs } },
  });
  return review.status.allowed === true;
}

describe('proxy manifests (kustomize)', () => {
  const objects = () => kustomize(proxyDir);
  const find = (kind: string, name = 'airunway-proxy') =>
    objects().find(o => o.kind === kind && o.metadata.name === name);

  it('builds the namespace, service account, RBAC, deployment, service, PDB and network policy', () => {
    const kinds = new Set(objects().map(o => o.kind));
    for (const k of [
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'RoleBinding',
      'Deployment',
      'Service',
      'PodDisruptionBudget',
      'NetworkPolicy',
    ]) {
      expect(kinds).toContain(k);
    }
  });

  it('names the service port http and runs the proxy hardened with two replicas and probes', () => {
    expect(find('Service').spec.ports[0]).toMatchObject({ name: 'http', port: 8080 });
    const deploy = find('Deployment');
    expect(deploy.metadata.namespace).toBe('airunway-system');
    expect(deploy.spec.replicas).toBeGreaterThanOrEqual(2);
    const pod = deploy.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const [c] = pod.containers;
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(c.readinessProbe.httpGet.path).toBe('/api/health');
    expect(c.livenessProbe.httpGet.path).toBe('/api/health');
    expect(c.resources.limits.memory).toBeTruthy();
  });

  it('is accepted by the real API server (namespaces applied, the rest by server-side dry run)', () => {
    kubectlObjects(
      TEST_CLUSTER,
      ['apply', '--server-side'],
      objects().filter(o => o.kind === 'Namespace')
    );
    const out = kubectl(TEST_CLUSTER, [
      'apply',
      '--server-side',
      '--dry-run=server',
      '-k',
      proxyDir,
    ]);
    expect(out).toMatch(/deployment.apps\/airunway-proxy serverside-applied \(server dry run\)/);
    expect(out).toMatch(/service\/airunway-proxy serverside-applied \(server dry run\)/);
  });
});

describe('RBAC model', () => {
  const proxySa = 'system:serviceaccount:airunway-system:airunway-proxy';

  beforeAll(() => {
    // Real apply of the RBAC objects only (the Deployment and Service stay dry-run: nothing runs them here).
    applyProxyRbac(TEST_CLUSTER);
  });

  it("lets the proxy's ServiceAccount use Secrets only in the provider namespaces", async () => {
    expect(
      await canI(proxySa, { verb: 'get', resource: 'secrets', namespace: 'kaito-workspace' })
    ).toBe(true);
    expect(
      await canI(proxySa, { verb: 'create', resource: 'secrets', namespace: 'airunway-system' })
    ).toBe(true);
    expect(await canI(proxySa, { verb: 'get', resource: 'secrets', namespace: 'default' })).toBe(
      false
    );
    expect(await canI(proxySa, { verb: 'list', resource: 'secrets' })).toBe(false);
    expect(
      await canI(proxySa, { verb: 'get', resource: 'secrets', namespace: 'kube-system' })
    ).toBe(false);
  });

  it("gives the proxy's ServiceAccount what Helm needs for operator charts, and no impersonation", async () => {
    const crd = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };
    expect(await canI(proxySa, { ...crd, verb: 'create' })).toBe(true);
    expect(await canI(proxySa, { ...crd, verb: 'delete' })).toBe(true);
    expect(
      await canI(proxySa, {
        group: 'apps',
        resource: 'deployments',
        verb: 'create',
        namespace: 'ray-system',
      })
    ).toBe(true);
    expect(await canI(proxySa, { verb: 'list', resource: 'nodes' })).toBe(true);
    expect(await canI(proxySa, { verb: 'impersonate', resource: 'users' })).toBe(false);
    expect(
      await canI(proxySa, { verb: 'create', resource: 'pods/exec', namespace: 'default' })
    ).toBe(false);
  });

  it('maps viewer to get and operator to get/create/update/delete on services/proxy of airunway-proxy', async () => {
    // Bind the roles to two users in airunway-system, as the example bindings do for groups.
    for (const [role, user] of [
      ['airunway-viewer', 'viewer@example.com'],
      ['airunway-operator', 'operator@example.com'],
    ] as const) {
      await cluster.kube.apply(
        `/apis/rbac.authorization.k8s.io/v1/namespaces/airunway-system/rolebindings/${role}-test`,
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: `${role}-test`, namespace: 'airunway-system' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
        }
      );
    }
    const proxy = (verb: string, name = 'airunway-proxy') => ({
      verb,
      resource: 'services',
      subresource: 'proxy',
      name,
      namespace: 'airunway-system',
    });
    expect(await canI('viewer@example.com', proxy('get'))).toBe(true);
    expect(await canI('viewer@example.com', proxy('get', 'airunway-proxy:http'))).toBe(true);
    for (const verb of ['create', 'update', 'delete', 'patch']) {
      expect(await canI('viewer@example.com', proxy(verb))).toBe(false);
    }
    for (const verb of ['get', 'create', 'update', 'delete']) {
      expect(await canI('operator@example.com', proxy(verb))).toBe(true);
    }
    // Neither role reaches any other Service through the proxy subresource.
    expect(await canI('operator@example.com', proxy('get', 'kubernetes'))).toBe(false);
  });
});
