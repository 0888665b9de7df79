/** Choosing scenarios with --grep: a valid regex that matches at least one id or title. */
import { ConfigError } from '../harness/errors.js';
import type { BackendScenario, Scenario } from '../harness/scenario.js';
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
