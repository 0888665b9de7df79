/**
 * The CLI as a user meets it: exit codes 0/1/2/3, one clear line for bad input, never a
 * stack trace, and results.json written for real runs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { signToken } from '../../mock-backend/auth.js';
import { startReferenceBackend } from '../../mock-backend/server.js';
import type { RunResults } from '../../harness/results.js';

const dir = mkdtempSync(join(tmpdir(), 'wsc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.concurrent('bad input: one clear line, documented exit code, no stack trace', () => {
  const cases: Array<[string, string[], number, RegExp]> = [
    ['unknown flag', ['--bogus'], 2, /unknown option '--bogus'/],
    ['a stray argument', ['welcome-timing'], 2, /unexpected argument "welcome-timing": ws-chaos takes only flags/],
    ['unknown fault', ['--fault', 'nope'], 2, /unknown fault "nope"\. Known faults:/],
    ['bad fault parameter', ['--fault', 'flap:code=7'], 2, /code=7 is out of range/],
    ['bad --target URL', ['--target', 'http://127.0.0.1:1/'], 2, /must start with ws:\/\/ or wss:\/\//],
    ['--grep that matches nothing', ['--grep', 'no-such-scenario'], 2, /matches no scenario; list them with --list/],
    ['--grep that is not a regex', ['--grep', '('], 2, /not a valid regular expression/],
    ['--fault with --target', ['--fault', 'flap', '--target', 'ws://127.0.0.1:1/ws'], 2, /cannot be combined with --target/],
    ['missing profile file', ['--profile', join(tmpdir(), 'no-such-profile.json')], 2, /cannot read profile .*ENOENT/],
    ['unreachable target', ['--target', 'ws://127.0.0.1:1/ws'], 3, /cannot reach the target at 127\.0\.0\.1:1 \(ECONNREFUSED\)/],
    ['a Toxiproxy spec that is neither a provider nor a URL', ['--toxiproxy', 'nonsense', '--grep', 'chaos/jitter'], 2, /nonsense/],
    ['the container provider without Docker', ['--toxiproxy', 'container', '--grep', 'chaos/jitter'], 3, /container provider unavailable/],
    ['an unknown reference client mode', ['--client', '--client-mode', 'nope'], 2, /not a reference client mode; use one of correct, reset-on-open/],
    ['--client with a backend flag', ['--client', '--fault', 'flap'], 2, /--client tests a client/],
  ];
  for (const [name, args, code, message] of cases) {
    test(name, async () => {
      const r = await cli(args);
      expect(r.code, r.stderr).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  }

  test('malformed profile names the field', async () => {
    const file = join(dir, 'bad-profile.json');
    writeFileSync(file, JSON.stringify({ name: 'x', url: 'ws://127.0.0.1:1/ws', welcome: { budgetMs: 'soon' } }));
    const r = await cli(['--profile', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/profile\.welcome\.match/);
    expect(r.stderr).toMatch(/profile\.welcome\.budgetMs/);
  });

  test('--list and --list-faults exit 0', async () => {
    const [list, faults] = await Promise.all([cli(['--list']), cli(['--list-faults'])]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/conformance\/welcome-timing/);
    expect(faults.code).toBe(0);
    expect(faults.stdout).toMatch(/missing-services\s+incident 003\s+INTERNAL_ERROR_BEFORE_WELCOME/);
  });
});

// Concurrent: two runs, each in its own --out; the second's token is in its own child's env.
describe.concurrent('runs', () => {
  test('a fault makes the scenario fail with its diagnosis, exit 1, results.json written', async () => {
    const out = join(dir, 'fault-run');
    const r = await cli(['--fault', 'missing-services', '--grep', '^conformance/(welcome-timing|handshake)$', '--out', out], 120_000);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/✗ conformance\/welcome-timing .*INTERNAL_ERROR_BEFORE_WELCOME/);
    const results = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')) as RunResults;
    expect(results.schema).toBe('ws-chaos/results@1');
    expect(results.target).toMatchObject({ kind: 'reference', faults: ['missing-services'] });
    expect(results.scenarios.map((s) => [s.id, s.status, s.diagnosis?.code ?? null])).toEqual([
      ['conformance/handshake', 'passed', null],
      ['conformance/welcome-timing', 'failed', 'INTERNAL_ERROR_BEFORE_WELCOME'],
    ]);
    expect(readFileSync(join(out, 'latest', 'junit.xml'), 'utf8')).toMatch(/INTERNAL_ERROR_BEFORE_WELCOME/);
  });

  test('--profile points the same scenarios at another backend; parts it lacks are skipped with the reason', async () => {
    const backend = await startReferenceBackend();
    try {
      const token = await signToken(backend.config.jwtSecret);
      const file = join(dir, 'external.json');
      writeFileSync(
        file,
        JSON.stringify({
          name: 'external',
          url: backend.wsUrl,
          auth: { mode: 'header', value: 'Bearer ${WSC_TEST_TOKEN}' },
          welcome: { match: { type: 'connection_established' }, budgetMs: 2000 },
        }),
      );
      const out = join(dir, 'external-run');
      const r = await new Promise<Awaited<ReturnType<typeof cli>>>((resolve) => {
        process.env.WSC_TEST_TOKEN = token;
        void cli(['--profile', file, '--grep', '^conformance/(handshake|welcome-timing|app-ping-pong)$', '--out', out], 120_000).then(resolve);
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')) as RunResults;
      expect(results.target.kind).toBe('external');
      const byId = Object.fromEntries(results.scenarios.map((s) => [s.id, s]));
      expect(byId['conformance/handshake']!.status).toBe('passed');
      expect(byId['conformance/welcome-timing']!.status).toBe('passed');
      expect(byId['conformance/app-ping-pong']).toMatchObject({ status: 'skipped', reason: 'profile "external" has no `appPing` part' });
      expect(readFileSync(join(out, 'latest', 'results.json'), 'utf8')).not.toContain(token);
    } finally {
      delete process.env.WSC_TEST_TOKEN;
      await backend.close();
    }
  });
});
