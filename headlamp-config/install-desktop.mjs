#!/usr/bin/env node
/**
 * Installs the built plugin into the Headlamp desktop app's plugin directory:
 *
 *   Linux    ~/.config/Headlamp/plugins/ai-runway          ($XDG_CONFIG_HOME honoured)
 *   macOS    ~/Library/Application Support/Headlamp/plugins/ai-runway
 *   Windows  %APPDATA%\Headlamp\plugins\ai-runway
 *
 * It copies plugin/dist/main.js and plugin/package.json (building the plugin first when dist/main.js is
 * missing, or always with --build). Restart Headlamp (or reload its window) to load it.
 *
 *   npm run install:desktop                    install or upgrade
 *   npm run install:desktop -- --uninstall     remove it again
 *
 * HEADLAMP_PLUGINS_DIR overrides the plugins directory (the parent of ai-runway/), for portable installs and
 * tests.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pluginDir = join(root, 'plugin');

export function headlampPluginsDir(
  env = process.env,
  platform = process.platform,
  home = homedir()
) {
  if (env.HEADLAMP_PLUGINS_DIR) return resolve(env.HEADLAMP_PLUGINS_DIR);
  if (platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'Headlamp', 'plugins');
  if (platform === 'win32')
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Headlamp', 'plugins');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Headlamp', 'plugins');
}

function main() {
  const { name, version } = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'));
  const target = join(headlampPluginsDir(), name);

  if (process.argv.includes('--uninstall')) {
    rmSync(target, { recursive: true, force: true });
    process.stdout.write(`removed ${target}\n`);
    return;
  }

  const mainJs = join(pluginDir, 'dist', 'main.js');
  if (process.argv.includes('--build') || !existsSync(mainJs)) {
    process.stderr.write('install:desktop: building the plugin (headlamp-plugin build)\n');
    execFileSync(join(root, 'node_modules/.bin/headlamp-plugin'), ['build'], {
      cwd: pluginDir,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  // Copy into a sibling folder, then swap it in: Headlamp never sees a half-written plugin.
  const staging = `${target}.installing-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  // Everything the build wrote (main.js and the locales/ catalogs), as `headlamp-plugin package` ships it.
  cpSync(join(pluginDir, 'dist'), staging, { recursive: true });
  copyFileSync(join(pluginDir, 'package.json'), join(staging, 'package.json'));
  rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  process.stdout.write(
    `installed ${name} ${version} into ${target}; restart Headlamp to load it\n`
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
