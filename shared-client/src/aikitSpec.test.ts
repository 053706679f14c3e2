import { describe, expect, it } from 'vitest';
import { aikitApplies, withAikitImage } from './aikitSpec';
import { ModelDeploymentSpecSchema } from './schemas/modelDeployment';

describe('withAikitImage', () => {
  it('sets the image, llama.cpp and a custom-sourced model, keeping everything else', () => {
    const spec = withAikitImage(
      {
        model: { id: 'Qwen/Qwen3-0.6B', servedName: 'qwen' },
        provider: { name: 'kaito' },
        engine: { type: 'llamacpp', contextLength: 4096 },
        resources: { cpu: '4' },
      },
      { imageRef: 'ghcr.io/kaito-project/aikit/llama3.2:1b', modelId: 'llama3.2-1b' }
    );
    expect(spec).toStrictEqual({
      model: { id: 'llama3.2-1b', source: 'custom', servedName: 'qwen' },
      provider: { name: 'kaito' },
      engine: {
        type: 'llamacpp',
        contextLength: 4096,
        image: 'ghcr.io/kaito-project/aikit/llama3.2:1b',
      },
      resources: { cpu: '4' },
    });
    expect(ModelDeploymentSpecSchema.safeParse(spec).success).toBe(true);
  });
});

describe('aikitApplies', () => {
  it('applies to llama.cpp on KAITO or on an automatically selected provider only', () => {
    expect(aikitApplies({ engine: { type: 'llamacpp' } })).toBe(true);
    expect(aikitApplies({ engine: { type: 'llamacpp' }, provider: { name: 'kaito' } })).toBe(true);
    expect(aikitApplies({ engine: { type: 'llamacpp' }, provider: { name: 'dynamo' } })).toBe(
      false
    );
    expect(aikitApplies({ engine: { type: 'vllm' } })).toBe(false);
    expect(aikitApplies({})).toBe(false);
  });
});
