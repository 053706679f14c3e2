import { z } from 'zod';

/**
 * Parser for the Prometheus text exposition format 0.0.4.
 *
 * Scrapes of inference engines are large (a vLLM pod with a few models is ~200 KB, mostly histogram
 * buckets) and the UI re-parses them every few seconds per pod, so this is a hand-written scanner over
 * char codes: no regular expressions, no per-line split, and the strings that repeat on every line
 * (sample names, label names, label values such as model_name) are reused instead of re-sliced.
 *
 * A bad line never aborts the scrape: it is skipped and reported in `errors`, because one odd
 * exporter line must not blank the whole metrics page.
 */

export const MetricTypeSchema = z.enum(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
export type MetricType = z.infer<typeof MetricTypeSchema>;

export const SampleSchema = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  value: z.number(),
  timestampMs: z.number().optional(),
});
export type Sample = z.infer<typeof SampleSchema>;

export const MetricFamilySchema = z.object({
  name: z.string(),
  help: z.string().optional(),
  type: MetricTypeSchema,
  samples: z.array(SampleSchema),
});
export type MetricFamily = z.infer<typeof MetricFamilySchema>;

export const ParseErrorSchema = z.object({
  /** 1-based line number in the input. */
  line: z.number().int(),
  reason: z.string(),
});
export type ParseError = z.infer<typeof ParseErrorSchema>;

export const ParseResultSchema = z.object({
  families: z.record(z.string(), MetricFamilySchema),
  errors: z.array(ParseErrorSchema),
});
export type ParseResult = z.infer<typeof ParseResultSchema>;

// ---------------------------------------------------------------------------------------------------
// Character classes

const CR = 13;
const SPACE = 32;
const TAB = 9;
const HASH = 35;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const EQUALS = 61;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const LOWER_E = 101;
const UPPER_E = 69;

const METRIC_START = 1;
const METRIC_CHAR = 2;
const LABEL_START = 4;
const LABEL_CHAR = 8;

const CHAR_CLASS = buildCharClasses();

function buildCharClasses(): Uint8Array {
  const table = new Uint8Array(128);
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
  for (let i = 0; i < letters.length; i++) {
    table[letters.charCodeAt(i)] = METRIC_START | METRIC_CHAR | LABEL_START | LABEL_CHAR;
  }
  for (let c = DIGIT_0; c <= DIGIT_9; c++) table[c] = METRIC_CHAR | LABEL_CHAR;
  table[58 /* : */] = METRIC_START | METRIC_CHAR;
  return table;
}

function hasClass(code: number, cls: number): boolean {
  return code < 128 && (CHAR_CLASS[code]! & cls) !== 0;
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

// Exact powers of ten: a mantissa below 2^53 multiplied or divided by one of these is correctly rounded
// (Clinger's fast path), so the common short values never go through Number(string).
const EXACT_POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
];
const MAX_FAST_DIGITS = 15;

const METRIC_TYPES: Record<string, MetricType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'untyped',
  // OpenMetrics spelling of untyped; some exporters emit it on the 0.0.4 endpoint too.
  unknown: 'untyped',
};

/** How a sample name relates to the family it belongs to. */
type SampleRole = 'exact' | 'bucket' | 'sum' | 'count' | 'total' | 'created';

const SUFFIXES: readonly { suffix: string; role: SampleRole; types: readonly MetricType[] }[] = [
  { suffix: '_bucket', role: 'bucket', types: ['histogram'] },
  { suffix: '_sum', role: 'sum', types: ['histogram', 'summary'] },
  { suffix: '_count', role: 'count', types: ['histogram', 'summary'] },
  { suffix: '_total', role: 'total', types: ['counter'] },
  { suffix: '_created', role: 'created', types: ['counter', 'histogram', 'summary'] },
];

interface FamilyState {
  family: MetricFamily;
  helpSeen: boolean;
  typeSeen: boolean;
}

/** Assigns an own property even for the key `__proto__`, which plain assignment would turn into a prototype change. */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

class LineError extends Error {}

/**
 * Parse a Prometheus text-format (0.0.4) exposition.
 *
 * Histogram `_bucket`/`_sum`/`_count` and summary `_sum`/`_count` samples are grouped under the family
 * declared by `# TYPE`; samples with no declared family become `untyped` families of their own name.
 * Never throws on input: bad lines are skipped and listed in `errors`.
 */
export function parsePrometheusText(text: string): ParseResult {
  return new Parser(text).run();
}

class Parser {
  private readonly text: string;
  private readonly states = new Map<string, FamilyState>();
  private readonly errors: ParseError[] = [];
  private pos = 0;
  private lineEnd = 0;
  private lineNo = 0;

  // Repeated-string caches: consecutive lines mostly share the sample name and label names/values.
  private lastSampleName = '';
  private lastState: FamilyState | undefined;
  private lastRole: SampleRole = 'exact';
  private readonly labelNameCache: string[] = [];
  private readonly labelValueCache: string[] = [];
  private readonly sampleLabelNames: string[] = [];

  constructor(text: string) {
    this.text = text;
  }

  run(): ParseResult {
    const text = this.text;
    const length = text.length;
    let start = 0;
    while (start < length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = length;
      this.lineNo++;
      this.pos = start;
      // A CRLF file is not valid 0.0.4, but rejecting every line over a trailing \r helps nobody.
      this.lineEnd = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      try {
        this.parseLine();
      } catch (err) {
        if (!(err instanceof LineError)) throw err;
        this.errors.push({ line: this.lineNo, reason: err.message });
      }
      start = end + 1;
    }
    const families: Record<string, MetricFamily> = {};
    for (const [name, state] of this.states) setOwn(families, name, state.family);
    return { families, errors: this.errors };
  }

  private fail(reason: string): never {
    throw new LineError(reason);
  }

  private skipBlanks(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < this.lineEnd && isBlank(text.charCodeAt(pos))) pos++;
    this.pos = pos;
  }

  private parseLine(): void {
    this.skipBlanks();
    if (this.pos >= this.lineEnd) return;
    if (this.text.charCodeAt(this.pos) === HASH) {
      this.parseComment();
    } else {
      this.parseSample();
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Comments: # HELP, # TYPE, anything else is ignored

  private parseComment(): void {
    this.pos++; // '#'
    this.skipBlanks();
    const keywordStart = this.pos;
    const text = this.text;
    while (this.pos < this.lineEnd && !isBlank(text.charCodeAt(this.pos))) this.pos++;
    const keywordLength = this.pos - keywordStart;
    if (keywordLength !== 4) return;
    const isHelp = text.startsWith('HELP', keywordStart);
    if (!isHelp && !text.startsWith('TYPE', keywordStart)) return;

    this.skipBlanks();
    const name = this.readMetricName(`metric name expected after # ${isHelp ? 'HELP' : 'TYPE'}`);
    if (this.pos < this.lineEnd && !isBlank(text.charCodeAt(this.pos))) {
      this.fail(`invalid character in metric name '${name}'`);
    }
    this.skipBlanks();
    if (isHelp) {
      this.applyHelp(name, this.readHelpText());
    } else {
      this.applyType(name);
    }
  }

  private readHelpText(): string {
    const text = this.text;
    const end = this.lineEnd;
    let pos = this.pos;
    let out = '';
    let chunkStart = pos;
    while (pos < end) {
      if (text.charCodeAt(pos) !== BACKSLASH) {
        pos++;
        continue;
      }
      const next = text.charCodeAt(pos + 1);
      // HELP only defines \\ and \n; any other backslash is kept literally, as Prometheus does.
      if (pos + 1 < end && (next === BACKSLASH || next === 110) /* n */) {
        out += text.slice(chunkStart, pos) + (next === BACKSLASH ? '\\' : '\n');
        pos += 2;
        chunkStart = pos;
      } else {
        pos++;
      }
    }
    this.pos = end;
    return out + text.slice(chunkStart, end);
  }

  private applyHelp(name: string, help: string): void {
    // A cached resolution may point at a family this line is about to create or change.
    this.lastSampleName = '';
    const state = this.states.get(name);
    if (!state) {
      this.states.set(name, {
        family: { name, help, type: 'untyped', samples: [] },
        helpSeen: true,
        typeSeen: false,
      });
      return;
    }
    if (state.helpSeen) this.fail(`second HELP line for metric '${name}'`);
    state.helpSeen = true;
    state.family.help = help;
  }

  private applyType(name: string): void {
    this.lastSampleName = '';
    const text = this.text;
    const typeStart = this.pos;
    while (this.pos < this.lineEnd && !isBlank(text.charCodeAt(this.pos))) this.pos++;
    const typeName = text.slice(typeStart, this.pos);
    this.skipBlanks();
    if (this.pos < this.lineEnd) this.fail(`unexpected text after TYPE of '${name}'`);
    const type = Object.prototype.hasOwnProperty.call(METRIC_TYPES, typeName)
      ? METRIC_TYPES[typeName]
      : undefined;
    if (type === undefined) this.fail(`unknown metric type '${typeName}' for '${name}'`);

    const state = this.states.get(name);
    if (!state) {
      this.states.set(name, {
        family: { name, type, samples: [] },
        helpSeen: false,
        typeSeen: true,
      });
      return;
    }
    if (state.typeSeen) this.fail(`second TYPE line for metric '${name}'`);
    if (state.family.samples.length > 0) this.fail(`TYPE line for '${name}' after its samples`);
    state.typeSeen = true;
    state.family.type = type;
  }

  private readMetricName(missing: string): string {
    const text = this.text;
    const start = this.pos;
    if (start >= this.lineEnd || !hasClass(text.charCodeAt(start), METRIC_START))
      this.fail(missing);
    let pos = start + 1;
    while (pos < this.lineEnd && hasClass(text.charCodeAt(pos), METRIC_CHAR)) pos++;
    this.pos = pos;
    return text.slice(start, pos);
  }

  // -------------------------------------------------------------------------------------------------
  // Samples: name [{labels}] value [timestamp]

  private parseSample(): void {
    const text = this.text;
    const nameStart = this.pos;
    if (!hasClass(text.charCodeAt(nameStart), METRIC_START))
      this.fail('expected a metric name or comment');
    let pos = nameStart + 1;
    while (pos < this.lineEnd && hasClass(text.charCodeAt(pos), METRIC_CHAR)) pos++;
    this.pos = pos;

    let name = this.lastSampleName;
    let state = this.lastState;
    let role = this.lastRole;
    if (!(pos - nameStart === name.length && text.startsWith(name, nameStart))) {
      name = text.slice(nameStart, pos);
      const resolved = this.resolveFamily(name);
      state = resolved.state;
      role = resolved.role;
      this.lastSampleName = name;
      this.lastState = state;
      this.lastRole = role;
    }

    const labels: Record<string, string> = {};
    let labelCount = 0;
    if (
      this.pos < this.lineEnd &&
      !isBlank(text.charCodeAt(this.pos)) &&
      text.charCodeAt(this.pos) !== OPEN_BRACE
    ) {
      this.fail(`invalid character in metric name '${name}'`);
    }
    this.skipBlanks();
    if (this.pos < this.lineEnd && text.charCodeAt(this.pos) === OPEN_BRACE) {
      labelCount = this.parseLabels(labels);
      this.skipBlanks();
    }

    if (this.pos >= this.lineEnd) this.fail(`missing value for '${name}'`);
    const value = this.readValue();
    let timestampMs: number | undefined;
    if (this.pos < this.lineEnd) {
      if (!isBlank(text.charCodeAt(this.pos))) this.fail(`invalid value for '${name}'`);
      this.skipBlanks();
      if (this.pos < this.lineEnd) {
        timestampMs = this.readTimestamp();
        this.skipBlanks();
        if (this.pos < this.lineEnd) this.fail(`unexpected text after sample '${name}'`);
      }
    }

    const family = state!.family;
    this.checkRole(family, role, labels, labelCount, name);
    // Families implied by a sample are registered only once a line is valid, so garbage lines
    // do not leave empty families behind.
    if (family.samples.length === 0 && !this.states.has(family.name))
      this.states.set(family.name, state!);
    const sample: Sample =
      timestampMs === undefined ? { name, labels, value } : { name, labels, value, timestampMs };
    family.samples.push(sample);
  }

  private resolveFamily(name: string): { state: FamilyState; role: SampleRole } {
    const exact = this.states.get(name);
    if (exact) return { state: exact, role: 'exact' };
    for (const { suffix, role, types } of SUFFIXES) {
      if (name.length <= suffix.length || !name.endsWith(suffix)) continue;
      const base = this.states.get(name.slice(0, name.length - suffix.length));
      if (base && types.includes(base.family.type)) return { state: base, role };
    }
    const state: FamilyState = {
      family: { name, type: 'untyped', samples: [] },
      helpSeen: false,
      typeSeen: false,
    };
    return { state, role: 'exact' };
  }

  private checkRole(
    family: MetricFamily,
    role: SampleRole,
    labels: Record<string, string>,
    labelCount: number,
    name: string
  ): void {
    if (family.type === 'histogram') {
      if (role === 'exact')
        this.fail(`histogram sample '${name}' needs a _bucket, _sum or _count suffix`);
      if (role === 'bucket' && !isFloatText(labelCount > 0 ? ownLabel(labels, 'le') : undefined)) {
        this.fail(`histogram bucket '${name}' needs a numeric le label`);
      }
    } else if (family.type === 'summary' && role === 'exact') {
      if (!isFloatText(labelCount > 0 ? ownLabel(labels, 'quantile') : undefined)) {
        this.fail(`summary sample '${name}' needs a numeric quantile label`);
      }
    }
  }

  private parseLabels(labels: Record<string, string>): number {
    const text = this.text;
    const end = this.lineEnd;
    const names = this.sampleLabelNames;
    let count = 0;
    this.pos++; // '{'
    for (;;) {
      this.skipBlanks();
      if (this.pos >= end) this.fail('unterminated label set');
      if (text.charCodeAt(this.pos) === CLOSE_BRACE) {
        this.pos++;
        return count;
      }
      const labelName = this.readLabelName(count);
      this.skipBlanks();
      if (text.charCodeAt(this.pos) !== EQUALS || this.pos >= end)
        this.fail(`expected '=' after label '${labelName}'`);
      this.pos++;
      this.skipBlanks();
      if (text.charCodeAt(this.pos) !== QUOTE || this.pos >= end)
        this.fail(`expected '"' for label '${labelName}'`);
      this.pos++;
      const labelValue = this.readLabelValue(count);
      for (let i = 0; i < count; i++) {
        if (names[i] === labelName) this.fail(`duplicate label '${labelName}'`);
      }
      names[count] = labelName;
      setOwn(labels, labelName, labelValue);
      count++;
      this.skipBlanks();
      const next = text.charCodeAt(this.pos);
      if (this.pos < end && next === COMMA) {
        this.pos++;
      } else if (!(this.pos < end && next === CLOSE_BRACE)) {
        this.fail(`expected ',' or '}' after label '${labelName}'`);
      }
    }
  }

  private readLabelName(index: number): string {
    const text = this.text;
    const start = this.pos;
    const cached = this.labelNameCache[index];
    if (
      cached !== undefined &&
      text.startsWith(cached, start) &&
      !hasClass(text.charCodeAt(start + cached.length), LABEL_CHAR) &&
      start + cached.length <= this.lineEnd
    ) {
      this.pos = start + cached.length;
      return cached;
    }
    if (start >= this.lineEnd || !hasClass(text.charCodeAt(start), LABEL_START))
      this.fail('invalid label name');
    let pos = start + 1;
    while (pos < this.lineEnd && hasClass(text.charCodeAt(pos), LABEL_CHAR)) pos++;
    this.pos = pos;
    const labelName = text.slice(start, pos);
    this.labelNameCache[index] = labelName;
    return labelName;
  }

  /** Reads a label value after its opening quote and leaves pos after the closing quote. */
  private readLabelValue(index: number): string {
    const text = this.text;
    const end = this.lineEnd;
    const start = this.pos;
    const cached = this.labelValueCache[index];
    if (
      cached !== undefined &&
      start + cached.length < end &&
      text.charCodeAt(start + cached.length) === QUOTE &&
      text.startsWith(cached, start)
    ) {
      this.pos = start + cached.length + 1;
      return cached;
    }
    let pos = start;
    for (;;) {
      if (pos >= end) this.fail('unterminated label value');
      const code = text.charCodeAt(pos);
      if (code === QUOTE) {
        const value = text.slice(start, pos);
        this.labelValueCache[index] = value;
        this.pos = pos + 1;
        return value;
      }
      if (code === BACKSLASH) break;
      pos++;
    }
    // Escapes present: rebuild the value (and leave the cache alone, it holds raw text).
    let out = text.slice(start, pos);
    for (;;) {
      if (pos >= end) this.fail('unterminated label value');
      const code = text.charCodeAt(pos);
      if (code === QUOTE) {
        this.pos = pos + 1;
        return out;
      }
      if (code === BACKSLASH) {
        const next = text.charCodeAt(pos + 1);
        if (pos + 1 >= end) this.fail('unterminated label value');
        if (next === BACKSLASH) out += '\\';
        else if (next === QUOTE) out += '"';
        else if (next === 110 /* n */) out += '\n';
        else this.fail(`invalid escape '\\${text[pos + 1]}' in label value`);
        pos += 2;
        continue;
      }
      const chunkStart = pos;
      while (pos < end) {
        const c = text.charCodeAt(pos);
        if (c === QUOTE || c === BACKSLASH) break;
        pos++;
      }
      out += text.slice(chunkStart, pos);
    }
  }

  /** Reads a sample value token; leaves pos on the first character after it. */
  private readValue(): number {
    const text = this.text;
    const end = this.lineEnd;
    const start = this.pos;
    let pos = start;
    let negative = false;
    let code = text.charCodeAt(pos);
    if (code === MINUS || code === PLUS) {
      negative = code === MINUS;
      code = text.charCodeAt(++pos);
    }

    let mantissa = 0;
    let digits = 0;
    let significant = 0;
    let fractionDigits = 0;
    while (pos < end && code >= DIGIT_0 && code <= DIGIT_9) {
      if (significant > 0 || code !== DIGIT_0) significant++;
      mantissa = mantissa * 10 + (code - DIGIT_0);
      digits++;
      code = text.charCodeAt(++pos);
    }
    if (pos < end && code === DOT) {
      code = text.charCodeAt(++pos);
      while (pos < end && code >= DIGIT_0 && code <= DIGIT_9) {
        if (significant > 0 || code !== DIGIT_0) significant++;
        mantissa = mantissa * 10 + (code - DIGIT_0);
        digits++;
        fractionDigits++;
        code = text.charCodeAt(++pos);
      }
    }
    let exponent = 0;
    let valid = digits > 0;
    if (valid && pos < end && (code === LOWER_E || code === UPPER_E)) {
      code = text.charCodeAt(++pos);
      let expNegative = false;
      if (code === MINUS || code === PLUS) {
        expNegative = code === MINUS;
        code = text.charCodeAt(++pos);
      }
      let expDigits = 0;
      while (pos < end && code >= DIGIT_0 && code <= DIGIT_9) {
        if (exponent < 100000) exponent = exponent * 10 + (code - DIGIT_0);
        expDigits++;
        code = text.charCodeAt(++pos);
      }
      if (expDigits === 0) valid = false;
      if (expNegative) exponent = -exponent;
    }
    if (valid && (pos >= end || isBlank(code))) {
      this.pos = pos;
      const scale = exponent - fractionDigits;
      if (significant <= MAX_FAST_DIGITS && scale >= -22 && scale <= 22) {
        const magnitude =
          scale >= 0 ? mantissa * EXACT_POW10[scale]! : mantissa / EXACT_POW10[-scale]!;
        return negative ? -magnitude : magnitude;
      }
      return Number(text.slice(start, pos));
    }

    // Not a plain decimal: NaN / Inf spellings (Go's ParseFloat is case-insensitive), else an error.
    while (pos < end && !isBlank(text.charCodeAt(pos))) pos++;
    const token = text.slice(start, pos);
    const special = parseSpecialFloat(token);
    if (special === undefined) this.fail(`invalid sample value '${token}'`);
    this.pos = pos;
    return special;
  }

  private readTimestamp(): number {
    const text = this.text;
    const end = this.lineEnd;
    const start = this.pos;
    let pos = start;
    let code = text.charCodeAt(pos);
    if (code === MINUS || code === PLUS) code = text.charCodeAt(++pos);
    const digitsStart = pos;
    while (pos < end && code >= DIGIT_0 && code <= DIGIT_9) code = text.charCodeAt(++pos);
    if (pos === digitsStart || (pos < end && !isBlank(code))) {
      while (pos < end && !isBlank(text.charCodeAt(pos))) pos++;
      this.fail(`invalid timestamp '${text.slice(start, pos)}'`);
    }
    this.pos = pos;
    return Number(text.slice(start, pos));
  }
}

function ownLabel(labels: Record<string, string>, name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(labels, name) ? labels[name] : undefined;
}

/** Parse a float the way Prometheus does for values and `le`/`quantile` labels; undefined if invalid. */
export function parsePrometheusFloat(token: string): number | undefined {
  if (token.length === 0) return undefined;
  const special = parseSpecialFloat(token);
  if (special !== undefined) return special;
  if (!isDecimalText(token)) return undefined;
  return Number(token);
}

function isFloatText(token: string | undefined): boolean {
  return token !== undefined && parsePrometheusFloat(token) !== undefined;
}

function isDecimalText(token: string): boolean {
  let i = 0;
  const n = token.length;
  if (token.charCodeAt(0) === PLUS || token.charCodeAt(0) === MINUS) i++;
  let digits = 0;
  while (i < n && isDigit(token.charCodeAt(i))) i++, digits++;
  if (i < n && token.charCodeAt(i) === DOT) {
    i++;
    while (i < n && isDigit(token.charCodeAt(i))) i++, digits++;
  }
  if (digits === 0) return false;
  if (i < n && (token.charCodeAt(i) === LOWER_E || token.charCodeAt(i) === UPPER_E)) {
    i++;
    if (i < n && (token.charCodeAt(i) === PLUS || token.charCodeAt(i) === MINUS)) i++;
    let expDigits = 0;
    while (i < n && isDigit(token.charCodeAt(i))) i++, expDigits++;
    if (expDigits === 0) return false;
  }
  return i === n;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

function parseSpecialFloat(token: string): number | undefined {
  if (token.length < 3 || token.length > 9) return undefined;
  let body = token;
  let sign = 1;
  const first = token.charCodeAt(0);
  if (first === PLUS || first === MINUS) {
    sign = first === MINUS ? -1 : 1;
    body = token.slice(1);
  }
  const lower = body.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Infinity;
  if (lower === 'nan') return NaN;
  return undefined;
}
