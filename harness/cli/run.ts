/**
 * A scenario run: resolve the target (start the reference backend when there is none), hand
 * the run to Playwright Test, and tear everything down — also on failure and Ctrl-C.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, EnvironmentError } from '../errors';
import { redactString } from '../redact';
import { startReferenceTarget, type ReferenceTarget } from '../reference-target';
import type { Profile } from '../profile/schema';
import type { RunResults } from '../results';
import { redactOptionsFor } from '../reporters/redact-result';
import { loadBaseline } from '../reporters/baseline-file';
import { colours as pc } from '../reporters/colours';
import { finishRunDir, startRunDir } from '../reporters/history';
import { RUN_ENV, type RunConfig } from '../runner/run-config';
import { formatFault } from '../../mock-backend/faults/spec';
import { resolveToxiproxy, type ResolvedToxiproxy, type ToxiproxySpec } from '../proxy/providers';
import { playwrightGrep, selectScenarios } from './select';
import { checkReachable, resolveTarget, type TargetOptions } from './target';
import { runClientScenariosCli } from './run-client';

export interface RunOptions extends TargetOptions {
  grep?: string;
  out: string;
  list?: boolean;
  listFaults?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  /** `--keep`: runs kept under the reports root (default 10). */
  keep?: number;
  /** `--baseline`: an earlier results.json (or run directory) to compare with. */
  baseline?: string;
  /** `--toxiproxy`: which Toxiproxy serves the chaos scenarios (default auto). */
  toxiproxy?: string;
  /** `--client [profile]`: run the client scenarios (true: the built-in reference client page). */
  client?: string | boolean;
  /** `--client-mode`: the reference client's mode (a buggy one, to see a scenario catch it). */
  clientMode?: string;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runScenarios(opts: RunOptions, passThrough: string[]): Promise<number> {
  if (opts.client !== undefined) return runClientScenariosCli(opts, passThrough);
  const resolved = resolveTarget(opts);
  const picked = selectScenarios(opts.grep);
  // Checked before anything starts: a bad baseline is a ConfigError (exit 2).
  const baseline = opts.baseline ? loadBaseline(opts.baseline) : undefined;
  const reportsRoot = resolve(opts.out);

  let reference: ReferenceTarget | undefined;
  let toxiproxy: ResolvedToxiproxy | undefined;
  let profile: Profile;
  const cleanup = async (): Promise<void> => {
    await toxiproxy?.close();
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
    // Only runs with chaos scenarios need a Toxiproxy; its absence is an environment error.
    if (picked.some((s) => s.needs.includes('toxiproxy'))) toxiproxy = await resolveToxiproxy((opts.toxiproxy ?? 'auto') as ToxiproxySpec);
    const faults = resolved.faults.map(formatFault);
    // This run's own directory under the reports root (history: <root>/<timestamp>/, <root>/latest).
    const runDir = startRunDir(reportsRoot);
    const config: RunConfig = {
      profile,
      target: { url: profile.url, profile: profile.name, kind: reference ? 'reference' : 'external', faults },
      proxy: toxiproxy ? { provider: toxiproxy.provider, version: toxiproxy.version, url: toxiproxy.url } : null,
      outDir: runDir.dir,
      startedAt: runDir.startedAt,
      quiet: opts.quiet ?? false,
      verbose: opts.verbose ?? false,
      baseline,
    };
    if (!opts.quiet) {
      const shown = redactString(profile.url, redactOptionsFor(profile));
      process.stdout.write(
        `${pc.bold('ws-chaos')} ${picked.length} scenario(s) against ${reference ? 'the reference backend' : `profile "${profile.name}"`} ${pc.dim(shown)}` +
          `${faults.length ? ` playing ${pc.yellow(faults.join(', '))}` : ''}` +
          `${toxiproxy ? `\n${pc.dim(`chaos through ${toxiproxy.provider} Toxiproxy ${toxiproxy.version} at ${redactString(toxiproxy.url)}`)}` : ''}\n\n`,
      );
    }
    try {
      return await runPlaywright(config, ['--project', 'backend', '--grep', playwrightGrep(picked)], passThrough);
    } finally {
      finishRunDir(runDir, opts.keep ?? 10);
    }
  } finally {
    await cleanup();
  }
}

export async function runPlaywright(config: RunConfig, grepArgs: string[], passThrough: string[], extraEnv: Record<string, string> = {}): Promise<number> {
  const resultsFile = join(config.outDir, 'results.json');
  rmSync(resultsFile, { force: true });
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const args = [cli, 'test', '--config', join(ROOT, 'playwright.config.ts'), ...grepArgs, ...passThrough];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // No stdin: Playwright's HTML reporter would otherwise print its own "To open last HTML
    // report run: ..." on a terminal (even with --quiet).
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...extraEnv, [RUN_ENV]: JSON.stringify(config), PLAYWRIGHT_HTML_OPEN: 'never' },
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
  if (results.scenarios.length === 0) {
    throw new ConfigError('WSC_ERR_UNKNOWN_SCENARIO', 'no scenario ran: the Playwright options after -- filtered every one out (see --list).');
  }
  return results.totals.failed + results.totals.errored > 0 ? 1 : 0;
}
