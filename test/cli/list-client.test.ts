/**
 * `--list --client <profile>` (issue 10 item 12): the client profile is validated as for a run
 * (exit 2 naming the field, no stack trace), and the list says which client scenarios that
 * profile would skip, and why.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'wsc-list-client-'));
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

const page = { url: 'http://127.0.0.1:9/app.html', wsPattern: '**/ws/**' };

describe.concurrent('--list --client <profile>', () => {
  test('a bad client profile is exit 2 naming the field, and nothing is listed', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', page, reconnect: { maxRetries: -1 } }));
    const r = await cli(['--list', '--client', file]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/maxRetries/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toMatch(/client\/reconnect-limit/);
  });

  test('shows which client scenarios the profile skips, and why', async () => {
    const file = join(dir, 'no-retries.json');
    writeFileSync(file, JSON.stringify({ name: 'no-retries', page, reconnect: { maxRetries: 0 } }));
    const r = await cli(['--list', '--client', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/client\/recovers-after-outage .*\(skipped: client profile "no-retries" has no reconnect\.maxRetries > 0\)/);
    expect(r.stdout).toMatch(/client profile "no-retries", \d+ skipped/);
  });

  test('the built-in reference client skips nothing', async () => {
    const r = await cli(['--list', '--client']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/skipped/);
    expect(r.stdout).toMatch(/client scenario\(s\) for the reference client\n/);
  });
});
