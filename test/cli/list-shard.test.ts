/**
 * `--list --shard i/n` lists exactly the scenarios that shard would run: the same split as
 * Playwright's `--shard` (asked directly here, `playwright test --list --shard`, on the same spec
 * and project the run uses), the shards together are the whole list once, in order, and the last
 * line says "shard i/n: N of M scenarios". Bad combinations are exit 2 naming the fix.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../reports/helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wsc-list-shard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The ids of a `--list` output (every line but the count line). */
const ids = (stdout: string): string[] =>
  stdout
    .trim()
    .split('\n')
    .slice(0, -1)
    .map((l) => l.split(/\s+/)[0]!);
const lastLine = (stdout: string): string => stdout.trim().split('\n').at(-1)!;

/** The test titles Playwright itself puts in this shard of the backend project (the run's own split). */
function playwrightShard(shard: string): Promise<string[]> {
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.WSC_RUN;
  const args = [cli, 'test', '--config', join(ROOT, 'playwright.config.ts'), '--project', 'backend', '--list', '--shard', shard, '--reporter', 'json', '--output', join(dir, 'pw')];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`playwright --list --shard ${shard} exit ${code}: ${err}`));
      type S = { specs?: Array<{ title: string }>; suites?: S[] };
      const titles: string[] = [];
      const walk = (s: S): void => {
        for (const spec of s.specs ?? []) titles.push(spec.title);
        for (const c of s.suites ?? []) walk(c);
      };
      for (const s of (JSON.parse(out) as { suites: S[] }).suites) walk(s);
      resolve(titles);
    });
  });
}

describe('--list --shard', () => {
  test('lists what Playwright runs in that shard, with "shard i/n: N of M scenarios"', async () => {
    const all = await runCli(['--list']);
    expect(all.code, all.stderr).toBe(0);
    const every = ids(all.stdout);
    expect(every.length).toBeGreaterThan(5);
    // 2/3 and an uneven split (the first shards get one more each).
    for (const [current, total] of [
      [2, 3],
      [1, 5],
    ] as const) {
      const [ours, theirs] = await Promise.all([runCli(['--list', '--shard', `${current}/${total}`]), playwrightShard(`${current}/${total}`)]);
      expect(ours.code, ours.stderr).toBe(0);
      expect(ids(ours.stdout), `shard ${current}/${total}`).toEqual(theirs);
      expect(lastLine(ours.stdout)).toBe(`shard ${current}/${total}: ${theirs.length} of ${every.length} scenarios for the reference backend`);
    }
  }, 120_000);

  test('the shards together are the whole list, once each and in order; `-- --shard` lists the same (other Playwright options after -- change nothing)', async () => {
    const [all, s1, s2, s3, passed] = await Promise.all([
      runCli(['--list']),
      runCli(['--list', '--shard', '1/3']),
      runCli(['--list', '--shard', '2/3']),
      runCli(['--list', '--shard', '3/3']),
      runCli(['--list', '--', '--max-failures', '1', '--reporter', 'line', '--shard', '2/3']),
    ]);
    for (const r of [all, s1, s2, s3, passed]) expect(r.code, r.stderr).toBe(0);
    expect([...ids(s1.stdout), ...ids(s2.stdout), ...ids(s3.stdout)]).toEqual(ids(all.stdout));
    expect(ids(s2.stdout).length).toBeGreaterThan(0);
    expect(passed.stdout).toBe(s2.stdout);
  }, 60_000);

  test('a selection is split, not the whole catalogue; an empty shard says 0 of M', async () => {
    const grep = '^conformance/(handshake|auth-rejected|welcome-timing)$';
    const [first, second, empty] = await Promise.all([
      runCli(['--list', '--grep', grep, '--shard', '1/2']),
      runCli(['--list', '--grep', grep, '--shard', '2/2']),
      runCli(['--list', '--grep', '^conformance/handshake$', '--shard', '2/2']),
    ]);
    expect(ids(first.stdout)).toEqual(['conformance/handshake', 'conformance/auth-rejected']);
    expect(lastLine(first.stdout)).toBe('shard 1/2: 2 of 3 scenarios for the reference backend');
    expect(ids(second.stdout)).toEqual(['conformance/welcome-timing']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout.trim()).toBe('shard 2/2: 0 of 1 scenarios for the reference backend');
  }, 60_000);

  test('a bad shard, or a shard of client scenarios, is exit 2 naming the fix', async () => {
    const [bad, client, twice] = await Promise.all([
      runCli(['--list', '--shard', '4/3']),
      runCli(['--list', '--client', '--shard', '1/2']),
      runCli(['--list', '--shard', '1/2', '--', '--shard', '2/2']),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard must be <current>\/<total>.*got "4\/3"/);
    expect(client.code).toBe(2);
    expect(client.stderr).toMatch(/client runs \(--client\) are not sharded/);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/two different shards/);
    for (const r of [bad, client, twice]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);
});
