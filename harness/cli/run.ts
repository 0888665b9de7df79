/**
 * A scenario run: resolve the target (start the reference backend when there is none), hand
 * the run to Playwright Test, and tear everything down — also on failure and Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { EnvironmentError } from '../errors';
import { redactString } from '../redact';
import { startReferenceTarget, type ReferenceTarget } from '../reference-target';
import type { Profile } from '../profile/schema';
import type { RunResults } from '../results';
import { redactOptionsFor } from '../reporters/redact-result';
import { RUN_ENV, type RunConfig } from '../runner/run-config';
import { formatFault } from '../../mock-backend/faults/spec';
import { playwrightGrep, selectScenarios } from './select';
import { checkReachable, resolveTarget, type TargetOptions } from './target';

export interface RunOptions extends TargetOptions {
  grep?: string;
  out: string;
  list?: boolean;
  listFaults?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runScenarios(opts: RunOptions, passThrough: string[]): Promise<number> {
  const resolved = resolveTarget(opts);
  const picked = selectScenarios(opts.grep);
  const outDir = resolve(opts.out);

  let reference: ReferenceTarget | undefined;
  let profile: Profile;
  const cleanup = async (): Promise<void> => {
    await reference?.close();
  };
  try {
    if (resolved.profile) {
      profile = resolved.profile;
      await checkReachable(profile.url);
    } else {
      reference = await startReferenceTarget({ faults: resolved.faults, logLevel: opts.verbose ? 'info' : 'silent' });
      profile = reference.profile;
    }
    const faults = resolved.faults.map(formatFault);
    const config: RunConfig = {
      profile,
      target: { url: profile.url, kind: reference ? 'reference' : 'external', faults },
      proxy: null,
      outDir,
      startedAt: new Date().toISOString(),
      quiet: opts.quiet ?? false,
      verbose: opts.verbose ?? false,
    };
    if (!opts.quiet) {
      const shown = redactString(profile.url, redactOptionsFor(profile));
      process.stdout.write(
        `${pc.bold('ws-chaos')} ${picked.length} scenario(s) against ${reference ? 'the reference backend' : `profile "${profile.name}"`} ${pc.dim(shown)}` +
          `${faults.length ? ` playing ${pc.yellow(faults.join(', '))}` : ''}\n\n`,
      );
    }
    return await runPlaywright(config, picked.length === 0 ? [] : ['--grep', playwrightGrep(picked)], passThrough);
  } finally {
    await cleanup();
  }
}

async function runPlaywright(config: RunConfig, grepArgs: string[], passThrough: string[]): Promise<number> {
  const resultsFile = join(config.outDir, 'results.json');
  rmSync(resultsFile, { force: true });
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const args = [cli, 'test', '--config', join(ROOT, 'playwright.config.ts'), ...grepArgs, ...passThrough];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, [RUN_ENV]: JSON.stringify(config), PLAYWRIGHT_HTML_OPEN: 'never' },
  });
  const forward = (signal: NodeJS.Signals) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  let interrupted = false;
  process.once('SIGINT', () => (interrupted = true));
  const code: number = await new Promise((done) => {
    child.on('exit', (c, signal) => done(c ?? (signal ? 130 : 3)));
    child.on('error', (e) => {
      process.stderr.write(`ws-chaos: could not start Playwright Test: ${e.message}\n`);
      done(3);
    });
  });
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  if (interrupted) return 130;
  if (!existsSync(resultsFile)) {
    throw new EnvironmentError(
      'WSC_ERR_ENVIRONMENT',
      `the scenario runner ended (exit ${code}) without writing ${resultsFile}: see the output above.`,
    );
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults;
  return results.totals.failed + results.totals.errored > 0 ? 1 : 0;
}
