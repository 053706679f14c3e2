/**
 * NVIDIA AI Configurator: the `aiconfigurator` CLI when it is on PATH (status cached 5 minutes), run with
 * an argument array (never a shell) in a temporary directory that is always removed; otherwise, or when
 * the CLI fails, the built-in estimate from shared-client's fit logic (memory fit, tensor-parallel degree,
 * max model length), with a warning that says so.
 */
import type { NodeGpuCapacity } from '@airunway/shared-client/capacity';
import { findCatalogModel } from '@airunway/shared-client/catalog';
import {
  assessModelFit,
  HEURISTIC_KV_BYTES_PER_TOKEN_PER_SQRT_BILLION,
  kvCacheBytesPerToken,
  type ModelArchitecture,
  parameterCountFromName,
} from '@airunway/shared-client/fit';
import { gpuMemoryFromProduct, gpuModelInfo, normalizeGpuModel } from '@airunway/shared-client/gpu';
import {
  type AiConfiguratorAnalyzeRequest,
  type AiConfiguratorAnalyzeResponse,
  AiConfiguratorBackendSchema,
  AiConfiguratorConfigSchema,
  type AiConfiguratorNormalizeGpuResponse,
  type AiConfiguratorStatusResponse,
} from '@airunway/shared-client/schemas/proxy';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { z } from 'zod';
import { run } from '../spawn';

export const STATUS_CACHE_MS = 5 * 60 * 1000;
const GPU_MEMORY_UTILIZATION = 0.9;
const DEFAULT_CONTEXT = 32_768;

export interface ModelFacts {
  parameters?: number | undefined;
  dtype?: string | undefined;
  contextLength?: number | undefined;
  architecture?: ModelArchitecture | undefined;
}

export interface AiConfiguratorOptions {
  bin: string;
  timeoutMs: number;
  /** Parent of the per-run temporary directories (default: the OS temp dir). */
  tmpRoot?: string;
  /** Parameter count etc. for models outside the curated catalog (the HuggingFace Hub). */
  lookupModel?: (modelId: string, hfToken: string | undefined) => Promise<ModelFacts | undefined>;
  hfEndpoint?: string;
  logger?: Logger;
  now?: () => number;
}

/** AI Configurator's `--system` names. */
export function aiConfiguratorSystem(gpu: string): string {
  const model = normalizeGpuModel(gpu);
  switch (model) {
    case 'H100-SXM':
    case 'H100-NVL':
    case 'H100-PCIe':
      return 'h100_sxm';
    case 'H200':
      return 'h200_sxm';
    case 'A100-80GB':
    case 'A100-40GB':
      return 'a100_sxm';
    case 'B200':
      return 'b200_sxm';
    case 'GB200':
      return 'gb200_sxm';
    case 'L40S':
      return 'l40s';
    case undefined:
      return gpu.toLowerCase().replace(/[^a-z0-9]+/g, '_');
    default:
      return model.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  }
}

/** What the CLI prints on stdout that the proxy reads: one JSON object with the recommended config. */
const CliOutputSchema = z.object({
  config: AiConfiguratorConfigSchema,
  mode: z.enum(['aggregated', 'disaggregated']).default('aggregated'),
  replicas: z.number().int().min(0).optional(),
  backend: AiConfiguratorBackendSchema.optional(),
  estimatedPerformance: z
    .object({
      throughputTokensPerSec: z.number().min(0),
      latencyP50Ms: z.number().min(0),
      latencyP99Ms: z.number().min(0),
      gpuUtilization: z.number().min(0).max(1),
    })
    .optional(),
});

function lastJsonObject(text: string): unknown {
  const lines = text.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]?.trim();
    if (!line?.startsWith('{')) continue;
    try {
      return JSON.parse(lines.slice(i).join('\n'));
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

export class AiConfiguratorService {
  private status: { value: AiConfiguratorStatusResponse; at: number } | undefined;

  constructor(private readonly opts: AiConfiguratorOptions) {}

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
    for (const [k, v] of Object.entries(extra)) if (v) env[k] = v;
    return env;
  }

  async getStatus(): Promise<AiConfiguratorStatusResponse> {
    if (this.status && this.now() - this.status.at < STATUS_CACHE_MS) return this.status.value;
    const r = await run(this.opts.bin, ['--version'], {
      env: this.childEnv({ HOME: tmpdir() }),
      timeoutMs: 10_000,
    });
    let value: AiConfiguratorStatusResponse;
    if (r.spawnError === 'ENOENT' || r.spawnError === 'EACCES') {
      value = {
        available: false,
        error: 'AI Configurator CLI not found',
        runningInCluster: Boolean(process.env.KUBERNETES_SERVICE_HOST),
      };
    } else if (r.spawnError || r.code !== 0) {
      value = {
        available: false,
        error: 'AI Configurator CLI did not run',
        runningInCluster: Boolean(process.env.KUBERNETES_SERVICE_HOST),
      };
    } else {
      const version = /\d+\.\d+(\.\d+)?([a-z0-9.+-]*)?/i.exec(`${r.stdout} ${r.stderr}`)?.[0];
      value = {
        available: true,
        ...(version ? { version } : {}),
        runningInCluster: Boolean(process.env.KUBERNETES_SERVICE_HOST),
      };
    }
    this.status = { value, at: this.now() };
    return value;
  }

  normalizeGpu(gpuProduct: string): AiConfiguratorNormalizeGpuResponse {
    return { gpuProduct, normalized: aiConfiguratorSystem(gpuProduct) };
  }

  async analyze(
    request: AiConfiguratorAnalyzeRequest,
    hfToken?: string
  ): Promise<AiConfiguratorAnalyzeResponse> {
    const status = await this.getStatus();
    const warnings: string[] = [];
    if (status.available) {
      const fromCli = await this.runCli(request, hfToken, warnings);
      if (fromCli) return fromCli;
    } else {
      warnings.push(
        'AI Configurator is not installed where the proxy runs; this is the built-in estimate from model size and GPU memory.'
      );
    }
    return this.builtin(request, hfToken, warnings);
  }

  private async runCli(
    request: AiConfiguratorAnalyzeRequest,
    hfToken: string | undefined,
    warnings: string[]
  ): Promise<AiConfiguratorAnalyzeResponse | undefined> {
    const dir = await mkdtemp(join(this.opts.tmpRoot ?? tmpdir(), 'airunway-aiconf-'));
    try {
      const args = [
        'cli',
        'default',
        '--model_path',
        request.modelId,
        '--total_gpus',
        String(request.gpuCount),
        '--system',
        aiConfiguratorSystem(request.gpuType),
        '--save_dir',
        dir,
      ];
      if (request.optimizeFor) args.push('--optimize_for', request.optimizeFor);
      if (request.maxLatencyMs !== undefined)
        args.push('--ttft', String(Math.round(request.maxLatencyMs)));
      const r = await run(this.opts.bin, args, {
        cwd: dir,
        env: this.childEnv({ HOME: dir, HF_TOKEN: hfToken, HF_ENDPOINT: this.opts.hfEndpoint }),
        timeoutMs: this.opts.timeoutMs,
      });
      if (r.spawnError || r.code !== 0) {
        this.opts.logger?.warn(
          { exitCode: r.code, error: r.spawnError },
          'aiconfigurator failed; using the built-in estimate'
        );
        warnings.push(
          r.spawnError === 'timeout'
            ? `AI Configurator did not finish within ${Math.round(
                this.opts.timeoutMs / 1000
              )} s; this is the built-in estimate.`
            : 'AI Configurator could not analyse this model and GPU; this is the built-in estimate.'
        );
        return undefined;
      }
      const parsed = CliOutputSchema.safeParse(lastJsonObject(r.stdout));
      if (!parsed.success) {
        warnings.push('AI Configurator output could not be read; this is the built-in estimate.');
        return undefined;
      }
      const out = parsed.data;
      const tp = out.config.tensorParallelDegree;
      return {
        success: true,
        config: out.config,
        mode: out.mode,
        replicas: out.replicas ?? Math.max(1, Math.floor(request.gpuCount / tp)),
        ...(out.backend ? { backend: out.backend } : {}),
        ...(out.estimatedPerformance ? { estimatedPerformance: out.estimatedPerformance } : {}),
        supportedBackends: ['vllm', 'sglang', 'trtllm'],
        ...(warnings.length ? { warnings } : {}),
        source: 'aiconfigurator',
      };
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private async facts(
    modelId: string,
    hfToken: string | undefined,
    warnings: string[]
  ): Promise<ModelFacts> {
    const curated = findCatalogModel(modelId);
    if (curated) {
      return {
        parameters: curated.parameters,
        dtype: curated.dtype,
        contextLength: curated.contextLength,
        architecture: curated.architecture,
      };
    }
    if (this.opts.lookupModel) {
      try {
        const found = await this.opts.lookupModel(modelId, hfToken);
        if (found?.parameters) return found;
      } catch {
        warnings.push(
          'The model details could not be read from the HuggingFace Hub; the size is guessed from the model name.'
        );
      }
    }
    return { parameters: parameterCountFromName(modelId) };
  }

  /** The built-in estimate: fit.ts's memory fit and tensor-parallel degree, and the context the KV cache allows. */
  async builtin(
    request: AiConfiguratorAnalyzeRequest,
    hfToken: string | undefined,
    warnings: string[]
  ): Promise<AiConfiguratorAnalyzeResponse> {
    const facts = await this.facts(request.modelId, hfToken, warnings);
    let gpuMemoryGb =
      gpuModelInfo(request.gpuType)?.memoryGb ?? gpuMemoryFromProduct(request.gpuType);
    if (gpuMemoryGb === undefined) {
      gpuMemoryGb = 80;
      warnings.push(`GPU type "${request.gpuType}" is not known; assumed 80 GB per GPU.`);
    }
    if (!facts.parameters) {
      warnings.push(`The size of ${request.modelId} is unknown; these are default settings.`);
      return {
        success: true,
        config: {
          tensorParallelDegree: 1,
          maxBatchSize: 64,
          maxNumSeqs: 64,
          gpuMemoryUtilization: GPU_MEMORY_UTILIZATION,
          maxModelLen: 4096,
        },
        mode: 'aggregated',
        replicas: request.gpuCount,
        warnings,
        supportedBackends: ['vllm', 'sglang', 'trtllm'],
        source: 'defaults',
      };
    }
    const node: NodeGpuCapacity = {
      nodeName: 'requested',
      totalGpus: request.gpuCount,
      allocatedGpus: 0,
      availableGpus: request.gpuCount,
      ready: true,
      schedulable: true,
      gpuMemoryGb: gpuMemoryGb * GPU_MEMORY_UTILIZATION,
      memoryRequestedGb: 0,
    };
    const fit = assessModelFit(
      { parameters: facts.parameters, ...(facts.dtype ? { dtype: facts.dtype } : {}) },
      { nodes: [node] },
      { maxTensorParallel: Math.max(8, request.gpuCount) }
    );
    const fits = fit.verdict !== 'does-not-fit';
    const tp = fits ? fit.tensorParallel : largestPowerOfTwoAtMost(request.gpuCount);
    const replicas = Math.max(fits ? 1 : 0, Math.floor(request.gpuCount / tp));

    // KV-cache room per replica → the longest context one sequence can hold.
    const budgetBytes = (tp * gpuMemoryGb * GPU_MEMORY_UTILIZATION - fit.estimate.totalGb) * 1e9;
    // vLLM keeps the KV cache at 16 bits unless told otherwise, whatever the weights' precision.
    const kvElement = 2;
    const perToken = facts.architecture
      ? kvCacheBytesPerToken(facts.architecture, kvElement)
      : HEURISTIC_KV_BYTES_PER_TOKEN_PER_SQRT_BILLION * Math.sqrt(facts.parameters / 1e9);
    const tokens = budgetBytes > 0 ? Math.floor(budgetBytes / perToken) : 0;
    const context = facts.contextLength ?? DEFAULT_CONTEXT;
    let maxModelLen = Math.min(context, tokens >= 1024 ? Math.floor(tokens / 1024) * 1024 : tokens);
    if (maxModelLen < 1) maxModelLen = 1;
    if (maxModelLen < context) {
      warnings.push(
        `The KV cache leaves room for ${maxModelLen} tokens per sequence; the model supports ${context}.`
      );
    }
    const perSequence = Math.min(maxModelLen, 2048);
    const maxBatch = Math.max(1, Math.min(256, Math.floor(tokens / Math.max(1, perSequence))));
    const response: AiConfiguratorAnalyzeResponse = {
      success: fits,
      config: {
        tensorParallelDegree: tp,
        maxBatchSize: maxBatch,
        maxNumSeqs: maxBatch,
        gpuMemoryUtilization: GPU_MEMORY_UTILIZATION,
        maxModelLen,
        quantization: 'auto',
      },
      mode: 'aggregated',
      replicas,
      warnings,
      supportedBackends: ['vllm', 'sglang', 'trtllm'],
      backend: 'vllm',
      source: 'builtin',
    };
    if (!fits) response.error = fit.reason;
    return response;
  }
}

function largestPowerOfTwoAtMost(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}
