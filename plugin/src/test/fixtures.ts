/** Kubernetes objects as the API server returns them, for the component tests. */
export function modelDeployment(
  name: string,
  namespace = 'team-a',
  overrides: Record<string, unknown> = {}
) {
  return {
    apiVersion: 'airunway.ai/v1alpha1',
    kind: 'ModelDeployment',
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      resourceVersion: '1',
      creationTimestamp: new Date(Date.now() - 3_600_000).toISOString(),
    },
    spec: {
      model: { id: 'Qwen/Qwen3-0.6B', source: 'huggingface' },
      engine: { type: 'vllm' },
      resources: { gpu: { count: 1 } },
      scaling: { replicas: 2 },
    },
    status: {
      phase: 'Running',
      message: 'All replicas ready',
      provider: {
        name: 'kaito',
        selectedReason: 'GPU model on a KAITO-managed pool',
        resourceKind: 'Workspace',
        resourceName: name,
      },
      engine: { type: 'vllm', selectedReason: 'explicit' },
      replicas: { desired: 2, ready: 1 },
      endpoint: { service: `${name}-svc`, port: 8000 },
      conditions: [
        {
          type: 'Ready',
          status: 'False',
          reason: 'ReplicasNotReady',
          message: '1 of 2 ready',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    },
    ...overrides,
  };
}

export function pod(
  name: string,
  namespace: string,
  deployment: string,
  phase = 'Running',
  nodeName?: string
) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      labels: { 'airunway.ai/model-deployment': deployment },
      creationTimestamp: new Date(Date.now() - 600_000).toISOString(),
    },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'server', resources: { limits: { 'nvidia.com/gpu': '1' } } }],
    },
    status: {
      phase,
      containerStatuses:
        phase === 'Running'
          ? [
              {
                name: 'server',
                ready: true,
                restartCount: 3,
                image: 'vllm',
                imageID: '',
                containerID: '',
              },
            ]
          : [],
    },
  };
}

export function event(
  name: string,
  namespace: string,
  involved: { kind: string; name: string },
  reason: string,
  message: string,
  type = 'Warning'
) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      creationTimestamp: new Date(Date.now() - 60_000).toISOString(),
    },
    involvedObject: { ...involved, namespace },
    reason,
    message,
    type,
    count: 4,
    lastTimestamp: new Date(Date.now() - 60_000).toISOString(),
  };
}

export function gpuNode(
  name: string,
  pool: string,
  gpus: number,
  product = 'NVIDIA-A100-SXM4-80GB'
) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: {
        'kubernetes.azure.com/agentpool': pool,
        'nvidia.com/gpu.product': product,
        'nvidia.com/gpu.memory': '81920',
      },
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: {},
    status: {
      capacity: { 'nvidia.com/gpu': String(gpus), memory: '220Gi', cpu: '24' },
      allocatable: { 'nvidia.com/gpu': String(gpus), memory: '200Gi', cpu: '24' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

export function cpuNode(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: `uid-${name}`,
      labels: { 'kubernetes.azure.com/agentpool': 'cpu' },
      creationTimestamp: '2026-01-01T00:00:00Z',
    },
    spec: {},
    status: {
      allocatable: { cpu: '8', memory: '32Gi' },
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}
