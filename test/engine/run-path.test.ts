/**
 * The one run path (harness/run-scenario.ts) for both kinds of scenario: skip on a missing
 * need before anything starts, bound by the scenario's timeout, abort, teardowns in reverse
 * order (also on timeout, also when one throws), SkipScenario thrown from run → skipped.
 * Fakes only: no socket, no browser (the client kind gets a fake enactor and client).
 */
import { describe, expect, test } from 'vitest';
import { AttemptRecorder } from '../../harness/client/enactors/recorder.js';
import type { ClientEnactor } from '../../harness/client/enactors/enactor.js';
import { parseClientProfile } from '../../harness/client/profile.js';
import { runClientScenario } from '../../harness/client/run-client-scenario.js';
import type { ClientUnderTest } from '../../harness/client/subject.js';
import { parseProfile } from '../../harness/profile/load.js';
import { runScenario } from '../../harness/run-scenario.js';
import { defineScenario, pass, SkipScenario, type Verdict } from '../../harness/scenario.js';
import type { ScenarioResult } from '../../harness/results.js';

const BOUND_MS = 50;
/** A run that ignores its bound would wait this long: far past BOUND_MS. */
const HANG_MS = 5000;

const profile = parseProfile({ name: 'fake', url: 'ws://127.0.0.1:9/ws' });
const clientProfile = parseClientProfile({ name: 'fake client', reconnect: { maxRetries: 0 } });

/** A fake enactor and client that log what the engine does to them. */
function fakes(events: string[]): { enactor: ClientEnactor; client: ClientUnderTest } {
  const recorder = new AttemptRecorder();
  const enactor: ClientEnactor = {
    kind: 'msw',
    dialUrl: 'ws://127.0.0.1:9/ws',
    recorder,
    play: (plan) => {
      events.push(`enactor.play ${JSON.stringify(plan)}`);
      return { activatedAt: performance.now() };
    },
    endSessions: () => void events.push('enactor.endSessions'),
    close: async () => undefined,
  };
  const client: ClientUnderTest = {
    label: 'fake client',
    runtime: 'node',
    start: async () => {
      events.push('client.start');
      // The client dials once, so the result is not CLIENT_NEVER_CONNECTED.
      recorder.begin('ws://127.0.0.1:9/ws').open();
    },
    stop: async () => void events.push('client.stop'),
  };
  return { enactor, client };
}

type Body = (ctx: { signal: AbortSignal; defer(fn: () => void | Promise<void>): void; sleep(ms: number): Promise<boolean>; begin?: () => Promise<unknown> }) => Promise<Verdict>;

/** Run the same body as a backend scenario or as a client one. */
async function runAs(kind: 'backend' | 'client', body: Body, events: string[], needs: 'none' | 'missing' = 'none'): Promise<ScenarioResult> {
  if (kind === 'backend') {
    const s = defineScenario({ id: 'engine/backend-body', title: 'backend body', needs: needs === 'missing' ? ['welcome'] : [], timeoutMs: BOUND_MS, run: (ctx) => body(ctx) });
    return runScenario(s, { profile });
  }
  const { enactor, client } = fakes(events);
  const s = defineScenario({
    kind: 'client',
    id: 'engine/client-body',
    title: 'client body',
    needs: needs === 'missing' ? ['serverPing'] : [],
    timeoutMs: BOUND_MS,
    run: (ctx) => body({ ...ctx, signal: ctx.signal, defer: ctx.defer, sleep: ctx.sleep, begin: () => ctx.begin({}) }),
  });
  return runClientScenario(s, {
    profile: clientProfile,
    enactor,
    client: () => {
      events.push('client created');
      return client;
    },
  });
}

describe.each(['backend', 'client'] as const)('the one run path, %s scenario', (kind) => {
  test('past its bound: errored with the bound, signal aborted before the teardowns, which run in reverse order', async () => {
    const events: string[] = [];
    const result = await runAs(kind, async (ctx) => {
      await ctx.begin?.();
      ctx.defer(() => void events.push(`first teardown (aborted: ${ctx.signal.aborted})`));
      ctx.defer(async () => void events.push(`second teardown (aborted: ${ctx.signal.aborted})`));
      await ctx.sleep(HANG_MS);
      return pass();
    }, events);
    expect(result.status).toBe('errored');
    expect(result.reason).toContain(`scenario exceeded its ${BOUND_MS} ms bound`);
    const own = events.filter((e) => e.includes('teardown'));
    expect(own).toEqual(['second teardown (aborted: true)', 'first teardown (aborted: true)']);
    // The sleep ended with the abort, not after HANG_MS.
    expect(result.durationMs).toBeLessThan(HANG_MS);
  });

  test('a teardown that throws does not stop the others, and the verdict stands', async () => {
    const events: string[] = [];
    const result = await runAs(kind, async (ctx) => {
      await ctx.begin?.();
      ctx.defer(() => void events.push('teardown 1'));
      ctx.defer(() => {
        throw new Error('teardown 2 broke');
      });
      ctx.defer(() => void events.push('teardown 3'));
      return pass({ ok: 1 });
    }, events);
    expect(result.status).toBe('passed');
    expect(result.observations).toMatchObject({ ok: 1 });
    expect(events.filter((e) => e.startsWith('teardown'))).toEqual(['teardown 3', 'teardown 1']);
  });

  test('SkipScenario thrown from run: skipped with its reason, teardowns still run', async () => {
    const events: string[] = [];
    const result = await runAs(kind, async (ctx) => {
      ctx.defer(() => void events.push('teardown'));
      throw new SkipScenario('this backend has no chat');
    }, events);
    expect(result.status).toBe('skipped');
    expect(result.reason).toBe('this backend has no chat');
    expect(events).toContain('teardown');
  });

  test('a needed part missing: skipped before anything starts', async () => {
    const events: string[] = [];
    let ran = false;
    const result = await runAs(kind, async () => {
      ran = true;
      return pass();
    }, events, 'missing');
    expect(result.status).toBe('skipped');
    expect(result.reason).toMatch(kind === 'backend' ? /profile "fake" has no `welcome` part/ : /client profile "fake client" has no `serverPing`/);
    expect(ran).toBe(false);
    expect(events).toEqual([]);
  });
});

test('client kind: the scenario\'s teardowns run first, then the client stops, then the server heals', async () => {
  const events: string[] = [];
  const result = await runAs('client', async (ctx) => {
    await ctx.begin?.();
    ctx.defer(() => void events.push('scenario teardown'));
    return pass();
  }, events);
  expect(result.status).toBe('passed');
  expect(result.timelines).toHaveLength(1);
  const after = events.slice(events.indexOf('client.start') + 1);
  expect(after).toEqual(['scenario teardown', 'client.stop', 'enactor.endSessions', 'enactor.play {}']);
});
