/**
 * Choosing scenarios: --grep (a valid regex that matches at least one id or title), or the config
 * file's `scenarios` (a grep, an id list, or include/exclude), over the built-in scenarios and the
 * user's own (config `scenarioFiles`). `expectedFailures` must name scenarios that exist: a
 * backend scenario (built-in or the user's) or a client scenario. A run applies the entries of
 * its own kind; the others are not errors, just not this run's (a backend id in a client run).
 */
import { ConfigError } from '../harness/errors.js';
import type { ScenarioSelection } from '../harness/config/schema.js';
import { closestName } from '../harness/profile/fields.js';
import type { BackendScenario, ClientScenario, Scenario } from '../harness/scenario.js';
import { CLIENT_SCENARIOS } from '../scenarios/client/index.js';
import { SCENARIOS } from '../scenarios/index.js';

export function selectScenarios(grep: string | undefined): BackendScenario[];
export function selectScenarios<S extends Scenario>(grep: string | undefined, pool: readonly S[]): S[];
export function selectScenarios(grep: string | undefined, pool: readonly Scenario[] = SCENARIOS): Scenario[] {
  if (!grep) return [...pool];
  let re: RegExp;
  try {
    re = new RegExp(grep);
  } catch (e) {
    throw new ConfigError('WSC_ERR_UNKNOWN_SCENARIO', `--grep "${grep}" is not a valid regular expression: ${(e as Error).message}`);
  }
  const picked = pool.filter((s) => re.test(s.id) || re.test(s.title));
  if (picked.length === 0) {
    throw new ConfigError('WSC_ERR_UNKNOWN_SCENARIO', `--grep "${grep}" matches no scenario; list them with --list.`);
  }
  return picked;
}

/** A Playwright --grep that matches exactly these scenario ids. */
export function playwrightGrep(picked: readonly Scenario[]): string {
  const ids = picked.map((s) => s.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `(^|\\s)(${ids.join('|')})($|\\s)`;
}

/** What the config file adds to selecting a run's scenarios (cli/options.ts fills it). */
export interface SelectionOptions {
  grep?: string;
  /** Config `scenarios`; --grep replaces it. */
  selection?: ScenarioSelection;
  /** The user's scenarios, loaded from config `scenarioFiles` (the runner imports the files again). */
  userScenarios?: readonly BackendScenario[];
  /** Config `scenarioFiles`, absolute. */
  scenarioFiles?: string[];
  /** Config `expectedFailures`: scenario id → diagnosis code. */
  expectedFailures?: Record<string, string>;
}

/** `group/*` or an exact id. */
function idMatches(pattern: string, id: string): boolean {
  return pattern.endsWith('/*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern;
}

function checkPatterns(patterns: readonly string[] | undefined, ids: readonly string[], field: string): void {
  for (const p of patterns ?? []) {
    if (ids.some((id) => idMatches(p, id))) continue;
    const guess = closestName(p, ids);
    throw new ConfigError('WSC_ERR_UNKNOWN_SCENARIO', `config ${field} "${p}" matches no scenario${guess ? ` (did you mean \`${guess}\`?)` : ''}; list them with --list.`);
  }
}

/**
 * Config `expectedFailures` names only scenarios that exist, backend (built-in and the user's) or
 * client: an unknown id is exit 2, with a did-you-mean over both lists.
 */
export function checkExpectedFailures(expected: Readonly<Record<string, string>> | undefined, backendIds: readonly string[]): void {
  const ids = [...backendIds, ...CLIENT_SCENARIOS.map((s) => s.id)];
  const unknown = Object.keys(expected ?? {}).find((id) => !ids.includes(id));
  if (unknown === undefined) return;
  const guess = closestName(unknown, ids);
  throw new ConfigError('WSC_ERR_UNKNOWN_SCENARIO', `config expectedFailures names "${unknown}", which is no scenario${guess ? ` (did you mean \`${guess}\`?)` : ''}: fix or remove the entry (list them with --list, and --list --client).`);
}

/** The entries of `expectedFailures` that are about these scenarios (a client run's, a backend run's); undefined when none. */
export function expectationsFor(expected: Readonly<Record<string, string>> | undefined, picked: readonly Scenario[]): Record<string, string> | undefined {
  const mine = Object.entries(expected ?? {}).filter(([id]) => picked.some((s) => s.id === id));
  return mine.length ? Object.fromEntries(mine) : undefined;
}

/** The client scenarios a client run selects (--grep), `expectedFailures` checked over both kinds of scenario. */
export function selectClientForRun(opts: Pick<SelectionOptions, 'grep' | 'expectedFailures' | 'userScenarios'>): ClientScenario[] {
  checkExpectedFailures(opts.expectedFailures, [...SCENARIOS, ...(opts.userScenarios ?? [])].map((s) => s.id));
  return selectScenarios(opts.grep, CLIENT_SCENARIOS);
}

/** The backend scenarios a run selects: built-ins and the user's, by --grep or the config's `scenarios`. */
export function selectForRun(opts: SelectionOptions): BackendScenario[] {
  const pool: BackendScenario[] = [...SCENARIOS, ...(opts.userScenarios ?? [])];
  const ids: string[] = pool.map((s) => s.id);
  checkExpectedFailures(opts.expectedFailures, ids);
  const sel = opts.grep !== undefined ? opts.grep : opts.selection;
  if (sel === undefined || typeof sel === 'string') return selectScenarios(sel, pool);
  const include = Array.isArray(sel) ? sel : sel.include;
  const exclude = Array.isArray(sel) ? undefined : sel.exclude;
  checkPatterns(include, ids, Array.isArray(sel) ? 'scenarios' : 'scenarios.include');
  checkPatterns(exclude, ids, 'scenarios.exclude');
  const grepped = Array.isArray(sel) || !sel.grep ? pool : selectScenarios(sel.grep, pool);
  const picked = grepped.filter((s) => (!include || include.some((p) => idMatches(p, s.id))) && !exclude?.some((p) => idMatches(p, s.id)));
  if (picked.length === 0) throw new ConfigError('WSC_ERR_UNKNOWN_SCENARIO', 'the config\'s `scenarios` selects no scenario (include, exclude and grep together): list them with --list.');
  return picked;
}
