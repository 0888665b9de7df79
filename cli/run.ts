/**
 * A scenario run: resolve the target (start the reference backend when there is none), hand
 * the run to Playwright Test (spawn-runner.ts), and tear everything down — also on failure,
 * Ctrl-C and SIGTERM. Paths in `opts` are already absolute (options.ts).
 */
import { ROOT } from './root.js';
import { redactString } from '../harness/redact.js';
import { startReferenceTarget, type ReferenceTarget } from '../mock-backend/target.js';
import type { Profile } from '../harness/profile/schema.js';
import { redactOptionsFor } from '../harness/reporters/redact-result.js';
import { loadBaseline } from '../harness/reporters/baseline-file.js';
import { colours as pc } from '../harness/reporters/colours.js';
import { checkReportsRoot, finishRunDir, startRunDir } from '../harness/reporters/history.js';
import type { RunConfig } from '../harness/runner/run-config.js';
import { formatFault } from '../harness/faults/spec.js';
import { resolveToxiproxy, type ResolvedToxiproxy, type ToxiproxySpec } from '../harness/proxy/providers.js';
import { playwrightGrep, selectScenarios } from './select.js';
import { checkReachable, resolveTarget, type TargetOptions } from './target.js';
import { runClientScenariosCli } from './run-client.js';
import { runPlaywright } from './spawn-runner.js';
import { warmUpForRun } from '../harness/warmup.js';

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

export async function runScenarios(opts: RunOptions, passThrough: string[]): Promise<number> {
  if (opts.client !== undefined) return runClientScenariosCli(opts, passThrough);
  const resolved = resolveTarget(opts);
  const picked = selectScenarios(opts.grep);
  // Checked before anything starts: a bad baseline is a ConfigError (exit 2).
  const baseline = opts.baseline ? loadBaseline(opts.baseline) : undefined;
  // --out must be a directory whose `latest` ws-chaos made (checked before anything starts).
  const reportsRoot = opts.out;
  checkReportsRoot(reportsRoot);

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
      proxy: toxiproxy ? { provider: toxiproxy.provider, version: toxiproxy.version, url: toxiproxy.url, addressMap: toxiproxy.addressMap } : null,
      outDir: runDir.dir,
      startedAt: runDir.startedAt,
      quiet: opts.quiet ?? false,
      verbose: opts.verbose ?? false,
      baseline,
    };
    await warmUpForRun(config);
    if (!opts.quiet) {
      const shown = redactString(profile.url, redactOptionsFor(profile));
      process.stdout.write(
        `${pc.bold('ws-chaos')} ${picked.length} scenario(s) against ${reference ? 'the reference backend' : `profile "${profile.name}"`} ${pc.dim(shown)}` +
          `${faults.length ? ` playing ${pc.yellow(faults.join(', '))}` : ''}` +
          `${toxiproxy ? `\n${pc.dim(`chaos through ${toxiproxy.provider} Toxiproxy ${toxiproxy.version} at ${redactString(toxiproxy.url)}`)}` : ''}\n\n`,
      );
    }
    try {
      return await runPlaywright(ROOT, config, ['--project', 'backend', '--grep', playwrightGrep(picked)], passThrough);
    } finally {
      finishRunDir(runDir, opts.keep ?? 10);
    }
  } finally {
    await cleanup();
  }
}
