/**
 * The fit answer for one model on the selected cluster, from shared-client's fit logic. Only the choice of
 * inputs lives here: a catalog entry carries its parameters and precision, a HuggingFace result its
 * parameter count (or only the proxy's memory estimate).
 */
import type { ClusterCapacity } from '@airunway/shared-client/capacity';
import type { CatalogModel } from '@airunway/shared-client/catalog';
import { assessFit, assessModelFit, type FitResult } from '@airunway/shared-client/fit';
import type { HfModelSearchResult } from '@airunway/shared-client/schemas/proxy';

type Capacity = Pick<ClusterCapacity, 'nodes'>;

export function catalogModelFit(model: CatalogModel, capacity: Capacity): FitResult {
  const gpuFit = assessModelFit(
    {
      parameters: model.parameters,
      minGpus: model.minGpus,
      ...(model.dtype ? { dtype: model.dtype } : {}),
    },
    capacity
  );
  // A small GGUF model also runs on CPU (llama.cpp): offer that when no GPU can take it.
  if (gpuFit.verdict === 'does-not-fit' && model.cpuCapable) {
    const cpuFit = assessModelFit(
      {
        parameters: model.parameters,
        cpuOnly: true,
        ...(model.dtype ? { dtype: model.dtype } : {}),
      },
      capacity
    );
    if (cpuFit.verdict !== 'does-not-fit') return cpuFit;
  }
  return gpuFit;
}

/** Undefined when the proxy could tell neither the parameter count nor a memory estimate. */
export function searchResultFit(
  model: HfModelSearchResult,
  capacity: Capacity
): FitResult | undefined {
  if (model.parameterCount) return assessModelFit({ parameters: model.parameterCount }, capacity);
  if (model.estimatedGpuMemoryGb) {
    return assessFit({ memoryGb: model.estimatedGpuMemoryGb }, capacity);
  }
  return undefined;
}
