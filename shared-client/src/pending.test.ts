import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { K8sEvent } from './k8s';
import { classifyPendingMessage, PendingReasonSchema, pendingReasonsFromEvents } from './pending';

describe('classifyPendingMessage', () => {
  it('classifies insufficient GPUs as a GPU constraint an autoscaler can fix (the reference example)', () => {
    const result = classifyPendingMessage(
      '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.'
    );
    expect(result).toMatchObject({
      reason: 'FailedScheduling',
      message: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.',
      isResourceConstraint: true,
      resourceType: 'gpu',
      canAutoscalerHelp: true,
      category: 'insufficient-resources',
      availableNodes: 0,
      totalNodes: 3,
    });
    expect(result.guidance).toMatch(/^3 nodes lack free GPUs/);
  });

  it('reads AMD GPUs, CPU and memory shortages', () => {
    expect(
      classifyPendingMessage('0/2 nodes are available: 2 Insufficient amd.com/gpu.').resourceType
    ).toBe('gpu');
    expect(classifyPendingMessage('0/1 nodes are available: 1 Insufficient cpu.')).toMatchObject({
      resourceType: 'cpu',
      canAutoscalerHelp: true,
    });
    const memory = classifyPendingMessage(
      '0/4 nodes are available: 4 Insufficient memory. preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.'
    );
    expect(memory).toMatchObject({ resourceType: 'memory', isResourceConstraint: true });
    expect(memory.guidance).toMatch(/^4 nodes lack enough memory/);
  });

  it('reads a mixed breakdown and ignores the preemption part', () => {
    const result = classifyPendingMessage(
      '0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {nvidia.com/gpu: present}. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling.'
    );
    expect(result.nodeFailures).toEqual([
      { nodes: 2, category: 'insufficient-resources', resource: 'cpu', text: 'Insufficient cpu' },
      {
        nodes: 3,
        category: 'untolerated-taint',
        taint: 'nvidia.com/gpu: present',
        text: 'node(s) had untolerated taint {nvidia.com/gpu: present}',
      },
    ]);
    expect(result).toMatchObject({
      isResourceConstraint: true,
      resourceType: 'cpu',
      canAutoscalerHelp: true,
      totalNodes: 5,
    });
    expect(result.guidance).toContain('untolerated taint {nvidia.com/gpu: present} (3 nodes)');
  });

  it('puts a GPU shortage first when nodes fall short on several resources', () => {
    const result = classifyPendingMessage(
      '0/6 nodes are available: 4 Insufficient cpu, 2 Insufficient nvidia.com/gpu.'
    );
    expect(result.resourceType).toBe('gpu');
  });

  it('treats a tainted control plane beside GPU nodes as a GPU shortage', () => {
    const result = classifyPendingMessage(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient nvidia.com/gpu.'
    );
    expect(result).toMatchObject({ resourceType: 'gpu', canAutoscalerHelp: true });
  });

  it.each([
    [
      '0/3 nodes are available: 3 node(s) had untolerated taint {nvidia.com/gpu: present}.',
      'untolerated-taint',
    ],
    [
      "0/3 nodes are available: 3 node(s) had taint {dedicated: gpu}, that the pod didn't tolerate.",
      'untolerated-taint',
    ],
    [
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
      'node-selector-mismatch',
    ],
    ["0/3 nodes are available: 3 node(s) didn't match node selector.", 'node-selector-mismatch'],
    [
      'pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
      'unbound-pvc',
    ],
    ['persistentvolumeclaim "model-cache" not found', 'unbound-pvc'],
    [
      '0/1 nodes are available: 1 node(s) had volume node affinity conflict.',
      'volume-node-affinity',
    ],
    ["0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.", 'pod-affinity'],
    [
      "0/3 nodes are available: 3 node(s) didn't match pod topology spread constraints.",
      'topology-spread',
    ],
    ['0/2 nodes are available: 2 node(s) were unschedulable.', 'nodes-unschedulable'],
    [
      '0/2 nodes are available: 2 node(s) had untolerated taint {node.kubernetes.io/not-ready: }.',
      'nodes-not-ready',
    ],
    [
      "0/4 nodes are available: 4 node(s) didn't have free ports for the requested pod ports.",
      'no-free-ports',
    ],
  ])('%s → %s, which an autoscaler cannot fix', (message, category) => {
    const result = classifyPendingMessage(message);
    expect(result).toMatchObject({
      category,
      isResourceConstraint: false,
      canAutoscalerHelp: false,
    });
    expect(result.resourceType).toBeUndefined();
    expect(result.guidance.length).toBeGreaterThan(20);
  });

  it('tells the user to add a toleration for a GPU taint', () => {
    expect(
      classifyPendingMessage(
        '0/3 nodes are available: 3 node(s) had untolerated taint {nvidia.com/gpu: present}.'
      ).guidance
    ).toContain('toleration');
  });

  it('reads an empty cluster', () => {
    expect(classifyPendingMessage('no nodes available to schedule pods')).toMatchObject({
      category: 'no-nodes',
      canAutoscalerHelp: true,
    });
    expect(classifyPendingMessage('0/0 nodes are available.')).toMatchObject({
      category: 'no-nodes',
      totalNodes: 0,
    });
  });

  it("reads the cluster autoscaler's own events", () => {
    expect(
      classifyPendingMessage(
        "pod didn't trigger scale-up: 1 max node group size reached",
        'NotTriggerScaleUp'
      )
    ).toMatchObject({
      category: 'autoscaler-cannot-scale',
      canAutoscalerHelp: false,
    });
    expect(
      classifyPendingMessage(
        'pod triggered scale-up: [{gpu-pool 1->2 (max: 5)}]',
        'TriggeredScaleUp'
      )
    ).toMatchObject({
      category: 'autoscaler-scaling-up',
      canAutoscalerHelp: true,
    });
  });

  it('never throws and always returns a well-formed reason for arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), schedulerLikeMessage()),
        fc.option(fc.string(), { nil: undefined }),
        (message, reason) => {
          const result = classifyPendingMessage(message, reason);
          expect(PendingReasonSchema.safeParse(result).success).toBe(true);
          expect(result.message).toBe(message);
          if (result.resourceType) expect(result.isResourceConstraint).toBe(true);
        }
      ),
      { numRuns: 500 }
    );
  });
});

function schedulerLikeMessage(): fc.Arbitrary<string> {
  const entry = fc.tuple(
    fc.integer({ min: 0, max: 99 }),
    fc.constantFrom(
      'Insufficient nvidia.com/gpu',
      'Insufficient cpu',
      'node(s) had untolerated taint {a: b}',
      "node(s) didn't match Pod's node affinity/selector",
      'Too many pods',
      '{',
      '}',
      ''
    )
  );
  return fc
    .tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.array(entry, { maxLength: 5 }),
      fc.boolean()
    )
    .map(
      ([free, total, entries, preemption]) =>
        `${free}/${total} nodes are available: ${entries
          .map(([n, text]) => `${n} ${text}`)
          .join(', ')}.${
          preemption
            ? ' preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'
            : ''
        }`
    );
}

describe('pendingReasonsFromEvents', () => {
  const event = (
    message: string,
    lastTimestamp: string,
    extra: Partial<K8sEvent> = {}
  ): K8sEvent => ({
    type: 'Warning',
    reason: 'FailedScheduling',
    message,
    lastTimestamp,
    count: 1,
    involvedObject: { kind: 'Pod', name: 'model-0' },
    ...extra,
  });

  it('returns classified reasons newest first, one per distinct message, counts summed', () => {
    const gpu = '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.';
    const taint =
      '0/3 nodes are available: 3 node(s) had untolerated taint {nvidia.com/gpu: present}.';
    const reasons = pendingReasonsFromEvents([
      event(taint, '2025-01-15T10:00:00Z', { count: 2 }),
      event(gpu, '2025-01-15T10:05:00Z', { count: 3 }),
      event(taint, '2025-01-15T10:10:00Z'),
      {
        type: 'Normal',
        reason: 'Scheduled',
        message: 'Successfully assigned',
        lastTimestamp: '2025-01-15T10:11:00Z',
      },
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        lastTimestamp: '2025-01-15T10:12:00Z',
      },
    ]);
    expect(reasons.map(r => [r.category, r.count, r.lastSeen])).toEqual([
      ['untolerated-taint', 3, '2025-01-15T10:10:00.000Z'],
      ['insufficient-resources', 3, '2025-01-15T10:05:00.000Z'],
    ]);
  });

  it('reads events.k8s.io style times and client-node Date objects', () => {
    const reasons = pendingReasonsFromEvents([
      { reason: 'FailedScheduling', message: 'old', eventTime: '2025-01-15T09:00:00.000000Z' },
      {
        reason: 'FailedScheduling',
        message: 'new',
        series: { count: 4, lastObservedTime: new Date('2025-01-15T11:00:00Z') },
        eventTime: '2025-01-15T08:00:00Z',
      },
    ]);
    expect(reasons.map(r => [r.message, r.count])).toEqual([
      ['new', 4],
      ['old', 1],
    ]);
  });

  it('keeps only the pod asked about', () => {
    const reasons = pendingReasonsFromEvents(
      [
        event('a', '2025-01-15T10:00:00Z'),
        event('b', '2025-01-15T10:00:00Z', { involvedObject: { kind: 'Pod', name: 'other' } }),
      ],
      { podName: 'model-0' }
    );
    expect(reasons.map(r => r.message)).toEqual(['a']);
  });

  it("includes the autoscaler's NotTriggerScaleUp (a Normal event)", () => {
    const reasons = pendingReasonsFromEvents([
      {
        type: 'Normal',
        reason: 'NotTriggerScaleUp',
        message: "pod didn't trigger scale-up: 1 max node group size reached",
        lastTimestamp: '2025-01-15T10:00:00Z',
      },
    ]);
    expect(reasons[0]?.category).toBe('autoscaler-cannot-scale');
  });

  it('returns nothing for a pod without scheduling events', () => {
    expect(pendingReasonsFromEvents([])).toEqual([]);
  });
});
