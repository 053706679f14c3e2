/** CustomResourceDefinitions as the API server returns them, for the Runtimes page tests. */
export function crd(name: string, kind: string, version = 'v1', scope = 'Namespaced') {
  const [plural = '', ...group] = name.split('.');
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1' },
    spec: {
      group: group.join('.'),
      scope,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [{ name: version, served: true, storage: true }],
    },
  };
}

export function operatorPod(name: string, namespace: string, ready: boolean) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, uid: `uid-${name}` },
    spec: {
      containers: [{ name: 'manager', image: 'registry.example.test/kaito/workspace:0.10.0' }],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    },
  };
}

/** One entry of a PartialObjectMetadataList. */
export function objectMeta(name: string, namespace: string) {
  return {
    apiVersion: 'meta.k8s.io/v1',
    kind: 'PartialObjectMetadata',
    metadata: { name, namespace, uid: `uid-${namespace}-${name}` },
  };
}
