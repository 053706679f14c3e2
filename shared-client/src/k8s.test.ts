import { describe, expect, it } from 'vitest';
import { computeClusterCapacity } from './capacity';
import type { K8sEvent, K8sNode, K8sPod } from './k8s';
import { timeToMillis } from './k8s';
import { pendingReasonsFromEvents } from './pending';

// Shaped like @kubernetes/client-node's V1Node / V1Pod / CoreV1Event: Date objects for times, extra fields,
// required `involvedObject`. Declared with their own interfaces so tsc checks that they fit the structural types.
interface ClientNodeStyleNode {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; labels?: { [key: string]: string }; creationTimestamp?: Date };
  spec?: {
    unschedulable?: boolean;
    providerID?: string;
    taints?: Array<{ key: string; effect: string; timeAdded?: Date }>;
  };
  status?: {
    capacity?: { [key: string]: string };
    allocatable?: { [key: string]: string };
    conditions?: Array<{ type: string; status: string; lastHeartbeatTime?: Date }>;
  };
}

interface ClientNodeStyleEvent {
  metadata: { name?: string; creationTimestamp?: Date };
  involvedObject: { kind?: string; name?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  lastTimestamp?: Date;
  eventTime?: Date;
  series?: { count?: number; lastObservedTime?: Date };
}

describe('structural Kubernetes types', () => {
  it('accept client-node objects with Date times', () => {
    const node: ClientNodeStyleNode = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'gpu-1',
        labels: { 'nvidia.com/gpu.product': 'NVIDIA-L4' },
        creationTimestamp: new Date('2025-01-01T00:00:00Z'),
      },
      spec: { taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule', timeAdded: new Date() }] },
      status: {
        capacity: { 'nvidia.com/gpu': '1' },
        allocatable: { 'nvidia.com/gpu': '1' },
        conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: new Date() }],
      },
    };
    const nodes: K8sNode[] = [node];
    expect(computeClusterCapacity(nodes, [])).toMatchObject({
      totalGpus: 1,
      maxContiguousAvailable: 1,
    });

    const event: ClientNodeStyleEvent = {
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Pod', name: 'p' },
      reason: 'FailedScheduling',
      message: '0/1 nodes are available: 1 Insufficient nvidia.com/gpu.',
      lastTimestamp: new Date('2025-01-15T10:00:00Z'),
    };
    const events: K8sEvent[] = [event];
    expect(pendingReasonsFromEvents(events)[0]).toMatchObject({
      resourceType: 'gpu',
      lastSeen: '2025-01-15T10:00:00.000Z',
    });
  });

  it("accept Headlamp's jsonData (JSON strings for times, nulls where the API server sends them)", () => {
    const pod = JSON.parse(
      '{"metadata":{"name":"p","creationTimestamp":"2025-01-15T10:00:00Z"},"spec":{"nodeName":"gpu-1","containers":[{"name":"vllm","resources":{"limits":{"nvidia.com/gpu":"1"}}}]},"status":{"phase":"Running"}}'
    ) as K8sPod;
    const event = JSON.parse(
      '{"reason":"FailedScheduling","message":"m","eventTime":null,"lastTimestamp":"2025-01-15T10:00:00Z","series":null}'
    ) as K8sEvent;
    expect(pod.spec?.containers?.[0]?.resources?.limits?.['nvidia.com/gpu']).toBe('1');
    expect(pendingReasonsFromEvents([event])[0]?.lastSeen).toBe('2025-01-15T10:00:00.000Z');
  });
});

describe('timeToMillis', () => {
  it('reads strings and Dates, and treats absent or invalid times as unknown', () => {
    expect(timeToMillis('2025-01-15T10:00:00Z')).toBe(Date.UTC(2025, 0, 15, 10));
    expect(timeToMillis(new Date(Date.UTC(2025, 0, 15, 10)))).toBe(Date.UTC(2025, 0, 15, 10));
    expect(timeToMillis(null)).toBeUndefined();
    expect(timeToMillis(undefined)).toBeUndefined();
    expect(timeToMillis('not a time')).toBeUndefined();
    expect(timeToMillis(new Date(Number.NaN))).toBeUndefined();
  });
});
