import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'shared-client',
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
