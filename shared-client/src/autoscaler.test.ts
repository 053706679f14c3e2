import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AutoscalerDetectionSchema,
  AutoscalerStatusSchema,
  detectAutoscaler,
  isAksCluster,
  parseAutoscalerStatus,
  parseAutoscalerTime,
} from './autoscaler';
import type { K8sConfigMap, K8sNode } from './k8s';

// The text format as cluster-autoscaler writes it (`kubectl -n kube-system get cm cluster-autoscaler-status -o yaml`).
const TEXT_STATUS = `Cluster-autoscaler status at 2025-01-15 10:30:00.462764772 +0000 UTC:
Cluster-wide:
  Health:      Healthy (ready=5 unready=0 notStarted=0 longNotStarted=0 registered=5 longUnregistered=0)
               LastProbeTime:      2025-01-15 10:30:00.27867919 +0000 UTC m=+499650.735961122
               LastTransitionTime: 2025-01-10 03:11:00.371995979 +0000 UTC m=+60.829277965
  ScaleUp:     NoActivity (ready=5 registered=5)
               LastProbeTime:      2025-01-15 10:30:00.27867919 +0000 UTC m=+499650.735961122
  ScaleDown:   NoCandidates (candidates=0)
               LastProbeTime:      2025-01-15 10:30:00.27867919 +0000 UTC m=+499650.735961122

NodeGroups:
  Name:        eks-gpu-a1b2c3
  Health:      Healthy (ready=2 unready=0 notStarted=0 longNotStarted=0 registered=2 longUnregistered=0 cloudProviderTarget=3 (minSize=1, maxSize=10))
               LastProbeTime:      2025-01-15 10:30:00.643676127 +0000 UTC m=+6684.061091143
  ScaleUp:     InProgress (ready=2 cloudProviderTarget=3)
  ScaleDown:   NoCandidates (candidates=0)

  Name:        eks-cpu-d4e5f6
  Health:      Healthy (ready=3 unready=0 notStarted=0 longNotStarted=0 registered=3 longUnregistered=0 cloudProviderTarget=3 (minSize=2, maxSize=5))
  ScaleUp:     NoActivity (ready=3 cloudProviderTarget=3)
  ScaleDown:   NoCandidates (candidates=0)
`;

// The structured format (clusterstate/api ClusterAutoscalerStatus, as in the autoscaler's own status_test.yaml).
const YAML_STATUS = `time: "2025-01-15 10:30:00.546750398 +0000 UTC"
autoscalerStatus: "Running"
clusterWide:
  health:
    status: "Healthy"
    nodeCounts:
      registered:
        total: 4
        ready: 4
        notStarted: 0
        unready:
          total: 0
          resourceUnready: 0
      longUnregistered: 0
      unregistered: 0
    lastProbeTime: "2025-01-15T10:30:00.000048988Z"
    lastTransitionTime: "2025-01-10T14:52:02.000011Z"
  scaleUp:
    status: "NoActivity"
  scaleDown:
    status: "NoCandidates"
    candidates: 0
nodeGroups:
  -
    name: "gpu"
    health:
      status: "Healthy"
      nodeCounts:
        registered:
          total: 2
          ready: 2
          notStarted: 0
        longUnregistered: 0
        unregistered: 0
      cloudProviderTarget: 2
      minSize: 1
      maxSize: 10
    scaleUp:
      status: "Backoff"
      backoffInfo:
        errorCode: "QUOTA_EXCEEDED"
        errorMessage: "Quota 'GPUS' exceeded."
    scaleDown:
      status: "NoCandidates"
      candidates: 0
`;

const NOW = Date.parse('2025-01-15T10:32:00Z');

function configMap(status: string, annotations: Record<string, string> = {}): K8sConfigMap {
  return {
    metadata: { name: 'cluster-autoscaler-status', namespace: 'kube-system', annotations },
    data: { status },
  };
}

const aksNode: K8sNode = {
  metadata: {
    name: 'aks-gpu-1',
    labels: { 'kubernetes.azure.com/cluster': 'MC_rg_cluster_eastus', agentpool: 'gpu' },
  },
  spec: {
    providerID:
      'azure:///subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/virtualMachineScaleSets/aks-gpu/virtualMachines/0',
  },
};
const eksNode: K8sNode = {
  metadata: { name: 'ip-10-0-0-1', labels: { 'eks.amazonaws.com/nodegroup': 'gpu' } },
  spec: { providerID: 'aws:///us-east-1a/i-0abc' },
};

describe('parseAutoscalerTime', () => {
  it('reads Go time strings, with or without a monotonic clock suffix, and RFC 3339', () => {
    expect(parseAutoscalerTime('2025-01-15 10:30:00.462764772 +0000 UTC')).toBe(
      '2025-01-15T10:30:00.462Z'
    );
    expect(parseAutoscalerTime('2025-01-15 12:30:00.1 +0200 EET m=+12.5')).toBe(
      '2025-01-15T10:30:00.100Z'
    );
    expect(parseAutoscalerTime('2025-01-15T10:30:00Z')).toBe('2025-01-15T10:30:00.000Z');
    expect(parseAutoscalerTime('yesterday')).toBeUndefined();
  });
});

describe('parseAutoscalerStatus', () => {
  it('reads the plain-text format', () => {
    const status = parseAutoscalerStatus(TEXT_STATUS);
    expect(AutoscalerStatusSchema.parse(status)).toEqual(status);
    expect(status).toEqual({
      format: 'text',
      health: 'Healthy',
      lastUpdated: '2025-01-15T10:30:00.462Z',
      nodeGroups: [
        {
          name: 'eks-gpu-a1b2c3',
          minSize: 1,
          maxSize: 10,
          currentSize: 2,
          targetSize: 3,
          readyNodes: 2,
          health: 'Healthy',
          scaleUp: 'InProgress',
        },
        {
          name: 'eks-cpu-d4e5f6',
          minSize: 2,
          maxSize: 5,
          currentSize: 3,
          targetSize: 3,
          readyNodes: 3,
          health: 'Healthy',
          scaleUp: 'NoActivity',
        },
      ],
    });
  });

  it('reads the YAML format', () => {
    expect(parseAutoscalerStatus(YAML_STATUS)).toEqual({
      format: 'yaml',
      autoscalerStatus: 'Running',
      health: 'Healthy',
      lastUpdated: '2025-01-15T10:30:00.546Z',
      nodeGroups: [
        {
          name: 'gpu',
          minSize: 1,
          maxSize: 10,
          currentSize: 2,
          targetSize: 2,
          readyNodes: 2,
          health: 'Healthy',
          scaleUp: 'Backoff',
        },
      ],
    });
  });

  it('reads an initializing autoscaler with no node groups yet', () => {
    expect(
      parseAutoscalerStatus(
        'Cluster-autoscaler status at 2025-01-15 10:30:00.1 +0000 UTC:\nInitializing'
      )
    ).toEqual({
      format: 'text',
      lastUpdated: '2025-01-15T10:30:00.100Z',
      nodeGroups: [],
    });
    expect(
      parseAutoscalerStatus(
        'time: "2025-01-15 10:30:00.1 +0000 UTC"\nautoscalerStatus: Initializing\n'
      )
    ).toMatchObject({
      autoscalerStatus: 'Initializing',
      nodeGroups: [],
    });
  });

  it('rejects text that is neither format', () => {
    expect(parseAutoscalerStatus('')).toBeUndefined();
    expect(parseAutoscalerStatus('hello: world')).toBeUndefined();
    expect(parseAutoscalerStatus('{{{ not yaml')).toBeUndefined();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), text => {
        const status = parseAutoscalerStatus(text);
        if (status) expect(AutoscalerStatusSchema.safeParse(status).success).toBe(true);
      })
    );
  });
});

describe('detectAutoscaler', () => {
  it('reports a healthy self-managed autoscaler from a fresh status', () => {
    const result = detectAutoscaler({
      nodes: [eksNode],
      statusConfigMap: configMap(TEXT_STATUS),
      now: NOW,
    });
    expect(AutoscalerDetectionSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      type: 'cluster-autoscaler',
      detected: true,
      healthy: true,
      message: 'Cluster Autoscaler running on 2 node group(s)',
      health: 'Healthy',
      lastUpdated: '2025-01-15T10:30:00.462Z',
      nodeGroupCount: 2,
    });
  });

  it('reports the AKS managed autoscaler when nodes carry AKS labels', () => {
    const result = detectAutoscaler({
      nodes: [aksNode],
      statusConfigMap: configMap(YAML_STATUS),
      now: NOW,
    });
    expect(result).toMatchObject({
      type: 'aks-managed',
      detected: true,
      healthy: true,
      nodeGroupCount: 1,
    });
    expect(result.nodeGroups[0]).toMatchObject({
      name: 'gpu',
      minSize: 1,
      maxSize: 10,
      currentSize: 2,
    });
  });

  it('calls a status older than five minutes unhealthy', () => {
    const result = detectAutoscaler({
      nodes: [],
      statusConfigMap: configMap(YAML_STATUS),
      now: NOW + 10 * 60 * 1000,
    });
    expect(result).toMatchObject({ detected: true, healthy: false });
    expect(result.message).toContain('12 minutes ago');
  });

  it('calls an Unhealthy cluster or an initializing autoscaler unhealthy', () => {
    const unhealthy = detectAutoscaler({
      statusConfigMap: configMap(YAML_STATUS.replace('status: "Healthy"', 'status: "Unhealthy"')),
      now: NOW,
    });
    expect(unhealthy).toMatchObject({ healthy: false, health: 'Unhealthy' });
    const initializing = detectAutoscaler({
      statusConfigMap: configMap('autoscalerStatus: Initializing\n'),
      now: NOW,
    });
    expect(initializing).toMatchObject({ detected: true, healthy: false });
  });

  it('falls back to the last-updated annotation for the time', () => {
    const result = detectAutoscaler({
      statusConfigMap: configMap('autoscalerStatus: Running\n', {
        'cluster-autoscaler.kubernetes.io/last-updated': '2025-01-15 10:31:00.0 +0000 UTC',
      }),
      now: NOW,
    });
    expect(result).toMatchObject({ healthy: true, lastUpdated: '2025-01-15T10:31:00.000Z' });
  });

  it('still detects an autoscaler whose status it cannot read', () => {
    expect(detectAutoscaler({ statusConfigMap: configMap('???'), now: NOW })).toMatchObject({
      detected: true,
      healthy: false,
    });
  });

  it('falls back to the deployment when there is no status ConfigMap', () => {
    expect(
      detectAutoscaler({
        statusConfigMap: null,
        autoscalerDeployment: { replicas: 1, readyReplicas: 1 },
      })
    ).toMatchObject({
      type: 'cluster-autoscaler',
      detected: true,
      healthy: true,
    });
    expect(
      detectAutoscaler({ autoscalerDeployment: { replicas: 1, readyReplicas: 0 } })
    ).toMatchObject({ detected: true, healthy: false });
  });

  it('reports none, with advice that fits the cloud', () => {
    const aks = detectAutoscaler({ nodes: [aksNode] });
    expect(aks).toMatchObject({
      type: 'none',
      detected: false,
      healthy: false,
      nodeGroupCount: 0,
      nodeGroups: [],
    });
    expect(aks.message).toContain('AKS');
    expect(detectAutoscaler({ nodes: [eksNode] }).message).toContain('Cluster Autoscaler');
  });
});

describe('isAksCluster', () => {
  it('recognises AKS by labels or provider ID', () => {
    expect(isAksCluster([aksNode])).toBe(true);
    expect(isAksCluster([{ spec: { providerID: 'azure:///x' } }])).toBe(true);
    expect(isAksCluster([eksNode])).toBe(false);
    expect(isAksCluster([])).toBe(false);
  });
});
