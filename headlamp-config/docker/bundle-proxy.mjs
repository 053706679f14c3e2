#!/usr/bin/env node
/**
 * Bundles the proxy (backend-proxy/src/main.ts and everything it imports: hono, zod, pino, shared-client)
 * into one ES module that runs on plain Node 20 with no node_modules beside it. The proxy image's builder
 * stage runs this; `npm run proxy:bundle` runs it locally and `npm run proxy:bundle:check` starts the bundle
 * and asks it for /api/health.
 *
 *   node headlamp-config/docker/bundle-proxy.mjs [--out <file>]   (default backend-proxy/dist/proxy.mjs)
 *
 * esbuild comes with @kinvolk/headlamp-plugin's dependencies (vite); no extra package is needed.
 */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, statSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const esbuild = require('esbuild');

const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outfile = resolve(
  outIdx >= 0 && args[outIdx + 1] ? args[outIdx + 1] : join(root, 'backend-proxy/dist/proxy.mjs')
);
const version = JSON.parse(readFileSync(join(root, 'backend-proxy/package.json'), 'utf8')).version;

const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: [join(root, 'backend-proxy/src/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  // The image runs with --enable-source-maps, so Node reads this map into memory at start-up. Stack traces
  // need only the mappings, not every dependency's source text: without it the map (and the proxy's
  // resident memory) is several MB smaller.
  sourcesContent: false,
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
  // CommonJS dependencies (pino and its helpers) call require() for Node built-ins; an ES module bundle
  // has no require of its own.
  banner: {
    js: "import { createRequire as __airunwayCreateRequire } from 'node:module'; const require = __airunwayCreateRequire(import.meta.url);",
  },
  define: { 'process.env.NODE_ENV': '"production"' },
});

const bytes = statSync(outfile).size;
const inputs = Object.keys(result.metafile.inputs).length;
process.stdout.write(
  `bundled proxy ${version}: ${outfile} (${(bytes / 1024).toFixed(0)} KiB from ${inputs} modules)\n`
);
