/**
 * Run-level reconciliation: one scenario's diagnosis must not contradict what the whole run
 * saw. Pure: all scenario results in, the same results out with contradicted codes and hints
 * corrected. Today's rule: SILENT_SERVER ("the server sent nothing at all") cannot stand when
 * another scenario of the same run got messages from the server (a reply, a pong): such a
 * server does send, it just never sends the welcome, so the verdict is WELCOME_MISSING with
 * a hint that says so.
 */
import type { ScenarioResult } from '../results.js';
import { diagnosis } from './codes.js';

/** Ids of scenarios whose connections received at least one message from the server. */
function scenariosThatHeardTheServer(results: readonly ScenarioResult[]): string[] {
  return results
    .filter((r) => r.timelines.some((t) => t.events.some((e) => e.kind === 'message' && e.dir === 'in')))
    .map((r) => r.id);
}

export function reconcileResults(results: readonly ScenarioResult[]): ScenarioResult[] {
  const heard = scenariosThatHeardTheServer(results);
  return results.map((r) => {
    if (r.diagnosis?.code !== 'SILENT_SERVER') return r;
    const others = heard.filter((id) => id !== r.id);
    if (others.length === 0) return r;
    const shown = others.slice(0, 3).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
    return {
      ...r,
      diagnosis: diagnosis(
        'WELCOME_MISSING',
        `${r.diagnosis.summary}; yet the server sent messages in ${shown} in this run, so it does send: it never sends the welcome`,
        'The server answers other messages but never sends the welcome: check the code path that sends it right after accept (a condition that is never true, an exception swallowed before it, or a welcome of another type than the profile\'s welcome matcher).',
      ),
    };
  });
}
