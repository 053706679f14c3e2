/**
 * Distribution: the release script's archive and Artifact Hub metadata, the desktop install, and the proxy
 * image's entry point (the esbuild bundle) — everything of the images that can be checked without a container
 * engine.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../cluster/paths';

const pluginDir = join(repoRoot, 'plugin');
const pluginPkg = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'));
const archiveName = `${pluginPkg.name}-${pluginPkg.version}.tar.gz`;
/** @headlamp-k8s/pluginctl's validateArchiveURL (GitHub form): other archive URLs are refused at install. */
const PLUGINCTL_GITHUB_URL = /^https:\/\/github\.com\/[^/]+\/[^/]+\/(releases|archive)\/.*$/;

const tmp = mkdtempSync(join(tmpdir(), 'airunway-release-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function ensurePluginBuilt(): void {
  if (!existsSync(join(pluginDir, 'dist/main.js'))) {
    execFileSync(join(repoRoot, 'node_modules/.bin/headlamp-plugin'), ['build'], {
      cwd: pluginDir,
      stdio: 'inherit',
    });
  }
}

describe('release script (headlamp-config/release.mjs)', () => {
  const out = join(tmp, 'out');
  const meta = join(tmp, 'meta');
  let summary: any;
  let pkgMeta: any;

  beforeAll(() => {
    ensurePluginBuilt();
    const stdout = execFileSync(
      process.execPath,
      [join(repoRoot, 'headlamp-config/release.mjs'), '--out', out, '--metadata-dir', meta],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, AIRUNWAY_RELEASE_REPO: 'example-org/ai-runway-test' },
      }
    );
    summary = JSON.parse(stdout);
    pkgMeta = parse(readFileSync(join(meta, 'artifacthub-pkg.yml'), 'utf8'));
  }, 240_000);

  it('packs ai-runway/main.js, its English catalog and ai-runway/package.json, the built plugin as it is', () => {
    const archive = join(out, archiveName);
    const entries = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort();
    expect(entries).toEqual([
      `${pluginPkg.name}/`,
      `${pluginPkg.name}/locales/`,
      `${pluginPkg.name}/locales/en/`,
      `${pluginPkg.name}/locales/en/translation.json`,
      `${pluginPkg.name}/main.js`,
      `${pluginPkg.name}/package.json`,
    ]);
    const x = join(tmp, 'x');
    mkdirSync(x);
    execFileSync('tar', ['-xzf', archive, '-C', x]);
    expect(
      readFileSync(join(x, pluginPkg.name, 'main.js')).equals(
        readFileSync(join(pluginDir, 'dist/main.js'))
      )
    ).toBe(true);
    const packed = JSON.parse(readFileSync(join(x, pluginPkg.name, 'package.json'), 'utf8'));
    // What Headlamp checks when it loads a plugin: the name and version, and the headlamp-plugin devDependency
    // (without it Headlamp refuses the plugin as incompatible).
    expect(packed.name).toBe('ai-runway');
    expect(packed.version).toBe(pkgMeta.version);
    expect(packed.devDependencies['@kinvolk/headlamp-plugin']).toMatch(/^\^?0\.\d+\.\d+/);
  });

  it('writes the archive checksum into artifacthub-pkg.yml and the .sha256 file', () => {
    const archive = join(out, archiveName);
    const sha = createHash('sha256').update(readFileSync(archive)).digest('hex');
    expect(summary.sha256).toBe(sha);
    expect(pkgMeta.annotations['headlamp/plugin/archive-checksum']).toBe(`SHA256:${sha}`);
    expect(readFileSync(`${archive}.sha256`, 'utf8')).toBe(`${sha}  ${archiveName}\n`);
    expect(readdirSync(out).sort()).toEqual([archiveName, `${archiveName}.sha256`]);
  });

  it('fills the Headlamp annotations Artifact Hub and pluginctl read', () => {
    expect(pkgMeta).toMatchObject({
      name: pluginPkg.name,
      version: pluginPkg.version,
      displayName: 'AI Runway',
    });
    expect(pkgMeta.description).toBeTruthy();
    expect(Date.parse(pkgMeta.createdAt)).not.toBeNaN();
    const a = pkgMeta.annotations;
    expect(a['headlamp/plugin/archive-url']).toBe(
      `https://github.com/example-org/ai-runway-test/releases/download/v${pluginPkg.version}/${archiveName}`
    );
    expect(a['headlamp/plugin/archive-url']).toMatch(PLUGINCTL_GITHUB_URL);
    expect(a['headlamp/plugin/distro-compat']).toBe('in-cluster,web,desktop');
    expect(a['headlamp/plugin/version-compat']).toMatch(/^>=\d+\.\d+\.\d+$/);
    const repo = parse(readFileSync(join(meta, 'artifacthub-repo.yml'), 'utf8'));
    expect(Array.isArray(repo.owners)).toBe(true);
  });

  it('re-runs for the same version, replacing its own archive so the checksum matches again', () => {
    const stdout = execFileSync(
      process.execPath,
      [join(repoRoot, 'headlamp-config/release.mjs'), '--out', out, '--metadata-dir', meta],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      }
    );
    const again = JSON.parse(stdout);
    const sha = createHash('sha256')
      .update(readFileSync(join(out, archiveName)))
      .digest('hex');
    expect(again.sha256).toBe(sha);
    expect(
      parse(readFileSync(join(meta, 'artifacthub-pkg.yml'), 'utf8')).annotations[
        'headlamp/plugin/archive-checksum'
      ]
    ).toBe(`SHA256:${sha}`);
  });

  it('keeps the committed metadata and the in-cluster values at the plugin version', () => {
    const committed = parse(
      readFileSync(join(repoRoot, 'headlamp-config/artifacthub/artifacthub-pkg.yml'), 'utf8')
    );
    expect(committed.version).toBe(pluginPkg.version);
    expect(committed.annotations['headlamp/plugin/archive-checksum']).toMatch(
      /^SHA256:[0-9a-f]{64}$/
    );
    expect(committed.annotations['headlamp/plugin/archive-url']).toMatch(PLUGINCTL_GITHUB_URL);
    const pm = parse(
      readFileSync(join(repoRoot, 'headlamp-config/headlamp/values-plugins-manager.yaml'), 'utf8')
    );
    expect(parse(pm.pluginsManager.configContent).plugins[0].version).toBe(pluginPkg.version);
  });
});

describe('desktop install (npm run install:desktop)', () => {
  const script = join(repoRoot, 'headlamp-config/install-desktop.mjs');
  const run = (pluginsDir: string, ...args: string[]) =>
    execFileSync(process.execPath, [script, ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, HEADLAMP_PLUGINS_DIR: pluginsDir },
    });

  it('copies main.js, the locales and package.json into <plugins dir>/ai-runway, upgrades in place and uninstalls', () => {
    ensurePluginBuilt();
    const dir = join(tmp, 'desktop-plugins');
    run(dir);
    const target = join(dir, 'ai-runway');
    expect(readdirSync(target).sort()).toEqual(['locales', 'main.js', 'package.json']);
    expect(
      readFileSync(join(target, 'main.js')).equals(readFileSync(join(pluginDir, 'dist/main.js')))
    ).toBe(true);
    // The English catalog Headlamp loads because package.json names `en` in headlamp.i18n.
    expect(
      JSON.parse(readFileSync(join(target, 'locales/en/translation.json'), 'utf8'))['Deploy']
    ).toBe('Deploy');
    expect(JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).name).toBe('ai-runway');
    // An upgrade replaces whatever an older version left there.
    writeFileSync(join(target, 'stale.js'), '');
    run(dir);
    expect(readdirSync(target).sort()).toEqual(['locales', 'main.js', 'package.json']);
    expect(readdirSync(dir)).toEqual(['ai-runway']);
    run(dir, '--uninstall');
    expect(existsSync(target)).toBe(false);
  });

  it("resolves Headlamp's user plugin directory per platform", async () => {
    const { headlampPluginsDir } = await import(pathToFileURL(script).href);
    expect(headlampPluginsDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Headlamp/plugins');
    expect(headlampPluginsDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe(
      '/cfg/Headlamp/plugins'
    );
    expect(headlampPluginsDir({}, 'darwin', '/Users/u')).toBe(
      '/Users/u/Library/Application Support/Headlamp/plugins'
    );
    // On Windows the path module joins with the host's separator; the parts are what matters.
    expect(
      headlampPluginsDir({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32', 'C:/Users/u')
    ).toBe(join('C:/Users/u/AppData/Roaming', 'Headlamp', 'plugins'));
    expect(headlampPluginsDir({ HEADLAMP_PLUGINS_DIR: '/tmp/p' }, 'darwin', '/Users/u')).toBe(
      '/tmp/p'
    );
  });
});

describe('proxy image entry point (no container engine here)', () => {
  it('bundles backend-proxy with esbuild and the bundle alone answers /api/health', () => {
    const out = execFileSync(
      process.execPath,
      [join(repoRoot, 'headlamp-config/docker/check-proxy-bundle.mjs')],
      {
        cwd: repoRoot,
        encoding: 'utf8',
      }
    );
    expect(out).toMatch(/proxy bundle OK: \/api\/health 200 \{"status":"ok"/);
  }, 60_000);

  it('builds helm v3.18.6 like test/cluster/build-binaries.sh and runs as uid 65532 with HOME and Helm dirs in /tmp', () => {
    const dockerfile = readFileSync(
      join(repoRoot, 'headlamp-config/docker/proxy.Dockerfile'),
      'utf8'
    );
    const pinned = /HELM_VERSION=(v[\d.]+)/.exec(
      readFileSync(join(repoRoot, 'test/cluster/build-binaries.sh'), 'utf8')
    )?.[1];
    expect(pinned).toBe('v3.18.6');
    expect(dockerfile).toContain(`ARG HELM_VERSION=${pinned}`);
    expect(dockerfile).toContain('helm.sh/helm/v3/cmd/helm@${HELM_VERSION}');
    expect(dockerfile).toMatch(/^USER 65532:65532$/m);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-[a-z]+-slim$/m);
    expect(dockerfile).toContain('headlamp-config/docker/bundle-proxy.mjs');
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "--enable-source-maps", "\/app\/proxy.mjs"\]/);
    for (const env of [
      'HOME=/tmp',
      'HELM_CACHE_HOME=/tmp/helm/cache',
      'HELM_CONFIG_HOME=/tmp/helm/config',
      'HELM_DATA_HOME=/tmp/helm/data',
    ]) {
      expect(dockerfile).toContain(env);
    }
    // The Deployment's pod security context uses the image's uid.
    const deploy = parse(
      readFileSync(join(repoRoot, 'headlamp-config/proxy/deployment.yaml'), 'utf8')
    );
    expect(deploy.spec.template.spec.securityContext.runAsUser).toBe(65532);
  });
});
