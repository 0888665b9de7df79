/**
 * Starting and ending the Playwright runner for a run. The run config goes to it as a file
 * (WSC_RUN holds the path; nothing else of the run is in the environment); the runner gets its
 * own process group and an IPC channel, so it
 * ends when the CLI dies (harness/runner/orphan.ts), and Ctrl-C / SIGTERM reach it exactly once,
 * from here: it stops gracefully and writes the partial results, marked `complete: false`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ConfigError, EnvironmentError } from '../harness/errors.js';
import type { RunResults } from '../harness/results.js';
import {
  IPC_ENV,
  readEnvironmentError,
  removeEnvironmentError,
  removeRunConfigFile,
  RUN_ENV,
  writeRunConfigFile,
  type RunConfig,
} from '../harness/runner/run-config.js';

/** The documented exit codes of a run stopped by a signal (128 + the signal's number). */
export const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };
/** After a stop signal, how long the runner has to end before its process group is killed. */
export const STOP_GRACE_MS = 20_000;

/** ws-chaos's Playwright config under `root`: the source file, or the built one when installed (dist/). */
const PLAYWRIGHT_CONFIG = import.meta.url.endsWith('.ts') ? 'playwright.config.ts' : 'playwright.config.js';

/** Playwright Test's own usage errors (commander's lower-case `error: ...` lines). */
const PLAYWRIGHT_USAGE = /^error: (.+)$/m;

export async function runPlaywright(root: string, config: RunConfig, grepArgs: string[], passThrough: string[]): Promise<number> {
  const resultsFile = join(config.outDir, 'results.json');
  rmSync(resultsFile, { force: true });
  const configFile = writeRunConfigFile(config);
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const args = [cli, 'test', '--config', join(root, PLAYWRIGHT_CONFIG), ...grepArgs, ...passThrough];
  let stopSignal: NodeJS.Signals | undefined;
  let usageError: string | undefined;
  let code: number;
  try {
    const child = spawn(process.execPath, args, {
      cwd: root,
      // No stdin: Playwright's HTML reporter would otherwise print its own "To open last HTML
      // report run: ..." on a terminal (even with --quiet). stderr is read for usage errors.
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      // Its own process group: a terminal's Ctrl-C reaches the CLI only, which passes it on once.
      detached: true,
      env: { ...process.env, [RUN_ENV]: configFile, [IPC_ENV]: '1', PLAYWRIGHT_HTML_OPEN: 'never' },
    });
    child.stderr!.on('data', (d: Buffer) => {
      const text = d.toString();
      usageError ??= PLAYWRIGHT_USAGE.exec(text)?.[1];
      process.stderr.write(text);
    });
    let killTimer: NodeJS.Timeout | undefined;
    const onSignal = (signal: NodeJS.Signals): void => {
      stopSignal ??= signal;
      if (child.exitCode !== null || child.signalCode !== null) return;
      // Playwright stops gracefully on SIGINT (SIGTERM would kill it before it writes anything).
      child.kill('SIGINT');
      killTimer ??= setTimeout(() => {
        if (child.pid !== undefined && child.exitCode === null) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }
      }, STOP_GRACE_MS);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      code = await new Promise<number>((done) => {
        child.on('close', (c, signal) => done(c ?? (signal ? 128 + 2 : 3)));
        child.on('error', (e) => {
          process.stderr.write(`ws-chaos: could not start Playwright Test: ${e.message}\n`);
          done(3);
        });
      });
    } finally {
      clearTimeout(killTimer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  } finally {
    removeRunConfigFile(configFile);
  }
  if (stopSignal) return SIGNAL_EXIT[stopSignal] ?? 130;
  // A worker fixture could not start what the run needs (a Toxiproxy container without Docker...):
  // the run's environment failed, whatever the scenarios' results say.
  const envError = readEnvironmentError(config.outDir);
  removeEnvironmentError(config.outDir);
  if (envError) throw envError.exitCode === 2 ? new ConfigError('WSC_ERR_CONFIG', envError.message) : new EnvironmentError('WSC_ERR_ENVIRONMENT', envError.message);
  if (!existsSync(resultsFile)) {
    if (usageError) {
      throw new ConfigError('WSC_ERR_USAGE', `Playwright Test refused the options after --: ${usageError}. See \`pnpm exec playwright test --help\` for the options it takes.`);
    }
    throw new EnvironmentError('WSC_ERR_ENVIRONMENT', `the scenario runner ended (exit ${code}) without writing ${resultsFile}: see the output above.`);
  }
  const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as RunResults;
  if (results.scenarios.length === 0 && config.shard) {
    // More shards than scenarios: this slice is empty, which is not an error of the run.
    process.stdout.write(`ws-chaos: shard ${config.shard.current}/${config.shard.total} has no scenarios to run (the selection is split ${config.shard.total} ways); nothing ran, exit 0.\n`);
    return 0;
  }
  if (results.scenarios.length === 0) {
    throw new ConfigError('WSC_ERR_UNKNOWN_SCENARIO', 'no scenario ran: the Playwright options after -- filtered every one out (see --list).');
  }
  return results.totals.failed + results.totals.errored > 0 ? 1 : 0;
}
