/**
 * Client scenarios validate what the user's client sends against the same document (item 5):
 * the recorder's attempt timelines (what the enactor saw) go through the contract, only the
 * client's direction: a client whose keepalive pong carries a boolean id fails a passing
 * scenario with MESSAGE_CONTRACT_VIOLATION; the enactor's own messages (ws-chaos's server) are
 * not held against the client.
 */
import { expect, test } from 'vitest';
import { AttemptRecorder } from '../../harness/client/enactors/recorder.js';
import { withContract } from '../../harness/contract/apply.js';
import type { ContractReport } from '../../harness/contract/check.js';
import type { ScenarioResult } from '../../harness/results.js';
import { referenceContract } from './reference-contract.js';

const contract = referenceContract();

function clientRun(clientSends: string[], serverSends: string[]): ScenarioResult {
  const recorder = new AttemptRecorder();
  const log = recorder.begin('ws://127.0.0.1:1/ws');
  for (const text of serverSends) log.message('in', text);
  for (const text of clientSends) log.message('out', text);
  const timelines = recorder.timelines();
  const passed: ScenarioResult = { id: 'client/answers-server-ping', title: 't', status: 'passed', durationMs: 1, diagnosis: null, observations: {}, timelines };
  return withContract(passed, contract, timelines, ['out']);
}

test("a client's pong with a boolean id breaks the contract", () => {
  const r = clientRun(['{"type":"pong","id":true}'], []);
  expect(r.status).toBe('failed');
  expect(r.diagnosis?.code).toBe('MESSAGE_CONTRACT_VIOLATION');
  expect(r.diagnosis?.summary).toContain('client → server "keepalivePong" on attempt');
  expect(r.diagnosis?.summary).toContain('/id must be string,integer');
});

test("a conforming client passes, and the enactor's messages are not checked", () => {
  const r = clientRun(['{"type":"pong","id":3}', '{"type":"ping","id":"c-1"}'], ['{"type":"connection_established"}']);
  expect(r.status).toBe('passed');
  const report = r.observations.contract as ContractReport;
  expect(report.checked).toBe(2);
  expect(report.seen).toEqual({ 'out:keepalivePong': 1, 'out:clientPing': 1 });
});
