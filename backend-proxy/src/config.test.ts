import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('config', () => {
  it('has defaults for everything but the cluster', () => {
    const c = loadConfig({ POD_NAME: 'proxy-0' });
    expect(c).toMatchObject({
      port: 8080,
      kubeconfig: undefined,
      helmBin: 'helm',
      leaseNamespace: 'airunway-system',
      identity: 'proxy-0',
      version: { version: '0.0.0-dev', buildTime: 'unknown', gitCommit: 'unknown' },
    });
  });

  it('reads the kubeconfig, helm, repositories and version', () => {
    const c = loadConfig({
      PORT: '9000',
      KUBECONFIG: '/k',
      KUBE_CONTEXT: 'kwok-airunway',
      HELM_BIN: '/bin/helm',
      CHART_REPO_KAITO: 'http://127.0.0.1:1/charts',
      APP_VERSION: '1.0.0',
      BUILD_TIME: '2026-01-01',
      GIT_COMMIT: 'deadbeef',
    });
    expect(c.port).toBe(9000);
    expect(c.kubeContext).toBe('kwok-airunway');
    expect(c.registry.chartRepos).toEqual({ kaito: 'http://127.0.0.1:1/charts' });
    expect(c.version).toEqual({ version: '1.0.0', buildTime: '2026-01-01', gitCommit: 'deadbeef' });
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', POD_NAMESPACE: 'Bad_NS' })).toThrow(
      /PORT[\s\S]*POD_NAMESPACE/
    );
  });
});
