import { AiConfiguratorAnalyzeResponseSchema } from '@airunway/shared-client/schemas/proxy';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { integrationApp } from '../testing/integrations';
import { aiConfiguratorSystem } from './service';

const work = mkdtempSync(join(tmpdir(), 'aiconf-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stand-in `aiconfigurator` CLI: prints its version, or a JSON recommendation (and records its args). */
function fakeCli(name: string, body: string): string {
  const path = join(work, name);
  writeFileSync(path, `#!/usr/bin/env node\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const GOOD = fakeCli(
  'aiconf-good',
  `const a = process.argv.slice(2);
if (a[0] === '--version') { console.log('aiconfigurator 0.4.0'); process.exit(0); }
require('fs').writeFileSync(require('path').join(a[a.indexOf('--save_dir') + 1], 'result.txt'), 'x');
console.log('some table output');
console.log(JSON.stringify({ config: { tensorParallelDegree: 2, maxBatchSize: 128, gpuMemoryUtilization: 0.9, maxModelLen: 8192 }, mode: 'aggregated', backend: 'vllm', args: a }));`
);
const FAILING = fakeCli(
  'aiconf-fail',
  `const a = process.argv.slice(2);
if (a[0] === '--version') { console.log('0.4.0'); process.exit(0); }
console.error('boom'); process.exit(3);`
);

const request = { modelId: 'meta-llama/Llama-3.1-8B-Instruct', gpuType: 'A100-80GB', gpuCount: 4 };

describe('AI Configurator', () => {
  it('CLI absent: status says so, analyze answers the built-in estimate with a warning', async () => {
    const { call } = integrationApp();
    const status = await call('GET', '/aiconfigurator/status');
    expect(status.body).toMatchObject({ available: false, error: 'AI Configurator CLI not found' });
    const res = await call('POST', '/aiconfigurator/analyze', { body: request });
    expect(res.status).toBe(200);
    const body = AiConfiguratorAnalyzeResponseSchema.parse(res.body);
    expect(body.source).toBe('builtin');
    expect(body.success).toBe(true);
    expect(body.config.tensorParallelDegree).toBe(1);
    expect(body.replicas).toBe(4);
    expect(body.config.maxModelLen).toBeGreaterThan(1024);
    expect(body.config.maxModelLen).toBeLessThanOrEqual(131072);
    expect(body.warnings?.join(' ')).toMatch(/not installed/);
  });

  it('built-in: a 70B model on 80 GB GPUs needs tensor parallel 4', async () => {
    const { call } = integrationApp();
    const res = await call('POST', '/aiconfigurator/analyze', {
      body: { ...request, modelId: 'meta-llama/Llama-3.1-70B-Instruct', gpuCount: 8 },
    });
    expect(res.body.config.tensorParallelDegree).toBe(4);
    expect(res.body.replicas).toBe(2);
    const tooSmall = await call('POST', '/aiconfigurator/analyze', {
      body: {
        ...request,
        modelId: 'meta-llama/Llama-3.1-70B-Instruct',
        gpuType: 'T4',
        gpuCount: 2,
      },
    });
    expect(tooSmall.status).toBe(200);
    expect(tooSmall.body.success).toBe(false);
    expect(tooSmall.body.error).toBeTruthy();
  });

  it('CLI present: runs it with an argument array in a temp dir that is removed afterwards', async () => {
    const tmpRoot = mkdtempSync(join(work, 'root-'));
    const { call } = integrationApp({ env: { AICONFIGURATOR_BIN: GOOD }, tmpRoot });
    const status = await call('GET', '/aiconfigurator/status');
    expect(status.body).toMatchObject({ available: true, version: '0.4.0' });
    const res = await call('POST', '/aiconfigurator/analyze', {
      body: { ...request, gpuType: 'NVIDIA-H100-80GB-HBM3' },
    });
    expect(res.body).toMatchObject({
      source: 'aiconfigurator',
      success: true,
      replicas: 2,
      backend: 'vllm',
    });
    expect(res.body.config.tensorParallelDegree).toBe(2);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('CLI failing: built-in estimate with a warning, temp dir still removed', async () => {
    const tmpRoot = mkdtempSync(join(work, 'root-'));
    const { call } = integrationApp({ env: { AICONFIGURATOR_BIN: FAILING }, tmpRoot });
    const res = await call('POST', '/aiconfigurator/analyze', { body: request });
    expect(res.body.source).toBe('builtin');
    expect(res.body.warnings.join(' ')).toMatch(/could not analyse/);
    expect(readdirSync(tmpRoot)).toEqual([]);
  });

  it('rejects shell metacharacters in inputs', async () => {
    const { call } = integrationApp();
    const res = await call('POST', '/aiconfigurator/analyze', {
      body: { ...request, gpuType: 'A100;rm -rf /' },
    });
    expect(res.status).toBe(400);
  });

  it('normalize-gpu maps to AI Configurator system names', async () => {
    const { call } = integrationApp();
    const res = await call('POST', '/aiconfigurator/normalize-gpu', {
      body: { gpuProduct: 'NVIDIA-H100-80GB-HBM3' },
    });
    expect(res.body).toEqual({ gpuProduct: 'NVIDIA-H100-80GB-HBM3', normalized: 'h100_sxm' });
    expect(aiConfiguratorSystem('NVIDIA-A100-SXM4-80GB')).toBe('a100_sxm');
    expect(aiConfiguratorSystem('NVIDIA-L40S')).toBe('l40s');
  });
});
