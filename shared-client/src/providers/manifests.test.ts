import { describe, expect, it } from 'vitest';
import {
  GEMMA_CPU,
  LLAMA_8B,
  LLAMA_70B_PD,
  QWEN_DEMO,
  REFERENCE_EXAMPLE_OUTCOMES,
  REFERENCE_EXAMPLES,
} from '../schemas/examples';
import type { ModelDeploymentSpec, ProviderName } from '../schemas/modelDeployment';
import {
  type ManifestSource,
  previewProviderManifests,
  providerEndpoint,
  ProviderSelectionError,
  type RenderedObject,
  RENDERERS,
  renderProviderManifests,
} from './manifests';

type Json = any;

function source(name: string, spec: ModelDeploymentSpec, namespace = 'team-a'): ManifestSource {
  return { metadata: { name, namespace }, spec };
}

function explicit(spec: ModelDeploymentSpec, provider: ProviderName): ModelDeploymentSpec {
  return { ...spec, provider: { ...spec.provider, name: provider } };
}

const byKind = (objects: RenderedObject[], kind: string) => objects.filter(o => o.kind === kind);

describe('the reference examples', () => {
  it.each(REFERENCE_EXAMPLES.map(example => [example.metadata.name, example] as const))(
    '%s renders with the endpoint the reference reports',
    (name, example) => {
      const manifests = renderProviderManifests(example);
      const outcome = REFERENCE_EXAMPLE_OUTCOMES[name]!;
      expect(manifests.provider).toBe(outcome.provider);
      expect(manifests.endpoint).toEqual(outcome.endpoint);
      for (const object of manifests.objects) {
        expect(object.metadata.name.startsWith(name)).toBe(true);
        expect(object.metadata.namespace).toBe(example.metadata.namespace ?? 'default');
        expect(object.metadata.labels['airunway.ai/model-deployment']).toBe(name);
      }
    }
  );

  it('llama-8b becomes a DynamoGraphDeployment with a Frontend and a 1-GPU, 32Gi VllmWorker', () => {
    const [graph] = renderProviderManifests(LLAMA_8B).objects as Json[];
    expect(graph.apiVersion).toBe('nvidia.com/v1alpha1');
    expect(graph.kind).toBe('DynamoGraphDeployment');
    expect(Object.keys(graph.spec.services)).toEqual(['Frontend', 'VllmWorker']);
    const worker = graph.spec.services.VllmWorker;
    expect(worker.replicas).toBe(1);
    expect(worker.resources.limits).toEqual({ gpu: '1', memory: '32Gi' });
    expect(worker.envFromSecret).toBe('hf-token');
    expect(worker.extraPodSpec.mainContainer.image).toMatch(
      /^nvcr\.io\/nvidia\/ai-dynamo\/vllm-runtime:/
    );
    expect(worker.extraPodSpec.mainContainer.args).toEqual([
      '--model',
      'meta-llama/Llama-3.1-8B-Instruct',
      '--max-model-len',
      '8192',
    ]);
  });

  it('llama-70b-pd gets 2 prefill workers with 4 GPUs, 4 decode workers with 2, and a kv-routed Frontend of 2', () => {
    const [graph] = renderProviderManifests(LLAMA_70B_PD).objects as Json[];
    const { Frontend, VllmPrefillWorker, VllmDecodeWorker, VllmWorker } = graph.spec.services;
    expect(VllmWorker).toBeUndefined();
    expect(Frontend.replicas).toBe(2);
    expect(Frontend.extraPodSpec.mainContainer.env).toEqual([
      { name: 'DYN_ROUTER_MODE', value: 'kv' },
    ]);
    expect(VllmPrefillWorker).toMatchObject({ subComponentType: 'prefill', replicas: 2 });
    expect(VllmPrefillWorker.resources.limits).toEqual({ gpu: '4', memory: '128Gi' });
    expect(VllmDecodeWorker).toMatchObject({ subComponentType: 'decode', replicas: 4 });
    expect(VllmDecodeWorker.resources.limits).toEqual({ gpu: '2', memory: '64Gi' });
    expect(VllmPrefillWorker.extraPodSpec.mainContainer.args).toContain('--disaggregation-mode');
    // The typed overrides are consumed, not copied onto the object.
    expect(graph.routerMode).toBeUndefined();
    expect(graph.frontend).toBeUndefined();
  });

  it('gemma-cpu becomes a CPU-only KAITO Workspace running the llama.cpp image', () => {
    const [workspace] = renderProviderManifests(GEMMA_CPU).objects as Json[];
    expect(workspace.apiVersion).toBe('kaito.sh/v1beta1');
    expect(workspace.kind).toBe('Workspace');
    expect(workspace.spec).toBeUndefined();
    expect(workspace.resource.count).toBe(1);
    expect(workspace.resource.labelSelector.matchLabels).toEqual({ 'kubernetes.io/os': 'linux' });
    const [container] = workspace.inference.template.spec.containers;
    expect(container.image).toBe('ghcr.io/sozercan/llama-cpp-runner:latest');
    expect(container.args).toEqual([
      'huggingface://google/gemma-3-1b-it-qat-q8_0-gguf',
      '--address=:5000',
    ]);
    expect(container.resources).toEqual({ requests: { memory: '16Gi', cpu: '8' } });
  });
});

describe('each provider', () => {
  const gpuSpec: ModelDeploymentSpec = {
    model: { id: 'Qwen/Qwen3-8B' },
    engine: { type: 'vllm' },
    scaling: { replicas: 3 },
    resources: { gpu: { count: 2 }, memory: '64Gi' },
    secrets: { huggingFaceToken: 'hf-token' },
    nodeSelector: { pool: 'a100' },
  };

  it('KubeRay makes a RayService whose worker group has the replicas and GPUs of the spec', () => {
    const manifests = renderProviderManifests(source('qwen', explicit(gpuSpec, 'kuberay')));
    const [rayService] = manifests.objects as Json[];
    expect(rayService).toMatchObject({ apiVersion: 'ray.io/v1', kind: 'RayService' });
    expect(rayService.metadata).toMatchObject({ name: 'qwen', namespace: 'team-a' });
    const [group] = rayService.spec.rayClusterConfig.workerGroupSpecs;
    expect(group).toMatchObject({
      groupName: 'gpu-workers',
      replicas: 3,
      minReplicas: 3,
      maxReplicas: 3,
    });
    expect(group.template.spec.containers[0].resources.limits).toEqual({
      memory: '64Gi',
      'nvidia.com/gpu': '2',
    });
    expect(group.template.spec.nodeSelector).toEqual({ pool: 'a100' });
    const headEnv = rayService.spec.rayClusterConfig.headGroupSpec.template.spec.containers[0].env;
    expect(headEnv).toContainEqual({ name: 'MODEL_ID', value: 'Qwen/Qwen3-8B' });
    expect(headEnv).toContainEqual({
      name: 'HF_TOKEN',
      valueFrom: { secretKeyRef: { name: 'hf-token', key: 'HF_TOKEN' } },
    });
    expect(rayService.spec.serveConfigV2).toContain('num_replicas: 3');
    expect(manifests.endpoint).toEqual({ service: 'qwen-serve-svc', port: 8000 });
  });

  it('KubeRay splits disaggregated serving into prefill and decode worker groups', () => {
    const [rayService] = renderProviderManifests(
      source('pd', explicit(LLAMA_70B_PD.spec, 'kuberay'))
    ).objects as Json[];
    const groups = rayService.spec.rayClusterConfig.workerGroupSpecs;
    expect(
      groups.map((g: Json) => [
        g.groupName,
        g.replicas,
        g.template.spec.containers[0].resources.limits['nvidia.com/gpu'],
      ])
    ).toEqual([
      ['prefill-workers', 2, '4'],
      ['decode-workers', 4, '2'],
    ]);
  });

  it('direct vLLM makes a Deployment and a Service on port 8000 with tensor parallelism over its GPUs', () => {
    const manifests = renderProviderManifests(source('qwen', explicit(gpuSpec, 'vllm')));
    const [deployment] = byKind(manifests.objects, 'Deployment') as Json[];
    const [service] = byKind(manifests.objects, 'Service') as Json[];
    expect(deployment.apiVersion).toBe('apps/v1');
    expect(deployment.metadata).toMatchObject({ name: 'qwen', namespace: 'team-a' });
    expect(deployment.spec.replicas).toBe(3);
    const container = deployment.spec.template.spec.containers[0];
    expect(container.resources.limits).toEqual({ 'nvidia.com/gpu': '2', memory: '64Gi' });
    expect(container.args).toEqual(expect.arrayContaining(['--tensor-parallel-size', '2']));
    expect(container.args.slice(0, 6)).toEqual([
      '--host',
      '0.0.0.0',
      '--port',
      '8000',
      '--model',
      'Qwen/Qwen3-8B',
    ]);
    expect(container.image).toBe('vllm/vllm-openai:cu130-nightly');
    // The Service must select the pods the Deployment creates.
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    expect(deployment.spec.selector.matchLabels).toEqual(service.spec.selector);
    expect(service.apiVersion).toBe('v1');
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 8000, targetPort: 8000, protocol: 'TCP' },
    ]);
    expect(manifests.endpoint).toEqual({ service: 'qwen', port: 8000 });
  });

  it('llm-d makes decode and prefill Deployments and Services for disaggregated serving', () => {
    const manifests = renderProviderManifests(source('pd', explicit(LLAMA_70B_PD.spec, 'llmd')));
    const deployments = byKind(manifests.objects, 'Deployment') as Json[];
    expect(deployments.map(d => [d.metadata.name, d.spec.replicas])).toEqual([
      ['pd-decode', 4],
      ['pd-prefill', 2],
    ]);
    expect(byKind(manifests.objects, 'Service').map(s => s.metadata.name)).toEqual([
      'pd-decode',
      'pd-prefill',
    ]);
    const prefillArgs: string[] = deployments[1].spec.template.spec.containers[0].args;
    expect(prefillArgs).toEqual(
      expect.arrayContaining(['--tensor-parallel-size', '4', '--kv-transfer-config'])
    );
    expect(manifests.objects[0]?.kind).toBe('Deployment');
    expect(manifests.endpoint).toEqual({ service: 'pd-decode', port: 8000 });
  });

  it('KAITO serves vLLM through a preset on GPU nodes', () => {
    const [workspace] = renderProviderManifests(source('qwen', explicit(gpuSpec, 'kaito')))
      .objects as Json[];
    expect(workspace.inference).toEqual({ preset: { name: 'Qwen/Qwen3-8B' } });
    expect(workspace.resource.count).toBe(3);
    expect(workspace.resource.labelSelector.matchLabels).toEqual({
      'kubernetes.io/os': 'linux',
      pool: 'a100',
      'nvidia.com/gpu.present': 'true',
    });
  });

  it('every renderer keeps the name and namespace and adds owner references once the object exists', () => {
    const existing: ManifestSource = {
      metadata: { name: 'qwen', namespace: 'ml', uid: '1234-abcd' },
      spec: { ...gpuSpec, engine: { type: 'vllm' } },
    };
    for (const [provider, render] of Object.entries(RENDERERS)) {
      const manifests = render(existing, 'vllm');
      expect(manifests.provider).toBe(provider);
      for (const object of manifests.objects) {
        expect(object.metadata.namespace, provider).toBe('ml');
        expect(object.metadata.name.startsWith('qwen'), provider).toBe(true);
        expect(object.metadata.ownerReferences, provider).toEqual([
          expect.objectContaining({
            kind: 'ModelDeployment',
            name: 'qwen',
            uid: '1234-abcd',
            controller: true,
          }),
        ]);
      }
    }
  });

  it('apply provider.overrides to Dynamo, refusing metadata and deleting nulls', () => {
    const manifests = renderProviderManifests(
      source(
        'qwen',
        explicit(
          {
            ...QWEN_DEMO.spec,
            provider: {
              overrides: {
                metadata: { name: 'hijack' },
                spec: { services: { VllmWorker: { replicas: 5, resources: null } } },
              },
            },
          },
          'dynamo'
        )
      )
    );
    const [graph] = manifests.objects as Json[];
    expect(graph.metadata.name).toBe('qwen');
    expect(graph.spec.services.VllmWorker.replicas).toBe(5);
    expect(graph.spec.services.VllmWorker.resources).toBeUndefined();
    expect(graph.spec.services.VllmWorker.componentType).toBe('worker');
    expect(manifests.warnings.some(w => w.includes('provider.overrides.metadata'))).toBe(true);
  });

  it('warn that the providers run one replica when scaling.replicas is 0', () => {
    const manifests = renderProviderManifests(
      source('qwen', { ...QWEN_DEMO.spec, scaling: { replicas: 0 } })
    );
    const [graph] = manifests.objects as Json[];
    expect(graph.spec.services.VllmWorker.replicas).toBe(1);
    expect(manifests.warnings.some(w => w.includes('scaling.replicas: 0'))).toBe(true);
  });

  it('mount storage volumes where their purpose says', () => {
    const spec: ModelDeploymentSpec = {
      ...gpuSpec,
      model: {
        ...gpuSpec.model,
        storage: { volumes: [{ name: 'cache', size: '100Gi', purpose: 'modelCache' }] },
      },
    };
    const [deployment] = renderProviderManifests(source('qwen', explicit(spec, 'vllm')))
      .objects as Json[];
    const pod = deployment.spec.template.spec;
    expect(pod.volumes).toContainEqual({
      name: 'cache',
      persistentVolumeClaim: { claimName: 'qwen-cache' },
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({
      name: 'cache',
      mountPath: '/model-cache',
    });
  });
});

describe('previews and endpoints', () => {
  it('report why nothing can be rendered instead of throwing', () => {
    const preview = previewProviderManifests(
      source('x', { model: { id: 'a/b' }, engine: { type: 'vllm' } })
    );
    expect(preview.ok).toBe(false);
    expect(preview.selection.reason).toMatch(/vllm needs a GPU/);
    expect(() =>
      renderProviderManifests(source('x', { model: { id: 'a/b' }, engine: { type: 'vllm' } }))
    ).toThrow(ProviderSelectionError);
  });

  it('carry the selection reason with the manifests', () => {
    const preview = previewProviderManifests(LLAMA_8B);
    expect(preview.ok && preview.selection.reason).toBe('default → dynamo (GPU inference default)');
  });

  it('name the Service and port each provider exposes', () => {
    expect(providerEndpoint('dynamo', 'm')).toEqual({ service: 'm-frontend', port: 8000 });
    expect(providerEndpoint('kaito', 'm')).toEqual({ service: 'm', port: 80 });
    expect(providerEndpoint('kuberay', 'm')).toEqual({ service: 'm-serve-svc', port: 8000 });
    expect(providerEndpoint('vllm', 'm')).toEqual({ service: 'm', port: 8000 });
    expect(providerEndpoint('llmd', 'm', 'disaggregated')).toEqual({
      service: 'm-decode',
      port: 8000,
    });
  });
});
