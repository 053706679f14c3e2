/**
 * The built plugin laid out as Headlamp loads it from its plugins directory (as `headlamp-plugin package`
 * ships it): everything in plugin/dist (main.js and the locales/ translations) plus package.json, whose
 * `headlamp.i18n` tells Headlamp which locales to fetch.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../cluster/paths';

export const PLUGIN_FOLDER_NAME = 'ai-runway';

/** Copies the built plugin into `<pluginsDir>/ai-runway`, replacing what was there; returns `pluginsDir`. */
export function installBuiltPlugin(pluginsDir: string): string {
  const target = join(pluginsDir, PLUGIN_FOLDER_NAME);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  cpSync(join(repoRoot, 'plugin/dist'), target, { recursive: true });
  cpSync(join(repoRoot, 'plugin/package.json'), join(target, 'package.json'));
  return pluginsDir;
}
