import '../../test/setup';
import { classifyPendingMessage } from '@airunway/shared-client/pending';
import { renderHook, waitFor } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { server } from '../../test/k8s';
import { useShortageText } from './useShortageText';

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

/** Scheduler messages as the scheduler writes them: one node and several, each resource, with exclusions. */
const MESSAGES = [
  '0/1 nodes are available: 1 Insufficient nvidia.com/gpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  '0/5 nodes are available: 5 Insufficient nvidia.com/gpu.',
  '0/4 nodes are available: 4 Insufficient memory.',
  '0/1 nodes are available: 1 Insufficient cpu.',
  '0/3 nodes are available: 3 Too many pods.',
  '0/1 nodes are available: 1 Too many pods.',
  "0/6 nodes are available: 2 Insufficient nvidia.com/gpu, 3 node(s) had untolerated taint {nvidia.com/gpu: present}, 1 node(s) didn't match Pod's node affinity/selector.",
  '0/2 nodes are available: 1 Insufficient example.com/fpga, 1 node(s) had untolerated taint {dedicated: infra}.',
  'Insufficient memory',
];

describe('useShortageText', () => {
  it('says a resource shortage in the English catalog exactly as shared-client does, singular and plural', async () => {
    const { result } = renderHook(() => useShortageText());
    const reasons = MESSAGES.map(message => classifyPendingMessage(message));
    for (const reason of reasons) expect(reason.shortage).toBeDefined();
    // Headlamp's i18n loads the plugin's catalog asynchronously.
    await waitFor(() => expect(result.current(reasons[0]!.shortage!)).not.toBe(''));
    for (const reason of reasons) {
      expect(result.current(reason.shortage!)).toBe(reason.guidance);
    }
    // The singular comes from the catalog's `_one` entry.
    expect(result.current(reasons[0]!.shortage!)).toMatch(/^1 node lacks free GPUs/);
  });
});
