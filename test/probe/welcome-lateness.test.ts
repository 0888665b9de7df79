/**
 * WELCOME_LATE is not decided on a margin smaller than the harness's own lateness (issue 13
 * item 1: a welcome stamped late because the loop was busy is no late welcome).
 */
import { expect, test } from 'vitest';
import type { Probe } from '../../harness/probe.js';
import type { ScenarioContext } from '../../harness/scenario.js';
import type { TimelineEvent } from '../../harness/timeline.js';
import { welcomeProblem } from '../../scenarios/session.js';

const ctx = { profile: { welcome: { match: { type: 'welcome' }, budgetMs: 100 }, timeouts: { immediateDisconnectMs: 10 } } } as unknown as ScenarioContext;
const probeWith = (events: TimelineEvent[]): Probe => ({ events, elapsed: () => 1000 }) as unknown as Probe;
const base: TimelineEvent[] = [
  { t: 0, kind: 'dial', url: 'ws://x' },
  { t: 4, kind: 'open', protocol: '' },
];
const welcomeAt = (t: number, lateMs?: number): TimelineEvent => ({ t, kind: 'message', dir: 'in', text: '{"type":"welcome"}', bytes: 18, binary: false, ...(lateMs ? { lateMs } : {}) });

test('a welcome stamped 150 ms after open but possibly 80 ms late is on time', () => {
  expect(welcomeProblem(ctx, probeWith([...base, welcomeAt(154, 80)]))).toBeNull();
});

test('a welcome late even at the earliest it can have arrived is WELCOME_LATE, with the uncertainty stated', () => {
  const d = welcomeProblem(ctx, probeWith([...base, welcomeAt(304, 80)]));
  expect(d?.code).toBe('WELCOME_LATE');
  expect(d?.summary).toBe('welcome arrived 300 ms after open (± 80 ms: the harness was busy); the budget is 100 ms');
});

test('with no lateness a welcome past the budget is late as before', () => {
  expect(welcomeProblem(ctx, probeWith([...base, welcomeAt(154)]))?.code).toBe('WELCOME_LATE');
});
