import { describe, expect, it } from 'vitest';
import {
  canTransition,
  decision,
  decodeHistory,
  encodeHistory,
  HISTORY_KEY,
  historyConfigMapName,
  InvalidTransitionError,
  isRollbackable,
  MAX_RECORDS,
  type OptimizationRecord,
  OptimizationStateSchema,
  proposer,
  transition,
} from './record';

function record(overrides: Partial<OptimizationRecord> = {}): OptimizationRecord {
  return {
    id: 'r1',
    type: 'KV_CACHE',
    priority: 'HIGH',
    title: 'Raise GPU memory utilisation',
    expectedEffect: 'More KV-cache blocks',
    risks: ['Less headroom'],
    changesIdentityField: false,
    state: 'PENDING_APPROVAL',
    specBefore: { engine: { args: {} } },
    specAfter: { engine: { args: { 'gpu-memory-utilization': '0.95' } } },
    history: [{ state: 'PENDING_APPROVAL', by: 'alice', at: '2026-01-01T00:00:00Z' }],
    ...overrides,
  };
}

describe('workflow transitions', () => {
  it('follows PENDING_APPROVAL → APPROVED/REJECTED → IN_PROGRESS → COMPLETED/FAILED/ROLLED_BACK', () => {
    expect(canTransition('PENDING_APPROVAL', 'APPROVED')).toBe(true);
    expect(canTransition('PENDING_APPROVAL', 'REJECTED')).toBe(true);
    expect(canTransition('PENDING_APPROVAL', 'IN_PROGRESS')).toBe(false);
    expect(canTransition('APPROVED', 'IN_PROGRESS')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'COMPLETED')).toBe(true);
    expect(canTransition('IN_PROGRESS', 'ROLLED_BACK')).toBe(true);
    expect(canTransition('COMPLETED', 'ROLLED_BACK')).toBe(true);
    expect(canTransition('REJECTED', 'APPROVED')).toBe(false);
    expect(canTransition('ROLLED_BACK', 'IN_PROGRESS')).toBe(false);
  });

  it('terminal states go nowhere; only applied changes roll back', () => {
    for (const state of ['REJECTED', 'FAILED', 'ROLLED_BACK'] as const) {
      for (const to of OptimizationStateSchema.options)
        expect(canTransition(state, to)).toBe(false);
    }
    expect(OptimizationStateSchema.options.filter(isRollbackable)).toEqual([
      'IN_PROGRESS',
      'COMPLETED',
    ]);
  });

  it('records who took each step, when and why, without changing the input', () => {
    const start = record();
    const approved = transition(start, 'APPROVED', {
      by: 'bob',
      at: '2026-01-01T01:00:00Z',
      note: 'looks right',
    });
    expect(approved.state).toBe('APPROVED');
    expect(start.state).toBe('PENDING_APPROVAL');
    expect(proposer(approved)).toEqual(start.history[0]);
    expect(decision(approved)).toEqual({
      state: 'APPROVED',
      by: 'bob',
      at: '2026-01-01T01:00:00Z',
      note: 'looks right',
    });
    const running = transition(
      approved,
      'IN_PROGRESS',
      { by: 'bob', at: 't2' },
      { appliedAt: 't2' }
    );
    expect(running.appliedAt).toBe('t2');
    expect(running.history.map(h => h.state)).toEqual([
      'PENDING_APPROVAL',
      'APPROVED',
      'IN_PROGRESS',
    ]);
  });

  it('refuses a step the state does not allow, naming who decided', () => {
    const rejected = transition(record(), 'REJECTED', { by: 'carol', at: 't1', note: 'no' });
    expect(() => transition(rejected, 'APPROVED', { by: 'bob', at: 't2' })).toThrow(
      InvalidTransitionError
    );
    expect(() => transition(rejected, 'APPROVED', { by: 'bob', at: 't2' })).toThrow(
      /REJECTED \(by carol at t1\)/
    );
  });
});

describe('history ConfigMap', () => {
  it('round-trips records and names the ConfigMap after the deployment', () => {
    const data = encodeHistory([record()]);
    expect(decodeHistory(data)).toEqual({ records: [record()] });
    expect(historyConfigMapName('llama')).toBe('llama-optimizations');
  });

  it('treats a missing key as an empty history and a damaged one as an error', () => {
    expect(decodeHistory(undefined)).toEqual({ records: [] });
    expect(decodeHistory({})).toEqual({ records: [] });
    expect(decodeHistory({ [HISTORY_KEY]: '{nope' }).error).toMatch(/not valid JSON/);
    const wrong = decodeHistory({ [HISTORY_KEY]: JSON.stringify([{ id: 'x' }]) });
    expect(wrong.records).toEqual([]);
    expect(wrong.error).toMatch(/does not hold optimisation records/);
  });

  it('keeps at most MAX_RECORDS, dropping the oldest finished ones and never an open one', () => {
    const open = record({ id: 'open-0' });
    const finished = Array.from({ length: MAX_RECORDS + 5 }, (_, i) =>
      record({ id: `done-${i}`, state: 'REJECTED' })
    );
    const { records } = decodeHistory(encodeHistory([open, ...finished]));
    expect(records).toHaveLength(MAX_RECORDS);
    expect(records[0]!.id).toBe('open-0');
    expect(records.at(-1)!.id).toBe(`done-${MAX_RECORDS + 4}`);
    expect(records.some(r => r.id === 'done-0')).toBe(false);
  });
});
