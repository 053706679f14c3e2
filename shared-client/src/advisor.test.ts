import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AdvisorSpec,
  AdvisorSpecSchema,
  applyPatch,
  type Bottleneck,
  BottleneckSchema,
  type BottleneckType,
  DEFAULT_THRESHOLDS,
  detectBottlenecks,
  diffSpec,
  IDENTITY_PATHS,
  recommend,
  RecommendationSchema,
  type Severity,
  severityFromRatio,
} from './advisor';
import { VLLM_V1_T0, VLLM_V1_T1 } from './prometheus/fixtures/vllm-v1';
import { derive, type DerivedPoint, snapshotFromText } from './prometheus/rates';

const START = 1_753_296_000_000;
const STEP = 15_000;

function point(index: number, values: Partial<DerivedPoint> = {}): DerivedPoint {
  return { timestampMs: START + index * STEP, engine: 'vllm', ...values };
}

/** A window whose i-th point has values[i]. */
function windowOf(values: Partial<DerivedPoint>[]): DerivedPoint[] {
  return values.map((v, i) => point(i, v));
}

function only(bottlenecks: Bottleneck[], type: BottleneckType): Bottleneck {
  const matching = bottlenecks.filter(b => b.type === type);
  expect(matching).toHaveLength(1);
  return matching[0]!;
}

describe('severityFromRatio', () => {
  it('grades how far past the threshold a value is', () => {
    expect(severityFromRatio(1.01)).toBe('LOW');
    expect(severityFromRatio(1.25)).toBe('MEDIUM');
    expect(severityFromRatio(1.5)).toBe('HIGH');
    expect(severityFromRatio(2)).toBe('CRITICAL');
    expect(severityFromRatio(Infinity)).toBe('CRITICAL');
  });
});

describe('detectBottlenecks: MEMORY_PRESSURE', () => {
  it('needs KV use above 0.9 for the minimum number of consecutive points', () => {
    expect(detectBottlenecks(windowOf([{ kvCacheUsage: 0.95 }, { kvCacheUsage: 0.95 }]))).toEqual(
      []
    );
    const found = detectBottlenecks(
      windowOf([
        { kvCacheUsage: 0.5 },
        { kvCacheUsage: 0.95 },
        { kvCacheUsage: 0.96 },
        { kvCacheUsage: 0.95 },
      ])
    );
    expect(only(found, 'MEMORY_PRESSURE')).toEqual({
      type: 'MEMORY_PRESSURE',
      severity: 'MEDIUM',
      metric: 'kvCacheUsage',
      currentValue: 0.95,
      threshold: 0.9,
      sinceMs: START + STEP,
      description: expect.stringContaining('95%'),
    });
  });

  it('is worse when the engine preempts', () => {
    const preempting = detectBottlenecks(
      windowOf([
        { kvCacheUsage: 0.95 },
        { kvCacheUsage: 0.95, preemptions: 2, preemptionsPerSecond: 0.13 },
        { kvCacheUsage: 0.95 },
      ])
    );
    expect(only(preempting, 'MEMORY_PRESSURE').severity).toBe('HIGH');
    expect(only(preempting, 'MEMORY_PRESSURE').description).toContain('preempting');
    const full = detectBottlenecks(
      windowOf([
        { kvCacheUsage: 0.99 },
        { kvCacheUsage: 0.99 },
        { kvCacheUsage: 0.99, preemptions: 1 },
      ])
    );
    expect(only(full, 'MEMORY_PRESSURE').severity).toBe('CRITICAL');
    const barely = detectBottlenecks(
      windowOf([{ kvCacheUsage: 0.91 }, { kvCacheUsage: 0.91 }, { kvCacheUsage: 0.91 }])
    );
    expect(only(barely, 'MEMORY_PRESSURE').severity).toBe('LOW');
  });

  it('reports only a run that is still going on, from its first point', () => {
    const over = { kvCacheUsage: 0.95 };
    expect(detectBottlenecks(windowOf([over, over, over, over, { kvCacheUsage: 0.5 }]))).toEqual(
      []
    );
    const found = detectBottlenecks(
      windowOf([over, over, { kvCacheUsage: 0.5 }, over, over, over])
    );
    expect(only(found, 'MEMORY_PRESSURE').sinceMs).toBe(START + 3 * STEP);
  });

  it('never treats a missing value as breaching: it breaks the run', () => {
    const over = { kvCacheUsage: 0.95 };
    expect(detectBottlenecks(windowOf([over, over, {}, over, over]))).toEqual([]);
  });

  it('orders the window by time before looking for runs', () => {
    const shuffled = [
      point(2, { kvCacheUsage: 0.95 }),
      point(0, { kvCacheUsage: 0.2 }),
      point(3, { kvCacheUsage: 0.95 }),
      point(1, { kvCacheUsage: 0.95 }),
    ];
    expect(only(detectBottlenecks(shuffled), 'MEMORY_PRESSURE').sinceMs).toBe(START + STEP);
  });
});

describe('detectBottlenecks: other types', () => {
  it('HIGH_LATENCY for TTFT p95 over 3 s and ITL p95 over 0.2 s, each reported on its own', () => {
    const found = detectBottlenecks(windowOf(Array(3).fill({ ttftP95: 4.75, itlP95: 0.25 })));
    const latency = found.filter(b => b.type === 'HIGH_LATENCY');
    expect(latency.map(b => [b.metric, b.severity, b.threshold])).toEqual([
      ['ttftP95', 'HIGH', 3],
      ['itlP95', 'MEDIUM', 0.2],
    ]);
    expect(detectBottlenecks(windowOf(Array(3).fill({ ttftP95: 3, itlP95: 0.2 })))).toEqual([]);
  });

  it('LOW_THROUGHPUT only while requests are waiting', () => {
    const found = detectBottlenecks(
      windowOf(Array(3).fill({ generationTokensPerSecond: 20, requestsWaiting: 3 }))
    );
    expect(only(found, 'LOW_THROUGHPUT')).toMatchObject({
      severity: 'CRITICAL',
      currentValue: 20,
      threshold: 50,
    });
    expect(
      detectBottlenecks(
        windowOf(Array(3).fill({ generationTokensPerSecond: 20, requestsWaiting: 0 }))
      )
    ).toEqual([]);
    expect(
      detectBottlenecks(
        windowOf(Array(3).fill({ generationTokensPerSecond: 0, requestsWaiting: 0 }))
      )
    ).toEqual([]);
    expect(detectBottlenecks(windowOf(Array(3).fill({ requestsWaiting: 3 })))).toEqual([]);
  });

  it('QUEUE_BUILDUP above 5 waiting, graded by how many', () => {
    expect(detectBottlenecks(windowOf(Array(3).fill({ requestsWaiting: 5 })))).toEqual([]);
    expect(
      only(detectBottlenecks(windowOf(Array(3).fill({ requestsWaiting: 6 }))), 'QUEUE_BUILDUP')
        .severity
    ).toBe('LOW');
    expect(
      only(detectBottlenecks(windowOf(Array(3).fill({ requestsWaiting: 12 }))), 'QUEUE_BUILDUP')
        .severity
    ).toBe('CRITICAL');
  });

  it('CACHE_INEFFICIENCY below 0.3 hit rate only with enough lookups to judge', () => {
    const found = detectBottlenecks(
      windowOf(Array(3).fill({ prefixCacheHitRate: 0.2, prefixCacheQueries: 5000 }))
    );
    expect(only(found, 'CACHE_INEFFICIENCY')).toMatchObject({
      severity: 'HIGH',
      currentValue: 0.2,
      threshold: 0.3,
    });
    expect(
      detectBottlenecks(
        windowOf(Array(3).fill({ prefixCacheHitRate: 0.2, prefixCacheQueries: 100 }))
      )
    ).toEqual([]);
    expect(detectBottlenecks(windowOf(Array(3).fill({ prefixCacheHitRate: 0.2 })))).toEqual([]);
  });

  it('uses configured thresholds and run length', () => {
    const window = windowOf([{ kvCacheUsage: 0.85 }]);
    expect(detectBottlenecks(window)).toEqual([]);
    expect(
      only(
        detectBottlenecks(window, { kvCacheUsage: 0.8, minConsecutivePoints: 1 }),
        'MEMORY_PRESSURE'
      ).threshold
    ).toBe(0.8);
  });

  it('lists the most severe bottleneck first', () => {
    const found = detectBottlenecks(windowOf(Array(3).fill({ requestsWaiting: 6, ttftP95: 10 })));
    expect(found.map(b => [b.type, b.severity])).toEqual([
      ['HIGH_LATENCY', 'CRITICAL'],
      ['QUEUE_BUILDUP', 'LOW'],
    ]);
  });

  it('finds memory pressure, latency and queueing in real vLLM scrapes', () => {
    const t0 = snapshotFromText(VLLM_V1_T0, START).snapshot;
    const t1 = snapshotFromText(VLLM_V1_T1, START + 10_000).snapshot;
    const p = derive(t0, t1);
    const window = [0, 1, 2].map(i => ({ ...p, timestampMs: START + i * STEP }));
    const types = detectBottlenecks(window).map(b => `${b.type}:${b.metric}`);
    expect(types.sort()).toEqual(
      [
        'HIGH_LATENCY:ttftP95',
        'MEMORY_PRESSURE:kvCacheUsage',
        'QUEUE_BUILDUP:requestsWaiting',
        'CACHE_INEFFICIENCY:prefixCacheHitRate',
      ].sort()
    );
  });
});

describe('detectBottlenecks properties', () => {
  const maybe = (arb: fc.Arbitrary<number>) => fc.option(arb, { nil: undefined });
  const pointValuesArb = fc.record({
    kvCacheUsage: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
    ttftP95: maybe(fc.double({ min: 0, max: 20, noNaN: true })),
    itlP95: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
    generationTokensPerSecond: maybe(fc.double({ min: 0, max: 500, noNaN: true })),
    requestsWaiting: maybe(fc.nat(30)),
    prefixCacheHitRate: maybe(fc.double({ min: 0, max: 1, noNaN: true })),
    prefixCacheQueries: maybe(fc.nat(10000)),
    preemptions: maybe(fc.nat(5)),
  });
  const windowArb = fc.array(pointValuesArb, { maxLength: 12 }).map(windowOf);

  it('reports only values past their threshold, from runs that end at the latest point', () => {
    fc.assert(
      fc.property(windowArb, fc.integer({ min: 1, max: 5 }), (window, minConsecutivePoints) => {
        const latest = window.at(-1);
        for (const b of detectBottlenecks(window, { minConsecutivePoints })) {
          expect(BottleneckSchema.safeParse(b).success).toBe(true);
          const lowerIsWorse =
            b.metric === 'generationTokensPerSecond' || b.metric === 'prefixCacheHitRate';
          expect(lowerIsWorse ? b.currentValue < b.threshold : b.currentValue > b.threshold).toBe(
            true
          );
          expect(latest![b.metric as keyof DerivedPoint]).toBe(b.currentValue);
          const runLength = window.filter(p => p.timestampMs >= b.sinceMs).length;
          expect(runLength).toBeGreaterThanOrEqual(minConsecutivePoints);
        }
      })
    );
  });

  it('finds nothing when every metric is undefined', () => {
    fc.assert(
      fc.property(fc.nat(20), n => {
        expect(detectBottlenecks(windowOf(Array(n).fill({})), { minConsecutivePoints: 1 })).toEqual(
          []
        );
      })
    );
  });

  it('never finds more with a longer required run', () => {
    fc.assert(
      fc.property(windowArb, fc.integer({ min: 1, max: 4 }), (window, n) => {
        const loose = detectBottlenecks(window, { minConsecutivePoints: n }).map(b => b.metric);
        const strict = detectBottlenecks(window, { minConsecutivePoints: n + 1 }).map(
          b => b.metric
        );
        for (const metric of strict) expect(loose).toContain(metric);
      })
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Recommendations

function bottleneck(type: BottleneckType, severity: Severity, metric = 'kvCacheUsage'): Bottleneck {
  return {
    type,
    severity,
    metric,
    currentValue: 1,
    threshold: 1,
    sinceMs: START,
    description: `${type} seen.`,
  };
}

const VLLM_SPEC: AdvisorSpec = {
  model: { id: 'meta-llama/Llama-3.1-8B-Instruct', source: 'huggingface' },
  engine: { type: 'vllm' },
  provider: { name: 'dynamo' },
  resources: { gpu: { count: 1 } },
  scaling: { replicas: 2 },
};

function byType(recommendations: ReturnType<typeof recommend>) {
  return Object.fromEntries(recommendations.map(r => [r.type, r]));
}

describe('recommend', () => {
  it('answers memory pressure with more KV-cache memory and FP8 weights', () => {
    const recs = byType(recommend([bottleneck('MEMORY_PRESSURE', 'MEDIUM')], VLLM_SPEC));
    expect(Object.keys(recs).sort()).toEqual(['KV_CACHE', 'QUANTIZATION']);
    expect(recs.KV_CACHE!.patch).toEqual({
      engine: { args: { 'gpu-memory-utilization': '0.95' } },
    });
    expect(recs.QUANTIZATION!.patch).toEqual({ engine: { args: { quantization: 'fp8' } } });
    expect(recs.QUANTIZATION!.risks.length).toBeGreaterThan(0);
    const applied = applyPatch(
      applyPatch(VLLM_SPEC, recs.KV_CACHE!.patch),
      recs.QUANTIZATION!.patch
    );
    expect(applied.engine).toEqual({
      type: 'vllm',
      args: { 'gpu-memory-utilization': '0.95', quantization: 'fp8' },
    });
    expect(applied.model).toEqual(VLLM_SPEC.model);
  });

  it('lowers the context length once the memory share is already at its target', () => {
    const spec = {
      ...VLLM_SPEC,
      engine: {
        type: 'vllm',
        contextLength: 32768,
        args: { 'gpu-memory-utilization': '0.95', quantization: 'awq' },
      },
    };
    const recs = recommend([bottleneck('MEMORY_PRESSURE', 'LOW')], spec);
    expect(recs.map(r => r.type)).toEqual(['KV_CACHE']);
    expect(recs[0]!.patch).toEqual({ engine: { contextLength: 16384 } });
  });

  it('also scales out when memory pressure has turned into preemption', () => {
    const recs = byType(recommend([bottleneck('MEMORY_PRESSURE', 'CRITICAL')], VLLM_SPEC));
    expect(recs.SCALING!.patch).toEqual({ scaling: { replicas: 4 } });
    expect(recs.SCALING!.priority).toBe('CRITICAL');
  });

  it('answers a queue with one more replica and bigger batches', () => {
    const recs = byType(
      recommend([bottleneck('QUEUE_BUILDUP', 'LOW', 'requestsWaiting')], {
        engine: { type: 'vllm' },
      })
    );
    expect(recs.SCALING!.patch).toEqual({ scaling: { replicas: 2 } });
    expect(recs.BATCHING!.patch).toEqual({
      engine: { args: { 'max-num-seqs': '512', 'max-num-batched-tokens': '16384' } },
    });
  });

  it('answers slow tokens with speculative decoding and smaller batches', () => {
    const recs = byType(recommend([bottleneck('HIGH_LATENCY', 'MEDIUM', 'itlP95')], VLLM_SPEC));
    const config = recs.SPECULATIVE_DECODING!.patch.engine!.args!['speculative-config']!;
    expect(JSON.parse(config)).toMatchObject({ method: 'ngram', num_speculative_tokens: 4 });
    expect(recs.BATCHING!.patch).toEqual({ engine: { args: { 'max-num-seqs': '128' } } });
  });

  it('lets the most severe bottleneck decide a type, never proposing opposite batch changes', () => {
    const recs = recommend(
      [
        bottleneck('HIGH_LATENCY', 'MEDIUM', 'itlP95'),
        bottleneck('QUEUE_BUILDUP', 'CRITICAL', 'requestsWaiting'),
      ],
      VLLM_SPEC
    );
    const batching = recs.filter(r => r.type === 'BATCHING');
    expect(batching).toHaveLength(1);
    expect(batching[0]!.patch.engine!.args!['max-num-seqs']).toBe('512');
    expect(batching[0]!.addresses).toEqual(['QUEUE_BUILDUP']);
    expect(recs[0]!.priority).toBe('CRITICAL');
  });

  it('credits one change to every bottleneck it answers', () => {
    const recs = recommend(
      [
        bottleneck('QUEUE_BUILDUP', 'LOW', 'requestsWaiting'),
        bottleneck('HIGH_LATENCY', 'LOW', 'ttftP95'),
      ],
      VLLM_SPEC
    );
    expect(recs.find(r => r.type === 'SCALING')!.addresses).toEqual([
      'QUEUE_BUILDUP',
      'HIGH_LATENCY',
    ]);
  });

  it('turns prefix caching back on when the spec disabled it', () => {
    const spec = { ...VLLM_SPEC, engine: { type: 'vllm', enablePrefixCaching: false } };
    const recs = recommend([bottleneck('CACHE_INEFFICIENCY', 'HIGH', 'prefixCacheHitRate')], spec);
    expect(recs.map(r => r.patch)).toEqual([{ engine: { enablePrefixCaching: true } }]);
  });

  it('uses SGLang argument names for SGLang', () => {
    const recs = byType(
      recommend([bottleneck('MEMORY_PRESSURE', 'LOW')], { engine: { type: 'sglang' } })
    );
    expect(recs.KV_CACHE!.patch).toEqual({ engine: { args: { 'mem-fraction-static': '0.92' } } });
    expect(recs.SPECULATIVE_DECODING).toBeUndefined();
  });

  it('proposes no engine arguments it cannot name', () => {
    const llamacpp = recommend(
      [
        bottleneck('MEMORY_PRESSURE', 'MEDIUM'),
        bottleneck('QUEUE_BUILDUP', 'LOW', 'requestsWaiting'),
      ],
      { engine: { type: 'llamacpp' } }
    );
    expect(llamacpp.map(r => r.type)).toEqual(['SCALING']);
    // Engine left to the controller: only the metrics can say which engine runs.
    expect(recommend([bottleneck('MEMORY_PRESSURE', 'LOW')], {})).toEqual([]);
    expect(
      recommend([bottleneck('MEMORY_PRESSURE', 'LOW')], {}, { engine: 'vllm' }).map(r => r.type)
    ).toEqual(['KV_CACHE', 'QUANTIZATION']);
  });

  it('does not propose what the spec already has', () => {
    const spec: AdvisorSpec = {
      engine: {
        type: 'vllm',
        args: {
          'gpu-memory-utilization': '0.97',
          quantization: 'fp8',
          'speculative-config': '{}',
          'max-num-seqs': '16',
        },
      },
    };
    expect(
      recommend(
        [bottleneck('MEMORY_PRESSURE', 'LOW'), bottleneck('HIGH_LATENCY', 'LOW', 'itlP95')],
        spec
      )
    ).toEqual([]);
  });

  const ALL_TYPES: BottleneckType[] = [
    'MEMORY_PRESSURE',
    'HIGH_LATENCY',
    'LOW_THROUGHPUT',
    'QUEUE_BUILDUP',
    'CACHE_INEFFICIENCY',
  ];
  const bottleneckArb = fc
    .tuple(
      fc.constantFrom(...ALL_TYPES),
      fc.constantFrom<Severity>('LOW', 'MEDIUM', 'HIGH', 'CRITICAL'),
      fc.constantFrom('ttftP95', 'itlP95', 'kvCacheUsage')
    )
    .map(([type, severity, metric]) => bottleneck(type, severity, metric));
  const specArb = fc.record(
    {
      model: fc.constant({ id: 'org/model', source: 'huggingface' }),
      engine: fc.record(
        {
          type: fc.constantFrom('vllm', 'sglang', 'llamacpp', 'trtllm'),
          contextLength: fc.integer({ min: 1024, max: 131072 }),
          enablePrefixCaching: fc.boolean(),
          args: fc.dictionary(
            fc.constantFrom(
              'gpu-memory-utilization',
              'quantization',
              'max-num-seqs',
              'max-num-batched-tokens',
              'mem-fraction-static'
            ),
            fc.constantFrom('0.8', '0.95', '64', '4096', 'awq', 'not-a-number')
          ),
        },
        { requiredKeys: [] }
      ),
      scaling: fc.record({ replicas: fc.integer({ min: 0, max: 8 }) }, { requiredKeys: [] }),
    },
    { requiredKeys: ['model'] }
  );

  it('only proposes valid, effective patches that never touch identity fields', () => {
    fc.assert(
      fc.property(fc.array(bottleneckArb, { maxLength: 6 }), specArb, (bottlenecks, spec) => {
        const recs = recommend(bottlenecks, spec);
        expect(new Set(recs.map(r => r.type)).size).toBe(recs.length);
        for (const rec of recs) {
          expect(RecommendationSchema.safeParse(rec).success).toBe(true);
          expect(rec.changesIdentityField).toBe(false);
          expect(rec.risks.length).toBeGreaterThan(0);
          const after = applyPatch(spec, rec.patch);
          expect(AdvisorSpecSchema.safeParse(after).success).toBe(true);
          const changes = diffSpec(spec, after);
          expect(changes.length).toBeGreaterThan(0);
          for (const c of changes) expect(IDENTITY_PATHS).not.toContain(c.path);
          for (const type of rec.addresses)
            expect(bottlenecks.some(b => b.type === type)).toBe(true);
        }
      })
    );
  });
});

describe('applyPatch', () => {
  it('deep-merges objects, replaces arrays and scalars, ignores undefined, removes on null', () => {
    const spec = {
      engine: { type: 'vllm', args: { a: '1' }, extraArgs: ['--x'] },
      scaling: { replicas: 1 },
      env: [{ name: 'A' }],
    };
    const patch = {
      engine: { args: { b: '2' }, extraArgs: ['--y'] },
      scaling: { replicas: undefined },
      env: null,
    };
    expect(applyPatch(spec, patch)).toEqual({
      engine: { type: 'vllm', args: { a: '1', b: '2' }, extraArgs: ['--y'] },
      scaling: { replicas: 1 },
    });
  });

  it('modifies neither argument and shares no objects with them', () => {
    const spec = { engine: { args: { a: '1' } }, tolerations: [{ key: 'gpu' }] };
    const patch = { engine: { args: { b: '2' } }, nodeSelector: { pool: 'gpu' } };
    const specCopy = structuredClone(spec);
    const patchCopy = structuredClone(patch);
    const result = applyPatch(spec, patch);
    expect(spec).toEqual(specCopy);
    expect(patch).toEqual(patchCopy);
    result.tolerations[0]!.key = 'changed';
    (result as unknown as { nodeSelector: { pool: string } }).nodeSelector.pool = 'changed';
    expect(spec.tolerations[0]!.key).toBe('gpu');
    expect(patch.nodeSelector.pool).toBe('gpu');
  });

  it('keeps a __proto__ key as data', () => {
    const patch = JSON.parse('{"engine":{"args":{"__proto__":"x"}}}') as Record<string, unknown>;
    const result = applyPatch({ engine: { args: {} } }, patch) as {
      engine: { args: Record<string, string> };
    };
    expect(Object.getPrototypeOf(result.engine.args)).toBe(Object.prototype);
    expect(Object.keys(result.engine.args)).toEqual(['__proto__']);
  });

  const jsonArb = fc.jsonValue({ maxDepth: 3 });
  const objectArb = fc.dictionary(
    fc.constantFrom('engine', 'scaling', 'args', 'replicas', 'model', 'x'),
    jsonArb,
    { maxKeys: 4 }
  );

  it('an empty patch changes nothing, and the diff names only patched paths', () => {
    fc.assert(
      fc.property(objectArb, objectArb, (spec, patch) => {
        expect(applyPatch(spec, {})).toEqual(spec);
        expect(diffSpec(spec, applyPatch(spec, {}))).toEqual([]);
        const after = applyPatch(spec, patch);
        for (const change of diffSpec(spec, after)) {
          expect(Object.prototype.hasOwnProperty.call(patch, change.segments[0]!)).toBe(true);
        }
      })
    );
  });
});

describe('diffSpec', () => {
  it('lists changed, added and removed leaves with old and new values', () => {
    const before = {
      engine: { type: 'vllm', args: { 'gpu-memory-utilization': '0.9', seed: '1' } },
      scaling: { replicas: 1 },
    };
    const after = {
      engine: { type: 'vllm', args: { 'gpu-memory-utilization': '0.95' }, contextLength: 8192 },
      scaling: { replicas: 1 },
      resources: { gpu: { count: 2 } },
    };
    expect(diffSpec(before, after)).toEqual([
      {
        path: 'engine.args.gpu-memory-utilization',
        segments: ['engine', 'args', 'gpu-memory-utilization'],
        before: '0.9',
        after: '0.95',
      },
      {
        path: 'engine.args.seed',
        segments: ['engine', 'args', 'seed'],
        before: '1',
        after: undefined,
      },
      {
        path: 'engine.contextLength',
        segments: ['engine', 'contextLength'],
        before: undefined,
        after: 8192,
      },
      {
        path: 'resources.gpu.count',
        segments: ['resources', 'gpu', 'count'],
        before: undefined,
        after: 2,
      },
    ]);
  });

  it('compares arrays as a whole and reports nothing for equal specs', () => {
    expect(diffSpec({ extraArgs: ['--a', '--b'] }, { extraArgs: ['--a', '--c'] })).toEqual([
      { path: 'extraArgs', segments: ['extraArgs'], before: ['--a', '--b'], after: ['--a', '--c'] },
    ]);
    const spec = { engine: { args: { a: '1' } }, list: [1, { b: 2 }] };
    expect(diffSpec(spec, structuredClone(spec))).toEqual([]);
  });

  it('keeps keys that contain dots apart in segments', () => {
    const [change] = diffSpec(
      { podTemplate: { metadata: { annotations: {} } } },
      { podTemplate: { metadata: { annotations: { 'example.com/x': 'y' } } } }
    );
    expect(change!.segments).toEqual(['podTemplate', 'metadata', 'annotations', 'example.com/x']);
  });

  it('reports a value replaced by an object, and the reverse, as one change', () => {
    expect(diffSpec({ a: 1 }, { a: { b: 2 } })).toEqual([
      { path: 'a', segments: ['a'], before: 1, after: { b: 2 } },
    ]);
    expect(diffSpec({ a: { b: 2 } }, { a: 'x' })).toEqual([
      { path: 'a', segments: ['a'], before: { b: 2 }, after: 'x' },
    ]);
  });

  it('is the identity on equal inputs and only reports real differences', () => {
    const jsonObject = fc.dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 4,
    });
    fc.assert(
      fc.property(jsonObject, jsonObject, (a, b) => {
        expect(diffSpec(a, structuredClone(a))).toEqual([]);
        for (const change of diffSpec(a, b)) expect(change.before).not.toEqual(change.after);
      })
    );
  });

  it('exports defaults matching the documented thresholds', () => {
    expect(DEFAULT_THRESHOLDS).toMatchObject({
      kvCacheUsage: 0.9,
      ttftP95Seconds: 3,
      itlP95Seconds: 0.2,
      queueWaiting: 5,
      prefixCacheHitRate: 0.3,
    });
  });
});
