import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToGb, parseQuantity, quantityOrZero } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['1', 1],
    ['8', 8],
    ['500m', 0.5],
    ['250m', 0.25],
    ['100n', 1e-7],
    ['10u', 1e-5],
    ['16Gi', 16 * 2 ** 30],
    ['512Mi', 512 * 2 ** 20],
    ['1Ki', 1024],
    ['1Ti', 2 ** 40],
    ['1k', 1000],
    ['128M', 128e6],
    ['1G', 1e9],
    ['1E', 1e18],
    ['1e3', 1000],
    ['1E3', 1000],
    ['5e-3', 0.005],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['+2', 2],
    ['-1', -1],
    [' 4 ', 4],
  ])('%s → %d', (input, expected) => {
    expect(parseQuantity(input)).toBeCloseTo(expected, 12);
  });

  it.each(['', 'abc', '1Gb', '1 Gi', 'Gi', '1.2.3', '1e', '--1', '1KiB', 'NaN'])(
    'rejects %j',
    input => {
      expect(parseQuantity(input)).toBeUndefined();
    }
  );

  it('passes finite numbers through and rejects the rest', () => {
    expect(parseQuantity(3)).toBe(3);
    expect(parseQuantity(Number.NaN)).toBeUndefined();
    expect(parseQuantity(Infinity)).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
    expect(parseQuantity(null)).toBeUndefined();
  });

  it('reads any non-negative integer string exactly', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), n => {
        expect(parseQuantity(String(n))).toBe(n);
      })
    );
  });

  it('scales binary suffixes by powers of 1024', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(['Ki', 1], ['Mi', 2], ['Gi', 3]),
        (n, [suffix, power]) => {
          expect(parseQuantity(`${n}${suffix}`)).toBe(n * 1024 ** (power as number));
        }
      )
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), text => {
        const value = parseQuantity(text);
        expect(value === undefined || Number.isFinite(value)).toBe(true);
      })
    );
  });
});

describe('quantityOrZero', () => {
  it('counts missing and malformed values as zero', () => {
    expect(quantityOrZero(undefined)).toBe(0);
    expect(quantityOrZero('two')).toBe(0);
    expect(quantityOrZero('2')).toBe(2);
  });
});

describe('bytesToGb', () => {
  it('uses the GiB the GPU labels use (81920 MiB is 80 GB)', () => {
    expect(bytesToGb(81920 * 2 ** 20)).toBe(80);
  });
});
