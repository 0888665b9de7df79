/**
 * `pnpm mock-backend` with bad flags (issue 8 items 23 and 26): each exits 2 with one message that
 * names the flag and the fix, no stack trace, and never starts listening. One good start shows the
 * checks do not refuse what is valid. Node runs main.ts with tsx's loader, as `pnpm mock-backend` does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const running = new Set<ChildProcess>();

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI until it exits, or until `until` shows in stdout (then ends it by its PID); bounded by timeoutMs. */
function mockBackend(args: string[], o: { env?: NodeJS.ProcessEnv; until?: RegExp; timeoutMs?: number } = {}): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...o.env };
  if (!o.env || !('WSC_JWT_SECRET' in o.env)) delete env.WSC_JWT_SECRET;
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'mock-backend/main.ts'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 20_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (o.until?.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      running.delete(child);
      done({ code, stdout, stderr });
    });
  });
}

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

// [flags, what the message must say]
const BAD: Array<[string[], RegExp]> = [
  [['--log-level', 'nosuch'], /--log-level must be one of fatal, error, warn, info, debug, trace, silent/],
  [['--log-level', ''], /--log-level must be one of/],
  [['--secret', ''], /--secret is empty: give the HS256 secret/],
  [['--secret', '   '], /--secret is empty/],
  [['--port', ''], /--port must be an integer from 0 to 65535/],
  [['--port', '0x50'], /--port must be an integer from 0 to 65535/],
  [['--port', '1e3'], /--port must be an integer/],
  [['--port', '70000'], /--port must be an integer from 0 to 65535/],
  [['--keepalive-interval', '5s'], /--keepalive-interval must be an integer from 10 to 3600000/],
  [['--keepalive-timeout', '-5'], /--keepalive-timeout must be an integer from 10/],
  [['--keepalive-kind', 'nope'], /--keepalive-kind must be one of app, protocol, both/],
  [['--auth-reject', 'nope'], /--auth-reject must be one of close, http/],
  [['--fault', ''], /--fault is empty/],
  [['--fault', ','], /--fault "," names no fault/],
  [['--fault', 'nope'], /unknown fault "nope"\. Known faults: .*flap/],
  [['--fault', 'flap:afterMs=x'], /"afterMs=x" is not param=number/],
  [['--host', ''], /--host "" is not an IP address or host name: use 127\.0\.0\.1/],
  [['--host', '999.1.1.1'], /--host "999\.1\.1\.1" is not an IP address/],
  [['--host', 'not a host'], /is not an IP address or host name/],
  [['--host', '0.0.0.0'], /--host 0\.0\.0\.0 lets other machines reach .*built-in JWT secret is public.*pass --secret <secret> or set WSC_JWT_SECRET/],
  [['--host', '::'], /--host :: lets other machines reach/],
  [['--nosuch'], /unknown option '--nosuch'[\s\S]*--help/],
  [['extra'], /too many arguments/],
];

// Concurrent (vitest runs at most 5 at once): each case is a process start, mostly waiting on tsx.
describe.concurrent('pnpm mock-backend with bad input', () => {
  it.each(BAD)('%j exits 2 with a message naming the flag, no stack trace, never listening', async (flags, message) => {
    const o = await mockBackend(['--port', '0', ...flags]);
    expect(o.code, o.stderr).toBe(2);
    expect(o.stderr).toMatch(message);
    expect(o.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
    expect(o.stdout).not.toMatch(/listening/);
  });

  it('an empty WSC_JWT_SECRET exits 2 naming the variable', async () => {
    const o = await mockBackend(['--port', '0'], { env: { WSC_JWT_SECRET: '' } });
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/WSC_JWT_SECRET is set but empty/);
  });

  it('a good start still listens: upper-case log level, localhost, WSC_JWT_SECRET', async () => {
    const o = await mockBackend(['--port', '0', '--host', 'localhost', '--log-level', 'WARN'], { env: { WSC_JWT_SECRET: 'a-secret-of-my-own' }, until: /token {6}\S+/ });
    expect(o.stdout).toMatch(/reference backend listening/);
    expect(o.stdout).toMatch(/admin {6}http:\/\/127\.0\.0\.1:\d+\/__admin\/faults/);
    expect(o.stderr).toBe('');
  });
});
