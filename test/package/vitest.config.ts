/**
 * `pnpm test:package`: the install-like-a-user check (install.e2e.ts), apart from `pnpm test`
 * because it packs, installs and runs the package for minutes. One file, steps in order.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/package/**/*.e2e.ts'],
    testTimeout: 240_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
  },
});
