import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  Dns1123LabelSchema,
  Dns1123SubdomainSchema,
  GgufFilenameSchema,
  HfModelIdSchema,
  HfTokenSchema,
  ImageNameSchema,
  ImageTagSchema,
  LabelValueSchema,
  OAuthStateSchema,
  PkceVerifierSchema,
  QualifiedNameSchema,
  SafeTokenSchema,
  SHELL_METACHARACTERS,
} from './identifiers';
import { ProviderIdSchema } from './proxy';

const IDENTIFIER_SCHEMAS: Record<string, z.ZodType> = {
  Dns1123LabelSchema,
  Dns1123SubdomainSchema,
  QualifiedNameSchema,
  LabelValueSchema,
  HfModelIdSchema,
  GgufFilenameSchema,
  SafeTokenSchema,
  OAuthStateSchema,
  PkceVerifierSchema,
  ImageNameSchema,
  ImageTagSchema,
  HfTokenSchema,
  ProviderIdSchema,
};

const accepts = (schema: z.ZodType, value: string) => schema.safeParse(value).success;

/** A string that contains at least one shell metacharacter somewhere. */
const withMetacharacter = fc
  .tuple(fc.string(), fc.constantFrom(...SHELL_METACHARACTERS), fc.string())
  .map(([before, metacharacter, after]) => `${before}${metacharacter}${after}`);

const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const hfChar = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-'
);
const hfSegment = fc
  .tuple(alnum, fc.array(hfChar, { maxLength: 40 }))
  .map(([first, rest]) => first + rest.join(''));

describe('identifier schemas', () => {
  it.each(Object.entries(IDENTIFIER_SCHEMAS))(
    '%s never accepts a string containing a shell metacharacter',
    (_name, schema) => {
      fc.assert(
        fc.property(withMetacharacter, value => {
          expect(accepts(schema, value)).toBe(false);
        }),
        { numRuns: 500 }
      );
    }
  );

  const VALID_SAMPLES: Record<keyof typeof IDENTIFIER_SCHEMAS, string> = {
    Dns1123LabelSchema: 'qwen-demo',
    Dns1123SubdomainSchema: 'hf-token.v2',
    QualifiedNameSchema: 'nvidia.com/gpu',
    LabelValueSchema: 'true',
    HfModelIdSchema: 'Qwen/Qwen3-0.6B',
    GgufFilenameSchema: 'gemma-3-1b-it-Q8_0.gguf',
    SafeTokenSchema: 'A100-80GB',
    OAuthStateSchema: '4f9c1d2e-8b7a-4c3d-9e0f-1a2b3c4d5e6f',
    PkceVerifierSchema: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    ImageNameSchema: 'my-model',
    ImageTagSchema: 'v1',
    HfTokenSchema: 'hf_abcdefghijklmnopqrstuvwxyz',
    ProviderIdSchema: 'dynamo',
  };

  it.each(Object.entries(IDENTIFIER_SCHEMAS))(
    '%s accepts its sample but not the sample with a trailing newline',
    (name, schema) => {
      const sample = VALID_SAMPLES[name]!;
      expect(accepts(schema, sample)).toBe(true);
      expect(accepts(schema, `${sample}\n`)).toBe(false);
    }
  );

  it('HfModelIdSchema accepts org/name and single-segment ids built from the allowed characters', () => {
    fc.assert(
      fc.property(hfSegment, fc.option(hfSegment, { nil: undefined }), (org, name) => {
        const id = name === undefined ? org : `${org}/${name}`;
        expect(accepts(HfModelIdSchema, id)).toBe(true);
      })
    );
    expect(accepts(HfModelIdSchema, 'meta-llama/Llama-3.1-8B-Instruct')).toBe(true);
    expect(accepts(HfModelIdSchema, 'google/gemma-3-1b-it-qat-q8_0-gguf')).toBe(true);
  });

  it('HfModelIdSchema rejects traversal, extra segments and empty parts', () => {
    for (const id of [
      '../etc',
      'org/..',
      'a/b/c',
      '/model',
      'org/',
      '',
      'org//x',
      'org/name?x=1',
    ]) {
      expect(accepts(HfModelIdSchema, id)).toBe(false);
    }
  });

  it('GgufFilenameSchema accepts files in sub-folders and refuses traversal', () => {
    expect(accepts(GgufFilenameSchema, 'gemma-3-1b-it-Q8_0.gguf')).toBe(true);
    expect(accepts(GgufFilenameSchema, 'Q4_K_M/model-00001-of-00002.gguf')).toBe(true);
    expect(accepts(GgufFilenameSchema, '../secrets.gguf')).toBe(false);
    expect(accepts(GgufFilenameSchema, 'model.safetensors')).toBe(false);
  });

  it('Dns1123LabelSchema follows RFC 1123', () => {
    expect(accepts(Dns1123LabelSchema, 'qwen-demo')).toBe(true);
    expect(accepts(Dns1123LabelSchema, 'a'.repeat(63))).toBe(true);
    for (const name of ['a'.repeat(64), '-qwen', 'qwen-', 'Qwen', 'qwen.demo', '']) {
      expect(accepts(Dns1123LabelSchema, name)).toBe(false);
    }
    expect(accepts(Dns1123SubdomainSchema, 'hf-token.v2')).toBe(true);
  });

  it('QualifiedNameSchema accepts label keys and GPU resource names', () => {
    for (const key of ['nvidia.com/gpu', 'kubernetes.io/os', 'app', 'nvidia.com/gpu.present']) {
      expect(accepts(QualifiedNameSchema, key)).toBe(true);
    }
    for (const key of ['/gpu', 'Nvidia.com/gpu', 'a/b/c', '']) {
      expect(accepts(QualifiedNameSchema, key)).toBe(false);
    }
  });

  it('SafeTokenSchema accepts GPU labels, instance types and regions', () => {
    for (const token of [
      'NVIDIA-A100-SXM4-80GB',
      'Standard_NC24ads_A100_v4',
      'eastus',
      'llama3.2:1b',
    ]) {
      expect(accepts(SafeTokenSchema, token)).toBe(true);
    }
  });
});
