/**
 * The run header cannot name the built-in reference backend's URL (the runner's worker fixture
 * picks its loopback port after the header is printed): the reporter prints
 * "reference backend on ws://127.0.0.1:P/ws" once, with the first result that carries it, before
 * that result's line — the URL results.json records. --quiet prints no such line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { RunResults } from '../../harness/results.js';
import { killAllClis, runCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wsc-reference-url-'));
const GREP = '^conformance/(handshake|auth-rejected)$';

describe('the reference backend URL on the console', () => {
  afterAll(() => {
    killAllClis();
    rmSync(dir, { recursive: true, force: true });
  });

  test('once, after the header and before the first scenario line, the URL results.json carries', async () => {
    const out = join(dir, 'loud');
    const r = await runCli(['--grep', GREP, '--out', out], { timeoutMs: 90_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ws-chaos 2 scenario\(s\) against the reference backend /);
    const urlLines = lines.filter((l) => l.startsWith('reference backend on '));
    expect(urlLines).toHaveLength(1);
    const url = /^reference backend on (ws:\/\/127\.0\.0\.1:(\d+)\/ws)$/.exec(urlLines[0]!);
    expect(url, urlLines[0]).not.toBeNull();
    expect(Number(url![2])).toBeGreaterThan(0);
    // Before the first scenario's line, after the header.
    const at = lines.indexOf(urlLines[0]!);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(lines.findIndex((l) => l.startsWith('[1/2]')));
    const results = JSON.parse(readFileSync(join(out, 'latest/results.json'), 'utf8')) as RunResults;
    expect(results.target).toMatchObject({ kind: 'reference', url: url![1] });
  }, 100_000);

  test('--quiet: no URL line (only failures and the summary)', async () => {
    const r = await runCli(['--grep', GREP, '--out', join(dir, 'quiet'), '--quiet'], { timeoutMs: 90_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toContain('reference backend on');
    expect(r.stdout).toContain('2 passed, 0 failed');
  }, 100_000);
});
