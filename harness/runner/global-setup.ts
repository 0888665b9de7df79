/**
 * Playwright global setup for runs started without the CLI (`pnpm exec playwright test`):
 * start the reference backend and describe it in WSC_RUN. Under the CLI, WSC_RUN is already
 * set and the CLI owns the target.
 */
import { resolve } from 'node:path';
import { startReferenceTarget } from '../../mock-backend/target.js';
import { RUN_ENV, writeRunConfig } from './run-config.js';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env[RUN_ENV]) return undefined;
  const target = await startReferenceTarget();
  writeRunConfig({
    profile: target.profile,
    target: { url: target.backend.wsUrl, profile: target.profile.name, kind: 'reference', faults: [] },
    proxy: null,
    outDir: resolve('reports'),
    startedAt: new Date().toISOString(),
    quiet: false,
    verbose: false,
  });
  return async () => {
    await target.close();
  };
}
