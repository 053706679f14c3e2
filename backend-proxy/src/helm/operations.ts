/**
 * What the installation routes do, as plain functions over injected helm / Kubernetes / lock
 * dependencies. Every mutating operation runs under the release's Lease, first recovers a release
 * left in a pending-* state, and answers with per-step results and the installation state afterwards.
 */
import {
  type HelmReleaseInfo,
  type HelmReleaseStatus,
  HelmReleaseStatusSchema,
  PENDING_RELEASE_STATUSES,
  type ProviderReleaseStatusResponse,
} from '@airunway/shared-client/schemas/installation';
import type {
  GatewayInstallResponse,
  GatewayStatusResponse,
  GpuOperatorInstallResponse,
  GpuOperatorStatus,
  HelmStatusResponse,
  InstallationState,
  ProviderActionResponse,
  ProviderCommandsResponse,
  ProviderId,
  StepResult,
} from '@airunway/shared-client/schemas/proxy';
import type { Logger } from 'pino';
import { ProxyError } from '../errors';
import type { KubeTransport } from '../kube/client';
import { deleteCrd, getCrd, listGpuNodes, listPods, programmedGateway } from '../kube/resources';
import type { HelmCli, HelmRunResult } from './cli';
import { type ReleaseLock, withReleaseLock } from './lock';
import {
  chartArgs,
  manualCommands,
  type ProviderDefinition,
  type Registry,
  type RegistryId,
  valueArgs,
} from './registry';

export interface InstallationService {
  helmStatus(): Promise<HelmStatusResponse>;
  providerStatus(id: ProviderId): Promise<ProviderReleaseStatusResponse>;
  providerCommands(id: ProviderId): Promise<ProviderCommandsResponse>;
  install(id: ProviderId): Promise<ProviderActionResponse>;
  upgrade(id: ProviderId): Promise<ProviderActionResponse>;
  uninstall(id: ProviderId): Promise<ProviderActionResponse>;
  uninstallCrds(id: ProviderId): Promise<ProviderActionResponse>;
  gatewayStatus(): Promise<GatewayStatusResponse>;
  installGatewayCrds(): Promise<GatewayInstallResponse>;
  gpuOperatorStatus(): Promise<GpuOperatorStatus>;
  installGpuOperator(): Promise<GpuOperatorInstallResponse>;
}

export interface OperationsDeps {
  helm: HelmCli;
  kube: KubeTransport;
  lock: ReleaseLock;
  registry: Registry;
  /** helm's own `--timeout` for install/upgrade/uninstall/rollback; the process is killed 30 s later. */
  operationTimeoutSeconds: number;
  /** How long uninstall-crds waits for the CRDs to disappear. */
  crdDeletionWaitMs?: number;
  logger?: Logger | undefined;
}

const MAX_STEP_OUTPUT = 8 * 1024;

function clip(text: string): string {
  const t = text.trim();
  return t.length > MAX_STEP_OUTPUT ? `${t.slice(0, MAX_STEP_OUTPUT)}\n… (truncated)` : t;
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return (lines[lines.length - 1] ?? '').replace(/^Error:\s*/, '').slice(0, 500);
}

function stepOf(step: string, r: HelmRunResult): StepResult {
  const output = clip([r.stdout, r.stderr].filter(s => s.trim()).join('\n'));
  return r.exitCode === 0
    ? { step, success: true, output }
    : {
        step,
        success: false,
        output,
        error: lastLine(r.stderr || r.stdout) || `helm exited with ${r.exitCode}`,
      };
}

const isPending = (s: HelmReleaseStatus | undefined) =>
  s !== undefined && PENDING_RELEASE_STATUSES.includes(s);

export function createInstallationService(deps: OperationsDeps): InstallationService {
  const { helm, kube, registry } = deps;
  const opTimeout = deps.operationTimeoutSeconds;
  const execTimeoutMs = (opTimeout + 30) * 1000;

  function def(id: RegistryId): ProviderDefinition {
    const d = registry.get(id);
    if (!d) throw new ProxyError('NOT_FOUND', `Unknown provider "${id}".`);
    return d;
  }

  async function helmOrThrow(args: string[], what: string): Promise<HelmRunResult> {
    const r = await helm.run(args);
    if (r.exitCode !== 0) {
      throw new ProxyError(
        'UPSTREAM_UNAVAILABLE',
        `helm could not ${what}: ${lastLine(r.stderr)}`,
        undefined,
        502
      );
    }
    return r;
  }

  /** The release as `helm list --all` sees it, or undefined when there is none. */
  async function releaseInfo(d: ProviderDefinition): Promise<HelmReleaseInfo | undefined> {
    const r = await helmOrThrow(
      [
        'list',
        '--namespace',
        d.namespace,
        '--all',
        '--filter',
        `^${d.release}$`,
        '--output',
        'json',
      ],
      `list the releases in ${d.namespace}`
    );
    let rows: any[];
    try {
      rows = JSON.parse(r.stdout || '[]');
    } catch {
      throw new ProxyError(
        'UPSTREAM_UNAVAILABLE',
        'helm list printed something that is not JSON.',
        undefined,
        502
      );
    }
    const row = Array.isArray(rows) ? rows.find(x => x?.name === d.release) : undefined;
    if (!row) return undefined;
    const status = HelmReleaseStatusSchema.safeParse(row.status);
    const chart = typeof row.chart === 'string' ? row.chart : undefined;
    const prefix = `${d.chart.chart}-`;
    return {
      name: d.release,
      namespace: d.namespace,
      status: status.success ? status.data : 'unknown',
      revision: Number.parseInt(String(row.revision), 10) || 0,
      ...(chart ? { chart } : {}),
      ...(chart?.startsWith(prefix) ? { chartVersion: chart.slice(prefix.length) } : {}),
      ...(typeof row.app_version === 'string' && row.app_version
        ? { appVersion: row.app_version }
        : {}),
    };
  }

  async function crdState(d: ProviderDefinition): Promise<boolean | undefined> {
    if (d.crds.length === 0) return undefined;
    const crds = await Promise.all(d.crds.map(name => getCrd(kube, name)));
    return crds.every(c => c !== undefined && c.established && !c.terminating);
  }

  async function operatorState(d: ProviderDefinition): Promise<boolean | undefined> {
    if (!d.operatorSelector) return undefined;
    const pods = await listPods(kube, d.namespace, d.operatorSelector);
    return pods.length > 0 && pods.some(p => p.ready);
  }

  function describe(
    d: ProviderDefinition,
    rel: HelmReleaseInfo | undefined,
    crdFound?: boolean,
    operatorRunning?: boolean
  ) {
    const status = rel?.status;
    if (isPending(status)) {
      return `${d.name} is stuck in ${status}; the next install, upgrade or uninstall recovers it.`;
    }
    if (status === 'deployed') {
      if (crdFound === false)
        return `${d.name} is installed but its CRDs are missing. Upgrade it to restore them.`;
      if (operatorRunning === false)
        return `${d.name} is installed but its operator is not running yet.`;
      return `${d.name} is installed and running`;
    }
    if (status === 'failed')
      return `The last Helm operation on ${d.name} failed. Install or upgrade it again.`;
    if (status === 'uninstalling') return `${d.name} is being uninstalled.`;
    if (crdFound && operatorRunning) {
      return `${d.name} is running but was not installed as the Helm release ${d.release} in ${d.namespace}.`;
    }
    if (crdFound) return `${d.name} is not installed (its CRDs are still present).`;
    return `${d.name} is not installed`;
  }

  async function state(
    d: ProviderDefinition
  ): Promise<{ rel: HelmReleaseInfo | undefined; state: InstallationState }> {
    const [rel, crdFound, operatorRunning] = await Promise.all([
      releaseInfo(d),
      crdState(d),
      operatorState(d),
    ]);
    return {
      rel,
      state: {
        installed: rel?.status === 'deployed',
        ...(crdFound === undefined ? {} : { crdFound }),
        ...(operatorRunning === undefined ? {} : { operatorRunning }),
        message: describe(d, rel, crdFound, operatorRunning),
      },
    };
  }

  /** Settles a release left pending by an operation that died; returns the step, if one ran. */
  async function recover(
    d: ProviderDefinition,
    rel: HelmReleaseInfo | undefined
  ): Promise<StepResult | undefined> {
    const status = rel?.status;
    if (!rel || !(isPending(status) || status === 'uninstalling')) return undefined;
    deps.logger?.warn(
      { release: d.release, namespace: d.namespace, status },
      'recovering a stuck helm release'
    );
    if (status === 'pending-upgrade' || status === 'pending-rollback') {
      const h = await helmOrThrow(
        ['history', d.release, '--namespace', d.namespace, '--max', '20', '--output', 'json'],
        `read the history of ${d.release}`
      );
      let history: any[] = [];
      try {
        history = JSON.parse(h.stdout || '[]');
      } catch {
        /* treated as no history */
      }
      const previous = (Array.isArray(history) ? history : [])
        .filter(
          x =>
            Number(x?.revision) < (rel.revision ?? 0) &&
            ['deployed', 'superseded'].includes(x?.status)
        )
        .map(x => Number(x.revision))
        .sort((a, b) => b - a)[0];
      if (previous !== undefined) {
        const r = await helm.run(
          [
            'rollback',
            d.release,
            String(previous),
            '--namespace',
            d.namespace,
            '--wait',
            '--timeout',
            `${opTimeout}s`,
          ],
          { timeoutMs: execTimeoutMs }
        );
        return stepOf(`Recover ${d.release} from ${status}: roll back to revision ${previous}`, r);
      }
    }
    const r = await helm.run(
      ['uninstall', d.release, '--namespace', d.namespace, '--wait', '--timeout', `${opTimeout}s`],
      { timeoutMs: execTimeoutMs }
    );
    return stepOf(`Recover ${d.release} from ${status}: uninstall`, r);
  }

  function installArgs(d: ProviderDefinition): string[] {
    return [
      'upgrade',
      '--install',
      d.release,
      ...chartArgs(d),
      '--namespace',
      d.namespace,
      '--create-namespace',
      ...valueArgs(d),
      '--history-max',
      '10',
      '--wait',
      '--timeout',
      `${opTimeout}s`,
    ];
  }

  /** Install unless already deployed, recovering a pending release first (shared by the install routes). */
  function installRelease(d: ProviderDefinition): Promise<ProviderActionResponse> {
    return withReleaseLock(deps.lock, lockKey(d), 'install', async () => {
      const results: StepResult[] = [];
      let rel = await releaseInfo(d);
      const recovered = await recover(d, rel);
      if (recovered) {
        results.push(recovered);
        if (!recovered.success) {
          return finish(results, (await state(d)).state, '', `Could not recover ${d.name}`);
        }
        rel = await releaseInfo(d);
      }
      if (rel?.status === 'deployed') {
        const after = (await state(d)).state;
        return {
          success: true,
          message: `${d.name} is already installed`,
          alreadyInstalled: true,
          installationStatus: after,
          results,
        };
      }
      results.push(
        stepOf(
          `Install Helm chart: ${d.release}`,
          await helm.run(installArgs(d), { timeoutMs: execTimeoutMs })
        )
      );
      const after = (await state(d)).state;
      return finish(
        results,
        after,
        `${d.name} installed successfully`,
        `Install of ${d.name} failed`
      );
    });
  }

  async function gpuOperatorStatus(): Promise<GpuOperatorStatus> {
    const d = def('gpu-operator');
    const [{ state: s }, nodes] = await Promise.all([state(d), listGpuNodes(kube)]);
    const totalGPUs = nodes.reduce((sum, n) => sum + n.gpus, 0);
    const installed = s.installed;
    const message = !installed
      ? totalGPUs > 0
        ? `${d.name} is not installed as a Helm release, but ${totalGPUs} GPUs are already allocatable.`
        : `${d.name} is not installed`
      : totalGPUs > 0
      ? `${d.name} is installed; ${totalGPUs} GPUs on ${nodes.length} nodes.`
      : 'GPU Operator installed but no GPUs detected on nodes';
    return {
      installed,
      crdFound: s.crdFound ?? false,
      operatorRunning: s.operatorRunning ?? false,
      gpusAvailable: totalGPUs > 0,
      totalGPUs,
      gpuNodes: nodes.map(n => n.name),
      message,
      helmCommands: manualCommands(d),
    };
  }

  const lockKey = (d: ProviderDefinition) => ({ namespace: d.namespace, release: d.release });

  function finish(
    results: StepResult[],
    after: InstallationState,
    okMessage: string,
    failMessage: string,
    extra: Partial<ProviderActionResponse> = {}
  ): ProviderActionResponse {
    const failed = results.find(r => !r.success);
    return {
      success: !failed,
      message: failed ? `${failMessage}: ${failed.error ?? 'see the step output'}` : okMessage,
      ...extra,
      installationStatus: after,
      results,
    };
  }

  return {
    async helmStatus() {
      try {
        const r = await helm.run(['version', '--short'], { timeoutMs: 10_000 });
        if (r.exitCode !== 0)
          return { available: false, error: lastLine(r.stderr) || 'helm version failed' };
        return { available: true, version: r.stdout.trim().split('+')[0] ?? r.stdout.trim() };
      } catch (e) {
        return {
          available: false,
          error: e instanceof ProxyError ? e.message : 'helm could not be run',
        };
      }
    },

    async providerStatus(id) {
      const d = def(id);
      const { rel, state: s } = await state(d);
      const commands = manualCommands(d);
      return {
        providerId: id,
        providerName: d.name,
        ...s,
        requiresCRD: d.crds.length > 0,
        installable: true,
        ...(rel?.chart ? { version: rel.chart } : {}),
        pinnedVersion: d.chart.version,
        pending: isPending(rel?.status),
        ...(rel ? { release: rel } : { release: { name: d.release, namespace: d.namespace } }),
        helmCommands: commands,
        installationSteps: commandSteps(d, commands),
      };
    },

    async providerCommands(id) {
      const d = def(id);
      const commands = manualCommands(d);
      return { providerId: id, providerName: d.name, commands, steps: commandSteps(d, commands) };
    },

    install(id) {
      return installRelease(def(id));
    },

    upgrade(id) {
      const d = def(id);
      return withReleaseLock(deps.lock, lockKey(d), 'upgrade', async () => {
        const results: StepResult[] = [];
        const rel = await releaseInfo(d);
        if (!rel) {
          throw new ProxyError(
            'PROVIDER_NOT_INSTALLED',
            `${d.name} is not installed, so it cannot be upgraded. Install it first.`,
            {
              providerId: id,
              release: d.release,
              namespace: d.namespace,
            }
          );
        }
        const recovered = await recover(d, rel);
        if (recovered) {
          results.push(recovered);
          if (!recovered.success)
            return finish(results, (await state(d)).state, '', `Could not recover ${d.name}`);
        }
        results.push(
          stepOf(
            `Upgrade Helm chart: ${d.release} to ${d.chart.chart} ${d.chart.version}`,
            await helm.run(installArgs(d), { timeoutMs: execTimeoutMs })
          )
        );
        const after = (await state(d)).state;
        return finish(
          results,
          after,
          `${d.name} upgraded to ${d.chart.version}`,
          `Upgrade of ${d.name} failed`
        );
      });
    },

    uninstall(id) {
      const d = def(id);
      return withReleaseLock(deps.lock, lockKey(d), 'uninstall', async () => {
        const results: StepResult[] = [];
        const rel = await releaseInfo(d);
        if (!rel) {
          const after = (await state(d)).state;
          return {
            success: true,
            message: `${d.name} is not installed; nothing to uninstall`,
            installationStatus: after,
            results,
          };
        }
        // A pending release is uninstalled directly: that is also how it is recovered.
        results.push(
          stepOf(
            `Uninstall Helm chart: ${d.release}`,
            await helm.run(
              [
                'uninstall',
                d.release,
                '--namespace',
                d.namespace,
                '--wait',
                '--timeout',
                `${opTimeout}s`,
              ],
              {
                timeoutMs: execTimeoutMs,
              }
            )
          )
        );
        const after = (await state(d)).state;
        return finish(
          results,
          after,
          `${d.name} uninstalled (CRDs preserved - use 'Uninstall CRDs' for complete removal)`,
          `Uninstall of ${d.name} failed`
        );
      });
    },

    uninstallCrds(id) {
      const d = def(id);
      return withReleaseLock(deps.lock, lockKey(d), 'uninstall-crds', async () => {
        const rel = await releaseInfo(d);
        if (rel) {
          throw new ProxyError(
            'CONFLICT',
            `${d.name} is still installed (Helm release ${d.release}, ${rel.status}). Uninstall it first, then remove its CRDs.`,
            { providerId: id, release: d.release, namespace: d.namespace, status: rel.status }
          );
        }
        const results: StepResult[] = [];
        for (const name of d.crds) {
          try {
            const existed = await deleteCrd(kube, name);
            results.push({
              step: `Delete CRD: ${name}`,
              success: true,
              output: existed ? `CRD ${name} deleted` : `CRD ${name} not found`,
            });
          } catch (e) {
            const message = e instanceof ProxyError ? e.message : 'the deletion failed';
            results.push({
              step: `Delete CRD: ${name}`,
              success: false,
              output: '',
              error: message,
            });
          }
        }
        const deadline = Date.now() + (deps.crdDeletionWaitMs ?? 30_000);
        while (Date.now() < deadline) {
          const left = await Promise.all(d.crds.map(n => getCrd(kube, n)));
          if (left.every(c => c === undefined)) break;
          await new Promise(r => setTimeout(r, 500));
        }
        const after = (await state(d)).state;
        const ok =
          d.crds.length === 0 ? `${d.name} has no CRDs to remove` : 'Provider CRDs uninstalled';
        return finish(results, after, ok, `Removing the CRDs of ${d.name} failed`);
      });
    },

    async gatewayStatus() {
      const d = def('gateway-api');
      const [gateways, routes, pools] = await Promise.all(
        [
          'gateways.gateway.networking.k8s.io',
          'httproutes.gateway.networking.k8s.io',
          'inferencepools.inference.networking.k8s.io',
        ].map(n => getCrd(kube, n))
      );
      const gatewayApiInstalled = Boolean(gateways?.established && routes?.established);
      const inferenceExtInstalled = Boolean(pools?.established);
      const gatewayApiVersion = gateways?.annotations['gateway.networking.k8s.io/bundle-version'];
      const inferenceExtVersion = pools?.annotations['inference.networking.k8s.io/bundle-version'];
      const gateway = gatewayApiInstalled ? await programmedGateway(kube) : undefined;
      const message =
        gatewayApiInstalled && inferenceExtInstalled
          ? `Gateway API and Inference Extension CRDs are installed. ${
              gateway ? 'Gateway is available.' : 'No programmed Gateway yet.'
            }`
          : `${[
              !gatewayApiInstalled && 'Gateway API',
              !inferenceExtInstalled && 'Inference Extension',
            ]
              .filter(Boolean)
              .join(' and ')} CRDs are not installed. Install them before any provider.`;
      return {
        gatewayApiInstalled,
        inferenceExtInstalled,
        ...(gatewayApiVersion ? { gatewayApiVersion } : {}),
        ...(inferenceExtVersion ? { inferenceExtVersion } : {}),
        pinnedVersion: d.chart.version,
        gatewayAvailable: gateway !== undefined,
        ...(gateway?.address ? { gatewayEndpoint: gateway.address } : {}),
        message,
        installCommands: manualCommands(d),
      };
    },

    async installGatewayCrds() {
      const r = await installRelease(def('gateway-api'));
      return {
        success: r.success,
        message: r.success
          ? 'Gateway API and Inference Extension CRDs installed successfully'
          : r.message,
        ...(r.results ? { results: r.results } : {}),
      };
    },

    gpuOperatorStatus,

    async installGpuOperator() {
      const r = await installRelease(def('gpu-operator'));
      return {
        success: r.success,
        message: r.alreadyInstalled
          ? 'NVIDIA GPU Operator is already installed'
          : r.success
          ? 'NVIDIA GPU Operator installed successfully'
          : r.message,
        ...(r.alreadyInstalled ? { alreadyInstalled: true } : {}),
        status: await gpuOperatorStatus(),
        ...(r.results ? { results: r.results } : {}),
      };
    },
  };
}

function commandSteps(d: ProviderDefinition, commands: string[]) {
  return commands.map((command, i) => ({
    title:
      i === commands.length - 1
        ? `Install ${d.name}`
        : command.startsWith('helm repo add')
        ? 'Add the Helm repository'
        : 'Update the Helm repository',
    command,
    description:
      i === commands.length - 1
        ? `Installs ${d.chart.chart} ${d.chart.version} as the release ${d.release} in ${d.namespace}.`
        : 'Makes the chart repository known to your local helm.',
  }));
}
