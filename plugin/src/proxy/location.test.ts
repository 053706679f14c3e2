import { describe, expect, it } from 'vitest';
import { DEFAULT_PROXY_LOCATION, resolveProxyLocation, serviceProxyBase } from './location';

describe('proxy location per cluster', () => {
  it('defaults to airunway-system/airunway-proxy:http', () => {
    expect(resolveProxyLocation(undefined, 'kind')).toEqual(DEFAULT_PROXY_LOCATION);
    expect(serviceProxyBase(DEFAULT_PROXY_LOCATION)).toBe(
      '/api/v1/namespaces/airunway-system/services/airunway-proxy:http/proxy'
    );
  });

  it("uses each cluster's own setting, field by field over the default", () => {
    const config = {
      clusters: { a: { namespace: 'ops' }, b: { service: 'runway', port: '9090' } },
    };
    expect(resolveProxyLocation(config, 'a')).toEqual({
      ...DEFAULT_PROXY_LOCATION,
      namespace: 'ops',
    });
    expect(resolveProxyLocation(config, 'b')).toEqual({
      namespace: 'airunway-system',
      service: 'runway',
      port: '9090',
    });
    expect(resolveProxyLocation(config, 'c')).toEqual(DEFAULT_PROXY_LOCATION);
  });

  it('ignores a stored location that is not a valid Kubernetes name (never builds a path from it)', () => {
    const config = { clusters: { a: { namespace: '../../secrets' } } };
    expect(resolveProxyLocation(config, 'a')).toEqual(DEFAULT_PROXY_LOCATION);
  });
});
