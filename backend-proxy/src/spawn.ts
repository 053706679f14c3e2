/** Runs a program with an argument array (never a shell), a timeout and bounded output capture. */
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  spawnError?: string;
}

export function run(
  bin: string,
  args: string[],
  opts: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs: number }
): Promise<RunResult> {
  return new Promise(resolve => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const done = (r: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(bin, args, {
        cwd: opts.cwd,
        env: opts.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: false,
      });
    } catch (err) {
      resolve({
        code: null,
        stdout: '',
        stderr: '',
        spawnError: (err as NodeJS.ErrnoException).code ?? 'spawn failed',
      });
      return;
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ code: null, stdout, stderr, spawnError: 'timeout' });
    }, opts.timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      if (stdout.length < 1_000_000) stdout += d.toString('utf8');
    });
    child.stderr?.on('data', (d: Buffer) => {
      if (stderr.length < 100_000) stderr += d.toString('utf8');
    });
    child.on('error', err =>
      done({
        code: null,
        stdout,
        stderr,
        spawnError: (err as NodeJS.ErrnoException).code ?? 'spawn failed',
      })
    );
    child.on('close', code => done({ code, stdout, stderr }));
  });
}
