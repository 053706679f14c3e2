/**
 * Component tests: Headlamp's own vite config (what `headlamp-plugin test` runs), plus what keeps the
 * layer fast and steady on a small, busy machine. Each file still runs in a process of its own.
 *
 * - Two workers: vitest's default on two cores is one, which left a core idle while the other
 *   evaluated Headlamp's library and rendered pages.
 * - Limits are set here rather than with `vi.setConfig`, which lasts for one file only. They are limits,
 *   not speed tests: a test that meets them on an idle machine must meet them on a loaded one.
 */
import headlamp from '@kinvolk/headlamp-plugin/config/vite.config.mjs';
import { defineConfig, mergeConfig } from 'vitest/config';

// Headlamp's test mode, as `headlamp-plugin test` sets it (e.g. its timeAgo then always says 90 days).
process.env.UNDER_TEST = 'true';

export default mergeConfig(
  headlamp,
  defineConfig({
    test: {
      setupFiles: ['./src/test/setup.ts'],
      maxWorkers: 2,
      minWorkers: 1,
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  })
);
