/**
 * `npm run i18n:check`: the committed English catalog (locales/en/translation.json) holds exactly the keys the
 * source passes to t(). Runs Headlamp's own extraction (`headlamp-plugin i18n` = i18next-parser with the
 * bundled config) into a scratch copy and compares, so a string added or changed without `npm run i18n`
 * fails the tests instead of shipping untranslatable. (i18next-parser's --fail-on-update miscounts plural
 * keys and fails on an unchanged catalog.)
 */
const { execFileSync } = require('node:child_process');
const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');

const base = require.resolve('@kinvolk/headlamp-plugin/config/i18next-parser.config.js');
const scratch = mkdtempSync(join(tmpdir(), 'airunway-i18n-'));
try {
  cpSync('locales', join(scratch, 'locales'), { recursive: true });
  const config = join(scratch, 'config.cjs');
  writeFileSync(
    config,
    `module.exports = { ...require(${JSON.stringify(base)}), output: ${JSON.stringify(
      join(scratch, 'locales/$LOCALE/$NAMESPACE.json')
    )} };\n`
  );
  // The parser headlamp-plugin itself depends on (its package exports no bin path to resolve).
  const parserMain = require.resolve('i18next-parser', { paths: [dirname(base)] });
  const cli = join(dirname(parserMain), '..', 'bin/cli.js');
  execFileSync(process.execPath, [cli, 'src/**/*.{ts,tsx,js,jsx}', '-c', config, '--silent'], {
    stdio: 'inherit',
  });
  const committed = JSON.parse(readFileSync('locales/en/translation.json', 'utf8'));
  const extracted = JSON.parse(readFileSync(join(scratch, 'locales/en/translation.json'), 'utf8'));
  const missing = Object.keys(extracted).filter(key => !(key in committed));
  const stale = Object.keys(committed).filter(key => !(key in extracted));
  if (missing.length || stale.length) {
    for (const key of missing) console.error(`not in locales/en/translation.json: ${key}`);
    for (const key of stale) console.error(`no longer in the source: ${key}`);
    console.error('Run `npm run i18n` in plugin/ and commit locales/.');
    process.exit(1);
  }
  console.log(
    `locales/en/translation.json: ${Object.keys(committed).length} keys, in step with src/`
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
