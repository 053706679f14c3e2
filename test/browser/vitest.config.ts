import { defineConfig } from 'vitest/config';

// Browser tests: the plugin in the host page (test/host) against the real local control plane, driven
// through Debian's Chromium. Separate from the integration project (which excludes browser/).
export default defineConfig({
  test: {
    name: 'browser',
    root: __dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    globalSetup: ['../cluster/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
