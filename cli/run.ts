/**
 * A scenario run: check the inputs (an external target must answer: exit 3), write the run
 * config that says what to start, and hand the run to Playwright Test (spawn-runner.ts). The
 * runner's worker fixtures (fixtures/) start and stop the reference backend and the Toxiproxy,
 * so this and `npx playwright test` are the same run and nothing is started twice.
 * Paths in `opts` are already absolute (options.ts).
 */
import { ROOT } from './root.js';
import { ConfigError } from '../harness/errors.js';
import { redactString } from '../harness/redact.js';
import type { Profile } from '../harness/profile/schema.js';
import { redactOptionsFor } from '../harness/reporters/redact-result.js';
import { loadBaseline } from '../harness/reporters/baseline-file.js';
import { colours as pc } from '../harness/reporters/colours.js';
import { checkReportsRoot, finishRunDir, startRunDir } from '../harness/reporters/history.js';
import { DEFAULT_TOXIPROXY_SPEC, type RunConfig } from '../harness/runner/run-config.js';
import { formatFault } from '../harness/faults/spec.js';
import { playwrightGrep, selectForRun, type SelectionOptions } from './select.js';
import { checkReachable, checkToxiproxySpec, resolveTarget, type TargetOptions } from './target.js';
import { runClientScenariosCli } from './run-client.js';
import { runPlaywright } from './spawn-runner.js';
import { extractShard, formatShard, shardSlice, type Shard } from './shard.js';
import { warmUpForRun } from '../harness/warmup.js';
import { cachedContract } from '../harness/contract/validate.js';
import { withDerivedParts } from '../harness/contract/derive.js';

export interface RunOptions extends TargetOptions, SelectionOptions {
  /** Config `reporters` (no flag): the outputs besides results.json. */
  reporters?: Array<'junit' | 'summary' | 'html' | 'timelines'>;
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
  /** `--shard i/n` (also accepted after `--`): run one slice of the selected scenarios. */
  shard?: Shard;
  /** `--asyncapi` (config `asyncapi`): the AsyncAPI document, absolute. */
  asyncapi?: string;
}

/**
 * The run's first line: how many scenarios (of this shard: the split --list --shard shows), the
 * target's URL (redacted: no query token, no userinfo password) and the profile's name. The
 * reference backend's URL is not known yet (the runner's worker fixture picks a free loopback
 * port): results.json, summary.md and index.html carry it.
 */
export function backendRunHeader(o: { profile: Profile | undefined; picked: readonly unknown[]; shard?: Shard; faults: readonly string[] }): string {
  const count = o.shard ? `shard ${formatShard(o.shard)}: ${shardSlice(o.picked, o.shard).length} of ${o.picked.length} scenario(s)` : `${o.picked.length} scenario(s)`;
  const against = o.profile
    ? `${redactString(o.profile.url, redactOptionsFor(o.profile))} ${pc.dim(`(profile "${o.profile.name}")`)}`
    : `the reference backend ${pc.dim('(profile "reference-backend", on a loopback port the runner picks)')}`;
  return `${pc.bold('ws-chaos')} ${count} against ${against}${o.faults.length ? ` playing ${pc.yellow(o.faults.join(', '))}` : ''}`;
}

export async function runScenarios(opts: RunOptions, rawPassThrough: string[]): Promise<number> {
  const { rest: passThrough, shard } = extractShard(rawPassThrough, opts.shard);
  if (shard && opts.client !== undefined) {
    throw new ConfigError('WSC_ERR_USAGE', '--shard splits the backend scenarios; client runs (--client) are not sharded: drop --shard, or run the client scenarios in one job.');
  }
  if (opts.client !== undefined) return runClientScenariosCli(opts, passThrough);
  const resolved = resolveTarget(opts);
  const picked = selectForRun(opts);
  // Checked before anything starts: a bad baseline is a ConfigError (exit 2).
  const baseline = opts.baseline ? loadBaseline(opts.baseline) : undefined;
  // --out must be a directory whose `latest` ws-chaos made (checked before anything starts).
  const reportsRoot = opts.out;
  checkReportsRoot(reportsRoot);

  // A bad document is a ConfigError (exit 2) before anything starts.
  const contract = opts.asyncapi ? cachedContract(opts.asyncapi) : undefined;
  let profile: Profile | undefined;
  if (resolved.profile) {
    profile = contract ? withDerivedParts(resolved.profile, contract.model).profile : resolved.profile;
    await checkReachable(resolved.url ?? profile.url);
  }
  // The runner's worker fixtures start the Toxiproxy, on the first chaos scenario; its spec is checked here.
  const chaos = picked.some((s) => s.needs.includes('toxiproxy'));
  const toxiproxy = opts.toxiproxy ?? DEFAULT_TOXIPROXY_SPEC;
  if (chaos) checkToxiproxySpec(toxiproxy);
  const faults = resolved.faults.map(formatFault);
  // This run's own directory under the reports root (history: <root>/<timestamp>/, <root>/latest).
  const runDir = startRunDir(reportsRoot);
  const config: RunConfig = {
    profile,
    reference: profile ? undefined : { faults: resolved.faults, logLevel: opts.verbose ? 'info' : 'silent' },
    toxiproxy,
    target: profile ? { url: profile.url, profile: profile.name, kind: 'external', faults } : { url: '', profile: 'reference-backend', kind: 'reference', faults },
    outDir: runDir.dir,
    startedAt: runDir.startedAt,
    quiet: opts.quiet ?? false,
    verbose: opts.verbose ?? false,
    baseline,
    shard,
    scenarioFiles: opts.scenarioFiles,
    expectedFailures: opts.expectedFailures,
    reporters: opts.reporters,
    asyncapi: opts.asyncapi,
  };
  try {
    // The warm-up (profile part `warmup`) is measured here, before the run: only an external profile has one.
    await warmUpForRun(config);
    if (!opts.quiet) {
      process.stdout.write(`${backendRunHeader({ profile, picked, shard, faults })}${chaos ? `\n${pc.dim(`chaos through Toxiproxy (${redactString(toxiproxy)})`)}` : ''}\n\n`);
    }
    return await runPlaywright(ROOT, config, ['--project', 'backend', '--grep', playwrightGrep(picked), ...(shard ? ['--shard', formatShard(shard)] : [])], passThrough);
  } finally {
    finishRunDir(runDir, opts.keep ?? 10);
  }
}
