/**
 * GPU models: the catalog (memory, architecture), normalisation of the many names clouds and device plugins
 * give the same GPU, and reading a node's GPU model and per-GPU memory from its labels.
 */
import { z } from 'zod';

export const GPU_RESOURCE_NAMES = ['nvidia.com/gpu', 'amd.com/gpu'] as const;
export type GpuResourceName = (typeof GPU_RESOURCE_NAMES)[number];

export const GPU_MODELS = [
  'A100-40GB',
  'A100-80GB',
  'H100-SXM',
  'H100-PCIe',
  'H100-NVL',
  'H200',
  'B200',
  'GB200',
  'L40S',
  'L4',
  'A10',
  'A10G',
  'T4',
  'V100',
  'MI300X',
] as const;
export const GpuModelSchema = z.enum(GPU_MODELS);
export type GpuModel = z.infer<typeof GpuModelSchema>;

export const GpuModelInfoSchema = z.object({
  model: GpuModelSchema,
  vendor: z.enum(['nvidia', 'amd']),
  memoryGb: z.number().positive(),
  /** Architecture generation, e.g. "Hopper". */
  generation: z.string(),
  resourceName: z.enum(GPU_RESOURCE_NAMES),
});
export type GpuModelInfo = z.infer<typeof GpuModelInfoSchema>;

function nvidia(model: GpuModel, memoryGb: number, generation: string): GpuModelInfo {
  return { model, vendor: 'nvidia', memoryGb, generation, resourceName: 'nvidia.com/gpu' };
}

/**
 * Memory is the usable per-GPU memory the vendor states for the data-centre part. B200 and GB200 carry
 * 192 GB of HBM3e but NVIDIA's system specifications expose 180 GB (DGX B200: 1,440 GB / 8) and 186 GB
 * (GB200 NVL72: 13.4 TB / 72) per GPU; those are what a workload can allocate.
 */
export const GPU_CATALOG: Readonly<Record<GpuModel, GpuModelInfo>> = {
  'A100-40GB': nvidia('A100-40GB', 40, 'Ampere'),
  'A100-80GB': nvidia('A100-80GB', 80, 'Ampere'),
  'H100-SXM': nvidia('H100-SXM', 80, 'Hopper'),
  'H100-PCIe': nvidia('H100-PCIe', 80, 'Hopper'),
  'H100-NVL': nvidia('H100-NVL', 94, 'Hopper'),
  H200: nvidia('H200', 141, 'Hopper'),
  B200: nvidia('B200', 180, 'Blackwell'),
  GB200: nvidia('GB200', 186, 'Blackwell'),
  L40S: nvidia('L40S', 48, 'Ada Lovelace'),
  L4: nvidia('L4', 24, 'Ada Lovelace'),
  A10: nvidia('A10', 24, 'Ampere'),
  A10G: nvidia('A10G', 24, 'Ampere'),
  T4: nvidia('T4', 16, 'Turing'),
  V100: nvidia('V100', 16, 'Volta'),
  MI300X: {
    model: 'MI300X',
    vendor: 'amd',
    memoryGb: 192,
    generation: 'CDNA 3',
    resourceName: 'amd.com/gpu',
  },
};

/** Every catalog entry, in catalog order (the shape of `/costs/gpu-models`). */
export function listGpuModels(): GpuModelInfo[] {
  return GPU_MODELS.map(model => GPU_CATALOG[model]);
}

function tokenize(label: string): string[] {
  return label
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(token => token.length > 0);
}

function mentionsMemory(tokens: readonly string[], gigabytes: number): boolean {
  return tokens.some(token => token === `${gigabytes}GB` || token === `${gigabytes}G`);
}

/**
 * Normalises a GPU name from any source (the `nvidia.com/gpu.product` label, GKE's
 * `cloud.google.com/gke-accelerator`, Karpenter's `instance-gpu-name`, AMD's `gpu.product-name`, or what a
 * user typed) to a catalog model. Matching works on whole tokens so that `A10` never matches inside `A100`
 * nor `L4` inside `L40S`. Unknown GPUs yield `undefined` rather than a guess: a wrong model means wrong
 * memory, and therefore a wrong fit verdict.
 */
export function normalizeGpuModel(label: string | null | undefined): GpuModel | undefined {
  if (!label) return undefined;
  const tokens = tokenize(label);
  const has = (token: string) => tokens.includes(token);
  // A Grace-Blackwell board is reported as GB200; test it before B200.
  if (has('GB200')) return 'GB200';
  if (has('B200')) return 'B200';
  if (has('H200')) return 'H200';
  if (has('H100')) {
    if (has('NVL')) return 'H100-NVL';
    if (has('PCIE')) return 'H100-PCIe';
    // SXM5 boards report as "H100-80GB-HBM3"; GKE calls them h100-80gb / h100-mega-80gb.
    return 'H100-SXM';
  }
  if (has('A100')) return mentionsMemory(tokens, 80) ? 'A100-80GB' : 'A100-40GB';
  if (has('L40S')) return 'L40S';
  if (has('L4')) return 'L4';
  if (has('A10G')) return 'A10G';
  if (has('A10')) return 'A10';
  if (has('T4')) return 'T4';
  if (has('V100')) return 'V100';
  if (has('MI300X')) return 'MI300X';
  return undefined;
}

/** Catalog entry for any GPU name, or `undefined` for a GPU the catalog does not know. */
export function gpuModelInfo(label: string | null | undefined): GpuModelInfo | undefined {
  const model = normalizeGpuModel(label);
  return model ? GPU_CATALOG[model] : undefined;
}

/**
 * GPU model implied by a cloud instance type, for nodes without GPU feature discovery labels (a fresh AKS
 * node pool only says `kubernetes.azure.com/accelerator: nvidia`).
 */
const INSTANCE_TYPE_GPUS: ReadonlyArray<readonly [RegExp, GpuModel]> = [
  // Azure
  [/^standard_nd\d+\w*_gb200_/i, 'GB200'],
  [/^standard_nd\d+\w*_mi300x_/i, 'MI300X'],
  [/^standard_nd\d+\w*_h200_/i, 'H200'],
  [/^standard_nd\d+\w*_h100_/i, 'H100-SXM'],
  [/^standard_nc\d+\w*_h100_/i, 'H100-NVL'],
  [/^standard_nd\d+amsr_a100_/i, 'A100-80GB'],
  [/^standard_nd\d+asr_v4$/i, 'A100-40GB'],
  [/^standard_nc\d+\w*_a100_/i, 'A100-80GB'],
  [/^standard_n[cv]\d+\w*_a10_/i, 'A10'],
  [/^standard_nc\d+\w*_t4_/i, 'T4'],
  [/^standard_nc\d+s_v3$/i, 'V100'],
  // AWS
  [/^p6-b200\./i, 'B200'],
  [/^p5(e|en)\./i, 'H200'],
  [/^p5\./i, 'H100-SXM'],
  [/^p4de\./i, 'A100-80GB'],
  [/^p4d\./i, 'A100-40GB'],
  [/^p3(dn)?\./i, 'V100'],
  [/^g6e\./i, 'L40S'],
  [/^g6\./i, 'L4'],
  [/^g5\./i, 'A10G'],
  [/^g4dn\./i, 'T4'],
  // Google Cloud
  [/^a4-highgpu-/i, 'B200'],
  [/^a3-ultragpu-/i, 'H200'],
  [/^a3-(highgpu|megagpu|edgegpu)-/i, 'H100-SXM'],
  [/^a2-ultragpu-/i, 'A100-80GB'],
  [/^a2-(highgpu|megagpu)-/i, 'A100-40GB'],
  [/^g2-standard-/i, 'L4'],
];

export function gpuModelFromInstanceType(
  instanceType: string | null | undefined
): GpuModel | undefined {
  if (!instanceType) return undefined;
  for (const [pattern, model] of INSTANCE_TYPE_GPUS) {
    if (pattern.test(instanceType)) return model;
  }
  return undefined;
}

/** Labels that name a node's GPU, most specific first. */
export const GPU_PRODUCT_LABELS = [
  'nvidia.com/gpu.product',
  'amd.com/gpu.product-name',
  'beta.amd.com/gpu.product-name',
  'cloud.google.com/gke-accelerator',
  'karpenter.k8s.aws/instance-gpu-name',
  'k8s.amazonaws.com/accelerator',
] as const;

export const INSTANCE_TYPE_LABELS = [
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
] as const;

type Labels = Readonly<Record<string, string>> | undefined;

function firstLabel(labels: Labels, keys: readonly string[]): string | undefined {
  if (!labels) return undefined;
  for (const key of keys) {
    const value = labels[key];
    if (value) return value;
  }
  return undefined;
}

/** The raw GPU product string a node advertises, e.g. `NVIDIA-A100-SXM4-80GB`. */
export function nodeGpuProduct(labels: Labels): string | undefined {
  return firstLabel(labels, GPU_PRODUCT_LABELS);
}

export function nodeInstanceType(labels: Labels): string | undefined {
  return firstLabel(labels, INSTANCE_TYPE_LABELS);
}

/** The normalised GPU model of a node: from its product labels, else from its instance type. */
export function nodeGpuModel(labels: Labels): GpuModel | undefined {
  return (
    normalizeGpuModel(nodeGpuProduct(labels)) ?? gpuModelFromInstanceType(nodeInstanceType(labels))
  );
}

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Per-GPU memory stated inside a product string. A MIG slice ("...-MIG-1g.5gb") is what a pod gets, so it
 * wins over the board's memory; otherwise a "32GB" token distinguishes e.g. V100 32 GB from the 16 GB default.
 */
export function gpuMemoryFromProduct(product: string | null | undefined): number | undefined {
  if (!product) return undefined;
  const mig = /MIG[-_]\d+g\.(\d+)gb/i.exec(product);
  if (mig?.[1]) return Number(mig[1]);
  const explicit = /(?:^|[^A-Za-z0-9])(\d{1,3})\s?GB?(?:$|[^A-Za-z0-9])/i.exec(product);
  if (explicit?.[1]) {
    const gigabytes = Number(explicit[1]);
    if (gigabytes >= 4) return gigabytes;
  }
  return gpuModelInfo(product)?.memoryGb;
}

/**
 * Per-GPU memory of a node in GB: GPU feature discovery's `nvidia.com/gpu.memory` (MiB) first, then AMD's
 * `amd.com/gpu.vram` ("192G"), then what the product name implies, then the catalog memory of the model
 * implied by the instance type.
 */
export function nodeGpuMemoryGb(labels: Labels): number | undefined {
  const mebibytes = Number(labels?.['nvidia.com/gpu.memory']);
  if (Number.isFinite(mebibytes) && mebibytes > 0) return roundTenth(mebibytes / 1024);
  const vram = /^(\d+(?:\.\d+)?)\s*G/i.exec(labels?.['amd.com/gpu.vram'] ?? '');
  if (vram?.[1]) return Number(vram[1]);
  const fromProduct = gpuMemoryFromProduct(nodeGpuProduct(labels));
  if (fromProduct !== undefined) return fromProduct;
  const model = gpuModelFromInstanceType(nodeInstanceType(labels));
  return model ? GPU_CATALOG[model].memoryGb : undefined;
}

export const NormalizedGpuSchema = z.object({
  originalLabel: z.string(),
  normalizedModel: GpuModelSchema.optional(),
  gpuInfo: z.object({ memoryGb: z.number(), generation: z.string() }).optional(),
});
export type NormalizedGpu = z.infer<typeof NormalizedGpuSchema>;

/** The `/costs/normalize-gpu` answer for a label. */
export function describeGpuLabel(label: string): NormalizedGpu {
  const info = gpuModelInfo(label);
  return info
    ? {
        originalLabel: label,
        normalizedModel: info.model,
        gpuInfo: { memoryGb: info.memoryGb, generation: info.generation },
      }
    : { originalLabel: label };
}
