/** In-memory stand-ins for the app's dependencies (unit tests only). */
import type { ProviderActionResponse } from '@airunway/shared-client/schemas/proxy';
import { Writable } from 'node:stream';
import { createApp } from '../app';
import type { InstallationService } from '../helm/operations';
import { createLogger } from '../log';

export type Call = { method: keyof InstallationService; id?: string };

export function fakeInstallation(overrides: Partial<InstallationService> = {}) {
  const calls: Call[] = [];
  const action =
    (method: keyof InstallationService) =>
    async (id: string): Promise<ProviderActionResponse> => {
      calls.push({ method, id });
      return {
        success: true,
        message: `${method} ok`,
        installationStatus: {
          installed: method === 'install' || method === 'upgrade',
          crdFound: true,
          operatorRunning: true,
        },
        results: [{ step: `${method} ${id}`, success: true, output: 'ok' }],
      };
    };
  const service: InstallationService = {
    async helmStatus() {
      calls.push({ method: 'helmStatus' });
      return { available: true, version: 'v3.18.6' };
    },
    async providerStatus(id) {
      calls.push({ method: 'providerStatus', id });
      return {
        providerId: id,
        providerName: id,
        installed: false,
        crdFound: false,
        operatorRunning: false,
        message: 'not installed',
      };
    },
    async providerCommands(id) {
      calls.push({ method: 'providerCommands', id });
      return { providerId: id, providerName: id, commands: ['helm version'] };
    },
    install: action('install'),
    upgrade: action('upgrade'),
    uninstall: action('uninstall'),
    uninstallCrds: action('uninstallCrds'),
    async gatewayStatus() {
      calls.push({ method: 'gatewayStatus' });
      return {
        gatewayApiInstalled: false,
        inferenceExtInstalled: false,
        pinnedVersion: '1.5.0',
        gatewayAvailable: false,
        message: 'not installed',
        installCommands: [],
      };
    },
    async installGatewayCrds() {
      calls.push({ method: 'installGatewayCrds' });
      return { success: true, message: 'ok', results: [] };
    },
    async gpuOperatorStatus() {
      calls.push({ method: 'gpuOperatorStatus' });
      return {
        installed: false,
        crdFound: false,
        operatorRunning: false,
        gpusAvailable: true,
        totalGPUs: 16,
        gpuNodes: ['a'],
        message: 'x',
      };
    },
    async installGpuOperator() {
      calls.push({ method: 'installGpuOperator' });
      return { success: true, message: 'ok' };
    },
    ...overrides,
  };
  return { service, calls };
}

/** A logger that writes into a string (for redaction tests) or nowhere. */
export function memoryLogger(level = 'info') {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger(level, stream), lines };
}

export function testApp(
  overrides: Partial<InstallationService> = {},
  opts: { bodyLimitBytes?: number; shuttingDown?: boolean } = {}
) {
  const { service, calls } = fakeInstallation(overrides);
  const { logger, lines } = memoryLogger();
  const built = createApp({
    logger,
    version: { version: '1.2.3', buildTime: '2026-01-01T00:00:00Z', gitCommit: 'abc123' },
    installation: service,
    bodyLimitBytes: opts.bodyLimitBytes ?? 4096,
    isShuttingDown: () => opts.shuttingDown ?? false,
  });
  return { ...built, calls, logLines: lines };
}

export const MUTATING: readonly (keyof InstallationService)[] = [
  'install',
  'upgrade',
  'uninstall',
  'uninstallCrds',
  'installGatewayCrds',
  'installGpuOperator',
];
