// Builds the host page (index.html + bundle) into .airunway/headlamp-host; see test/host/README.md.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '../../.airunway/headlamp-host');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
/** Vite's `?import=default` suffix on the lib's locale imports means nothing to esbuild: drop it. */
const viteLocaleImports = {
  name: 'vite-locale-imports',
  setup(b) {
    b.onLoad({ filter: /headlamp-plugin[\\/]lib[\\/]i18n[\\/]config\.js$/ }, args => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('.json?import=default', '.json'),
      loader: 'js',
    }));
  },
};

await build({
  plugins: [viteLocaleImports],
  // Some of the lib's dependencies read process.env at run time, as Vite's Node polyfill allows.
  banner: { js: 'globalThis.process ??= { env: { NODE_ENV: "production" } };' },
  entryPoints: [join(here, 'src/main.tsx')],
  bundle: true,
  // One file: with code splitting the lib's circular imports evaluate out of order (a class extends undefined).
  format: 'esm',
  splitting: false,
  outdir: join(out, 'static'),
  publicPath: '/static',
  jsx: 'automatic',
  minify: true,
  logLevel: 'error',
  loader: { '.svg': 'file', '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.png': 'file' },
  // Node's `path` is reached through json-schema-ref-parser; Headlamp's own build aliases it the same way.
  alias: { path: 'path-browserify' },
  define: {
    'process.env.NODE_ENV': '"production"',
    global: 'globalThis',
    // The lib reads Vite's import.meta.env; these are the values a production Headlamp build has.
    'import.meta.env': JSON.stringify({
      PUBLIC_URL: '',
      DEV: false,
      NODE_ENV: 'production',
      UNDER_TEST: '',
    }),
  },
});
cpSync(join(here, 'index.html'), join(out, 'index.html'));
console.log(out);
