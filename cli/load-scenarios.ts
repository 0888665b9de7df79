/**
 * The named load scenarios: `ws-chaos load load/deploy-storm` (a positional id) picks a kind of
 * run with its defaults, under the config file's `load:` fields and the flags (both override a
 * preset's defaults). The id is recorded in load.json (`scenario`) and is the JUnit suite name;
 * a run without an id records the scenario its flags make (a plain run is `load/ramp`).
 * `ws-chaos load --list` lists them; an unknown id is exit 2 with a "did you mean".
 */
import { ConfigError } from '../harness/errors.js';
import { closestName } from '../harness/profile/fields.js';
import type { LoadModeFlags } from './load-mode.js';

export type LoadScenarioKind = 'plain' | 'storm' | 'soak';

export interface LoadScenario {
  id: string;
  kind: LoadScenarioKind;
  title: string;
  /** Filled in where neither a flag nor the config file gives the field. */
  defaults: LoadModeFlags & { duration?: string };
}

export const LOAD_SCENARIOS: readonly LoadScenario[] = [
  {
    id: 'load/ramp',
    kind: 'plain',
    title: 'the plain run: --connections at --arrival-rate or --ramp, held for --duration (also spread with --workers / --processes), judged by the thresholds',
    defaults: {},
  },
  {
    id: 'load/deploy-storm',
    kind: 'storm',
    title: 'a deploy storm: every connection welcomed, then the backend restarted (--storm restart, 1001) and the clients reconnect with the jittered policy; judged RECONNECT_HERD / HERD_NOT_ABSORBED',
    defaults: { storm: 'restart', reconnectPolicy: 'jittered' },
  },
  {
    id: 'load/soak',
    kind: 'soak',
    title: 'a soak: the connections held for --duration (default 1m), every dropped one replaced; judged CONNECTIONS_LEAKED when the backend count drifts from the live count',
    defaults: { soak: true, duration: '1m' },
  },
];

/** The scenario an id names, or exit 2 naming the ids and the closest one. */
export function findLoadScenario(id: string): LoadScenario {
  const found = LOAD_SCENARIOS.find((s) => s.id === id.trim());
  if (found) return found;
  const ids = LOAD_SCENARIOS.map((s) => s.id);
  const guess = closestName(id.trim(), ids) ?? closestName(`load/${id.trim()}`, ids);
  throw new ConfigError('WSC_ERR_USAGE', `"${id}" is no load scenario${guess ? ` (did you mean \`${guess}\`?)` : ''}: use ${ids.join(', ')} (ws-chaos load --list).`);
}

/** The scenario a run without an id plays, from the kind its flags make. */
export function scenarioForKind(kind: 'plain' | 'storm' | 'soak' | 'workers'): string {
  return kind === 'storm' ? 'load/deploy-storm' : kind === 'soak' ? 'load/soak' : 'load/ramp';
}

export function listLoadScenarios(): string {
  const width = Math.max(...LOAD_SCENARIOS.map((s) => s.id.length));
  return `${LOAD_SCENARIOS.map((s) => `${s.id.padEnd(width)}  ${s.title}`).join('\n')}\n`;
}
