import { describe, expect, it } from 'vitest';
import { carriesGgufFiles, formatFileSize, ggufQuantization } from './ggufFiles';

describe('GGUF file helpers', () => {
  it('tells GGUF repos from the engines the proxy found or the library name', () => {
    expect(carriesGgufFiles({ supportedEngines: ['llamacpp'] })).toBe(true);
    expect(carriesGgufFiles({ supportedEngines: [], libraryName: 'GGUF' })).toBe(true);
    expect(
      carriesGgufFiles({ supportedEngines: ['vllm', 'sglang'], libraryName: 'transformers' })
    ).toBe(false);
  });

  it('formats sizes in decimal units', () => {
    expect(formatFileSize(808_000_000)).toBe('808 MB');
    expect(formatFileSize(1_320_000_000)).toBe('1.3 GB');
    expect(formatFileSize(4_500)).toBe('5 kB');
    expect(formatFileSize(12)).toBe('12 B');
  });

  it('reads the quantization from the file path', () => {
    expect(ggufQuantization('Llama-3.2-1B-Instruct-Q4_K_M.gguf')).toBe('Q4_K_M');
    expect(ggufQuantization('qwen2.5-1.5b-instruct-q8_0.gguf')).toBe('Q8_0');
    expect(ggufQuantization('Q4_K_M/model-00001-of-00002.gguf')).toBe('Q4_K_M');
    expect(ggufQuantization('model-IQ2_XS.gguf')).toBe('IQ2_XS');
    expect(ggufQuantization('model.gguf')).toBeUndefined();
  });
});
