import { INSTALL_PLANS, VERSIONS } from '@airunway/shared-client/providers/install';
import { PROVIDER_IDS } from '@airunway/shared-client/schemas/proxy';
import { describe, expect, it } from 'vitest';
import {
  buildRegistry,
  chartArgs,
  chartRepoOverridesFromEnv,
  manualCommands,
  shellQuote,
  valueArgs,
} from './registry';

describe('provider registry', () => {
  it('has every provider of the shared schema plus the gateway CRDs, each with chart, namespace and CRDs', () => {
    const reg = buildRegistry();
    for (const id of [...PROVIDER_IDS, 'gateway-api'] as const) {
      const d = reg.get(id)!;
      expect(d, id).toBeDefined();
      expect(d.release).toMatch(/^[a-z0-9-]+$/);
      expect(d.namespace).toMatch(/^[a-z0-9-]+$/);
      expect(d.chart.version).toBeTruthy();
    }
    expect(reg.get('kaito')!.crds).toEqual(['workspaces.kaito.sh']);
    expect(reg.get('gpu-operator')!.chart.chart).toBe('gpu-operator');
  });

  it('applies repository overrides: one mirror for all, or per provider', () => {
    const reg = buildRegistry({
      defaultChartRepo: 'https://mirror.example/charts',
      chartRepos: { kaito: 'oci://registry.example/kaito' },
    });
    expect(reg.get('dynamo')!.chart.repo).toBe('https://mirror.example/charts');
    expect(chartArgs(reg.get('kaito')!)).toEqual([
      'oci://registry.example/kaito/workspace',
      '--version',
      VERSIONS.kaito,
    ]);
    expect(chartArgs(reg.get('kuberay')!)).toEqual([
      'kuberay-operator',
      '--repo',
      'https://mirror.example/charts',
      '--version',
      VERSIONS.kuberay,
    ]);
  });

  it('reads CHART_REPO_* from the environment', () => {
    expect(
      chartRepoOverridesFromEnv({
        CHART_REPO_DEFAULT: 'https://m.example',
        CHART_REPO_GPU_OPERATOR: 'https://g.example',
        CHART_REPO_AIRUNWAY_CONTROLLER: 'https://a.example',
      })
    ).toEqual({
      defaultChartRepo: 'https://m.example',
      chartRepos: {
        'gpu-operator': 'https://g.example',
        'airunway-controller': 'https://a.example',
      },
    });
  });

  it('rejects unsafe overrides', () => {
    expect(() => buildRegistry({ defaultChartRepo: 'file:///etc' })).toThrow();
    expect(() => buildRegistry({ chartRepos: { kaito: 'https://x.example/$(id) y' } })).toThrow();
    expect(() => buildRegistry({ namespaces: { kaito: 'Kube;System' } })).toThrow();
    expect(() => buildRegistry({ versions: { kaito: '1.0 --post-renderer=/bin/sh' } })).toThrow();
  });

  it('follows the shared install plan for every Helm-installed provider (no drift with the Runtimes page)', () => {
    const reg = buildRegistry();
    for (const id of PROVIDER_IDS) {
      const rel = INSTALL_PLANS[id].releases[0];
      const d = reg.get(id)!;
      expect(d.crds, id).toEqual(INSTALL_PLANS[id].crds);
      expect(d.operatorSelector, id).toBe(INSTALL_PLANS[id].operator.selector);
      expect(d.namespace, id).toBe(INSTALL_PLANS[id].operator.namespace);
      if (!rel) continue;
      expect(d.release, id).toBe(rel.release);
      expect(d.namespace, id).toBe(rel.namespace);
      if (rel.version) expect(d.chart.version, id).toBe(rel.version);
    }
    expect(reg.get('dynamo')!.chart).toMatchObject({
      repo: 'https://helm.ngc.nvidia.com/nvidia/ai-dynamo',
      chart: 'dynamo-platform',
      version: VERSIONS.dynamo,
    });
    expect(reg.get('gateway-api')!.chart.version).toBe(VERSIONS.gatewayInferenceExtension);
  });

  it('builds values and manual commands the reference way', () => {
    const d = buildRegistry().get('dynamo')!;
    expect(valueArgs(d)).toEqual(['--set-json', 'global.grove.install=true']);
    expect(manualCommands(d)).toEqual([
      'helm repo add nvidia-ai-dynamo https://helm.ngc.nvidia.com/nvidia/ai-dynamo',
      'helm repo update nvidia-ai-dynamo',
      `helm upgrade --install dynamo-platform nvidia-ai-dynamo/dynamo-platform --version ${VERSIONS.dynamo} --namespace dynamo-system --create-namespace --set-json global.grove.install=true`,
    ]);
  });

  it('shell-quotes what it shows', () => {
    expect(shellQuote('abc-1.2')).toBe('abc-1.2');
    expect(shellQuote("a'b c")).toBe(`'a'\\''b c'`);
  });
});
