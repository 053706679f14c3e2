import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LLAMACPP_SCRAPE } from './fixtures/llamacpp';
import { SGLANG_NEWER_SCRAPE, SGLANG_SCRAPE } from './fixtures/sglang';
import { TGI_SCRAPE } from './fixtures/tgi';
import { VLLM_LEGACY_SCRAPE } from './fixtures/vllm-legacy';
import { VLLM_V1_SCRAPE, VLLM_V1_T1 } from './fixtures/vllm-v1';
import {
  type MetricFamily,
  type MetricType,
  parsePrometheusFloat,
  parsePrometheusText,
} from './parse';

function parseClean(text: string): Record<string, MetricFamily> {
  const { families, errors } = parsePrometheusText(text);
  expect(errors).toEqual([]);
  return families;
}

describe('parsePrometheusText: the exposition format', () => {
  it('reads HELP, TYPE and samples of counters and gauges', () => {
    const families = parseClean(
      [
        '# HELP http_requests_total The total number of HTTP requests.',
        '# TYPE http_requests_total counter',
        'http_requests_total{method="post",code="200"} 1027 1395066363000',
        'http_requests_total{method="post",code="400"}    3 1395066363000',
        '# TYPE temperature gauge',
        'temperature -3.5',
      ].join('\n')
    );
    expect(families.http_requests_total).toEqual({
      name: 'http_requests_total',
      help: 'The total number of HTTP requests.',
      type: 'counter',
      samples: [
        {
          name: 'http_requests_total',
          labels: { method: 'post', code: '200' },
          value: 1027,
          timestampMs: 1395066363000,
        },
        {
          name: 'http_requests_total',
          labels: { method: 'post', code: '400' },
          value: 3,
          timestampMs: 1395066363000,
        },
      ],
    });
    expect(families.temperature).toEqual({
      name: 'temperature',
      type: 'gauge',
      samples: [{ name: 'temperature', labels: {}, value: -3.5 }],
    });
    expect(families.temperature!.help).toBeUndefined();
  });

  it('groups histogram _bucket/_sum/_count samples into one family', () => {
    const families = parseClean(
      [
        '# HELP http_request_duration_seconds A histogram of the request duration.',
        '# TYPE http_request_duration_seconds histogram',
        'http_request_duration_seconds_bucket{le="0.05"} 24054',
        'http_request_duration_seconds_bucket{le="0.1"} 33444',
        'http_request_duration_seconds_bucket{le="+Inf"} 144320',
        'http_request_duration_seconds_sum 53423',
        'http_request_duration_seconds_count 144320',
      ].join('\n')
    );
    expect(Object.keys(families)).toEqual(['http_request_duration_seconds']);
    const family = families.http_request_duration_seconds!;
    expect(family.type).toBe('histogram');
    expect(family.samples.map(s => [s.name, s.labels.le, s.value])).toEqual([
      ['http_request_duration_seconds_bucket', '0.05', 24054],
      ['http_request_duration_seconds_bucket', '0.1', 33444],
      ['http_request_duration_seconds_bucket', '+Inf', 144320],
      ['http_request_duration_seconds_sum', undefined, 53423],
      ['http_request_duration_seconds_count', undefined, 144320],
    ]);
  });

  it('groups summary quantiles with their _sum and _count', () => {
    const families = parseClean(
      [
        '# TYPE rpc_duration_seconds summary',
        'rpc_duration_seconds{quantile="0.01"} 3102',
        'rpc_duration_seconds{quantile="0.99"} 76656',
        'rpc_duration_seconds_sum 1.7560473e+07',
        'rpc_duration_seconds_count 2693',
      ].join('\n')
    );
    const family = families.rpc_duration_seconds!;
    expect(family.type).toBe('summary');
    expect(family.samples.map(s => s.value)).toEqual([3102, 76656, 17560473, 2693]);
    expect(family.samples[1]!.labels).toEqual({ quantile: '0.99' });
  });

  it('makes samples without a TYPE line untyped families of their own name', () => {
    const families = parseClean(
      'metric_without_timestamp_and_labels 12.47\nfoo_bucket{le="1"} 3\n'
    );
    expect(families.metric_without_timestamp_and_labels).toEqual({
      name: 'metric_without_timestamp_and_labels',
      type: 'untyped',
      samples: [{ name: 'metric_without_timestamp_and_labels', labels: {}, value: 12.47 }],
    });
    expect(families.foo_bucket!.type).toBe('untyped');
  });

  it('unescapes \\\\, \\" and \\n in label values and \\\\, \\n in HELP', () => {
    const families = parseClean(
      [
        '# HELP msdos_file_access_time_seconds Path with a \\\\ and a\\nnewline; \\t stays as is',
        'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
      ].join('\n')
    );
    const family = families.msdos_file_access_time_seconds!;
    expect(family.help).toBe('Path with a \\ and a\nnewline; \\t stays as is');
    expect(family.samples[0]!.labels).toEqual({
      path: 'C:\\DIR\\FILE.TXT',
      error: 'Cannot find file:\n"FILE.TXT"',
    });
    expect(family.samples[0]!.value).toBe(1458255915);
  });

  it('reads NaN, +Inf and -Inf values and negative timestamps', () => {
    const families = parseClean('a NaN\nb +Inf\nc -Inf -3982045\nd Inf\ne nan\n');
    expect(families.a!.samples[0]!.value).toBeNaN();
    expect(families.b!.samples[0]!.value).toBe(Infinity);
    expect(families.c!.samples[0]).toEqual({
      name: 'c',
      labels: {},
      value: -Infinity,
      timestampMs: -3982045,
    });
    expect(families.d!.samples[0]!.value).toBe(Infinity);
    expect(families.e!.samples[0]!.value).toBeNaN();
  });

  it('reads float spellings exactly as Number() would', () => {
    const values = [
      '0',
      '-0',
      '1.0',
      '.5',
      '5.',
      '1e3',
      '1E-3',
      '2.3518979474117756e+06',
      '0.07500000000000001',
      '123456789012345678',
      '1.7976931348623157e308',
      '5e-324',
      '+12',
    ];
    const text = values.map((v, i) => `m${i} ${v}`).join('\n');
    const families = parseClean(text);
    values.forEach((v, i) =>
      expect(Object.is(families[`m${i}`]!.samples[0]!.value, Number(v))).toBe(true)
    );
  });

  it('accepts metric names with colons, blank lines, comments, indentation, spacing and trailing commas', () => {
    const families = parseClean(
      [
        '',
        '# just a comment',
        '#',
        '   ',
        '\t# TYPE vllm:num_requests_running gauge',
        '  vllm:num_requests_running { engine = "0" , model_name="m", } \t 7.0  ',
        'vllm:num_requests_running{} 1',
        '',
      ].join('\n')
    );
    expect(families['vllm:num_requests_running']!.samples).toEqual([
      { name: 'vllm:num_requests_running', labels: { engine: '0', model_name: 'm' }, value: 7 },
      { name: 'vllm:num_requests_running', labels: {}, value: 1 },
    ]);
  });

  it('tolerates CRLF line endings', () => {
    const families = parseClean('# TYPE a gauge\r\na{x="y"} 1\r\nb 2 1000\r\n');
    expect(families.a!.samples[0]!.value).toBe(1);
    expect(families.b!.samples[0]!.timestampMs).toBe(1000);
  });

  it('keeps unicode label values and a __proto__ label as plain data', () => {
    const families = parseClean('m{__proto__="x",model="llama-3 «8B» 🦙"} 1\n');
    const labels = families.m!.samples[0]!.labels;
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(labels)).toEqual(['__proto__', 'model']);
    expect(labels.model).toBe('llama-3 «8B» 🦙');
  });

  it('reads OpenMetrics-style counters whose TYPE omits _total', () => {
    const families = parseClean(
      '# TYPE requests counter\nrequests_total 5\nrequests_created 1.7e9\n'
    );
    expect(families.requests!.samples.map(s => s.name)).toEqual([
      'requests_total',
      'requests_created',
    ]);
  });
});

describe('parsePrometheusText: bad lines are skipped and reported', () => {
  it('reports each bad line with its number and keeps every good line', () => {
    const text = [
      '# TYPE good gauge', // 1
      'good 1', // 2
      'good{a="1"}', // 3 missing value
      'good{a="1} 2', // 4 unterminated value
      'good{a="\\q"} 2', // 5 invalid escape
      'good{a="1",a="2"} 2', // 6 duplicate label
      '9bad 1', // 7 invalid metric name
      'good 1 12.5', // 8 non-integer timestamp
      'good 1 2 3', // 9 trailing text
      'good abc', // 10 invalid value
      '# TYPE other flavour', // 11 unknown type
      '# TYPE good counter', // 12 second TYPE
      'good{a-b="1"} 1', // 13 invalid label name
      'good 2', // 14
    ].join('\n');
    const { families, errors } = parsePrometheusText(text);
    expect(errors.map(e => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(errors.every(e => e.reason.length > 0)).toBe(true);
    expect(errors.find(e => e.line === 6)!.reason).toContain('duplicate label');
    expect(errors.find(e => e.line === 11)!.reason).toContain('flavour');
    expect(families.good!.type).toBe('gauge');
    expect(families.good!.samples.map(s => s.value)).toEqual([1, 2]);
    expect(Object.keys(families)).toEqual(['good']);
  });

  it('rejects histogram samples that are not buckets, sums or counts, and buckets without le', () => {
    const { families, errors } = parsePrometheusText(
      [
        '# TYPE h histogram',
        'h 3',
        'h_bucket{x="1"} 3',
        'h_bucket{le="soon"} 3',
        'h_bucket{le="1"} 3',
        'h_count 3',
      ].join('\n')
    );
    expect(errors.map(e => e.line)).toEqual([2, 3, 4]);
    expect(families.h!.samples.map(s => s.name)).toEqual(['h_bucket', 'h_count']);
  });

  it('rejects summary quantile samples without a quantile label', () => {
    const { errors } = parsePrometheusText('# TYPE s summary\ns 3\ns{quantile="0.5"} 3\n');
    expect(errors).toEqual([{ line: 2, reason: expect.stringContaining('quantile') }]);
  });

  it('rejects a TYPE line that comes after the family has samples', () => {
    const { families, errors } = parsePrometheusText('x 1\n# TYPE x gauge\n');
    expect(errors.map(e => e.line)).toEqual([2]);
    expect(families.x!.type).toBe('untyped');
  });

  it('leaves no empty family behind for a line that failed', () => {
    const { families } = parsePrometheusText('lonely{oops 1\n');
    expect(families).toEqual({});
  });
});

describe('parsePrometheusText on each engine fixture', () => {
  const cases: [string, string, number][] = [
    ['vLLM V1', VLLM_V1_SCRAPE, 27],
    ['vLLM V1 (generated, data parallel)', VLLM_V1_T1, 22],
    ['vLLM legacy', VLLM_LEGACY_SCRAPE, 17],
    ['SGLang', SGLANG_SCRAPE, 12],
    ['SGLang newer', SGLANG_NEWER_SCRAPE, 10],
    ['TGI', TGI_SCRAPE, 12],
    ['llama.cpp', LLAMACPP_SCRAPE, 12],
  ];
  it.each(cases)(
    '%s parses without errors into the expected families',
    (_name, text, familyCount) => {
      const families = parseClean(text);
      expect(Object.keys(families)).toHaveLength(familyCount);
      for (const family of Object.values(families))
        expect(family.samples.length).toBeGreaterThan(0);
    }
  );

  it('keeps vLLM _created gauges apart from the counters and histograms they belong to', () => {
    const families = parseClean(VLLM_V1_SCRAPE);
    expect(families['vllm:prompt_tokens_total']!.type).toBe('counter');
    expect(families['vllm:prompt_tokens_created']!.type).toBe('gauge');
    expect(families['vllm:time_to_first_token_seconds']!.samples).toHaveLength(23 + 2);
    expect(families['vllm:time_to_first_token_seconds_created']!.type).toBe('gauge');
    // A histogram whose own name ends in _total.
    expect(families['vllm:iteration_tokens_total']!.type).toBe('histogram');
    expect(families['vllm:iteration_tokens_total']!.samples).toHaveLength(6);
  });
});

describe('parsePrometheusFloat', () => {
  it('accepts Prometheus float spellings and rejects the rest', () => {
    expect(parsePrometheusFloat('+Inf')).toBe(Infinity);
    expect(parsePrometheusFloat('-inf')).toBe(-Infinity);
    expect(parsePrometheusFloat('NaN')).toBeNaN();
    expect(parsePrometheusFloat('0.25')).toBe(0.25);
    expect(parsePrometheusFloat('1e-3')).toBe(0.001);
    for (const bad of ['', ' ', '0x10', '1_000', 'one', '1e', '.', '--1', '1.2.3']) {
      expect(parsePrometheusFloat(bad)).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Property tests: render random families to text, parse back the same families.

function renderFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(help: string): string {
  return help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function renderFamilies(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (family.help !== undefined) lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      const labels = Object.entries(sample.labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
      const labelText = labels.length > 0 ? `{${labels.join(',')}}` : '';
      const timestamp = sample.timestampMs === undefined ? '' : ` ${sample.timestampMs}`;
      lines.push(`${sample.name}${labelText} ${renderFloat(sample.value)}${timestamp}`);
    }
  }
  return lines.join('\n') + '\n';
}

const metricNameArb = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,20}$/);
const labelNameArb = fc
  .stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/)
  .filter(n => n !== 'le' && n !== 'quantile');
const labelValueArb = fc.string({ unit: 'binary', maxLength: 20 });
const labelsArb = fc.dictionary(labelNameArb, labelValueArb, { maxKeys: 4 });
const valueArb = fc.double();
const timestampArb = fc.option(fc.integer({ min: -1e13, max: 1e13 }), { nil: undefined });
// HELP text starts after the blanks that follow the name and ends at the newline, so leading blanks and
// a final carriage return cannot survive a round trip in any parser.
const helpArb = fc.option(
  fc
    .string({ unit: 'binary', maxLength: 30 })
    .map(h => h.replace(/^[ \t]+/, '').replace(/\r+$/, '')),
  { nil: undefined }
);

function sampleArb(name: string, extraLabel?: [string, fc.Arbitrary<string>]) {
  return fc
    .record({
      labels: labelsArb,
      value: valueArb,
      timestampMs: timestampArb,
      extra: extraLabel ? extraLabel[1] : fc.constant(''),
    })
    .map(({ labels, value, timestampMs, extra }) => {
      const all = extraLabel ? { ...labels, [extraLabel[0]]: extra } : labels;
      return timestampMs === undefined
        ? { name, labels: all, value }
        : { name, labels: all, value, timestampMs };
    });
}

const floatLabelArb = fc.double().map(renderFloat);

function familyArb(
  name: string,
  type: MetricType,
  help: string | undefined
): fc.Arbitrary<MetricFamily> {
  const withHelp = (samples: MetricFamily['samples']): MetricFamily =>
    help === undefined ? { name, type, samples } : { name, help, type, samples };
  switch (type) {
    case 'histogram':
      return fc
        .tuple(
          fc.array(sampleArb(`${name}_bucket`, ['le', floatLabelArb]), {
            minLength: 1,
            maxLength: 4,
          }),
          fc.array(sampleArb(`${name}_sum`), { maxLength: 1 }),
          fc.array(sampleArb(`${name}_count`), { maxLength: 1 })
        )
        .map(([buckets, sums, counts]) => withHelp([...buckets, ...sums, ...counts]));
    case 'summary':
      return fc
        .tuple(
          fc.array(sampleArb(name, ['quantile', floatLabelArb]), { minLength: 1, maxLength: 3 }),
          fc.array(sampleArb(`${name}_sum`), { maxLength: 1 })
        )
        .map(([quantiles, sums]) => withHelp([...quantiles, ...sums]));
    default:
      return fc.array(sampleArb(name), { minLength: 1, maxLength: 4 }).map(withHelp);
  }
}

const SUFFIXES = ['_bucket', '_sum', '_count', '_total', '_created'];

const familiesArb = fc
  .uniqueArray(metricNameArb, { minLength: 1, maxLength: 6 })
  // Two families where one name is the other plus a sample suffix are ambiguous in the format itself.
  .filter(names => !names.some(a => names.some(b => SUFFIXES.some(s => a === b + s))))
  .chain(names =>
    fc.tuple(
      ...names.map(name =>
        fc
          .tuple(
            fc.constantFrom<MetricType>('counter', 'gauge', 'histogram', 'summary', 'untyped'),
            helpArb
          )
          .chain(([type, help]) => familyArb(name, type, help))
      )
    )
  );

describe('parsePrometheusText properties', () => {
  it('parses rendered families back to the same families', () => {
    fc.assert(
      fc.property(familiesArb, families => {
        const { families: parsed, errors } = parsePrometheusText(renderFamilies(families));
        expect(errors).toEqual([]);
        expect(Object.values(parsed)).toEqual(families);
      }),
      { numRuns: 300 }
    );
  });

  it('never throws, and reports errors only for lines that exist', () => {
    const alphabet = fc.constantFrom(
      ...'#{}",=\\ \n\t\rabHELPTYPEcounter_:0123456789.+-eEInfNa'.split('')
    );
    const textArb = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: alphabet, maxLength: 300 })
    );
    fc.assert(
      fc.property(textArb, text => {
        const { families, errors } = parsePrometheusText(text);
        const lineCount = text.split('\n').length;
        for (const error of errors) {
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.line).toBeLessThanOrEqual(lineCount);
        }
        for (const family of Object.values(families))
          expect(Array.isArray(family.samples)).toBe(true);
      }),
      { numRuns: 2000 }
    );
  });

  it('a garbage line costs only that line', () => {
    const baseline = parsePrometheusText(VLLM_V1_SCRAPE).families;
    const lines = VLLM_V1_SCRAPE.split('\n');
    const garbageArb = fc.constantFrom(
      'vllm:bad{',
      '{}',
      'x{a="1"} one',
      '# TYPE x',
      '"',
      'vllm:num_requests_running{engine="0"'
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: lines.length - 1 }), garbageArb, (at, garbage) => {
        const text = [...lines.slice(0, at), garbage, ...lines.slice(at)].join('\n');
        const { families, errors } = parsePrometheusText(text);
        expect(errors.map(e => e.line)).toEqual([at + 1]);
        expect(families).toEqual(baseline);
      }),
      { numRuns: 100 }
    );
  });
});
