/**
 * What the Models page knows about a HuggingFace repo's GGUF files: whether a search result carries them,
 * and how one file is described (size, quantization from its name).
 */
import { ggufQuantizationFromText } from '@airunway/shared-client/fit';
import type { HfModelSearchResult } from '@airunway/shared-client/schemas/proxy';

/**
 * The search response has no tags, but the proxy marks a repo tagged `gguf` as served by llama.cpp only
 * (backend-proxy hf/compat.ts), and HuggingFace may name `gguf` as its library.
 */
export function carriesGgufFiles(
  model: Pick<HfModelSearchResult, 'supportedEngines' | 'libraryName'>
) {
  return model.supportedEngines.includes('llamacpp') || model.libraryName?.toLowerCase() === 'gguf';
}

/** Decimal units, as HuggingFace shows file sizes: 808000000 → "808 MB", 1320000000 → "1.3 GB". */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** The quantization a GGUF file's path states ("…-Q4_K_M.gguf", "Q8_0/model-00001-of-00002.gguf"), if any. */
export function ggufQuantization(filename: string): string | undefined {
  return ggufQuantizationFromText(filename);
}
