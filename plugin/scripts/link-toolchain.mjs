// npm workspaces hoist @kinvolk/headlamp-plugin to the root node_modules, but `headlamp-plugin test|tsc|lint`
// look for it (and its vitest config) under the plugin's own node_modules and run `npm install` when it is
// missing. A symlink keeps the one hoisted copy and satisfies the tool. Runs as the root postinstall.
import { existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const hoisted = join(pluginDir, '..', 'node_modules', '@kinvolk', 'headlamp-plugin');
const link = join(pluginDir, 'node_modules', '@kinvolk', 'headlamp-plugin');

const isLink = () => {
  try {
    return lstatSync(link).isSymbolicLink() || existsSync(join(link, 'package.json'));
  } catch {
    return false;
  }
};

if (existsSync(hoisted) && !isLink()) {
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), hoisted), link, 'dir');
  console.log(`linked ${relative(process.cwd(), link)} -> hoisted @kinvolk/headlamp-plugin`);
}
