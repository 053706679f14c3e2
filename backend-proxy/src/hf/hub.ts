/**
 * HuggingFace Hub: model search (text-generation only, incompatible architectures filtered out, parameter
 * count from safetensors metadata, GPU memory estimate, gated flag), model details, GGUF file listing.
 *
 * The base URL comes from configuration (`HF_ENDPOINT`, like huggingface_hub); model ids are validated
 * before they reach a path. A caller's token (from `X-HF-Token`) is forwarded as a bearer token on that
 * one request and never cached, logged or stored: searches made with a token bypass the cache, since
 * their results may include private models.
 */
import { findCatalogModel } from '@airunway/shared-client/catalog';
import {
  dominantSafetensorsDtype,
  estimateServingMemory,
  ggufQuantizationFromText,
  parameterCountFromName,
  parameterCountFromSafetensors,
} from '@airunway/shared-client/fit';
import { isGgufFilename } from '@airunway/shared-client/schemas/identifiers';
import {
  type GgufFilesResponse,
  type HfModelInfoResponse,
  type HfModelSearchResult,
  type ModelSearchResponse,
  ModelSearchResponseSchema,
} from '@airunway/shared-client/schemas/proxy';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ProxyError } from '../errors';
import { type FetchLike, fetchUpstream, upstreamUrl } from '../upstream';
import { ValidatedJson } from '../validatedJson';
import { engineCompatibility } from './compat';

export const HF_SERVICE = 'the HuggingFace Hub';

const SafetensorsWire = z
  .object({
    parameters: z.record(z.string(), z.number().nonnegative()).nullish(),
    total: z.number().nonnegative().nullish(),
  })
  .nullish();

/** The fields of `/api/models` and `/api/models/{id}` the proxy reads. */
export const HfModelWireSchema = z.object({
  id: z.string().min(1),
  modelId: z.string().nullish(),
  author: z.string().nullish(),
  pipeline_tag: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  downloads: z.number().nullish(),
  likes: z.number().nullish(),
  gated: z.union([z.boolean(), z.string()]).nullish(),
  library_name: z.string().nullish(),
  lastModified: z.string().nullish(),
  safetensors: SafetensorsWire,
  config: z
    .object({ architectures: z.array(z.string()).nullish(), model_type: z.string().nullish() })
    .nullish(),
  cardData: z.object({ license: z.union([z.string(), z.array(z.string())]).nullish() }).nullish(),
});
export type HfModelWire = z.infer<typeof HfModelWireSchema>;

export const HfTreeEntrySchema = z.object({
  type: z.string(),
  path: z.string(),
  size: z.number().nonnegative().nullish(),
  lfs: z.object({ size: z.number().nonnegative().nullish() }).nullish(),
});

export interface HfHubOptions {
  endpoint: string;
  timeoutMs: number;
  retries?: number;
  backoffMs?: number;
  searchCacheTtlMs?: number;
  searchCacheMax?: number;
  fetch?: FetchLike;
}

export interface SearchParams {
  q: string;
  limit?: number | undefined;
  offset?: number | undefined;
}

const SEARCH_EXPAND = [
  'pipeline_tag',
  'tags',
  'downloads',
  'likes',
  'gated',
  'library_name',
  'safetensors',
  'config',
  'author',
];

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A wire model as the proxy's search result. */
export function toSearchResult(m: HfModelWire): HfModelSearchResult {
  const id = m.id;
  const tags = m.tags ?? [];
  const compat = engineCompatibility(m.config?.architectures ?? undefined, tags);
  const isGguf = compat.supportedEngines.includes('llamacpp');
  const parameters =
    parameterCountFromSafetensors({
      ...(m.safetensors?.total !== undefined && m.safetensors.total !== null
        ? { total: m.safetensors.total }
        : {}),
      ...(m.safetensors?.parameters ? { parameters: m.safetensors.parameters } : {}),
    }) ?? parameterCountFromName(id);
  const dtype = isGguf
    ? ggufQuantizationFromText(id) ?? 'Q4_K_M'
    : dominantSafetensorsDtype(
        m.safetensors?.parameters ? { parameters: m.safetensors.parameters } : undefined
      );
  const memoryGb = parameters
    ? estimateServingMemory({ parameters, ...(dtype ? { dtype } : {}) }).totalGb
    : undefined;
  const slash = id.indexOf('/');
  const result: HfModelSearchResult = {
    id,
    name: slash >= 0 ? id.slice(slash + 1) : id,
    author: m.author ?? (slash >= 0 ? id.slice(0, slash) : ''),
    downloads: Math.max(0, m.downloads ?? 0),
    likes: Math.max(0, m.likes ?? 0),
    pipelineTag: m.pipeline_tag ?? '',
    // `gated` is false, "auto" or "manual" on the Hub.
    gated: m.gated !== undefined && m.gated !== null && m.gated !== false && m.gated !== 'false',
    supportedEngines: compat.supportedEngines,
    compatible: compat.compatible,
  };
  if (m.library_name) result.libraryName = m.library_name;
  if (m.config?.architectures?.length) result.architectures = m.config.architectures;
  if (parameters) result.parameterCount = parameters;
  if (memoryGb !== undefined) {
    result.estimatedGpuMemoryGb = round1(memoryGb);
    result.estimatedGpuMemory = `${round1(memoryGb)}GB`;
  }
  if (compat.reason) result.incompatibilityReason = compat.reason;
  return result;
}

/** One page of search results, validated and serialised once when it was produced (and cached). */
export interface SearchPage {
  response: ModelSearchResponse;
  json: ValidatedJson;
}

export interface SearchOutcome {
  page: SearchPage;
  /** Served from an expired cache entry because the Hub is unavailable. */
  stale: boolean;
}

export class HfHub {
  private readonly searchCache: LRUCache<string, SearchPage>;
  /** Upstream calls made (tests count them). */
  upstreamCalls = 0;

  constructor(private readonly opts: HfHubOptions) {
    this.searchCache = new LRUCache<string, SearchPage>({
      max: opts.searchCacheMax ?? 500,
      ttl: opts.searchCacheTtlMs ?? 60_000,
      // Expired entries stay until evicted so an upstream failure can still answer from them.
      noDeleteOnStaleGet: true,
    });
  }

  get endpoint(): string {
    return this.opts.endpoint;
  }

  private headers(token: string | undefined): Record<string, string> {
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  private onStatus(what: string, token: string | undefined) {
    return (status: number): ProxyError | undefined => {
      if (status === 404)
        return new ProxyError('NOT_FOUND', `${what} was not found on the HuggingFace Hub.`);
      if (status === 401 || status === 403) {
        return new ProxyError(
          'FORBIDDEN',
          token
            ? `The HuggingFace token has no access to ${what}. Request access on huggingface.co or use another token.`
            : `${what} is gated or private. Sign in with HuggingFace or provide a token that has access.`,
          { upstream: 'huggingface', upstreamStatus: status }
        );
      }
      return undefined;
    };
  }

  private async get<S extends z.ZodType>(
    url: URL,
    schema: S,
    what: string,
    token: string | undefined
  ) {
    this.upstreamCalls++;
    const { data } = await fetchUpstream({
      service: HF_SERVICE,
      url,
      schema,
      headers: this.headers(token),
      timeoutMs: this.opts.timeoutMs,
      ...(this.opts.retries !== undefined ? { retries: this.opts.retries } : {}),
      ...(this.opts.backoffMs !== undefined ? { backoffMs: this.opts.backoffMs } : {}),
      ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
      onStatus: this.onStatus(what, token),
    });
    return data;
  }

  /**
   * One page of text-generation models. `offset`/`limit` count upstream results; the proxy asks for one
   * more than `limit` to learn whether another page exists. The Hub does not report a total, so `total`
   * is the number of matches known so far (offset + this page, plus one when more exist).
   */
  async search(params: SearchParams, token?: string): Promise<SearchOutcome> {
    const limit = params.limit ?? 20;
    const offset = params.offset ?? 0;
    const key = JSON.stringify([params.q, limit, offset]);
    if (!token) {
      const fresh = this.searchCache.get(key);
      if (fresh) return { page: fresh, stale: false };
    }
    const url = upstreamUrl(this.opts.endpoint, ['api', 'models'], {
      search: params.q,
      pipeline_tag: 'text-generation',
      sort: 'downloads',
      direction: '-1',
      limit: String(limit + 1),
      skip: String(offset),
      'expand[]': SEARCH_EXPAND,
    });
    let raw: unknown[];
    try {
      raw = await this.get(url, z.array(z.unknown()), 'The search', token);
    } catch (err) {
      const stale = token ? undefined : this.searchCache.get(key, { allowStale: true });
      if (stale && err instanceof ProxyError && err.code === 'UPSTREAM_UNAVAILABLE')
        return { page: stale, stale: true };
      throw err;
    }
    const hasMore = raw.length > limit;
    const upstreamPage = raw.slice(0, limit);
    const models: HfModelSearchResult[] = [];
    for (const item of upstreamPage) {
      const parsed = HfModelWireSchema.safeParse(item);
      if (!parsed.success) continue;
      if (parsed.data.pipeline_tag && parsed.data.pipeline_tag !== 'text-generation') continue;
      const result = toSearchResult(parsed.data);
      if (!result.compatible) continue;
      models.push(result);
    }
    const response: ModelSearchResponse = {
      models,
      total: offset + upstreamPage.length + (hasMore ? 1 : 0),
      hasMore,
      query: params.q,
      offset,
      limit,
    };
    const page: SearchPage = {
      response,
      json: ValidatedJson.of(ModelSearchResponseSchema, response, 'the search response'),
    };
    if (!token) this.searchCache.set(key, page);
    return { page, stale: false };
  }

  async modelInfo(modelId: string, token?: string): Promise<HfModelInfoResponse> {
    const wire = await this.get(
      upstreamUrl(this.opts.endpoint, ['api', 'models', modelId]),
      HfModelWireSchema,
      `Model ${modelId}`,
      token
    );
    const result: HfModelInfoResponse = toSearchResult(wire);
    const license = wire.cardData?.license;
    if (license) result.license = Array.isArray(license) ? license.join(', ') : license;
    if (wire.tags?.length) result.tags = wire.tags;
    if (wire.lastModified) result.lastModified = wire.lastModified;
    const curated = findCatalogModel(wire.id);
    if (curated) {
      result.contextLength = curated.contextLength;
      const a = curated.architecture;
      if (a) {
        result.architecture = {
          numLayers: a.layers,
          ...(a.kvHeads ?? a.attentionHeads ? { numKvHeads: a.kvHeads ?? a.attentionHeads } : {}),
          ...(a.headDim ?? (a.attentionHeads ? a.hiddenSize / a.attentionHeads : undefined)
            ? { headDim: a.headDim ?? Math.round(a.hiddenSize / (a.attentionHeads ?? 1)) }
            : {}),
          maxPositionEmbeddings: curated.contextLength,
        };
      }
    }
    return result;
  }

  async ggufFiles(modelId: string, token?: string): Promise<GgufFilesResponse> {
    const url = upstreamUrl(this.opts.endpoint, ['api', 'models', modelId, 'tree', 'main'], {
      recursive: 'true',
    });
    const entries = await this.get(url, z.array(z.unknown()), `Model ${modelId}`, token);
    const files: GgufFilesResponse['files'] = [];
    for (const entry of entries) {
      const parsed = HfTreeEntrySchema.safeParse(entry);
      if (!parsed.success || parsed.data.type !== 'file' || !isGgufFilename(parsed.data.path))
        continue;
      files.push({
        filename: parsed.data.path,
        size: parsed.data.lfs?.size ?? parsed.data.size ?? 0,
      });
    }
    files.sort((a, b) => a.filename.localeCompare(b.filename));
    return { files };
  }
}
