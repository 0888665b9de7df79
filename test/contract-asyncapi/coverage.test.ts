/**
 * The run's contract section: the summary line counts messages and types across scenarios
 * ("3 messages of 2 types broke the contract"), the coverage table names what the run never
 * saw, and summary.md / index.html render it (index.html escaped).
 */
import { expect, test } from 'vitest';
import { checkConnections } from '../../harness/contract/check.js';
import { contractMarkdown, contractSection } from '../../harness/contract/coverage.js';
import { contractHtml } from '../../harness/contract/coverage-html.js';
import type { ScenarioResult } from '../../harness/results.js';
import type { TimelineEvent } from '../../harness/timeline.js';
import { referenceContract } from './reference-contract.js';

const contract = referenceContract();
const at = '2026-01-01T00:00:00Z';
const msg = (dir: 'in' | 'out', m: object): TimelineEvent => ({ t: 1, kind: 'message', dir, text: JSON.stringify(m), bytes: 10, binary: false });
const scenario = (id: string, events: TimelineEvent[]): ScenarioResult => ({
  id,
  title: id,
  status: 'passed',
  durationMs: 1,
  diagnosis: null,
  observations: { contract: checkConnections(contract, [{ label: 'main', events }]) },
  timelines: [],
});

test('3 messages of 2 types broke the contract; what the run never saw is listed', () => {
  const renamed = { type: 'connection_established', connectionId: 'c', server_time: at };
  const runs = [
    scenario('a/one', [msg('in', renamed), msg('out', { type: 'chat', message: 'hi' }), msg('in', { type: 'chat_response', message: 'echo', connection_id: 'c', timestamp: at })]),
    scenario('a/two', [msg('in', renamed), msg('out', { type: 'nope' })]),
  ];
  const s = contractSection(runs, contract);
  expect(s.line).toBe('3 messages of 2 types broke the contract');
  expect(s.checked).toBe(5);
  expect(s.operations.find((o) => o.id === 'chat')?.exercised).toBe(true);
  expect(s.operations.find((o) => o.id === 'keepalive')?.exercised).toBe(false);
  expect(s.messages.find((m) => m.name === 'chatResponse')?.seen).toBe(1);
  const md = contractMarkdown(s).join('\n');
  expect(md).toContain('3 messages of 2 types broke the contract; 10 operation(s)/message type(s) never seen');
  expect(md).toContain('| `keepalive` | operation (send: keepalivePing → keepalivePong) | **never seen** |');
  expect(contractHtml(s)).toContain('<code>sendWelcome</code></td><td>operation (send: welcome)</td><td><strong>never seen</strong>');
});

test('a clean run says every message kept the contract', () => {
  const s = contractSection([scenario('a/one', [msg('out', { type: 'ping', id: 1 })])], contract);
  expect(s.line).toBe('all 1 message kept the contract');
});

test('a violation quotes a redacted, shortened excerpt of the message', () => {
  const report = checkConnections(contract, [{ label: 'main', events: [msg('out', { type: 'auth', token: 'abc.def-secret', note: 'x'.repeat(400) })] }]);
  const v = report.violations[0];
  expect(v?.excerpt).toContain('"token":"[REDACTED]"');
  expect(v?.excerpt).not.toContain('abc.def-secret');
  expect(v?.excerpt.length).toBeLessThanOrEqual(161);
  expect(v?.type).toBe('type "auth"');
});
