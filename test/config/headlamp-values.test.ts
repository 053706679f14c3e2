/**
 * Headlamp chart values (headlamp-config/headlamp) and every manifest file in headlamp-config.
 *
 * The Headlamp chart is not available offline, so the values are not rendered by the chart. Instead: the files
 * parse as YAML, the plugin wiring is consistent (one volume, mounted at config.pluginsDir in Headlamp and in
 * the init container that copies the plugin there, the plugin image's path and tag match the Dockerfile and the
 * plugin's version), and the pod spec the chart assembles from these keys (deployment.yaml: initContainers,
 * volumeMounts, volumes, `-plugins-dir`, and for pluginsManager its own plugins-dir volume and sidecar) is
 * accepted by the real API server in a server-side dry run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { kubectl, kubectlObjects, kustomize, TEST_CLUSTER } from '../cluster/cluster';
import { repoRoot } from '../cluster/paths';

const cfg = (p: string) => join(repoRoot, 'headlamp-config', p);
const pluginPkg = JSON.parse(readFileSync(join(repoRoot, 'plugin/package.json'), 'utf8'));

function loadValues(file: string): any {
  const docs = parseAllDocuments(readFileSync(cfg(`headlamp/${file}`), 'utf8'));
  expect(docs).toHaveLength(1);
  expect(docs[0]!.errors).toEqual([]);
  return docs[0]!.toJSON();
}

/** What the chart's deployment.yaml makes of the keys these values set (the parts they influence). */
function chartLikeDeployment(values: any, name: string) {
  const pm = values.pluginsManager ?? {};
  const headlamp = {
    name: 'headlamp',
    image: 'ghcr.io/headlamp-k8s/headlamp:v0.45.0',
    args: [
      '-in-cluster',
      `-plugins-dir=${values.config.pluginsDir}`,
      ...(values.config.watchPlugins ? ['-watch-plugins-changes'] : []),
    ],
    ports: [{ name: 'http', containerPort: 4466 }],
    volumeMounts: [
      ...(pm.enabled ? [{ name: 'plugins-dir', mountPath: values.config.pluginsDir }] : []),
      ...(values.volumeMounts ?? []),
    ],
  };
  const sidecar = pm.enabled
    ? [
        {
          name: 'headlamp-plugin',
          image: pm.baseImage,
          command: ['/bin/sh', '-c'],
          args: [
            `npx --yes @headlamp-k8s/pluginctl@${pm.version} install --config /config/plugin.yml --folderName ${values.config.pluginsDir} --watch`,
          ],
          volumeMounts: [
            { name: 'plugins-dir', mountPath: values.config.pluginsDir },
            { name: 'plugin-config', mountPath: '/config' },
            ...(pm.securityContext?.readOnlyRootFilesystem
              ? [{ name: 'headlamp-plugins-tmp', mountPath: '/tmp' }]
              : []),
          ],
          securityContext: pm.securityContext,
          resources: pm.resources,
        },
      ]
    : [];
  const volumes = [
    ...(pm.enabled
      ? [
          { name: 'plugins-dir', emptyDir: {} },
          { name: 'plugin-config', configMap: { name: `${name}-plugin-config` } },
          ...(pm.securityContext?.readOnlyRootFilesystem
            ? [{ name: 'headlamp-plugins-tmp', emptyDir: {} }]
            : []),
        ]
      : []),
    ...(values.volumes ?? []),
  ];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'airunway-system' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(values.initContainers ? { initContainers: values.initContainers } : {}),
          containers: [headlamp, ...sidecar],
          volumes,
        },
      },
    },
  };
}

describe('values-plugin-image.yaml (init container copies the plugin image into config.pluginsDir)', () => {
  const values = () => loadValues('values-plugin-image.yaml');

  it('mounts one volume at config.pluginsDir in Headlamp and in the init container that fills it', () => {
    const v = values();
    const dir = v.config.pluginsDir;
    expect(dir).toMatch(/^\//);
    const [init] = v.initContainers;
    expect(v.initContainers).toHaveLength(1);
    const initMount = init.volumeMounts.find((m: any) => m.mountPath === dir);
    expect(initMount, 'init container mounts config.pluginsDir').toBeTruthy();
    const mainMount = v.volumeMounts.find((m: any) => m.mountPath === dir);
    expect(mainMount, 'Headlamp mounts config.pluginsDir').toBeTruthy();
    expect(mainMount.name).toBe(initMount.name);
    const volume = v.volumes.find((vol: any) => vol.name === mainMount.name);
    expect(volume?.emptyDir).toBeDefined();
    // Every mount refers to a declared volume, and no name clashes with what the chart adds itself.
    const declared = new Set(v.volumes.map((vol: any) => vol.name));
    for (const m of [...init.volumeMounts, ...v.volumeMounts]) expect(declared).toContain(m.name);
    for (const reserved of ['plugins-dir', 'plugin-config', 'headlamp-tmp'])
      expect(declared).not.toContain(reserved);
    expect(v.pluginsManager?.enabled ?? false).toBe(false);
  });

  it('copies /plugins/<name> (where plugin.Dockerfile puts the built plugin) into config.pluginsDir', () => {
    const v = values();
    const [init] = v.initContainers;
    expect(init.command).toEqual([
      'cp',
      '-R',
      `/plugins/${pluginPkg.name}`,
      `${v.config.pluginsDir}/`,
    ]);
    const dockerfile = readFileSync(cfg('docker/plugin.Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`/plugins/${pluginPkg.name}/`);
    // The whole build output (main.js and locales/) and package.json, which names the locales.
    expect(dockerfile).toMatch(
      /cp -R dist\/\. \/out\/ai-runway\/ && cp package\.json \/out\/ai-runway\//
    );
    // The image tag follows the plugin's version.
    expect(init.image).toBe(`ghcr.io/airunway/headlamp-airunway-plugin:${pluginPkg.version}`);
    expect(init.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('gives a pod spec the real API server accepts (server-side dry run)', () => {
    const out = kubectlObjects(
      TEST_CLUSTER,
      ['apply', '--server-side', '--dry-run=server'],
      [chartLikeDeployment(values(), 'headlamp-plugin-image')]
    );
    expect(out).toMatch(
      /deployment.apps\/headlamp-plugin-image serverside-applied \(server dry run\)/
    );
  });
});

describe('values-plugins-manager.yaml (chart plugin manager, Artifact Hub source)', () => {
  const values = () => loadValues('values-plugins-manager.yaml');

  it('installs this plugin at its current version from Artifact Hub', () => {
    const v = values();
    expect(v.pluginsManager.enabled).toBe(true);
    expect(v.config.pluginsDir).toMatch(/^\//);
    const plugins = parse(v.pluginsManager.configContent);
    expect(plugins.plugins).toEqual([
      {
        name: pluginPkg.name,
        source: `https://artifacthub.io/packages/headlamp/airunway/${pluginPkg.name}`,
        version: pluginPkg.version,
      },
    ]);
    // The chart owns the plugins-dir and plugin-config volumes in this mode.
    for (const vol of v.volumes ?? [])
      expect(['plugins-dir', 'plugin-config']).not.toContain(vol.name);
    expect(v.initContainers ?? []).toEqual([]);
    // Pinned, not "latest".
    expect(v.pluginsManager.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(v.pluginsManager.baseImage).not.toMatch(/:latest$|^[^:]+$/);
  });

  it('gives a pod spec and plugin ConfigMap the real API server accepts (server-side dry run)', () => {
    const v = values();
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'headlamp-pm-plugin-config', namespace: 'airunway-system' },
      data: { [v.pluginsManager.configFile]: v.pluginsManager.configContent },
    };
    const out = kubectlObjects(
      TEST_CLUSTER,
      ['apply', '--server-side', '--dry-run=server'],
      [configMap, chartLikeDeployment(v, 'headlamp-pm')]
    );
    expect(out).toMatch(/deployment.apps\/headlamp-pm serverside-applied \(server dry run\)/);
    expect(out).toMatch(
      /configmap\/headlamp-pm-plugin-config serverside-applied \(server dry run\)/
    );
  });
});

describe('every manifest file in headlamp-config', () => {
  const manifestFiles = () =>
    ['crds', 'proxy', 'rbac'].flatMap(dir =>
      readdirSync(cfg(dir))
        .filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml')
        .map(f => `${dir}/${f}`)
    );

  it('is accepted by the real API server (server-side dry run, file by file)', () => {
    const files = manifestFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        'crds/modeldeployments.airunway.ai.yaml',
        'rbac/example-bindings.yaml',
        'proxy/deployment.yaml',
      ])
    );
    // Namespaces exist for real first: a dry-run Namespace does not make its namespaced objects valid.
    const namespaces = files
      .flatMap(f => parseAllDocuments(readFileSync(cfg(f), 'utf8')).map(d => d.toJSON()))
      .filter(o => o?.kind === 'Namespace');
    kubectlObjects(TEST_CLUSTER, ['apply', '--server-side'], namespaces);
    for (const f of files) {
      const out = kubectl(TEST_CLUSTER, [
        'apply',
        '--server-side',
        '--dry-run=server',
        '--force-conflicts',
        '-f',
        cfg(f),
      ]);
      const docs = parseAllDocuments(readFileSync(cfg(f), 'utf8')).filter(d => d.contents !== null);
      expect(out.trim().split('\n'), f).toHaveLength(docs.length);
      for (const line of out.trim().split('\n'))
        expect(line, f).toMatch(/serverside-applied \(server dry run\)$/);
    }
  });

  it('builds both kustomizations', () => {
    for (const dir of ['proxy', 'rbac']) {
      const objects = kustomize(cfg(dir));
      expect(objects.length, dir).toBeGreaterThan(0);
      for (const o of objects)
        expect(
          o.metadata.labels?.['app.kubernetes.io/part-of'],
          `${dir} ${o.kind}/${o.metadata.name}`
        ).toBe('airunway');
    }
  });
});
