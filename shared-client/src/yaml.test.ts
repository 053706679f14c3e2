import { describe, expect, it } from 'vitest';
import { parse as referenceParse } from 'yaml';
import { parseYaml, toYaml, YamlSyntaxError } from './yaml';

describe('parseYaml', () => {
  it('reads with the 1.2 core schema: timestamps stay strings, yes/no stay strings', () => {
    expect(
      parseYaml('time: 2024-05-01T10:00:00Z\ndate: 2024-05-01\nanswer: yes\nn: 1.5\nflag: true\n')
    ).toEqual({ time: '2024-05-01T10:00:00Z', date: '2024-05-01', answer: 'yes', n: 1.5, flag: true });
  });

  it('names the line and column of a syntax error in one line', () => {
    let caught: unknown;
    try {
      parseYaml('spec:\n  model:\n    id: "unterminated\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(YamlSyntaxError);
    const error = caught as YamlSyntaxError;
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(/at line \d+, column \d+$/);
    expect(error.message).not.toContain('\n');
  });
});

describe('toYaml', () => {
  it('writes what another YAML reader reads back identically, quoting what YAML 1.1 would misread', () => {
    const value = {
      apiVersion: 'airunway.ai/v1alpha1',
      metadata: { name: 'qwen', labels: { enabled: 'yes', since: '2024-05-01', port: '8000' } },
      spec: { replicas: 2, args: ['--max-model-len', '4096'], env: [{ name: 'A', value: '' }] },
      long: 'x'.repeat(200),
    };
    const text = toYaml(value);
    expect(referenceParse(text)).toEqual(value);
    expect(text).toContain("enabled: 'yes'");
    expect(text).toContain("since: '2024-05-01'");
    expect(text).toContain("port: '8000'");
    // No folding: a long value stays on its line, so it can be copied.
    expect(text).toContain(`long: ${'x'.repeat(200)}\n`);
  });

  it('repeats a shared object instead of writing an anchor, and leaves out undefined fields', () => {
    const shared = { key: 'nvidia.com/gpu', operator: 'Exists' };
    const text = toYaml({ a: [shared], b: [shared], gone: undefined });
    expect(text).not.toMatch(/[&*]ref/);
    expect(text).not.toContain('gone');
    expect(parseYaml(text)).toEqual({ a: [shared], b: [shared] });
  });
});
