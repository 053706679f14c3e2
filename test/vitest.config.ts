import { defineConfig } from 'vitest/config';

// Integration tests against the real local control plane. One cluster is started for the whole run
// (global-setup.ts); each test file works in namespaces of its own.
export default defineConfig({
  test: {
    name: 'integration',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'browser/**'],
    environment: 'node',
    globalSetup: ['./cluster/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores, one API server: files run one after another.
    fileParallelism: false,
  },
});
