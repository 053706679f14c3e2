/**
 * Runs the real `helm` binary with an argument array through execFile: never a shell, always a
 * timeout, bounded output. Every argument is checked for control characters as a last line of
 * defence (identifiers are validated long before they get here).
 */
import { execFile } from 'node:child_process';
import { ProxyError } from '../errors';

export interface HelmRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface HelmCliOptions {
  /** Path or name of the helm binary. */
  bin: string;
  /** `--kubeconfig` / `--kube-context` for running outside the cluster; unset in-cluster. */
  kubeconfig?: string | undefined;
  kubeContext?: string | undefined;
  /** Extra environment (HELM_CACHE_HOME, HELM_CONFIG_HOME, HELM_DATA_HOME, …). */
  env?: Record<string, string> | undefined;
  /** Default kill timeout for one helm call. */
  timeoutMs: number;
}

export interface HelmCli {
  run(args: readonly string[], opts?: { timeoutMs?: number }): Promise<HelmRunResult>;
}

const MAX_OUTPUT = 4 * 1024 * 1024;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function createHelmCli(options: HelmCliOptions): HelmCli {
  const globalArgs: string[] = [];
  if (options.kubeconfig) globalArgs.push('--kubeconfig', options.kubeconfig);
  if (options.kubeContext) globalArgs.push('--kube-context', options.kubeContext);
  const env = { ...process.env, ...options.env };

  return {
    run(args, opts = {}) {
      for (const arg of args) {
        if (typeof arg !== 'string' || CONTROL.test(arg)) {
          return Promise.reject(
            new ProxyError('VALIDATION_ERROR', 'Refusing to run helm with an unsafe argument.')
          );
        }
      }
      const timeoutMs = opts.timeoutMs ?? options.timeoutMs;
      // `version` takes no cluster flags that matter, but helm accepts them everywhere.
      const fullArgs = [...args, ...globalArgs];
      return new Promise((resolve, reject) => {
        execFile(
          options.bin,
          fullArgs,
          {
            shell: false,
            timeout: timeoutMs,
            killSignal: 'SIGTERM',
            maxBuffer: MAX_OUTPUT,
            env,
            windowsHide: true,
          },
          (error, stdout, stderr) => {
            if (!error) {
              resolve({ exitCode: 0, stdout: String(stdout), stderr: String(stderr) });
              return;
            }
            const err = error as NodeJS.ErrnoException & {
              killed?: boolean;
              signal?: string | null;
              code?: unknown;
            };
            if (err.code === 'ENOENT' || err.code === 'EACCES') {
              reject(
                new ProxyError(
                  'UPSTREAM_UNAVAILABLE',
                  'The helm binary is not available to the proxy.',
                  {
                    cause: err.code,
                  },
                  503
                )
              );
              return;
            }
            if (err.killed || err.signal) {
              reject(
                new ProxyError(
                  'UPSTREAM_UNAVAILABLE',
                  `helm ${args[0] ?? ''} did not finish within ${Math.round(timeoutMs / 1000)} s.`,
                  { timeoutMs, command: args[0] },
                  504
                )
              );
              return;
            }
            if (err.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
              reject(
                new ProxyError(
                  'UPSTREAM_UNAVAILABLE',
                  'helm printed more output than the proxy accepts.',
                  undefined,
                  502
                )
              );
              return;
            }
            resolve({
              exitCode: typeof err.code === 'number' ? err.code : 1,
              stdout: String(stdout),
              stderr: String(stderr),
            });
          }
        );
      });
    },
  };
}
