/// <reference types="node" />
/**
 * Throughput of our Prometheus text parser against the npm package `parse-prometheus-text-format`
 * on a realistic vLLM V1 scrape (~200 KB: several served models, every histogram with its buckets).
 *
 *   node --import tsx shared-client/bench/prometheus.bench.ts
 *
 * Prints one JSON line: {"parserMBps":…,"libraryMBps":…,"ratio":…,"inputBytes":…}.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { parsePrometheusText } from '../src/prometheus/parse';

const require = createRequire(import.meta.url);
const parseWithLibrary = require('parse-prometheus-text-format') as (text: string) => unknown[];

const TARGET_BYTES = 200_000;
const WARMUP_ITERATIONS = 20;
const MAX_ITERATIONS = 400;
const TIME_BUDGET_MS = 4_000;

// Bucket layouts as vLLM V1 declares them.
const TTFT_BUCKETS = [
  0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0,
  40.0, 80.0, 160.0, 640.0, 2560.0,
];
const ITL_BUCKETS = [
  0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0,
  40.0, 80.0,
];
const REQUEST_LATENCY_BUCKETS = [
  0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0,
  480.0, 960.0, 1920.0, 7680.0,
];
const TOKEN_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 32768];
const ITERATION_TOKEN_BUCKETS = [1, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384];
const PARAMS_N_BUCKETS = [1, 2, 5, 10, 20];

const HISTOGRAMS: { name: string; help: string; buckets: number[]; scale: number }[] = [
  {
    name: 'vllm:time_to_first_token_seconds',
    help: 'Histogram of time to first token in seconds.',
    buckets: TTFT_BUCKETS,
    scale: 0.4,
  },
  {
    name: 'vllm:time_per_output_token_seconds',
    help: 'Histogram of time per output token in seconds.DEPRECATED: Use vllm:inter_token_latency_seconds instead.',
    buckets: ITL_BUCKETS,
    scale: 0.03,
  },
  {
    name: 'vllm:inter_token_latency_seconds',
    help: 'Histogram of inter-token latency in seconds.',
    buckets: ITL_BUCKETS,
    scale: 0.03,
  },
  {
    name: 'vllm:request_time_per_output_token_seconds',
    help: 'Histogram of time_per_output_token_seconds per request.',
    buckets: ITL_BUCKETS,
    scale: 0.03,
  },
  {
    name: 'vllm:e2e_request_latency_seconds',
    help: 'Histogram of e2e request latency in seconds.',
    buckets: REQUEST_LATENCY_BUCKETS,
    scale: 6,
  },
  {
    name: 'vllm:request_queue_time_seconds',
    help: 'Histogram of time spent in WAITING phase for request.',
    buckets: REQUEST_LATENCY_BUCKETS,
    scale: 0.5,
  },
  {
    name: 'vllm:request_inference_time_seconds',
    help: 'Histogram of time spent in RUNNING phase for request.',
    buckets: REQUEST_LATENCY_BUCKETS,
    scale: 5,
  },
  {
    name: 'vllm:request_prefill_time_seconds',
    help: 'Histogram of time spent in PREFILL phase for request.',
    buckets: REQUEST_LATENCY_BUCKETS,
    scale: 0.3,
  },
  {
    name: 'vllm:request_decode_time_seconds',
    help: 'Histogram of time spent in DECODE phase for request.',
    buckets: REQUEST_LATENCY_BUCKETS,
    scale: 4.5,
  },
  {
    name: 'vllm:request_prompt_tokens',
    help: 'Number of prefill tokens processed.',
    buckets: TOKEN_BUCKETS,
    scale: 900,
  },
  {
    name: 'vllm:request_generation_tokens',
    help: 'Number of generation tokens processed.',
    buckets: TOKEN_BUCKETS,
    scale: 250,
  },
  {
    name: 'vllm:iteration_tokens_total',
    help: 'Histogram of number of tokens per engine_step.',
    buckets: ITERATION_TOKEN_BUCKETS,
    scale: 300,
  },
  {
    name: 'vllm:request_max_num_generation_tokens',
    help: 'Histogram of maximum number of requested generation tokens.',
    buckets: TOKEN_BUCKETS,
    scale: 2000,
  },
  {
    name: 'vllm:request_params_n',
    help: 'Histogram of the n request parameter.',
    buckets: PARAMS_N_BUCKETS,
    scale: 1,
  },
  {
    name: 'vllm:request_params_max_tokens',
    help: 'Histogram of the max_tokens request parameter.',
    buckets: TOKEN_BUCKETS,
    scale: 2000,
  },
];

/** Formats a float the way Python's prometheus_client does (`1.0`, `2.5e+06`, `+Inf`). */
function goFloat(value: number): string {
  if (value === Infinity) return '+Inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16)
    return value >= 1e6 ? pyExp(value) : `${value}.0`;
  return String(value);
}

function pyExp(value: number): string {
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const exp = Number(exponent);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Deterministic pseudo-random numbers so every run parses the same bytes. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateVllmScrape(modelCount: number): string {
  const random = mulberry32(42);
  const models = Array.from({ length: modelCount }, (_, i) =>
    i === 0 ? 'meta-llama/Llama-3.1-8B-Instruct' : `meta-llama/Llama-3.1-8B-Instruct-lora-${i}`
  );
  const labelSets = models.map(model => `engine="0",model_name="${model}"`);
  const lines: string[] = [];
  const created = 1.7373e9 + 0.123456;

  for (const gen of [0, 1, 2]) {
    if (gen === 0) {
      lines.push('# HELP python_gc_objects_collected_total Objects collected during gc');
      lines.push('# TYPE python_gc_objects_collected_total counter');
    }
    lines.push(
      `python_gc_objects_collected_total{generation="${gen}"} ${goFloat(
        Math.round(random() * 20000)
      )}`
    );
  }
  lines.push('# HELP process_resident_memory_bytes Resident memory size in bytes.');
  lines.push('# TYPE process_resident_memory_bytes gauge');
  lines.push(`process_resident_memory_bytes ${pyExp(5.123456789e9)}`);

  const gauge = (name: string, help: string, value: () => number): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const labels of labelSets) lines.push(`${name}{${labels}} ${goFloat(value())}`);
  };
  const counter = (name: string, help: string, value: () => number): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
    for (const labels of labelSets) lines.push(`${name}{${labels}} ${goFloat(value())}`);
    const base = name.replace(/_total$/, '');
    lines.push(`# HELP ${base}_created ${help}`, `# TYPE ${base}_created gauge`);
    for (const labels of labelSets) lines.push(`${base}_created{${labels}} ${goFloat(created)}`);
  };

  gauge('vllm:num_requests_running', 'Number of requests in model execution batches.', () =>
    Math.floor(random() * 64)
  );
  gauge('vllm:num_requests_waiting', 'Number of requests waiting to be processed.', () =>
    Math.floor(random() * 8)
  );
  gauge(
    'vllm:kv_cache_usage_perc',
    'KV-cache usage. 1 means 100 percent usage.',
    () => Math.round(random() * 1e6) / 1e6
  );
  counter(
    'vllm:prefix_cache_queries_total',
    'Prefix cache queries, in terms of number of queried tokens.',
    () => Math.floor(random() * 1e8)
  );
  counter(
    'vllm:prefix_cache_hits_total',
    'Prefix cache hits, in terms of number of cached tokens.',
    () => Math.floor(random() * 5e7)
  );
  counter('vllm:num_preemptions_total', 'Cumulative number of preemption from the engine.', () =>
    Math.floor(random() * 100)
  );
  counter('vllm:prompt_tokens_total', 'Number of prefill tokens processed.', () =>
    Math.floor(random() * 1e9)
  );
  counter('vllm:generation_tokens_total', 'Number of generation tokens processed.', () =>
    Math.floor(random() * 1e8)
  );

  lines.push('# HELP vllm:request_success_total Count of successfully processed requests.');
  lines.push('# TYPE vllm:request_success_total counter');
  for (const model of models) {
    for (const reason of ['stop', 'length', 'abort', 'error']) {
      lines.push(
        `vllm:request_success_total{engine="0",finished_reason="${reason}",model_name="${model}"} ${goFloat(
          Math.floor(random() * 1e5)
        )}`
      );
    }
  }

  for (const histogram of HISTOGRAMS) {
    lines.push(`# HELP ${histogram.name} ${histogram.help}`, `# TYPE ${histogram.name} histogram`);
    for (const labels of labelSets) {
      let cumulative = 0;
      let sum = 0;
      for (const bound of [...histogram.buckets, Infinity]) {
        const added = Math.floor(
          random() * 5000 * Math.exp(-Math.abs(Math.log(bound / histogram.scale)))
        );
        cumulative += added;
        sum += added * Math.min(bound, histogram.scale * 3);
        lines.push(
          `${histogram.name}_bucket{${labels},le="${goFloat(bound)}"} ${goFloat(cumulative)}`
        );
      }
      lines.push(`${histogram.name}_count{${labels}} ${goFloat(cumulative)}`);
      lines.push(`${histogram.name}_sum{${labels}} ${String(sum + random())}`);
    }
    lines.push(
      `# HELP ${histogram.name}_created ${histogram.help}`,
      `# TYPE ${histogram.name}_created gauge`
    );
    for (const labels of labelSets)
      lines.push(`${histogram.name}_created{${labels}} ${goFloat(created)}`);
  }

  lines.push('# HELP vllm:cache_config_info Information of the LLMEngine CacheConfig');
  lines.push('# TYPE vllm:cache_config_info gauge');
  lines.push(
    'vllm:cache_config_info{block_size="16",cache_dtype="auto",calculate_kv_scales="False",cpu_offload_gb="0",enable_prefix_caching="True",engine="0",gpu_memory_utilization="0.9",is_attention_free="False",num_cpu_blocks="None",num_gpu_blocks="27343",num_gpu_blocks_override="None",prefix_caching_hash_algo="builtin",sliding_window="None",swap_space="4",swap_space_bytes="4294967296"} 1.0'
  );
  return lines.join('\n') + '\n';
}

function buildInput(): string {
  let models = 1;
  let text = generateVllmScrape(models);
  while (text.length < TARGET_BYTES) text = generateVllmScrape(++models);
  return text;
}

function measure(
  parsers: { name: string; run: (text: string) => unknown }[],
  text: string
): Map<string, number> {
  for (const parser of parsers) for (let i = 0; i < WARMUP_ITERATIONS; i++) parser.run(text);
  const elapsed = new Map(parsers.map(p => [p.name, 0]));
  const deadline = performance.now() + TIME_BUDGET_MS;
  let iterations = 0;
  // Interleaved so that drift from other load on the machine hits both parsers alike.
  while (iterations < MAX_ITERATIONS && performance.now() < deadline) {
    for (const parser of parsers) {
      const start = performance.now();
      parser.run(text);
      elapsed.set(parser.name, elapsed.get(parser.name)! + performance.now() - start);
    }
    iterations++;
  }
  const mbps = new Map<string, number>();
  for (const [name, ms] of elapsed) mbps.set(name, (text.length * iterations) / 1e6 / (ms / 1000));
  return mbps;
}

function main(): void {
  const text = buildInput();
  const ours = parsePrometheusText(text);
  if (ours.errors.length > 0)
    throw new Error(`generated scrape does not parse cleanly: ${JSON.stringify(ours.errors[0])}`);
  const inputBytes = Buffer.byteLength(text, 'utf8');
  const result = measure(
    [
      { name: 'parser', run: parsePrometheusText },
      { name: 'library', run: parseWithLibrary },
    ],
    text
  );
  const parserMBps = result.get('parser')!;
  const libraryMBps = result.get('library')!;
  const round = (n: number): number => Math.round(n * 100) / 100;
  console.log(
    JSON.stringify({
      parserMBps: round(parserMBps),
      libraryMBps: round(libraryMBps),
      ratio: round(parserMBps / libraryMBps),
      inputBytes,
    })
  );
}

main();
