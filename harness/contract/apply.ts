/**
 * Where the engine applies the run's contract to a finished scenario: the connections' messages
 * are checked (check.ts), the report goes into `observations.contract`, and a scenario that
 * passed but saw a violation fails with MESSAGE_CONTRACT_VIOLATION. A scenario that already
 * failed keeps its own diagnosis (the cause it found comes first); skipped and errored ones are
 * left as they are. A client scenario checks only what the user's client sends: the server side
 * of its connections is ws-chaos's enactor.
 */
import type { ScenarioResult } from '../results.js';
import type { TimelineEvent } from '../timeline.js';
import { checkConnections } from './check.js';
import { judgeContract } from './judge.js';
import type { Contract } from './validate.js';

export function withContract(
  result: ScenarioResult,
  contract: Contract | undefined,
  connections: ReadonlyArray<{ label: string; events: readonly TimelineEvent[] }>,
  /** Which way to check: both (a backend scenario), or only what the client sends ('out': a client scenario, whose server is ws-chaos's). */
  dirs: ReadonlyArray<'in' | 'out'> = ['in', 'out'],
): ScenarioResult {
  if (!contract || result.status === 'skipped' || result.status === 'errored') return result;
  const report = checkConnections(contract, connections, {}, dirs);
  const observations = { ...result.observations, contract: report };
  const violation = judgeContract(report);
  if (result.status === 'passed' && violation) return { ...result, status: 'failed', diagnosis: violation, observations };
  return { ...result, observations };
}
