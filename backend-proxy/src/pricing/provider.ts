/**
 * Which cloud an instance type belongs to, from its name alone, and how many GPUs the known GPU sizes
 * carry (for a per-GPU price when the cluster does not say).
 */
import type { CloudProvider } from '@airunway/shared-client/schemas/proxy';

export function detectProvider(instanceType: string): CloudProvider | undefined {
  const t = instanceType.trim();
  // Azure: Standard_NC24ads_A100_v4, Basic_A1.
  if (/^(standard|basic)_[a-z0-9]+(_[a-z0-9-]+)*$/i.test(t)) return 'azure';
  // Google Cloud: a2-highgpu-1g, a3-highgpu-8g, g2-standard-8, n1-standard-4, e2-medium.
  if (
    /^[a-z][0-9a-z]?[0-9]?[a-z]?-(standard|highgpu|megagpu|ultragpu|edgegpu|highmem|highcpu|medium|small|micro|custom)(-[0-9]+[a-z]?)*$/i.test(
      t
    )
  ) {
    return 'gcp';
  }
  // AWS: p4d.24xlarge, g5.xlarge, m5.large, inf2.xlarge, p6-b200.48xlarge.
  if (/^[a-z][a-z0-9-]*\.(nano|micro|small|medium|large|metal|[0-9]*xlarge)(-[a-z0-9]+)?$/i.test(t))
    return 'aws';
  return undefined;
}

/** GPUs per instance for Azure GPU sizes (NC, ND, NV families). */
export function azureGpuCount(instanceType: string): number | undefined {
  const t = instanceType.toLowerCase();
  const table: ReadonlyArray<readonly [RegExp, number]> = [
    [/^standard_nd96\w*_(h100|h200|mi300x|gb200)_v\d+$/, 8],
    [/^standard_nd96a?m?sr_a100_v4$/, 8],
    [/^standard_nd96asr_v4$/, 8],
    [/^standard_nc24ads_a100_v4$/, 1],
    [/^standard_nc48ads_a100_v4$/, 2],
    [/^standard_nc96ads_a100_v4$/, 4],
    [/^standard_nc40ads_h100_v5$/, 1],
    [/^standard_nc80adis_h100_v5$/, 2],
    [/^standard_nc(4|8|16)as_t4_v3$/, 1],
    [/^standard_nc64as_t4_v3$/, 4],
    [/^standard_nc6s_v3$/, 1],
    [/^standard_nc12s_v3$/, 2],
    [/^standard_nc24r?s_v3$/, 4],
    [/^standard_nv36ad?m?s_a10_v5$/, 1],
    [/^standard_nv72ads_a10_v5$/, 2],
    [/^standard_nc(8|16|32)ads_a10_v4$/, 1],
  ];
  for (const [pattern, count] of table) if (pattern.test(t)) return count;
  return undefined;
}
