/**
 * The one bin of the installed package (issue 9 item 1): `ws-chaos --version` prints the package
 * version, and `ws-chaos mock-backend` / `ws-chaos toxiproxy` hand their arguments to those programs
 * (their own help, their own usage errors with exit 2). test/package checks the same installed.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], timeoutMs = 30_000): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test('--version prints the version of package.json', async () => {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const r = await cli(['--version']);
  expect(r.code).toBe(0);
  expect(r.stdout.trim()).toBe(version);
});

test('mock-backend and toxiproxy are subcommands with their own help', async () => {
  const [backend, proxy] = await Promise.all([cli(['mock-backend', '--help']), cli(['toxiproxy', '--help'])]);
  expect(backend.code).toBe(0);
  expect(backend.stdout).toMatch(/^Usage: mock-backend/m);
  expect(backend.stdout).toMatch(/--keepalive-interval/);
  expect(proxy.code).toBe(0);
  expect(proxy.stdout).toMatch(/^Usage: toxiproxy/m);
});

test("a subcommand's bad flag is its own usage error, exit 2", async () => {
  const r = await cli(['toxiproxy', '--port', 'x']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--port/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
