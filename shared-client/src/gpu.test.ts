import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeGpuLabel,
  GPU_CATALOG,
  GPU_MODELS,
  gpuMemoryFromProduct,
  gpuModelFromInstanceType,
  GpuModelInfoSchema,
  listGpuModels,
  nodeGpuMemoryGb,
  nodeGpuModel,
  normalizeGpuModel,
} from './gpu';

describe('normalizeGpuModel', () => {
  it.each([
    // nvidia.com/gpu.product as GPU feature discovery writes it
    ['NVIDIA-A100-SXM4-80GB', 'A100-80GB'],
    ['NVIDIA-A100-SXM4-40GB', 'A100-40GB'],
    ['NVIDIA-A100-80GB-PCIe', 'A100-80GB'],
    ['NVIDIA-A100-PCIE-40GB', 'A100-40GB'],
    ['NVIDIA-A100-SXM4-40GB-MIG-1g.5gb', 'A100-40GB'],
    ['NVIDIA-H100-80GB-HBM3', 'H100-SXM'],
    ['NVIDIA-H100-PCIe', 'H100-PCIe'],
    ['NVIDIA-H100-NVL', 'H100-NVL'],
    ['NVIDIA-H200', 'H200'],
    ['NVIDIA-H200-141GB-HBM3e', 'H200'],
    ['NVIDIA-B200', 'B200'],
    ['NVIDIA-GB200', 'GB200'],
    ['NVIDIA-L40S', 'L40S'],
    ['NVIDIA-L4', 'L4'],
    ['NVIDIA-A10', 'A10'],
    ['NVIDIA-A10G', 'A10G'],
    ['Tesla-T4', 'T4'],
    ['NVIDIA-Tesla-T4', 'T4'],
    ['Tesla-V100-SXM2-16GB', 'V100'],
    // GKE accelerator label, Karpenter GPU name, AMD node labeller
    ['nvidia-tesla-t4', 'T4'],
    ['nvidia-l4', 'L4'],
    ['nvidia-tesla-a100', 'A100-40GB'],
    ['nvidia-a100-80gb', 'A100-80GB'],
    ['nvidia-h100-mega-80gb', 'H100-SXM'],
    ['a10g', 'A10G'],
    ['AMD_Instinct_MI300X_OAM', 'MI300X'],
    // what people type
    ['H100', 'H100-SXM'],
    ['H100-80GB', 'H100-SXM'],
    ['nvidia h100 pcie', 'H100-PCIe'],
    ['a100 80gb', 'A100-80GB'],
  ])('%s → %s', (label, expected) => {
    expect(normalizeGpuModel(label)).toBe(expected);
  });

  it.each([
    'NVIDIA-GeForce-RTX-4090',
    'NVIDIA-L40',
    'AMD_Instinct_MI250X',
    '',
    'gpu',
    'A1000',
    'L4000',
  ])('does not guess for %j', label => {
    expect(normalizeGpuModel(label)).toBeUndefined();
  });

  it('is idempotent on every catalog name', () => {
    for (const model of GPU_MODELS) expect(normalizeGpuModel(model)).toBe(model);
  });

  it('never throws and only returns catalog models', () => {
    fc.assert(
      fc.property(fc.string(), label => {
        const model = normalizeGpuModel(label);
        expect(model === undefined || GPU_MODELS.includes(model)).toBe(true);
      })
    );
  });
});

describe('GPU catalog', () => {
  it('has a valid entry for every model, with the key as its model', () => {
    for (const model of GPU_MODELS) {
      const info = GpuModelInfoSchema.parse(GPU_CATALOG[model]);
      expect(info.model).toBe(model);
    }
    expect(listGpuModels().map(info => info.model)).toEqual([...GPU_MODELS]);
  });

  it('states the memory and architecture operators know', () => {
    expect(GPU_CATALOG['A100-80GB']).toMatchObject({ memoryGb: 80, generation: 'Ampere' });
    expect(GPU_CATALOG['H100-NVL']).toMatchObject({ memoryGb: 94, generation: 'Hopper' });
    expect(GPU_CATALOG.H200).toMatchObject({ memoryGb: 141, generation: 'Hopper' });
    expect(GPU_CATALOG.T4).toMatchObject({ memoryGb: 16, generation: 'Turing' });
    expect(GPU_CATALOG.L40S).toMatchObject({ memoryGb: 48, generation: 'Ada Lovelace' });
    expect(GPU_CATALOG.MI300X).toMatchObject({
      memoryGb: 192,
      vendor: 'amd',
      resourceName: 'amd.com/gpu',
    });
  });

  it('answers /costs/normalize-gpu', () => {
    expect(describeGpuLabel('NVIDIA-A100-SXM4-80GB')).toEqual({
      originalLabel: 'NVIDIA-A100-SXM4-80GB',
      normalizedModel: 'A100-80GB',
      gpuInfo: { memoryGb: 80, generation: 'Ampere' },
    });
    expect(describeGpuLabel('mystery')).toEqual({ originalLabel: 'mystery' });
  });
});

describe('gpuModelFromInstanceType', () => {
  it.each([
    ['Standard_NC24ads_A100_v4', 'A100-80GB'],
    ['Standard_ND96asr_v4', 'A100-40GB'],
    ['Standard_ND96amsr_A100_v4', 'A100-80GB'],
    ['Standard_NC40ads_H100_v5', 'H100-NVL'],
    ['Standard_ND96isr_H100_v5', 'H100-SXM'],
    ['Standard_ND96isr_H200_v5', 'H200'],
    ['Standard_NV36ads_A10_v5', 'A10'],
    ['Standard_NC4as_T4_v3', 'T4'],
    ['Standard_NC6s_v3', 'V100'],
    ['Standard_ND96isr_MI300X_v5', 'MI300X'],
    ['p4d.24xlarge', 'A100-40GB'],
    ['p4de.24xlarge', 'A100-80GB'],
    ['p5.48xlarge', 'H100-SXM'],
    ['p5e.48xlarge', 'H200'],
    ['g5.xlarge', 'A10G'],
    ['g6.xlarge', 'L4'],
    ['g6e.2xlarge', 'L40S'],
    ['g4dn.xlarge', 'T4'],
    ['a2-ultragpu-1g', 'A100-80GB'],
    ['a2-highgpu-1g', 'A100-40GB'],
    ['a3-highgpu-8g', 'H100-SXM'],
    ['g2-standard-4', 'L4'],
  ])('%s → %s', (instanceType, expected) => {
    expect(gpuModelFromInstanceType(instanceType)).toBe(expected);
  });

  it('knows no GPU for CPU instance types', () => {
    expect(gpuModelFromInstanceType('Standard_D4s_v5')).toBeUndefined();
    expect(gpuModelFromInstanceType('m5.xlarge')).toBeUndefined();
    expect(gpuModelFromInstanceType(undefined)).toBeUndefined();
  });
});

describe('node GPU model and memory', () => {
  it('reads memory from nvidia.com/gpu.memory (MiB) before the product', () => {
    expect(
      nodeGpuMemoryGb({
        'nvidia.com/gpu.memory': '81920',
        'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB',
      })
    ).toBe(80);
    expect(nodeGpuMemoryGb({ 'nvidia.com/gpu.memory': '81559' })).toBe(79.6);
  });

  it('falls back to the product, then the instance type', () => {
    expect(nodeGpuMemoryGb({ 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-40GB' })).toBe(40);
    expect(nodeGpuMemoryGb({ 'nvidia.com/gpu.product': 'NVIDIA-H200' })).toBe(141);
    expect(nodeGpuMemoryGb({ 'nvidia.com/gpu.product': 'Tesla-V100-SXM2-32GB' })).toBe(32);
    expect(nodeGpuMemoryGb({ 'node.kubernetes.io/instance-type': 'g6e.xlarge' })).toBe(48);
    expect(nodeGpuMemoryGb({ 'nvidia.com/gpu.memory': 'n/a' })).toBeUndefined();
    expect(nodeGpuMemoryGb(undefined)).toBeUndefined();
  });

  it('reads AMD VRAM labels', () => {
    expect(
      nodeGpuMemoryGb({
        'amd.com/gpu.product-name': 'AMD_Instinct_MI300X_OAM',
        'amd.com/gpu.vram': '192G',
      })
    ).toBe(192);
  });

  it('gives a MIG slice its own memory', () => {
    expect(gpuMemoryFromProduct('NVIDIA-A100-SXM4-40GB-MIG-1g.5gb')).toBe(5);
  });

  it('prefers product labels to the instance type for the model', () => {
    expect(
      nodeGpuModel({
        'nvidia.com/gpu.product': 'NVIDIA-L4',
        'node.kubernetes.io/instance-type': 'g5.xlarge',
      })
    ).toBe('L4');
    expect(nodeGpuModel({ 'node.kubernetes.io/instance-type': 'g5.xlarge' })).toBe('A10G');
    expect(nodeGpuModel({ 'cloud.google.com/gke-accelerator': 'nvidia-tesla-t4' })).toBe('T4');
  });
});
