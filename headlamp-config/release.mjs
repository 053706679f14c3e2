#!/usr/bin/env node
/**
 * One release of the plugin for Artifact Hub and the desktop app, produced in one go so the checksum in the
 * metadata always belongs to the archive next to it:
 *
 *   1. builds the plugin if plugin/dist/main.js is missing (or with --build),
 *   2. packs it with `headlamp-plugin package` into <out>/ai-runway-<version>.tar.gz, whose single top-level
 *      folder ai-runway/ holds main.js and package.json (what Headlamp and pluginctl unpack),
 *   3. hashes the archive (SHA-256; checked against the hash headlamp-plugin prints) and writes <archive>.sha256,
 *   4. writes artifacthub-pkg.yml (archive-url, archive-checksum "SHA256:<hex>", version-compat, distro-compat)
 *      and artifacthub-repo.yml into the metadata directory (Artifact Hub reads them from the repository).
 *
 *   npm run release -- [--out <dir>] [--metadata-dir <dir>] [--build]
 *     --out            default .airunway/release (ignored by git; upload the archive to the GitHub release)
 *     --metadata-dir   default headlamp-config/artifacthub (commit these files with the release)
 *
 * Environment: AIRUNWAY_RELEASE_REPO (GitHub owner/name the archive is uploaded to, default
 * airunway/headlamp-airunway), HEADLAMP_VERSION_COMPAT (default ">=0.45.0", the Headlamp release this project's
 * browser tests run), AIRUNWAY_RELEASE_TAG (default v<version>), ARTIFACTHUB_REPOSITORY_ID,
 * ARTIFACTHUB_OWNER_EMAIL and ARTIFACTHUB_OWNER_NAME (for artifacthub-repo.yml; left out when unset).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const YAML = require('yaml');

const PLUGIN_DIR = join(root, 'plugin');
const HEADLAMP_PLUGIN = join(root, 'node_modules/.bin/headlamp-plugin');
/** pluginctl accepts archives only from GitHub, GitLab or Bitbucket release/archive URLs. */
const GITHUB_RELEASE_URL = /^https:\/\/github\.com\/[^/]+\/[^/]+\/(releases|archive)\/.*$/;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : fallback;
}

function fail(message) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(1);
}

const outDir = option('--out', join(root, '.airunway/release'));
const metadataDir = option('--metadata-dir', join(root, 'headlamp-config/artifacthub'));
const forceBuild = process.argv.includes('--build');

const pkg = JSON.parse(readFileSync(join(PLUGIN_DIR, 'package.json'), 'utf8'));
const { name, version } = pkg;
if (!/^[a-z0-9][a-z0-9-]*$/.test(name))
  fail(`plugin/package.json name "${name}" is not a plain plugin name`);
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version))
  fail(`plugin/package.json version "${version}" is not semver`);
// Headlamp refuses a plugin whose package.json lacks this devDependency.
if (!pkg.devDependencies?.['@kinvolk/headlamp-plugin'])
  fail('plugin/package.json lacks devDependencies["@kinvolk/headlamp-plugin"]');

const repo = process.env.AIRUNWAY_RELEASE_REPO || 'airunway/headlamp-airunway';
const tag = process.env.AIRUNWAY_RELEASE_TAG || `v${version}`;
const versionCompat = process.env.HEADLAMP_VERSION_COMPAT || '>=0.45.0';
const archiveName = `${name}-${version}.tar.gz`;
const archiveUrl = `https://github.com/${repo}/releases/download/${tag}/${archiveName}`;
if (!GITHUB_RELEASE_URL.test(archiveUrl))
  fail(`archive URL ${archiveUrl} is not a GitHub release URL`);

// 1. build
const mainJs = join(PLUGIN_DIR, 'dist/main.js');
if (forceBuild || !existsSync(mainJs)) {
  process.stderr.write('release: building the plugin (headlamp-plugin build)\n');
  execFileSync(HEADLAMP_PLUGIN, ['build'], {
    cwd: PLUGIN_DIR,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
if (!existsSync(mainJs)) fail('plugin/dist/main.js is missing after the build');

// 2. pack: stage a folder named after the plugin so the archive's top-level folder is ai-runway/.
const stage = mkdtempSync(join(tmpdir(), 'airunway-release-'));
let printed;
const archive = join(outDir, archiveName);
try {
  const pluginStage = join(stage, name);
  // The whole build output: main.js and the locales/ catalogs Headlamp loads for package.json's i18n.
  cpSync(join(PLUGIN_DIR, 'dist'), join(pluginStage, 'dist'), { recursive: true });
  copyFileSync(join(PLUGIN_DIR, 'package.json'), join(pluginStage, 'package.json'));
  mkdirSync(outDir, { recursive: true });
  // headlamp-plugin refuses to overwrite; a re-run for the same version replaces our own earlier archive.
  rmSync(archive, { force: true });
  const out = execFileSync(HEADLAMP_PLUGIN, ['package', pluginStage, outDir], {
    cwd: stage,
    encoding: 'utf8',
  });
  printed = /checksum \(sha256\): ([0-9a-f]{64})/.exec(out)?.[1];
} finally {
  rmSync(stage, { recursive: true, force: true });
}
if (!existsSync(archive)) fail(`headlamp-plugin package did not create ${archive}`);

// 3. hash
const sha256 = createHash('sha256').update(readFileSync(archive)).digest('hex');
if (printed && printed !== sha256)
  fail(`checksum mismatch: headlamp-plugin printed ${printed}, file hashes to ${sha256}`);
writeFileSync(`${archive}.sha256`, `${sha256}  ${archiveName}\n`);

// 4. metadata
const artifactHubPkg = {
  version,
  name,
  displayName: 'AI Runway',
  createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  description: pkg.description,
  license: pkg.license ?? 'Apache-2.0',
  homeURL: `https://github.com/${repo}`,
  keywords: [
    'headlamp',
    'headlamp-plugin',
    'kubernetes',
    'llm',
    'inference',
    'gpu',
    'vllm',
    'kaito',
    'dynamo',
    'kuberay',
  ],
  links: [
    { name: 'source', url: `https://github.com/${repo}` },
    { name: 'release', url: `https://github.com/${repo}/releases/tag/${tag}` },
  ],
  install: [
    'Desktop: Headlamp → Plugin Catalog → AI Runway → Install.',
    '',
    "In-cluster: enable the Headlamp chart's plugin manager with this package as its source",
    `(headlamp-config/headlamp/values-plugins-manager.yaml in https://github.com/${repo}),`,
    'and deploy the AI Runway proxy and its RBAC (headlamp-config/proxy, headlamp-config/rbac).',
  ].join('\n'),
  annotations: {
    'headlamp/plugin/archive-url': archiveUrl,
    'headlamp/plugin/archive-checksum': `SHA256:${sha256}`,
    'headlamp/plugin/version-compat': versionCompat,
    'headlamp/plugin/distro-compat': 'in-cluster,web,desktop',
  },
};
// Artifact Hub shows the repository ID when the repository is added (Control Panel → Repositories); with it
// and an owner's Artifact Hub e-mail here, the repository can be claimed and marked as a verified publisher.
const artifactHubRepo = {
  ...(process.env.ARTIFACTHUB_REPOSITORY_ID
    ? { repositoryID: process.env.ARTIFACTHUB_REPOSITORY_ID }
    : {}),
  owners: process.env.ARTIFACTHUB_OWNER_EMAIL
    ? [
        {
          name: process.env.ARTIFACTHUB_OWNER_NAME || repo.split('/')[0],
          email: process.env.ARTIFACTHUB_OWNER_EMAIL,
        },
      ]
    : [],
};
mkdirSync(metadataDir, { recursive: true });
const header = `# Generated by headlamp-config/release.mjs for ${name} ${version}; do not edit by hand.\n`;
writeFileSync(
  join(metadataDir, 'artifacthub-pkg.yml'),
  header + YAML.stringify(artifactHubPkg, { lineWidth: 0 })
);
writeFileSync(
  join(metadataDir, 'artifacthub-repo.yml'),
  `${header}# Artifact Hub repository metadata: register this directory as a "Headlamp plugins" repository.\n` +
    YAML.stringify(artifactHubRepo)
);

const rel = p => relative(process.cwd(), p) || '.';
process.stdout.write(
  JSON.stringify(
    { name, version, archive: rel(archive), sha256, archiveUrl, metadata: rel(metadataDir) },
    null,
    2
  ) + '\n'
);
