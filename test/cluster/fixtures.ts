/** Test helpers on the real local control plane: namespaces, RBAC identities with tokens. */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { type KubeClient, waitFor } from './kube';

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/** A fresh namespace for one test file; `dispose` deletes it (and everything in it). */
export async function testNamespace(kube: KubeClient, prefix = 't') {
  const name = `${prefix}-${randomBytes(4).toString('hex')}`;
  await kube.post('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'airunway.ai/test': 'true' } },
  });
  await waitFor(`default ServiceAccount in ${name}`, async () => {
    const r = await kube.request('GET', `/api/v1/namespaces/${name}/serviceaccounts/default`);
    return r.status === 200 ? true : undefined;
  });
  return {
    name,
    dispose: () => kube.request('DELETE', `/api/v1/namespaces/${name}`).then(() => undefined),
  };
}

export interface TestIdentity {
  /** `system:serviceaccount:<ns>:<name>` */
  username: string;
  token: string;
  /** A client of the same API server authenticated as this identity. */
  kube: KubeClient;
}

/**
 * A ServiceAccount in `namespace` with exactly `rules` (a Role in `namespace`, or a ClusterRole when
 * `clusterWide`), and a short-lived token minted through the TokenRequest API.
 */
export async function identityWithRules(
  admin: KubeClient,
  namespace: string,
  name: string,
  rules: PolicyRule[],
  opts: { clusterWide?: boolean; roleName?: string } = {}
): Promise<TestIdentity> {
  await admin.post(`/api/v1/namespaces/${namespace}/serviceaccounts`, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name },
  });
  const subject = { kind: 'ServiceAccount', name, namespace };
  if (rules.length > 0 || opts.roleName) {
    const kind = opts.clusterWide ? 'ClusterRole' : 'Role';
    const roleName = opts.roleName ?? `${namespace}-${name}`;
    const base = opts.clusterWide
      ? '/apis/rbac.authorization.k8s.io/v1'
      : `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}`;
    if (!opts.roleName) {
      await admin.post(`${base}/${kind.toLowerCase()}s`, {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind,
        metadata: { name: roleName, labels: { 'airunway.ai/test': 'true' } },
        rules,
      });
    }
    const bindingKind = opts.clusterWide ? 'ClusterRoleBinding' : 'RoleBinding';
    await admin.post(`${base}/${bindingKind.toLowerCase()}s`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: bindingKind,
      metadata: { name: `${namespace}-${name}`, labels: { 'airunway.ai/test': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind, name: roleName },
      subjects: [subject],
    });
  }
  const token = await mintToken(admin, namespace, name);
  return {
    username: `system:serviceaccount:${namespace}:${name}`,
    token,
    kube: admin.withToken(token),
  };
}

/** TokenRequest for a ServiceAccount (what `kubectl create token` does). */
export async function mintToken(
  admin: KubeClient,
  namespace: string,
  serviceAccount: string,
  expirationSeconds = 3600
): Promise<string> {
  const res = await admin.post(
    `/api/v1/namespaces/${namespace}/serviceaccounts/${serviceAccount}/token`,
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds },
    }
  );
  return res.status.token as string;
}

/** Waits until RBAC changes are visible to the authorizer (the RBAC cache is eventually consistent). */
export async function waitForAccess(
  kube: KubeClient,
  attrs: {
    verb: string;
    resource: string;
    group?: string;
    namespace?: string;
    name?: string;
    subresource?: string;
  },
  allowed = true
): Promise<void> {
  await waitFor(`access ${JSON.stringify(attrs)} to be ${allowed}`, async () => {
    const review = await kube.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: { ...attrs, group: attrs.group ?? '' } },
    });
    return review.status?.allowed === allowed ? true : undefined;
  });
}

/**
 * A name the API server's serving certificate lists. A process in a test host reaches the API server at the
 * host side of its veth pair, an address the certificate does not name, so it verifies this name instead.
 */
export const API_SERVER_TLS_NAME = 'kubernetes';

/**
 * A kubeconfig for one ServiceAccount token (context `proxy`), as the proxy gets in a Pod: the cluster's CA,
 * the address to reach it at, and optionally the certificate name to verify there. Written owner-only.
 */
export function writeTokenKubeconfig(
  path: string,
  options: { server: string; ca: Buffer; token: string; tlsServerName?: string }
) {
  const cluster = {
    server: options.server,
    'certificate-authority-data': options.ca.toString('base64'),
    ...(options.tlsServerName ? { 'tls-server-name': options.tlsServerName } : {}),
  };
  writeFileSync(
    path,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'cluster', cluster }],
      users: [{ name: 'airunway-proxy', user: { token: options.token } }],
      contexts: [{ name: 'proxy', context: { cluster: 'cluster', user: 'airunway-proxy' } }],
      'current-context': 'proxy',
    }),
    { mode: 0o600 }
  );
}
