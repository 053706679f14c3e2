/**
 * `npm run test:stress`: the whole `npm test` while two CPU-bound processes hog the cores, as CI's busy
 * machine would. Prints each layer's time and outcome and, on a failure, the failing tests' lines; writes
 * the same to test-results/stress/<start>.json with the full log beside it. Exit code: that of `npm test`.
 *
 * The hogs are bounded: each stops by itself after AIRUNWAY_STRESS_MAX_MIN minutes (default 100) and is
 * killed as soon as the run ends, however it ends.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const HOGS = 2;
const maxMinutes = Number(process.env.AIRUNWAY_STRESS_MAX_MIN ?? 100);

interface LayerTime {
  layer: string;
  seconds: number;
  ok: boolean;
}

function startHog(): ChildProcess {
  // A tight loop that checks its deadline only every few million iterations.
  const source = `const end = Date.now() + ${maxMinutes * 60_000};
    let x = 0;
    while (Date.now() < end) { for (let i = 0; i < 5e6; i++) x = (x * 31 + i) | 0; }`;
  return spawn(process.execPath, ['-e', source], { stdio: 'ignore' });
}

/** The lines of a vitest log that name failures (FAIL and × lines), without ANSI colours. */
export function failureLines(log: string): string[] {
  // eslint-disable-next-line no-control-regex
  const plain = log.replace(/\x1b\[[0-9;]*m/g, '');
  return plain
    .split('\n')
    .filter(line => /^\s*(FAIL|×)\s/.test(line) || /==== .*: FAILED/.test(line))
    .map(line => line.trim());
}

async function main() {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(root, 'test-results', 'stress');
  mkdirSync(dir, { recursive: true });
  const timesFile = join(dir, `${stamp}.layers.jsonl`);
  const logFile = join(dir, `${stamp}.log`);
  writeFileSync(timesFile, '');
  const log = createWriteStream(logFile);

  const hogs = Array.from({ length: HOGS }, startHog);
  const stopHogs = () => hogs.forEach(hog => hog.kill('SIGKILL'));
  process.on('exit', stopHogs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => {
      stopHogs();
      process.exit(130);
    });

  console.log(`[stress] ${HOGS} CPU hogs started; npm test running; full log: ${logFile}`);
  const started = Date.now();
  const code = await new Promise<number>(resolve => {
    const run = spawn('bash', ['test/run-all.sh'], {
      cwd: root,
      env: { ...process.env, AIRUNWAY_LAYER_TIMES: timesFile, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [run.stdout, run.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        log.write(chunk);
        // Only the layer banners reach the terminal; the rest is in the log.
        for (const line of chunk.toString().split('\n'))
          if (line.startsWith('====')) console.log(line);
      });
    }
    run.on('close', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
  stopHogs();
  await new Promise(resolve => log.end(resolve));

  const layers: LayerTime[] = readFileSync(timesFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));
  const failures = code === 0 ? [] : failureLines(readFileSync(logFile, 'utf8'));
  const totalSeconds = Math.round((Date.now() - started) / 1000);
  const summary = { started: stamp, hogs: HOGS, exitCode: code, totalSeconds, layers, failures };
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(summary, null, 2) + '\n');

  console.log('\n[stress] layer times with two CPU hogs:');
  for (const layer of layers)
    console.log(`  ${layer.ok ? 'ok  ' : 'FAIL'} ${layer.layer.padEnd(22)} ${layer.seconds} s`);
  console.log(`  total ${totalSeconds} s — ${code === 0 ? 'green' : `RED (exit ${code})`}`);
  if (failures.length) {
    console.log('\n[stress] failures:');
    for (const line of failures.slice(0, 50)) console.log(`  ${line}`);
  }
  process.exitCode = code;
}

if (process.argv[1] === import.meta.filename) await main();
