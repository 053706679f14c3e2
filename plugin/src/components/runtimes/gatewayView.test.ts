import { describe, expect, it } from 'vitest';
import { modelsThroughGateway, summarizeGateway } from './gatewayView';

describe('summarizeGateway', () => {
  it('reads class, addresses, listeners and the Programmed condition from a Gateway', () => {
    expect(
      summarizeGateway({
        metadata: { name: 'gw', namespace: 'infra' },
        spec: {
          gatewayClassName: 'envoy',
          listeners: [
            { name: 'http', port: 80, protocol: 'HTTP' },
            { name: 'https', port: 443, protocol: 'HTTPS' },
          ],
        },
        status: {
          addresses: [{ type: 'Hostname', value: 'gw.example.com' }, { type: 'IPAddress' }],
          conditions: [{ type: 'Programmed', status: 'False', reason: 'Pending' }],
        },
      })
    ).toEqual({
      key: 'infra/gw',
      namespace: 'infra',
      name: 'gw',
      className: 'envoy',
      addresses: ['gw.example.com'],
      listeners: ['HTTP :80', 'HTTPS :443'],
      programmed: false,
    });
  });

  it('says "not reported" (undefined) when the implementation has written no status yet', () => {
    const summary = summarizeGateway({ metadata: { name: 'new', namespace: 'infra' } });
    expect(summary.programmed).toBeUndefined();
    expect(summary.addresses).toEqual([]);
    expect(summary.className).toBeUndefined();
  });
});

describe('modelsThroughGateway', () => {
  it('keeps only deployments the controller routes through the gateway, sorted by model name', () => {
    const models = modelsThroughGateway([
      { metadata: { name: 'plain', namespace: 'a' }, status: { phase: 'Running' } },
      {
        metadata: { name: 'z-dep', namespace: 'b' },
        status: { phase: 'Running', gateway: { modelName: 'alpha', endpoint: 'http://gw/v1' } },
      },
      // An endpoint without a model name: the gateway routes the served name (else the model id).
      {
        metadata: { name: 'dep-b', namespace: 'a' },
        spec: { model: { id: 'org/Beta-7B', servedName: 'beta' } },
        status: { gateway: { endpoint: 'http://gw' } },
      },
      { metadata: { name: 'pending', namespace: 'a' } },
    ]);
    expect(models).toEqual([
      {
        key: 'b/z-dep',
        namespace: 'b',
        deployment: 'z-dep',
        modelName: 'alpha',
        endpoint: 'http://gw/v1',
        phase: 'Running',
      },
      {
        key: 'a/dep-b',
        namespace: 'a',
        deployment: 'dep-b',
        modelName: 'beta',
        endpoint: 'http://gw',
      },
    ]);
  });
});
