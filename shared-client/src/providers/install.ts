import type { ProviderId } from '../schemas/proxy';

// What each installable component is made of, as data. The Runtimes page shows it as copyable
// commands; the proxy runs the same releases as argument vectors (never through a shell), so the two
// cannot drift.

export const VERSIONS = {
  dynamo: '1.1.1',
  kaito: '0.10.0',
  kuberay: '1.3.0',
  gatewayInferenceExtension: 'v1.5.0',
} as const;

const AIRUNWAY_RAW = 'https://raw.githubusercontent.com/kaito-project/airunway/main';

/** The CRDs that make up "the gateway": Gateway API (Gateway, HTTPRoute) and the Inference Extension. */
export const GATEWAY_API_CRD = 'gateways.gateway.networking.k8s.io';
export const HTTPROUTE_CRD = 'httproutes.gateway.networking.k8s.io';
export const INFERENCE_EXTENSION_CRD = 'inferencepools.inference.networking.k8s.io';
export const GATEWAY_CRDS: readonly string[] = [
  GATEWAY_API_CRD,
  HTTPROUTE_CRD,
  INFERENCE_EXTENSION_CRD,
];

export interface HelmRepository {
  name: string;
  url: string;
}

export interface HelmRelease {
  release: string;
  /** `repo/chart` or a chart archive URL. */
  chart: string;
  version?: string;
  namespace: string;
  createNamespace: boolean;
  /** Extra arguments, already split, e.g. `['--set', 'a=b']`. */
  extraArgs?: readonly string[];
}

/** Where a component's operator (or controller) runs: its pods' namespace and label selector. */
export interface OperatorPods {
  namespace: string;
  /** Label selector of the operator's pods in `namespace`. */
  selector: string;
}

export interface InstallPlan {
  id: ProviderId;
  displayName: string;
  repositories: readonly HelmRepository[];
  releases: readonly HelmRelease[];
  /** Manifests applied with `kubectl apply -f` after the releases (e.g. the AI Runway provider shim). */
  manifests: readonly string[];
  /** The CRD whose presence means "installed"; absent for providers that need none. */
  crd?: string;
  /**
   * Every CRD the component needs (`crd` among them): status checks them, "uninstall CRDs" deletes them.
   * Empty for components that create only built-in kinds.
   */
  crds: readonly string[];
  /** The running operator the Runtimes page and the proxy's status look for. */
  operator: OperatorPods;
}

function shim(provider: string): string {
  return `${AIRUNWAY_RAW}/providers/${provider}/deploy/${provider}.yaml`;
}

export const INSTALL_PLANS: Readonly<Record<ProviderId, InstallPlan>> = {
  dynamo: {
    id: 'dynamo',
    displayName: 'NVIDIA Dynamo',
    repositories: [
      { name: 'nvidia-ai-dynamo', url: 'https://helm.ngc.nvidia.com/nvidia/ai-dynamo' },
    ],
    releases: [
      {
        release: 'dynamo-platform',
        chart: `https://helm.ngc.nvidia.com/nvidia/ai-dynamo/charts/dynamo-platform-${VERSIONS.dynamo}.tgz`,
        namespace: 'dynamo-system',
        createNamespace: true,
        extraArgs: ['--set-json', 'global.grove.install=true'],
      },
    ],
    manifests: [shim('dynamo')],
    crd: 'dynamographdeployments.nvidia.com',
    crds: ['dynamographdeployments.nvidia.com', 'dynamocomponentdeployments.nvidia.com'],
    operator: { namespace: 'dynamo-system', selector: 'app.kubernetes.io/name=dynamo-operator' },
  },
  kaito: {
    id: 'kaito',
    displayName: 'KAITO',
    repositories: [{ name: 'kaito', url: 'https://kaito-project.github.io/kaito/charts/kaito' }],
    releases: [
      {
        release: 'kaito-workspace',
        chart: 'kaito/workspace',
        version: VERSIONS.kaito,
        namespace: 'kaito-workspace',
        createNamespace: true,
        // Bring-your-own-nodes mode; the GPU operator provides device plugin and feature discovery.
        extraArgs: [
          '--set',
          'featureGates.disableNodeAutoProvisioning=true',
          '--set',
          'nvidiaDevicePlugin.enabled=false',
          '--set',
          'localCSIDriver.useLocalCSIDriver=false',
          '--set',
          'gpu-feature-discovery.gfd.enabled=false',
          '--set',
          'gpu-feature-discovery.nfd.master.deploy=false',
          '--set',
          'gpu-feature-discovery.nfd.worker.deploy=false',
          '--wait',
        ],
      },
    ],
    manifests: [shim('kaito')],
    crd: 'workspaces.kaito.sh',
    crds: ['workspaces.kaito.sh'],
    operator: { namespace: 'kaito-workspace', selector: 'app.kubernetes.io/name=workspace' },
  },
  kuberay: {
    id: 'kuberay',
    displayName: 'KubeRay',
    repositories: [{ name: 'kuberay', url: 'https://ray-project.github.io/kuberay-helm/' }],
    releases: [
      {
        release: 'kuberay-operator',
        chart: 'kuberay/kuberay-operator',
        version: VERSIONS.kuberay,
        namespace: 'ray-system',
        createNamespace: true,
        extraArgs: ['--wait'],
      },
    ],
    manifests: [shim('kuberay')],
    crd: 'rayservices.ray.io',
    crds: ['rayclusters.ray.io', 'rayjobs.ray.io', 'rayservices.ray.io'],
    operator: { namespace: 'ray-system', selector: 'app.kubernetes.io/name=kuberay-operator' },
  },
  // llm-d and direct vLLM create plain Deployments: only the AI Runway shim is installed.
  llmd: {
    id: 'llmd',
    displayName: 'llm-d',
    repositories: [],
    releases: [],
    manifests: [shim('llmd')],
    // llm-d serves through InferencePools (Gateway API Inference Extension).
    crds: [INFERENCE_EXTENSION_CRD],
    operator: { namespace: 'airunway-system', selector: 'app.kubernetes.io/name=llmd-provider' },
  },
  vllm: {
    id: 'vllm',
    displayName: 'Direct vLLM',
    repositories: [],
    releases: [],
    manifests: [shim('vllm')],
    crds: [],
    operator: { namespace: 'airunway-system', selector: 'app.kubernetes.io/name=vllm-provider' },
  },
  'gpu-operator': {
    id: 'gpu-operator',
    displayName: 'NVIDIA GPU Operator',
    repositories: [{ name: 'nvidia', url: 'https://helm.ngc.nvidia.com/nvidia' }],
    releases: [
      {
        release: 'gpu-operator',
        chart: 'nvidia/gpu-operator',
        namespace: 'gpu-operator',
        createNamespace: true,
      },
    ],
    manifests: [],
    crd: 'clusterpolicies.nvidia.com',
    crds: ['clusterpolicies.nvidia.com', 'nvidiadrivers.nvidia.com'],
    operator: { namespace: 'gpu-operator', selector: 'app=gpu-operator' },
  },
  'airunway-controller': {
    id: 'airunway-controller',
    displayName: 'AI Runway controller',
    repositories: [],
    releases: [],
    manifests: [`${AIRUNWAY_RAW}/deploy/controller.yaml`],
    crd: 'modeldeployments.airunway.ai',
    crds: ['modeldeployments.airunway.ai'],
    operator: {
      namespace: 'airunway-system',
      selector: 'app.kubernetes.io/name=airunway-controller',
    },
  },
};

/** The Gateway API and Inference Extension CRDs, a prerequisite of every provider. */
export const GATEWAY_CRD_MANIFESTS: readonly string[] = [
  'https://github.com/kubernetes-sigs/gateway-api/releases/latest/download/standard-install.yaml',
  `https://github.com/kubernetes-sigs/gateway-api-inference-extension/releases/download/${VERSIONS.gatewayInferenceExtension}/manifests.yaml`,
];

/** `helm` arguments (without the binary) that install a release. */
export function helmInstallArgs(release: HelmRelease): string[] {
  const args = ['install', release.release, release.chart];
  if (release.version) args.push('--version', release.version);
  args.push('--namespace', release.namespace);
  if (release.createNamespace) args.push('--create-namespace');
  args.push(...(release.extraArgs ?? []));
  return args;
}

/** `helm` arguments that upgrade a release in place (installing it if it is missing). */
export function helmUpgradeArgs(release: HelmRelease): string[] {
  const [, ...rest] = helmInstallArgs(release);
  return ['upgrade', '--install', ...rest];
}

/** `helm` arguments that remove a release; Helm keeps the chart's CRDs. */
export function helmUninstallArgs(release: HelmRelease): string[] {
  return ['uninstall', release.release, '--namespace', release.namespace];
}

export function kubectlApplyArgs(manifestUrl: string): string[] {
  return ['apply', '-f', manifestUrl];
}

/** The copyable commands that install a component by hand, in the order to run them. */
export function manualInstallCommands(id: ProviderId): string[] {
  const plan = INSTALL_PLANS[id];
  const commands = plan.repositories.map(repo => `helm repo add ${repo.name} ${repo.url}`);
  if (plan.repositories.length > 0) commands.push('helm repo update');
  for (const release of plan.releases)
    commands.push(['helm', ...helmInstallArgs(release)].join(' '));
  for (const manifest of plan.manifests)
    commands.push(['kubectl', ...kubectlApplyArgs(manifest)].join(' '));
  return commands;
}

export function gatewayCrdInstallCommands(): string[] {
  return GATEWAY_CRD_MANIFESTS.map(url => ['kubectl', ...kubectlApplyArgs(url)].join(' '));
}
