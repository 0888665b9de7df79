/**
 * `ws-chaos load`: many live connections against the reference backend (started here, on
 * 127.0.0.1 port 0, with a 1 s keepalive; `--fault` makes it misbehave) or a profiled backend
 * (`--target` / `--profile`). Flags override the config file's `load:` section field by field.
 * The run itself is harness/load/run-load.ts; its outputs (load.json, junit.xml, summary.md) go
 * to a run directory under `--out` like a scenario run's. Exit 0 every threshold held, 1 one was
 * breached, 2 bad usage or config (a malformed threshold names itself and the fix), 3 the target
 * cannot be reached, 130 / 143 stopped by Ctrl-C / SIGTERM (every connection closed first).
 * `--storm`, `--soak` and `--workers` / `--processes` pick another kind of run (cli/load-mode.ts);
 * each has its own file (cli/load-storm.ts, load-soak.ts, load-workers.ts) and shares the signal
 * handling and the outputs (cli/load-session.ts: also load.svg and index.html with the chart).
 * A positional id picks a named load scenario (cli/load-scenarios.ts: load/ramp,
 * load/deploy-storm, load/soak) whose defaults the config file and the flags override; `--list`
 * lists them. `--shard i/n` runs one slice of `--connections` at its share of the arrival rate,
 * so n shards on n machines keep the requested schedule; `ws-chaos merge` joins their load.json.
 */
import type { Command } from 'commander';
import { loadConfigFile } from '../harness/config/load.js';
import { ConfigError } from '../harness/errors.js';
import type { Profile } from '../harness/profile/schema.js';
import { DEFAULT_KEEP, checkReportsRoot, parseKeep } from '../harness/reporters/history.js';
import { progressWriter } from '../harness/load/progress.js';
import { LATENCY_METRICS } from '../harness/load/recorder.js';
import { loadResult } from '../harness/load/result.js';
import { runLoad } from '../harness/load/run-load.js';
import { parseArrivalRate, parseDurationMs, parseRamp, type ArrivalPlan } from '../harness/load/schedule.js';
import { parseThresholds } from '../harness/load/threshold.js';
import { sliceOf } from '../harness/load/workers.js';
import { startReferenceTarget } from '../mock-backend/target.js';
import { LOAD_REFERENCE_KEEPALIVE } from './load-keepalive.js';
import { resolveLoadMode, type LoadMode, type LoadModeFlags } from './load-mode.js';
import { findLoadScenario, listLoadScenarios, scenarioForKind, type LoadScenario } from './load-scenarios.js';
import { withLoadSession, type ResolvedLoad } from './load-session.js';
import { runSoakCli } from './load-soak.js';
import { runStormCli } from './load-storm.js';
import { runWorkersCli } from './load-workers.js';
import { configFileFor, resolveUserPath } from './options.js';
import { formatShard, parseShard, type Shard } from './shard.js';
import { checkReachable, resolveTarget } from './target.js';

export interface LoadFlags extends LoadModeFlags {
  config?: string;
  target?: string;
  profile?: string;
  fault?: string;
  connections?: number;
  arrivalRate?: string;
  ramp?: string;
  duration?: string;
  appPingEvery?: string;
  threshold?: string[];
  out: string;
  keep: number;
  shard?: Shard;
  list?: boolean;
}

/** The resolved run, with the mode flags (flag over config field over the scenario's default) still to be checked. */
export interface ResolvedLoadRun extends ResolvedLoad {
  modeFlags: LoadModeFlags;
  /** This shard's share of the connections (1 unsharded): the rate and the herd budget scale by it. */
  share: number;
  /** The flag was given or the config file has the field. */
  set: (key: string) => boolean;
  preset?: LoadScenario;
}

export { LOAD_REFERENCE_KEEPALIVE };
const DEFAULT_CONNECTIONS = 100;
const DEFAULT_HOLD = '10s';

function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1 || n > 1_000_000) throw new ConfigError('WSC_ERR_USAGE', `--connections must be a whole number from 1 to 1000000 (got "${value}")`);
  return n;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const usage = (message: string): ConfigError => new ConfigError('WSC_ERR_USAGE', message);

/** The storm/soak/workers fields: flag over config field over the named scenario's default; a flag or field of another kind than the scenario's is refused. */
function modeFlagsOf(own: LoadModeFlags, preset: LoadScenario | undefined): LoadModeFlags {
  if (!preset) return own;
  const ownKind = own.storm !== undefined ? 'storm' : own.soak ? 'soak' : undefined;
  if (ownKind && ownKind !== preset.kind) {
    const what = ownKind === 'storm' ? `--storm ${own.storm} (or config load.storm)` : '--soak (or config load.soak)';
    throw usage(`${preset.id} is ${preset.kind === 'plain' ? 'the plain run' : `a ${preset.kind}`}, but ${what} makes a ${ownKind}: run ${scenarioForKind(ownKind)} instead, or drop it.`);
  }
  const { duration: _duration, ...defaults } = preset.defaults;
  return { ...defaults, ...Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) };
}

/** The flags over the config file's fields (over the named scenario's defaults); every value checked before anything starts. */
export async function resolveLoadFlags(flags: LoadFlags, given: (key: string) => boolean, scenarioId?: string): Promise<ResolvedLoadRun> {
  const preset = scenarioId === undefined ? undefined : findLoadScenario(scenarioId);
  const fileName = configFileFor(flags.config);
  const file = fileName ? await loadConfigFile(fileName) : undefined;
  const l = file?.load ?? {};
  const pick = <T>(key: string, flag: T | undefined, fromFile: T | undefined): T | undefined => (given(key) ? flag : (fromFile ?? flag));
  const set = (key: string): boolean => given(key) || (l as Record<string, unknown>)[key] !== undefined;
  const asText = (n: number | undefined): string | undefined => (n === undefined ? undefined : String(n));
  const modeFlags = modeFlagsOf(
    {
      storm: pick('storm', flags.storm, l.storm),
      reconnectPolicy: pick('reconnectPolicy', flags.reconnectPolicy, l.reconnectPolicy),
      herdBudget: pick('herdBudget', flags.herdBudget, l.herdBudget),
      restartCommand: pick('restartCommand', flags.restartCommand, l.restartCommand),
      soak: pick('soak', flags.soak, l.soak),
      churn: pick('churn', flags.churn, l.churn),
      workers: pick('workers', flags.workers, asText(l.workers)),
      processes: pick('processes', flags.processes, asText(l.processes)),
    },
    preset,
  );
  if (given('arrivalRate') && given('ramp')) throw new ConfigError('WSC_ERR_USAGE', '--arrival-rate and --ramp both set the arrivals: give one of them.');
  const rampText = given('arrivalRate') ? undefined : pick('ramp', flags.ramp, l.ramp);
  const rateText = given('ramp') ? undefined : pick('arrivalRate', flags.arrivalRate, l.arrivalRate);
  const requested = pick('connections', flags.connections, l.connections) ?? DEFAULT_CONNECTIONS;
  // Default: all the connections within about a second, at most 500/s.
  const fullPlan: ArrivalPlan = rampText ? parseRamp(rampText) : rateText ? parseArrivalRate(rateText) : parseArrivalRate(`${Math.min(500, requested)}/s`);
  // A shard dials its slice of the connections at its share of the rate: n shards keep the schedule.
  const slice = flags.shard ? sliceOf(requested, fullPlan, flags.shard.current - 1, flags.shard.total) : { connections: requested, plan: fullPlan };
  if (flags.shard && slice.connections === 0) {
    throw usage(`--shard ${formatShard(flags.shard)} of --connections ${requested} gets no connection (${flags.shard.total} shards share ${requested}): use at least ${flags.shard.total} connections, or fewer shards.`);
  }
  const { connections, plan } = slice;
  const holdMs = parseDurationMs(pick('duration', flags.duration, l.duration) ?? preset?.defaults.duration ?? DEFAULT_HOLD, '--duration');
  const pingText = pick('appPingEvery', flags.appPingEvery, l.appPingEvery);
  const appPingEveryMs = pingText === undefined ? undefined : parseDurationMs(pingText, '--app-ping-every');
  if (appPingEveryMs !== undefined && appPingEveryMs < 10) throw new ConfigError('WSC_ERR_USAGE', `--app-ping-every ${pingText} is below 10 ms: app traffic that dense measures the harness, not the backend; use 10ms or more.`);
  // Flags' thresholds add to the file's (k6: thresholds are all checked).
  const thresholds = parseThresholds([...(l.thresholds ?? []), ...(flags.threshold ?? [])], LATENCY_METRICS);
  const fromFileTarget = !given('target') && !given('profile');
  const target = resolveTarget({
    target: given('target') ? flags.target : (file?.target ?? flags.target),
    profile: given('profile') ? resolveUserPath(flags.profile ?? '') : typeof file?.profile === 'string' ? file.profile : undefined,
    profileInline: !given('profile') && typeof file?.profile === 'object' ? file.profile : undefined,
    profileSource: file?.file,
    fault: given('fault') ? flags.fault : fromFileTarget ? (file?.faults ?? flags.fault) : flags.fault,
  });
  const out = given('out') || !file?.out ? resolveUserPath(flags.out) : file.out;
  const keep = given('keep') || file?.keep === undefined ? flags.keep : file.keep;
  return { connections, plan, holdMs, appPingEveryMs, thresholds, target, out, keep, shard: flags.shard, modeFlags, share: connections / requested, set, preset };
}

/** Everything a run needs, checked: the resolved flags and the kind of run (a shard's herd budget scaled to its share), the scenario named. */
export async function resolveLoadRun(flags: LoadFlags, given: (key: string) => boolean, scenarioId?: string): Promise<{ o: ResolvedLoad; mode: LoadMode }> {
  const resolved = await resolveLoadFlags(flags, given, scenarioId);
  const mode = resolveLoadMode(resolved.modeFlags, { external: Boolean(resolved.target.profile), given: resolved.set, profileRestart: resolved.target.profile?.restart });
  // A shard's storm is judged against its share of the budget.
  if (mode.kind === 'storm' && mode.herdBudgetPerS !== undefined) mode.herdBudgetPerS *= resolved.share;
  return { o: { ...resolved, scenario: resolved.preset?.id ?? scenarioForKind(mode.kind) }, mode };
}

/** `ws-chaos load [scenario]`: the exit code (0 held, 1 breached, 2 bad usage, 3 unreachable, 130/143 signal). */
export async function runLoadCli(flags: LoadFlags, given: (key: string) => boolean, scenarioId?: string): Promise<number> {
  if (flags.list) {
    process.stdout.write(listLoadScenarios());
    return 0;
  }
  const { o, mode } = await resolveLoadRun(flags, given, scenarioId);
  checkReportsRoot(o.out);
  if (mode.kind === 'storm') return withLoadSession(o, (s) => runStormCli(o, mode, s));
  if (mode.kind === 'soak') return withLoadSession(o, (s) => runSoakCli(o, mode, s));
  if (mode.kind === 'workers') return withLoadSession(o, (s) => runWorkersCli(o, mode, s));
  let profile: Profile;
  let stop = async (): Promise<void> => undefined;
  if (o.target.profile) {
    profile = o.target.profile;
    await checkReachable(o.target.url ?? profile.url);
  } else {
    const ref = await startReferenceTarget({ faults: o.target.faults, logLevel: 'silent', keepalive: LOAD_REFERENCE_KEEPALIVE });
    profile = ref.profile;
    stop = () => ref.close();
  }
  try {
    return await withLoadSession(o, async (session) => {
      const progress = progressWriter(process.stderr);
      const m = await runLoad({ profile, connections: o.connections, plan: o.plan, holdMs: o.holdMs, appPingEveryMs: o.appPingEveryMs, signal: session.signal, onProgress: progress?.update });
      progress?.end();
      return { result: loadResult(m, { ...o, target: { name: profile.name, url: profile.url } }) };
    });
  } finally {
    await stop();
  }
}

export function addLoadCommand(program: Command): void {
  const cmd = program
    .command('load')
    .description(
      "open many live connections (an arrival rate or a ramp), hold them answering the profile's keepalive, judge every connection with the connection diagnosis and the run with thresholds; writes load.json, junit.xml and summary.md. Exit 0 every threshold held, 1 one was breached, 2 bad usage or config, 3 target unreachable, 130 Ctrl-C.",
    )
    .option('--config <file>', 'the config file (its load: section and target, profile, faults, out, keep); flags override it')
    .option('--target <url>', 'ws:// or wss:// URL of the backend to load instead of the reference backend')
    .option('--profile <file>', 'backend profile (JSON) describing how to reach and speak to the target')
    .option('--fault <list>', 'faults for the reference backend to play, e.g. welcome-pool')
    .option('--connections <n>', `how many connections to open and hold (default ${DEFAULT_CONNECTIONS})`, parseCount)
    .option('--arrival-rate <rate>', 'arrivals per second, e.g. 500/s (default: min(500, connections)/s)')
    .option('--ramp <stages>', 'arrival stages from:to/duration, e.g. 0:1000/10s,1000:1000/5s')
    .option('--duration <d>', `how long to hold once every connection is dialled, e.g. 30s, 2m (default ${DEFAULT_HOLD})`)
    .option('--app-ping-every <d>', "send the profile's app ping on every connection this often (app traffic), e.g. 1s")
    .option('--threshold <t>', "a threshold that fails the run, repeatable: 'welcome.p99<500ms', 'connect.p95<200ms', 'failed<0.1%'", collect)
    .option('--out <dir>', 'reports root: the run writes <dir>/<timestamp>/, and <dir>/latest points at it', 'reports')
    .option('--keep <n>', 'how many runs to keep under --out', parseKeep, DEFAULT_KEEP)
    .option('--storm <kind>', 'a deploy storm once every connection is welcomed: restart (1001), restart-1012, crash (no close frame), proxy-cut (Toxiproxy failover); exit 1 on RECONNECT_HERD / HERD_NOT_ABSORBED')
    .option('--reconnect-policy <policy>', 'how the storm\'s clients reconnect: jittered (default), no-jitter, immediate, or a client profile .json')
    .option('--herd-budget <rate>', 'peak reconnect arrivals allowed in a storm, e.g. 500/s (default: 2 × the dropped clients per second)')
    .option('--restart-command <cmd>', 'with --storm restart against --target/--profile: the shell command that restarts your backend (then its health endpoint must answer 2xx)')
    .option('--soak', 'hold the connections for --duration, replacing each one the server drops, and judge the backend\'s count drifting from the live count (CONNECTIONS_LEAKED)')
    .option('--churn <rate>', 'with --soak: connections a second the client closes and replaces, e.g. 20/s')
    .option('--workers <n>', 'spread the connections over n harness processes, merged into one load.json')
    .option('--processes <n>', 'run the reference backend in n processes on their own ports (worker i dials process i mod n; --workers defaults to n)')
    .option('--shard <i/n>', 'run shard i of n: its slice of --connections at its share of the arrival rate (n machines together keep the schedule); join the load.json files with `ws-chaos merge`', parseShard)
    .option('--list', 'list the named load scenarios (load/ramp, load/deploy-storm, load/soak), then exit')
    .argument('[scenario]', 'a named load scenario: load/ramp (the plain run, default), load/deploy-storm, load/soak; flags override its defaults');
  cmd.action(async (scenario: string | undefined, flags: LoadFlags) => {
    const given = (key: string): boolean => ['cli', 'env'].includes(cmd.getOptionValueSource(key) ?? '');
    process.exitCode = await runLoadCli(flags, given, scenario);
  });
}
