/**
 * Pointing a ModelDeployment at an AIKit image (a pre-made one or one built from a GGUF file). Pure so
 * the create form and tests agree on what "use this image" writes.
 *
 * An AIKit image carries its model. KAITO's llama.cpp template passes `huggingface://<model.id>` to the
 * runner for a HuggingFace-sourced model, which would download a second copy, so the model becomes
 * `source: custom` with the AIKit id (or the GGUF's repo) kept as `model.id` to say what is inside.
 */
import type { ModelDeploymentSpec } from './schemas/modelDeployment';

export function withAikitImage(
  spec: ModelDeploymentSpec,
  image: { imageRef: string; modelId: string }
): ModelDeploymentSpec {
  return {
    ...spec,
    model: { ...spec.model, id: image.modelId, source: 'custom' },
    engine: { ...spec.engine, type: 'llamacpp', image: image.imageRef },
  };
}

/** Whether the AIKit picker applies: llama.cpp on KAITO, chosen explicitly or left to auto-selection. */
export function aikitApplies(spec: Pick<ModelDeploymentSpec, 'engine' | 'provider'>): boolean {
  const provider = spec.provider?.name;
  return spec.engine?.type === 'llamacpp' && (provider === undefined || provider === 'kaito');
}
