import { describe, expect, it } from 'vitest';
import { applyPatch } from '../advisor';
import { mergePatchBetween } from './mergePatch';

describe('mergePatchBetween', () => {
  it('sends only changed leaves, nulls for removed fields, arrays whole', () => {
    const before = {
      model: { id: 'm' },
      engine: { type: 'vllm', args: { 'max-num-seqs': '256', 'enforce-eager': 'true' } },
      scaling: { replicas: 1 },
      env: [{ name: 'A', value: '1' }],
    };
    const after = {
      model: { id: 'm' },
      engine: { type: 'vllm', args: { 'max-num-seqs': '128' } },
      scaling: { replicas: 2 },
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    };
    expect(mergePatchBetween(before, after)).toEqual({
      engine: { args: { 'max-num-seqs': '128', 'enforce-eager': null } },
      scaling: { replicas: 2 },
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    });
  });

  it('is empty for equal specs', () => {
    const spec = { a: { b: [1, 2] }, c: 'x' };
    expect(mergePatchBetween(spec, structuredClone(spec))).toEqual({});
  });

  it('applied with merge-patch semantics turns before into after, both ways', () => {
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ a: 1 }, { b: { c: 2 } }],
      [{ a: { b: { c: 1, d: 2 } } }, { a: { b: { c: 1 } }, e: [1] }],
      [{ resources: { gpu: { count: 1 } } }, { resources: { gpu: { count: 4, type: 'H100' } } }],
    ];
    for (const [before, after] of cases) {
      expect(applyPatch(before, mergePatchBetween(before, after))).toEqual(after);
      expect(applyPatch(after, mergePatchBetween(after, before))).toEqual(before);
    }
  });
});
