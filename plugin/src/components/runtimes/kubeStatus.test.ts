import { describe, expect, it } from 'vitest';
import { imageTag, type PodLike, podReadiness } from './kubeStatus';

function pod(options: { ready?: boolean; version?: string; image?: string } = {}): PodLike {
  return {
    metadata: {
      name: 'operator-0',
      ...(options.version ? { labels: { 'app.kubernetes.io/version': options.version } } : {}),
    },
    spec: { containers: [{ image: options.image ?? 'example.test/ops/kaito-workspace:0.5.1' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True' }],
    },
  };
}

describe('imageTag', () => {
  it('reads the tag after the last path segment, ignoring a registry port and a digest', () => {
    expect(imageTag('registry.example.test:5000/ops/operator:v1.2.3')).toBe('v1.2.3');
    expect(imageTag('operator:v2@sha256:0123abcd')).toBe('v2');
    expect(imageTag('registry.example.test:5000/ops/operator')).toBeUndefined();
    expect(imageTag('operator@sha256:0123abcd')).toBeUndefined();
  });
});

describe('podReadiness', () => {
  it('counts ready pods and lists the versions they run, label first, then image tag', () => {
    expect(podReadiness([pod({ version: '0.6.0' }), pod({ ready: false })])).toEqual({
      total: 2,
      ready: 1,
      versions: ['0.6.0', '0.5.1'],
    });
  });

  it('says nothing about a version when only `latest` or no tag is known', () => {
    expect(podReadiness([pod({ image: 'operator:latest' }), pod({ image: 'operator' })])).toEqual({
      total: 2,
      ready: 2,
      versions: [],
    });
  });
});
