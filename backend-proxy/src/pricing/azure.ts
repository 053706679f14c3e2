/**
 * Azure Retail Prices API (`GET {PRICING_ENDPOINT}?$filter=...`, no credentials): the pay-as-you-go
 * Linux price of a VM size in a region. Spot, Low Priority and Windows meters are excluded. Answers are
 * cached per replica (TTL 1 h, at most 1,000 entries); when the API fails, an expired entry is served
 * as `cached` rather than nothing.
 */
import { SAFE_TOKEN_PATTERN } from '@airunway/shared-client/schemas/identifiers';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ProxyError } from '../errors';
import { type FetchLike, fetchUpstream } from '../upstream';

export const PRICING_SERVICE = 'the Azure Retail Prices API';
export const DEFAULT_PRICING_ENDPOINT = 'https://prices.azure.com/api/retail/prices';
export const PRICE_CACHE_TTL_MS = 60 * 60 * 1000;
export const PRICE_CACHE_MAX = 1000;
const MAX_PAGES = 3;

export const AzurePriceItemSchema = z.object({
  retailPrice: z.number().nonnegative(),
  unitPrice: z.number().nonnegative().optional(),
  armRegionName: z.string(),
  armSkuName: z.string(),
  productName: z.string().default(''),
  skuName: z.string().default(''),
  meterName: z.string().default(''),
  type: z.string().default('Consumption'),
  unitOfMeasure: z.string().default('1 Hour'),
  currencyCode: z.string().default('USD'),
  effectiveStartDate: z.string().optional(),
});
export type AzurePriceItem = z.infer<typeof AzurePriceItemSchema>;

export const AzurePricePageSchema = z.object({
  Items: z.array(z.unknown()),
  NextPageLink: z.string().nullish(),
  Count: z.number().optional(),
});

export interface AzurePrice {
  instanceType: string;
  region: string;
  hourlyPrice: number;
  currency: string;
  productName: string;
  lastUpdated: string;
}

export interface CachedPrice {
  price: AzurePrice;
  cached: boolean;
  /** Served from an expired entry because the API failed. */
  stale?: boolean;
}

export interface AzurePricingOptions {
  endpoint: string;
  timeoutMs: number;
  retries?: number;
  backoffMs?: number;
  currency?: string;
  fetch?: FetchLike;
  now?: () => number;
}

/** Linux, on-demand, hourly: what a node pool of this size costs. */
export function isOnDemandLinux(item: AzurePriceItem): boolean {
  const text = `${item.skuName} ${item.meterName} ${item.productName}`.toLowerCase();
  return (
    item.type === 'Consumption' &&
    item.unitOfMeasure === '1 Hour' &&
    !text.includes('spot') &&
    !text.includes('low priority') &&
    !item.productName.toLowerCase().includes('windows') &&
    item.retailPrice > 0
  );
}

export class AzurePricing {
  private readonly cache: LRUCache<string, AzurePrice>;
  /** Upstream page requests made (tests count them). */
  upstreamCalls = 0;

  constructor(private readonly opts: AzurePricingOptions) {
    this.cache = new LRUCache<string, AzurePrice>({
      max: PRICE_CACHE_MAX,
      ttl: PRICE_CACHE_TTL_MS,
      noDeleteOnStaleGet: true,
      ...(opts.now ? { perf: { now: opts.now } } : {}),
    });
  }

  cacheStats() {
    return { size: this.cache.size, ttlMs: PRICE_CACHE_TTL_MS, maxEntries: PRICE_CACHE_MAX };
  }

  /** The price, from the cache or the API. Throws UPSTREAM_UNAVAILABLE / NOT_FOUND. */
  async price(instanceType: string, region: string): Promise<CachedPrice> {
    // Both are validated upstream; checked again here because they go into an OData filter.
    if (!SAFE_TOKEN_PATTERN.test(instanceType) || !/^[a-z0-9]{1,64}$/i.test(region)) {
      throw new ProxyError('VALIDATION_ERROR', 'Invalid instance type or region.');
    }
    const key = `${instanceType.toLowerCase()}|${region.toLowerCase()}`;
    const fresh = this.cache.get(key);
    if (fresh) return { price: fresh, cached: true };
    try {
      const price = await this.fetchPrice(instanceType, region.toLowerCase());
      this.cache.set(key, price);
      return { price, cached: false };
    } catch (err) {
      const stale = this.cache.get(key, { allowStale: true });
      if (stale && err instanceof ProxyError && err.code === 'UPSTREAM_UNAVAILABLE') {
        return { price: stale, cached: true, stale: true };
      }
      throw err;
    }
  }

  private async fetchPrice(instanceType: string, region: string): Promise<AzurePrice> {
    const filter =
      `serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and ` +
      `armSkuName eq '${instanceType}' and armRegionName eq '${region}'`;
    const base = new URL(this.opts.endpoint);
    let url: URL | undefined = new URL(base);
    url.searchParams.set('$filter', filter);
    if (this.opts.currency && this.opts.currency !== 'USD')
      url.searchParams.set('currencyCode', this.opts.currency);
    const items: AzurePriceItem[] = [];
    for (let page = 0; url && page < MAX_PAGES; page++) {
      this.upstreamCalls++;
      const { data }: { data: z.output<typeof AzurePricePageSchema> } = await fetchUpstream({
        service: PRICING_SERVICE,
        url,
        schema: AzurePricePageSchema,
        timeoutMs: this.opts.timeoutMs,
        ...(this.opts.retries !== undefined ? { retries: this.opts.retries } : {}),
        ...(this.opts.backoffMs !== undefined ? { backoffMs: this.opts.backoffMs } : {}),
        ...(this.opts.fetch ? { fetch: this.opts.fetch } : {}),
      });
      for (const raw of data.Items) {
        const parsed = AzurePriceItemSchema.safeParse(raw);
        if (parsed.success) items.push(parsed.data);
      }
      url = undefined;
      // Follow the next page only on the configured host and path: never a URL of the upstream's choosing.
      if (data.NextPageLink) {
        try {
          const next: URL = new URL(data.NextPageLink);
          if (next.origin === base.origin && next.pathname === base.pathname) url = next;
        } catch {
          /* ignore a malformed link */
        }
      }
    }
    const candidates = items.filter(
      i =>
        isOnDemandLinux(i) &&
        i.armSkuName.toLowerCase() === instanceType.toLowerCase() &&
        i.armRegionName.toLowerCase() === region
    );
    if (candidates.length === 0) {
      throw new ProxyError(
        'NOT_FOUND',
        `Azure lists no on-demand Linux price for ${instanceType} in ${region}.`,
        {
          instanceType,
          region,
        }
      );
    }
    const best = candidates.reduce((a, b) => (b.retailPrice < a.retailPrice ? b : a));
    return {
      instanceType: best.armSkuName,
      region: best.armRegionName,
      hourlyPrice: best.retailPrice,
      currency: best.currencyCode,
      productName: best.productName,
      lastUpdated: new Date((this.opts.now ?? Date.now)()).toISOString(),
    };
  }
}
