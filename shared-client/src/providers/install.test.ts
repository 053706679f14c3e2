import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '../schemas/proxy';
import {
  GATEWAY_CRDS,
  gatewayCrdInstallCommands,
  helmInstallArgs,
  helmUninstallArgs,
  helmUpgradeArgs,
  INSTALL_PLANS,
  manualInstallCommands,
} from './install';

describe('manual install commands', () => {
  it('reproduce the Dynamo commands of the reference, then register the provider', () => {
    expect(manualInstallCommands('dynamo')).toEqual([
      'helm repo add nvidia-ai-dynamo https://helm.ngc.nvidia.com/nvidia/ai-dynamo',
      'helm repo update',
      'helm install dynamo-platform https://helm.ngc.nvidia.com/nvidia/ai-dynamo/charts/dynamo-platform-1.1.1.tgz --namespace dynamo-system --create-namespace --set-json global.grove.install=true',
      'kubectl apply -f https://raw.githubusercontent.com/kaito-project/airunway/main/providers/dynamo/deploy/dynamo.yaml',
    ]);
  });

  it('reproduce the GPU operator commands of the reference', () => {
    expect(manualInstallCommands('gpu-operator')).toEqual([
      'helm repo add nvidia https://helm.ngc.nvidia.com/nvidia',
      'helm repo update',
      'helm install gpu-operator nvidia/gpu-operator --namespace gpu-operator --create-namespace',
    ]);
  });

  it('pin chart versions for KAITO and KubeRay', () => {
    const kaito = manualInstallCommands('kaito');
    expect(kaito[0]).toBe('helm repo add kaito https://kaito-project.github.io/kaito/charts/kaito');
    expect(kaito[2]).toMatch(
      /^helm install kaito-workspace kaito\/workspace --version 0\.10\.0 --namespace kaito-workspace --create-namespace /
    );
    expect(manualInstallCommands('kuberay')[2]).toBe(
      'helm install kuberay-operator kuberay/kuberay-operator --version 1.3.0 --namespace ray-system --create-namespace --wait'
    );
  });

  it('install llm-d, direct vLLM and the controller from manifests only', () => {
    for (const id of ['llmd', 'vllm', 'airunway-controller'] as const) {
      const commands = manualInstallCommands(id);
      expect(commands.length).toBeGreaterThan(0);
      expect(commands.every(command => command.startsWith('kubectl apply -f https://'))).toBe(true);
    }
  });

  it('exist for every installable id and never chain shell commands', () => {
    for (const id of PROVIDER_IDS) {
      const commands = manualInstallCommands(id);
      expect(commands.length, id).toBeGreaterThan(0);
      for (const command of commands) expect(command, id).not.toMatch(/[;&|`$]/);
    }
  });

  it('install the Gateway API CRDs and the pinned Inference Extension', () => {
    expect(gatewayCrdInstallCommands()).toEqual([
      'kubectl apply -f https://github.com/kubernetes-sigs/gateway-api/releases/latest/download/standard-install.yaml',
      'kubectl apply -f https://github.com/kubernetes-sigs/gateway-api-inference-extension/releases/download/v1.5.0/manifests.yaml',
    ]);
  });
});

describe('helm argument vectors', () => {
  const kuberay = INSTALL_PLANS.kuberay.releases[0]!;

  it('install, upgrade and uninstall the same release in the same namespace', () => {
    expect(helmInstallArgs(kuberay)).toEqual([
      'install',
      'kuberay-operator',
      'kuberay/kuberay-operator',
      '--version',
      '1.3.0',
      '--namespace',
      'ray-system',
      '--create-namespace',
      '--wait',
    ]);
    expect(helmUpgradeArgs(kuberay).slice(0, 4)).toEqual([
      'upgrade',
      '--install',
      'kuberay-operator',
      'kuberay/kuberay-operator',
    ]);
    expect(helmUninstallArgs(kuberay)).toEqual([
      'uninstall',
      'kuberay-operator',
      '--namespace',
      'ray-system',
    ]);
  });
});

describe('what each component is made of', () => {
  const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

  it('lists the "installed" CRD among the CRDs the component owns', () => {
    for (const id of PROVIDER_IDS) {
      const plan = INSTALL_PLANS[id];
      if (plan.crd) expect(plan.crds, id).toContain(plan.crd);
      for (const crd of plan.crds) expect(crd, id).toMatch(dns1123Subdomain);
    }
    expect(INSTALL_PLANS.vllm.crds).toEqual([]);
    expect(INSTALL_PLANS.kuberay.crds).toEqual([
      'rayclusters.ray.io',
      'rayjobs.ray.io',
      'rayservices.ray.io',
    ]);
  });

  it('looks for the operator in the namespace its Helm release installs into', () => {
    for (const id of PROVIDER_IDS) {
      const plan = INSTALL_PLANS[id];
      const release = plan.releases[0];
      if (release) expect(plan.operator.namespace, id).toBe(release.namespace);
      // A label selector of key=value pairs, nothing a shell or a URL could misread.
      expect(plan.operator.selector, id).toMatch(/^[a-z0-9./-]+=[A-Za-z0-9._-]+$/);
    }
    expect(INSTALL_PLANS['gpu-operator'].operator).toEqual({
      namespace: 'gpu-operator',
      selector: 'app=gpu-operator',
    });
  });

  it('names the Gateway API, HTTPRoute and Inference Extension CRDs of the gateway', () => {
    expect(GATEWAY_CRDS).toEqual([
      'gateways.gateway.networking.k8s.io',
      'httproutes.gateway.networking.k8s.io',
      'inferencepools.inference.networking.k8s.io',
    ]);
  });
});
