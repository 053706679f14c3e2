/**
 * Kubernetes resource quantities (`500m`, `16Gi`, `1e3`, `8`) as plain numbers.
 *
 * The grammar is the one `k8s.io/apimachinery/pkg/api/resource` accepts: a signed decimal number followed by
 * at most one binary-SI suffix (Ki..Ei), decimal-SI suffix (n, u, m, "", k, M, G, T, P, E) or decimal
 * exponent (e3, E-2). Anything else is not a quantity and yields `undefined`, so callers decide whether a
 * malformed value counts as zero or as an error.
 */

const SUFFIX_MULTIPLIERS: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// The suffix alternation comes before the exponent so that a bare trailing `E` means exa, as in Kubernetes.
const QUANTITY_PATTERN =
  /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

function isAllDigits(text: string): boolean {
  if (text.length === 0 || text.length > 15) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** Parses a Kubernetes quantity; numbers pass through; anything unparseable is `undefined`. */
export function parseQuantity(value: string | number | null | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  // GPU counts and most CPU values are bare integers; skip the regex for them because capacity
  // computation parses one per container across tens of thousands of pods.
  if (isAllDigits(text)) return Number(text);
  const match = QUANTITY_PATTERN.exec(text);
  if (!match) return undefined;
  const base = Number(match[1]);
  const suffix = match[2];
  const exponent = match[3];
  if (suffix !== undefined) return base * (SUFFIX_MULTIPLIERS[suffix] ?? 1);
  if (exponent !== undefined) return base * 10 ** Number(exponent);
  return base;
}

/** Like `parseQuantity`, but a missing or malformed value counts as zero (how the scheduler treats absent requests). */
export function quantityOrZero(value: string | number | null | undefined): number {
  return parseQuantity(value) ?? 0;
}

/** Bytes to gigabytes as the GPU catalog counts them (GiB, the unit behind "80GB" on an A100). */
export function bytesToGb(bytes: number): number {
  return bytes / 2 ** 30;
}
