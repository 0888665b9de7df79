/**
 * The user's own scenarios through the real CLI (from source) and Playwright: loaded from the
 * config's scenarioFiles, listed by --list, run like built-ins; a user code shows in
 * results.json, junit.xml and summary.md; an expected failure and a stale expectation do not
 * fail the run (exit 0), a failure with a user code does (exit 1). And bad config: exit 2.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResults } from '../../harness/results.js';
import { makeProject, runCli } from './project.js';

const CHECKS = `import { defineScenario, fail, pass, SkipScenario } from 'ws-chaos';

export default [
  defineScenario({
    id: 'acme/login-flow',
    title: 'Login is refused',
    needs: [],
    timeoutMs: 5000,
    async run(ctx) {
      const probe = ctx.connect();
      await probe.opened;
      return fail('ACME_LOGIN_REFUSED', 'login answered 403', 'check the session cookie', { opened: probe.isOpen });
    },
  }),
  defineScenario({ id: 'acme/known-bug', title: 'A known bug', needs: [], timeoutMs: 5000, run: async () => fail('ACME_KNOWN_BUG', 'still broken', 'fixed in release 2') }),
  defineScenario({ id: 'acme/fine', title: 'Fine', needs: [], timeoutMs: 5000, run: async () => pass({ ok: true }) }),
  defineScenario({
    id: 'acme/not-here',
    title: 'Skips itself',
    needs: [],
    timeoutMs: 5000,
    async run() {
      throw new SkipScenario('no login service on this backend');
    },
  }),
];
`;

describe('user scenarios under the CLI', () => {
  const project = makeProject({
    'checks/acme.ts': CHECKS,
    'ws-chaos.config.ts': `import { defineConfig } from 'ws-chaos';
export default defineConfig({
  scenarioFiles: ['./checks/*.ts'],
  scenarios: ['acme/*'],
  expectedFailures: { 'acme/known-bug': 'ACME_KNOWN_BUG', 'acme/fine': 'ACME_FINE_BROKEN' },
  out: './out',
});
`,
  });
  afterAll(() => project.remove());

  it('--list shows them, with their expectations', async () => {
    const r = await runCli(['--list'], project.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/acme\/login-flow\s+Login is refused/);
    expect(r.stdout).toMatch(/acme\/known-bug\s+A known bug\s+\(expected to fail: ACME_KNOWN_BUG\)/);
    expect(r.stdout).toContain('4 scenario(s) for the reference backend');
  }, 60_000);

  it('a run: the user code in every output, the expected failure apart; exit 1 for the real failure, 0 without it', async () => {
    const r = await runCli([], project.dir);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    const dir = join(project.dir, 'out/latest');
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
    const by = Object.fromEntries(results.scenarios.map((s) => [s.id, s]));
    expect(by['acme/login-flow']).toMatchObject({ status: 'failed', diagnosis: { code: 'ACME_LOGIN_REFUSED', summary: 'login answered 403', hint: 'check the session cookie' }, observations: { opened: true } });
    expect(by['acme/login-flow']!.timelines).toHaveLength(1);
    expect(by['acme/known-bug']).toMatchObject({ status: 'failed', expected: { code: 'ACME_KNOWN_BUG', outcome: 'failed-as-expected' } });
    expect(by['acme/fine']).toMatchObject({ status: 'passed', expected: { code: 'ACME_FINE_BROKEN', outcome: 'passed-unexpectedly' } });
    // SkipScenario thrown by the user's file is the engine's own class (one copy of the API loaded).
    expect(by['acme/not-here']).toMatchObject({ status: 'skipped', reason: 'no login service on this backend' });
    expect(results.totals).toEqual({ passed: 1, failed: 1, skipped: 1, errored: 0, expectedFailures: 1 });
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain('type="ACME_LOGIN_REFUSED"');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain('`ACME_LOGIN_REFUSED` | login answered 403 | check the session cookie |');
    expect(r.stdout).toContain('expected to fail with ACME_FINE_BROKEN but passed: remove the entry from expectedFailures');
    expect(r.stdout).toContain('1 passed, 1 failed, 1 failed as expected');

    // Flags over the file: --grep narrows to the expected failure and the stale entry: exit 0.
    const r2 = await runCli(['--grep', '^acme/(known-bug|fine)$'], project.dir);
    expect(r2.code, r2.stdout + r2.stderr).toBe(0);
    const again = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults;
    expect(again.scenarios.map((s) => s.id).sort()).toEqual(['acme/fine', 'acme/known-bug']);
  }, 180_000);

  it('bad config: exit 2 naming the file and the field, nothing run', async () => {
    const missing = await runCli(['--config', 'nope.config.ts'], project.dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`config file ${join(project.dir, 'nope.config.ts')} does not exist`);
    project.write('bad.config.json', JSON.stringify({ scenarioFiles: ['./checks/*.ts'], expectedFailure: {} }));
    const bad = await runCli(['--config', 'bad.config.json'], project.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('config.expectedFailure: unknown field (did you mean `expectedFailures`?)');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
