/**
 * The allow-list of everything the proxy may install. Requests carry only a provider id; the chart,
 * repository, version, namespace, values, CRD names and operator selector all come from here (the
 * release, CRDs and operator pods from shared-client's install plans, which the Runtimes page reads too). Chart
 * repositories (and, for tests, namespaces and versions) can be overridden by configuration so that
 * air-gapped clusters can point at a mirror.
 */
import { GATEWAY_CRDS, INSTALL_PLANS, VERSIONS } from '@airunway/shared-client/providers/install';
import {
  Dns1123LabelSchema,
  Dns1123SubdomainSchema,
} from '@airunway/shared-client/schemas/identifiers';
import { PROVIDER_IDS, type ProviderId } from '@airunway/shared-client/schemas/proxy';
import { z } from 'zod';

export type RegistryId = ProviderId | 'gateway-api';

export interface ChartReference {
  /** Repository URL (`https://…` chart repository or `oci://…` registry). */
  repo: string;
  /** Local alias used only in the manual commands (`helm repo add <alias> <repo>`). */
  repoAlias: string;
  chart: string;
  version: string;
}

export interface ProviderDefinition {
  id: RegistryId;
  name: string;
  description: string;
  release: string;
  namespace: string;
  chart: ChartReference;
  /** Helm values; passed as one `--set-json key=<json>` per top-level key. */
  values: Readonly<Record<string, unknown>>;
  /** `--set` / `--set-json` arguments, already split (from the shared install plan). */
  extraArgs: readonly string[];
  /** CRDs the provider needs; status checks them, uninstall-crds deletes them. */
  crds: readonly string[];
  /** Label selector of the operator's pods in `namespace`; empty when the chart runs no operator. */
  operatorSelector: string;
}

/** The parts of a definition that come from the shared install plan (withPlan) for providers. */
type FromPlan = 'crds' | 'operatorSelector';
type Defaults = {
  [K in RegistryId]: K extends 'gateway-api'
    ? ProviderDefinition
    : Omit<ProviderDefinition, FromPlan>;
};

/**
 * Pinned versions and upstream repositories (the defaults, before overrides). CRDs and the operator's pods
 * come from the shared install plans, which the Runtimes page reads too.
 */
const DEFAULTS: Readonly<Defaults> = {
  dynamo: {
    id: 'dynamo',
    name: 'NVIDIA Dynamo',
    description:
      'Dynamo platform operator (DynamoGraphDeployment), with Grove for gang scheduling.',
    release: 'dynamo-platform',
    namespace: 'dynamo-system',
    chart: {
      repo: 'https://helm.ngc.nvidia.com/nvidia/ai-dynamo',
      repoAlias: 'nvidia-ai-dynamo',
      chart: 'dynamo-platform',
      version: '1.1.1',
    },
    values: {},
    extraArgs: [],
  },
  kuberay: {
    id: 'kuberay',
    name: 'KubeRay',
    description: 'KubeRay operator (RayCluster, RayService).',
    release: 'kuberay-operator',
    namespace: 'ray-system',
    chart: {
      repo: 'https://ray-project.github.io/kuberay-helm/',
      repoAlias: 'kuberay',
      chart: 'kuberay-operator',
      version: '1.4.2',
    },
    values: {},
    extraArgs: [],
  },
  kaito: {
    id: 'kaito',
    name: 'KAITO',
    description: 'Kubernetes AI Toolchain Operator workspace controller (Workspace).',
    release: 'kaito-workspace',
    namespace: 'kaito-workspace',
    chart: {
      repo: 'https://kaito-project.github.io/kaito/charts/kaito',
      repoAlias: 'kaito',
      chart: 'workspace',
      version: '0.7.2',
    },
    values: {},
    extraArgs: [],
  },
  llmd: {
    id: 'llmd',
    name: 'llm-d',
    description: 'AI Runway llm-d provider controller.',
    release: 'airunway-llmd-provider',
    namespace: 'airunway-system',
    chart: {
      repo: 'https://kaito-project.github.io/airunway/charts',
      repoAlias: 'airunway',
      chart: 'llmd-provider',
      version: '0.2.0',
    },
    values: {},
    extraArgs: [],
  },
  vllm: {
    id: 'vllm',
    name: 'vLLM',
    description: 'AI Runway direct-vLLM provider controller (plain Deployments and Services).',
    release: 'airunway-vllm-provider',
    namespace: 'airunway-system',
    chart: {
      repo: 'https://kaito-project.github.io/airunway/charts',
      repoAlias: 'airunway',
      chart: 'vllm-provider',
      version: '0.2.0',
    },
    values: {},
    extraArgs: [],
  },
  'gpu-operator': {
    id: 'gpu-operator',
    name: 'NVIDIA GPU Operator',
    description: 'NVIDIA GPU operator: drivers, device plugin, GPU feature discovery.',
    release: 'gpu-operator',
    namespace: 'gpu-operator',
    chart: {
      repo: 'https://helm.ngc.nvidia.com/nvidia',
      repoAlias: 'nvidia',
      chart: 'gpu-operator',
      version: 'v25.3.2',
    },
    values: {},
    extraArgs: [],
  },
  'airunway-controller': {
    id: 'airunway-controller',
    name: 'AI Runway controller',
    description: 'The AI Runway controller that reconciles ModelDeployments.',
    release: 'airunway-controller',
    namespace: 'airunway-system',
    chart: {
      repo: 'https://kaito-project.github.io/airunway/charts',
      repoAlias: 'airunway',
      chart: 'airunway',
      version: '0.2.0',
    },
    values: {},
    extraArgs: [],
  },
  'gateway-api': {
    id: 'gateway-api',
    name: 'Gateway API and Inference Extension CRDs',
    description:
      'Gateway API standard CRDs and the pinned Gateway API Inference Extension CRDs (CRD-only chart).',
    release: 'airunway-gateway-crds',
    namespace: 'airunway-system',
    chart: {
      repo: 'https://kaito-project.github.io/airunway/charts',
      repoAlias: 'airunway',
      chart: 'gateway-crds',
      version: VERSIONS.gatewayInferenceExtension,
    },
    values: {},
    extraArgs: [],
    crds: GATEWAY_CRDS,
    operatorSelector: '',
  },
};

/**
 * The shared install plan (shared-client/src/providers/install.ts) is what the Runtimes page shows;
 * for every provider it installs through a Helm release, its release, namespace, repository, chart,
 * version and `--set` arguments override the defaults above so the proxy and the page cannot drift.
 */
function withPlan<K extends RegistryId>(id: K, defaults: Defaults[K]): ProviderDefinition {
  if (id === 'gateway-api') return defaults as ProviderDefinition;
  const plan = INSTALL_PLANS[id as ProviderId];
  const base: ProviderDefinition = {
    ...defaults,
    // The operator runs in the release's namespace (the shared plan's tests hold them equal).
    namespace: plan.operator.namespace,
    crds: plan.crds,
    operatorSelector: plan.operator.selector,
  };
  const rel = plan.releases[0];
  if (!rel) return base;
  let { chart, version, repo, repoAlias } = base.chart;
  const archive = /^(https?:\/\/.+)\/charts\/([a-z0-9-]+?)-(v?\d[^/]*)\.tgz$/.exec(rel.chart);
  if (archive) {
    [, repo, chart, version] = archive as unknown as [string, string, string, string];
  } else {
    const [alias, name] = rel.chart.split('/');
    const repository = plan.repositories.find(r => r.name === alias);
    if (repository && name) {
      repo = repository.url;
      repoAlias = repository.name;
      chart = name;
    }
  }
  const extraArgs = (rel.extraArgs ?? []).filter(a => a !== '--wait' && a !== '--atomic');
  return {
    ...base,
    release: rel.release,
    namespace: rel.namespace,
    chart: { repo, repoAlias, chart, version: rel.version ?? version },
    extraArgs,
  };
}

export const REGISTRY_IDS = [
  ...PROVIDER_IDS,
  'gateway-api',
] as const satisfies readonly RegistryId[];

const RepoUrlSchema = z
  .string()
  .regex(
    /^(https?|oci):\/\/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+$/,
    'must be an http(s):// or oci:// URL'
  );
const VersionSchema = z
  .string()
  .regex(/^v?[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/, 'must be a chart version');

/** `--set`, `--set-json` or `key=value` with no whitespace or control characters. */
const SafeArgSchema = z
  .string()
  .regex(/^(--set(-json|-string)?|[A-Za-z0-9_.\-]+=[^\s]*)$/, 'must be a --set argument');

export interface RegistryOverrides {
  /** Replaces every provider's repository (a mirror holding all charts). */
  defaultChartRepo?: string | undefined;
  chartRepos?: Partial<Record<RegistryId, string>>;
  /** For tests and unusual clusters. */
  namespaces?: Partial<Record<RegistryId, string>>;
  versions?: Partial<Record<RegistryId, string>>;
  releases?: Partial<Record<RegistryId, string>>;
}

export type Registry = ReadonlyMap<RegistryId, ProviderDefinition>;

/** The registry after overrides; throws on an override that is not a safe URL / name / version. */
export function buildRegistry(overrides: RegistryOverrides = {}): Registry {
  const map = new Map<RegistryId, ProviderDefinition>();
  for (const id of REGISTRY_IDS) {
    const base = withPlan(id, DEFAULTS[id]);
    const repo = overrides.chartRepos?.[id] ?? overrides.defaultChartRepo ?? base.chart.repo;
    const def: ProviderDefinition = {
      ...base,
      release: Dns1123LabelSchema.parse(overrides.releases?.[id] ?? base.release),
      namespace: Dns1123LabelSchema.parse(overrides.namespaces?.[id] ?? base.namespace),
      chart: {
        ...base.chart,
        repo: RepoUrlSchema.parse(repo),
        version: VersionSchema.parse(overrides.versions?.[id] ?? base.chart.version),
      },
      crds: base.crds.map(c => Dns1123SubdomainSchema.parse(c)),
      extraArgs: base.extraArgs.map(a => SafeArgSchema.parse(a)),
    };
    map.set(id, Object.freeze(def));
  }
  return map;
}

/** `CHART_REPO_DEFAULT`, `CHART_REPO_<ID>` (`CHART_REPO_GPU_OPERATOR`, `CHART_REPO_AIRUNWAY_CONTROLLER`, …). */
export function chartRepoOverridesFromEnv(env: NodeJS.ProcessEnv): RegistryOverrides {
  const chartRepos: Partial<Record<RegistryId, string>> = {};
  for (const id of REGISTRY_IDS) {
    const value = env[`CHART_REPO_${id.toUpperCase().replace(/-/g, '_')}`];
    if (value) chartRepos[id] = value;
  }
  return { defaultChartRepo: env.CHART_REPO_DEFAULT || undefined, chartRepos };
}

/** POSIX single-quoting for the manual commands shown to users (never executed by the proxy). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@,+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** `--set-json` arguments for the values. */
export function valueArgs(def: ProviderDefinition): string[] {
  return [
    ...Object.entries(def.values).flatMap(([key, value]) => [
      '--set-json',
      `${key}=${JSON.stringify(value)}`,
    ]),
    ...def.extraArgs,
  ];
}

/** Chart source arguments: `<chart> --repo <url>` for chart repositories, `<oci-url>/<chart>` for OCI. */
export function chartArgs(def: ProviderDefinition): string[] {
  const { repo, chart, version } = def.chart;
  if (repo.startsWith('oci://'))
    return [`${repo.replace(/\/$/, '')}/${chart}`, '--version', version];
  return [chart, '--repo', repo, '--version', version];
}

/** The commands a user can run by hand for the same install. */
export function manualCommands(def: ProviderDefinition): string[] {
  const { repo, repoAlias, chart, version } = def.chart;
  const values = valueArgs(def);
  const valueText = values.length
    ? ' ' + values.map(v => (v.startsWith('--') ? v : shellQuote(v))).join(' ')
    : '';
  const tail = ` --version ${shellQuote(version)} --namespace ${
    def.namespace
  } --create-namespace${valueText}`;
  if (repo.startsWith('oci://')) {
    return [
      `helm upgrade --install ${def.release} ${shellQuote(
        `${repo.replace(/\/$/, '')}/${chart}`
      )}${tail}`,
    ];
  }
  return [
    `helm repo add ${repoAlias} ${shellQuote(repo)}`,
    `helm repo update ${repoAlias}`,
    `helm upgrade --install ${def.release} ${repoAlias}/${chart}${tail}`,
  ];
}
