import { describe, expect, it } from 'vitest';
import { serviceBackends } from './serviceBackends';

const endpoint = (pod: string, ready?: boolean, terminating?: boolean) => ({
  addresses: ['10.0.0.1'],
  conditions: {
    ...(ready === undefined ? {} : { ready }),
    ...(terminating ? { terminating } : {}),
  },
  targetRef: { kind: 'Pod', name: pod },
});

describe('serviceBackends', () => {
  it('lists the pods behind the Service with their target port and readiness, once each', () => {
    const slices = [
      {
        ports: [{ name: 'http', port: 5000, protocol: 'TCP' }],
        endpoints: [endpoint('b', true), endpoint('a')],
      },
      {
        ports: [{ name: 'http', port: 5000 }],
        endpoints: [endpoint('c', false), endpoint('d', true, true)],
      },
    ];
    expect(serviceBackends(slices)).toEqual([
      { pod: 'a', port: 5000, ready: true },
      { pod: 'b', port: 5000, ready: true },
      { pod: 'c', port: 5000, ready: false },
      { pod: 'd', port: 5000, ready: false },
    ]);
  });

  it('picks the named port when the Service has several, and none when it cannot tell', () => {
    const slice = {
      ports: [
        { name: 'metrics', port: 9090 },
        { name: 'http', port: 8000 },
      ],
      endpoints: [endpoint('a', true)],
    };
    expect(serviceBackends([slice], 'http')).toEqual([{ pod: 'a', port: 8000, ready: true }]);
    expect(serviceBackends([slice])).toEqual([{ pod: 'a', ready: true }]);
  });

  it('leaves out endpoints that are not pods', () => {
    const slice = {
      ports: [{ port: 80 }],
      endpoints: [
        { conditions: { ready: true }, targetRef: { kind: 'Node', name: 'n' } },
        { conditions: {} },
      ],
    };
    expect(serviceBackends([slice])).toEqual([]);
  });
});
