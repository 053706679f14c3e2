import { describe, expect, it } from 'vitest';
import { isPlainObject, jsonEqual } from './json';

describe('isPlainObject', () => {
  it('is true for objects only, not arrays or null', () => {
    expect([{}, { a: 1 }].map(isPlainObject)).toEqual([true, true]);
    expect([[], null, undefined, 'x', 1].map(isPlainObject)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('jsonEqual', () => {
  it('compares structure, ignoring key order, with arrays in order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual('1', 1)).toBe(false);
  });
});
