#!/usr/bin/env node
/**
 * `ws-chaos` — what `pnpm scenarios` runs. A thin CLI: it turns our flags into a Playwright
 * Test run (and passes anything after `--` through), owns the target it starts, and maps
 * every outcome onto the documented exit codes: 0 passed, 1 a scenario failed, 2 bad usage
 * or config, 3 environment failure, 130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM.
 */
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, isWsChaosError } from '../harness/errors.js';
import { redactString } from '../harness/redact.js';
import { DEFAULT_KEEP, parseKeep } from '../harness/reporters/history.js';
import { listFaults, listScenarios } from './list.js';
import { resolveOptions } from './options.js';
import { runScenarios, type RunOptions } from './run.js';
import { parseShard } from './shard.js';
import { addMergeCommand } from './merge.js';
import { addLoadCommand } from './load.js';
import { addStandaloneCommands, packageVersion } from './standalone.js';

function fatal(message: string, code: number): never {
  process.stderr.write(`ws-chaos: ${redactString(message)}\n`);
  process.exit(code);
}

export function buildProgram(): Command {
  // One command, its flags at the top level: `pnpm scenarios --help` shows them all.
  const program = new Command('ws-chaos')
    .description(
      'Run the ws-chaos scenarios: conformance and chaos against a backend (default: the built-in reference backend), or client scenarios with --client. Exit codes: 0 passed, 1 a scenario failed, 2 bad usage or config, 3 environment failure, 130 stopped by Ctrl-C, 143 stopped by SIGTERM.',
    )
    .usage('[options] [-- playwright options]')
    .version(packageVersion(), '-V, --version', 'print the ws-chaos version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `ws-chaos: ${s.slice(7)}` : s) });

  program
    .option('--config <file>', 'the config file (default: ws-chaos.config.ts, .mts, .js, .mjs or .json in this directory); flags override it')
    .option('--target <url>', 'ws:// or wss:// URL of the backend to test instead of the reference backend')
    .option('--profile <file>', 'backend profile (JSON) describing how to reach and speak to the target')
    .option('--fault <list>', 'faults for the reference backend to play: name[:param=value...][,name...]')
    .option('--grep <regex>', 'only scenarios whose id or title matches')
    .option('--toxiproxy <spec>', 'Toxiproxy for the chaos scenarios: auto | embedded | binary | container | <url>', 'auto')
    .option('--out <dir>', 'reports root: each run writes <dir>/<timestamp>/, and <dir>/latest points at the last one', 'reports')
    .option('--keep <n>', 'how many runs to keep under --out (older ones are deleted)', parseKeep, DEFAULT_KEEP)
    .option('--asyncapi <file>', 'an AsyncAPI 3.0 document (YAML or JSON): every message of every scenario is validated against it, and a profile\'s missing welcome, app ping and request come from it')
    .option('--baseline <file>', "an earlier run's results.json (or run directory) to compare with: fixed, regressed, ...")
    .option('--client [profile]', 'run the client scenarios in Chromium: against the page a client profile describes, or the built-in reference client page')
    .option('--client-mode <mode>', 'with --client and no profile: the reference client\'s mode (correct, reset-on-open, retry-on-fatal, ...)')
    .option('--shard <i/n>', "run one slice of the selected scenarios (Playwright's sharding), e.g. 2/3; join the shards with `ws-chaos merge`", parseShard)
    .option('--list', 'list the scenarios (and whether this profile runs or skips each), then exit')
    .option('--list-faults', 'list the fault catalogue, then exit')
    .addOption(new Option('--quiet', 'print only failures and the summary').conflicts('verbose'))
    .option('--verbose', 'print observations of passing scenarios and the backend log')
    .argument('[playwright...]', 'arguments after -- go to Playwright Test unchanged')
    .action(async (passThrough: string[], flags: RunOptions & { config?: string }) => {
      if (passThrough.length > 0 && !process.argv.includes('--')) {
        throw new ConfigError('WSC_ERR_USAGE', `unexpected argument "${passThrough[0]}": ws-chaos takes only flags; put Playwright options after -- (pnpm scenarios -- --max-failures 1).`);
      }
      const opts = await resolveOptions(flags, (key) => program.getOptionValueSource(key));
      if (opts.listFaults) return listFaults();
      if (opts.list) return listScenarios(opts, passThrough);
      const code = await runScenarios(opts, passThrough);
      process.exitCode = code;
    });

  // Subcommands own their flags: `merge ... --out x` is merge's --out, not the run's.
  program.enablePositionalOptions();
  addMergeCommand(program);
  addLoadCommand(program);
  addStandaloneCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') process.exit(0);
      process.exit(2);
    }
    if (isWsChaosError(e)) fatal(e.message, e.exitCode);
    fatal(`unexpected error: ${(e as Error).message}`, 3);
  }
}

await main(process.argv);
