import '../../test/setup';
import { type FitMessage, fitReasonText } from '@airunway/shared-client/fit';
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFitText } from './useFitText';

/** One message of every code, with the plural and size variants that change the words. */
const MESSAGES: FitMessage[] = [
  { code: 'cpu-unchecked', requiredGb: 6 },
  { code: 'cpu-fits', requiredGb: 6.4, node: 'cpu-0', freeGb: 30.5 },
  { code: 'cpu-does-not-fit', requiredGb: 64, freeGb: 12 },
  { code: 'fits-one-gpu', gpu: 'A100-80GB', gpuMemoryGb: 80, node: 'a100-0', requiredGb: 19.3 },
  { code: 'fits-multi-gpu', gpus: 4, gpuMemoryGb: 80, node: 'a100-1', requiredGb: 169.5 },
  { code: 'no-gpu-nodes', requiredGb: 19.3 },
  { code: 'no-usable-gpu-nodes', requiredGb: 19.3 },
  { code: 'no-gpu-memory-reported', requiredGb: 19.3, unreportedGpuNodes: 2 },
  {
    code: 'beyond-tensor-parallel',
    gpus: 16,
    gpuMemoryGb: 24,
    maxTensorParallel: 8,
    unreportedGpuNodes: 0,
  },
  {
    code: 'not-enough-free-gpus',
    gpus: 4,
    gpuMemoryGb: 80,
    free: 2,
    sameSizeOnly: false,
    unreportedGpuNodes: 0,
  },
  {
    code: 'not-enough-free-gpus',
    gpus: 4,
    gpuMemoryGb: 80,
    free: 1,
    sameSizeOnly: true,
    unreportedGpuNodes: 1,
  },
];

describe('useFitText', () => {
  it('says in the English catalog exactly what shared-client says, for every verdict', async () => {
    const { result } = renderHook(() => useFitText());
    // Headlamp's i18n loads the plugin's catalog asynchronously.
    await waitFor(() => expect(result.current(MESSAGES[0]!)).not.toBe(''));
    for (const message of MESSAGES) {
      expect(result.current(message)).toBe(fitReasonText(message));
    }
  });
});
