/**
 * `pnpm scenarios --client [profile.json]`: the client scenarios in Chromium, against the page a
 * client profile describes (or the built-in reference client page), its sockets played by
 * Playwright's routeWebSocket. Same reports, exit codes, history and config `expectedFailures`
 * (its client scenario entries) as a backend run.
 */
import { CLIENT_MODES, type ClientMode } from '../client/reference-client.js';
import { cleanStaleChromiumDirs, describeChromium, findChromium } from '../harness/client/browser.js';
import { requirePage } from '../harness/client/page-run.js';
import { loadClientProfile, type ClientProfile } from '../harness/client/profile.js';
import { ConfigError } from '../harness/errors.js';
import { redactString } from '../harness/redact.js';
import { loadBaseline } from '../harness/reporters/baseline-file.js';
import { colours as pc } from '../harness/reporters/colours.js';
import { checkReportsRoot, finishRunDir, startRunDir } from '../harness/reporters/history.js';
import type { RunConfig } from '../harness/runner/run-config.js';
import { expectationsFor, playwrightGrep, selectClientForRun, type SelectionOptions } from './select.js';
import { ROOT } from './root.js';
import { runPlaywright } from './spawn-runner.js';
import { cachedContract } from '../harness/contract/validate.js';
import { checkReachable, type TargetOptions } from './target.js';

/** The flags a client run reads: a part of cli/run.ts's RunOptions (declared here so the two commands do not import each other). */
export interface ClientRunOptions extends TargetOptions, Pick<SelectionOptions, 'expectedFailures' | 'userScenarios'> {
  client?: string | boolean;
  clientMode?: string;
  grep?: string;
  baseline?: string;
  /** `--asyncapi`: the document what the client sends is validated against, absolute. */
  asyncapi?: string;
  out: string;
  quiet?: boolean;
  verbose?: boolean;
  keep?: number;
}

export function checkClientOptions(opts: ClientRunOptions): ClientMode | undefined {
  if (opts.target || opts.profile || opts.fault) {
    throw new ConfigError(
      'WSC_ERR_USAGE',
      '--client tests a client; --target, --profile and --fault describe a backend. Run them separately (a client profile names its own page and WebSocket URL pattern).',
    );
  }
  if (opts.clientMode === undefined) return undefined;
  if (typeof opts.client === 'string') throw new ConfigError('WSC_ERR_USAGE', '--client-mode applies to the built-in reference client only; drop it or drop the profile.');
  if (!CLIENT_MODES.includes(opts.clientMode as ClientMode)) {
    throw new ConfigError('WSC_ERR_USAGE', `--client-mode "${opts.clientMode}" is not a reference client mode; use one of ${CLIENT_MODES.join(', ')}.`);
  }
  return opts.clientMode as ClientMode;
}

/**
 * A client run's first line: how many scenarios, the page (its URL redacted: no query token, no
 * userinfo password), the client profile's name and which of the page's sockets are played.
 */
export function clientRunHeader(picked: number, profile: ClientProfile | undefined, mode: ClientMode | undefined): string {
  const against = profile?.page
    ? `${redactString(profile.page.url)} ${pc.dim(`(client profile "${profile.name}", sockets matching ${profile.page.wsPattern})`)}`
    : `the reference client page ${pc.dim(`(profile "reference-client:${mode ?? 'correct'}")`)}`;
  return `${pc.bold('ws-chaos')} ${picked} client scenario(s) against ${against}`;
}

export async function runClientScenariosCli(opts: ClientRunOptions, passThrough: string[]): Promise<number> {
  const mode = checkClientOptions(opts);
  const profile = typeof opts.client === 'string' ? loadClientProfile(opts.client) : undefined;
  if (profile) requirePage(profile);
  // Config expectedFailures: an unknown id is exit 2; a backend scenario's entry is not this run's.
  const picked = selectClientForRun(opts);
  const baseline = opts.baseline ? loadBaseline(opts.baseline) : undefined;
  // A missing browser is an environment error (exit 3) that names the fix.
  const browser = describeChromium(findChromium());
  checkReportsRoot(opts.out);
  // An http(s) page that nothing serves is an environment error (exit 3), found before the run.
  if (profile?.page && /^https?:/.test(profile.page.url)) await checkReachable(profile.page.url, 'client page (profile page.url)');
  const runDir = startRunDir(opts.out);
  const shownUrl = profile?.page ? redactString(profile.page.url) : `reference client page (${mode ?? 'correct'})`;
  const config: RunConfig = {
    target: { url: shownUrl, profile: profile?.name ?? `reference-client:${mode ?? 'correct'}`, kind: 'client', faults: [] },
    client: { profile, referenceMode: mode },
    outDir: runDir.dir,
    startedAt: runDir.startedAt,
    quiet: opts.quiet ?? false,
    verbose: opts.verbose ?? false,
    baseline,
    expectedFailures: expectationsFor(opts.expectedFailures, picked),
    // --asyncapi: what the client sends is validated against the document (checked here: a bad one is exit 2).
    asyncapi: opts.asyncapi && cachedContract(opts.asyncapi).source,
  };
  if (!opts.quiet) {
    process.stdout.write(`${clientRunHeader(picked.length, profile, mode)}\n${pc.dim(`browser: ${browser}`)}\n\n`);
  }
  try {
    return await runPlaywright(ROOT, config, ['--project', 'client', '--grep', playwrightGrep(picked)], passThrough);
  } finally {
    finishRunDir(runDir, opts.keep ?? 10);
    // The runner and its workers have ended: their Chromium temp folders must not outlive them.
    cleanStaleChromiumDirs();
  }
}
