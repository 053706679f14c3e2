import { ProviderActionResponseSchema } from '@airunway/shared-client/schemas/proxy';
import { describe, expect, it } from 'vitest';
import type { KubeTransport } from '../kube/client';
import type { HelmCli, HelmRunResult } from './cli';
import type { ReleaseLock } from './lock';
import { createInstallationService } from './operations';
import { buildRegistry, valueArgs } from './registry';

const noLock: ReleaseLock = {
  acquire: async () => ({ holder: 'x', held: true, unlock: async () => {} }),
};

function fakeHelm(handler: (args: readonly string[]) => HelmRunResult) {
  const calls: string[][] = [];
  const helm: HelmCli = {
    run: async args => {
      calls.push([...args]);
      return handler(args);
    },
  };
  return { helm, calls };
}

const ok = (stdout = ''): HelmRunResult => ({ exitCode: 0, stdout, stderr: '' });
const kubeWith = (status: number, body: unknown = {}): KubeTransport => ({
  request: async () => ({ status, body } as any),
});

function service(helm: HelmCli, kube: KubeTransport = kubeWith(404)) {
  return createInstallationService({
    helm,
    kube,
    lock: noLock,
    registry: buildRegistry(),
    operationTimeoutSeconds: 60,
    crdDeletionWaitMs: 0,
  });
}

describe('installation operations', () => {
  it('a failing helm install answers success:false with the step error (not a 5xx)', async () => {
    const { helm, calls } = fakeHelm(args =>
      args[0] === 'list'
        ? ok('[]')
        : {
            exitCode: 1,
            stdout: '',
            stderr: 'Error: INSTALLATION FAILED: chart "workspace" version "0.7.2" not found\n',
          }
    );
    const res = await service(helm).install('kaito');
    expect(ProviderActionResponseSchema.safeParse(res).success).toBe(true);
    expect(res.success).toBe(false);
    expect(res.message).toBe(
      'Install of KAITO failed: INSTALLATION FAILED: chart "workspace" version "0.7.2" not found'
    );
    const kaito = buildRegistry().get('kaito')!;
    expect(res.results?.[0]).toMatchObject({
      step: 'Install Helm chart: kaito-workspace',
      success: false,
    });
    const install = calls.find(c => c[0] === 'upgrade')!;
    expect(install).toEqual([
      'upgrade',
      '--install',
      'kaito-workspace',
      'workspace',
      '--repo',
      'https://kaito-project.github.io/kaito/charts/kaito',
      '--version',
      kaito.chart.version,
      '--namespace',
      'kaito-workspace',
      '--create-namespace',
      ...valueArgs(kaito),
      '--history-max',
      '10',
      '--wait',
      '--timeout',
      '60s',
    ]);
  });

  it('a helm list failure is UPSTREAM_UNAVAILABLE 502', async () => {
    const { helm } = fakeHelm(() => ({
      exitCode: 1,
      stdout: '',
      stderr: 'Error: Kubernetes cluster unreachable\n',
    }));
    await expect(service(helm).providerStatus('kaito')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      status: 502,
    });
  });

  it('missing rights on the cluster are FORBIDDEN and point at RBAC.md', async () => {
    const { helm } = fakeHelm(() => ok('[]'));
    await expect(
      service(helm, kubeWith(403, { message: 'forbidden' })).providerStatus('kaito')
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('RBAC.md'),
    });
  });

  it('uninstall-crds refuses while the release exists', async () => {
    const { helm } = fakeHelm(() =>
      ok(
        JSON.stringify([
          { name: 'kaito-workspace', status: 'deployed', revision: '1', chart: 'workspace-0.7.2' },
        ])
      )
    );
    await expect(service(helm).uninstallCrds('kaito')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('pending-upgrade without an earlier good revision is recovered by uninstalling', async () => {
    let listed = 0;
    const { helm, calls } = fakeHelm(args => {
      if (args[0] === 'list') {
        listed++;
        return ok(
          listed === 1
            ? JSON.stringify([
                {
                  name: 'kaito-workspace',
                  status: 'pending-upgrade',
                  revision: '2',
                  chart: 'workspace-0.7.2',
                },
              ])
            : '[]'
        );
      }
      if (args[0] === 'history')
        return ok(
          JSON.stringify([
            { revision: 1, status: 'failed' },
            { revision: 2, status: 'pending-upgrade' },
          ])
        );
      return ok('done');
    });
    const res = await service(helm).install('kaito');
    expect(res.results?.map(r => r.step)).toEqual([
      'Recover kaito-workspace from pending-upgrade: uninstall',
      'Install Helm chart: kaito-workspace',
    ]);
    expect(calls.map(c => c[0])).toEqual([
      'list',
      'history',
      'uninstall',
      'list',
      'upgrade',
      'list',
    ]);
  });

  it('helm status: version without build metadata, or unavailable', async () => {
    expect(await service(fakeHelm(() => ok('v3.18.6+g4b4e3b7\n')).helm).helmStatus()).toEqual({
      available: true,
      version: 'v3.18.6',
    });
    const broken: HelmCli = { run: async () => Promise.reject(new Error('spawn failed')) };
    expect((await service(broken).helmStatus()).available).toBe(false);
  });
});
