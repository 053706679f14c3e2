/**
 * Entry point: reads the configuration, wires the real helm CLI, Kubernetes client and Lease lock
 * into the app, serves it with @hono/node-server, and shuts down gracefully on SIGTERM/SIGINT
 * (health answers 503, no new connections, in-flight requests get SHUTDOWN_GRACE_MS to finish).
 */
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { loadConfig } from './config';
import { createHelmCli } from './helm/cli';
import { createLeaseLock } from './helm/lock';
import { createInstallationService } from './helm/operations';
import { buildRegistry } from './helm/registry';
import { createIntegrations } from './integrations';
import { inClusterCredentials, KubeClient, kubeconfigCredentials } from './kube/client';
import { createLogger } from './log';

function main(): void {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const creds = config.kubeconfig
    ? kubeconfigCredentials(config.kubeconfig, config.kubeContext)
    : inClusterCredentials();
  const kube = new KubeClient(creds, config.kubeTimeoutMs);
  const helm = createHelmCli({
    bin: config.helmBin,
    kubeconfig: config.kubeconfig,
    kubeContext: config.kubeContext,
    timeoutMs: (config.helmTimeoutSeconds + 30) * 1000,
  });
  const lock = createLeaseLock({
    kube,
    namespace: config.leaseNamespace,
    identity: config.identity,
    leaseDurationSeconds: config.leaseDurationSeconds,
    logger,
  });
  const installation = createInstallationService({
    helm,
    kube,
    lock,
    registry: buildRegistry(config.registry),
    operationTimeoutSeconds: config.helmTimeoutSeconds,
    logger,
  });

  let shuttingDown = false;
  const { app } = createApp({
    logger,
    version: config.version,
    installation,
    integrations: createIntegrations({
      config: config.integrations,
      kube,
      namespace: config.leaseNamespace,
      logger,
    }),
    bodyLimitBytes: config.bodyLimitBytes,
    isShuttingDown: () => shuttingDown,
  });

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, info => {
    logger.info(
      {
        port: info.port,
        cluster: config.kubeconfig ? 'kubeconfig' : 'in-cluster',
        server: kube.server,
        version: config.version,
      },
      'airunway proxy listening'
    );
  });

  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('grace period over; exiting with requests still running');
      kube.close();
      process.exit(0);
    }, config.shutdownGraceMs);
    force.unref();
    server.close(err => {
      if (err) logger.warn({ err: err.message }, 'server close');
      kube.close();
      logger.info('stopped');
      process.exit(0);
    });
    // Idle keep-alive sockets would hold close() open.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

try {
  main();
} catch (e) {
  // Configuration errors: one readable line, no stack.
  process.stderr.write(`airunway-proxy: ${(e as Error).message}\n`);
  process.exit(1);
}
