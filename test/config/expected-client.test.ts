/**
 * Config `expectedFailures` for client scenarios: a client run (`--client`) applies its
 * client-scenario entries like a backend run does (exit 0 when the scenario fails with the
 * expected code, exit 1 with another code), an id that is neither a backend nor a client
 * scenario is exit 2 with a did-you-mean over both lists, an entry of the other kind is not this
 * run's, and --list shows each expectation against its own scenario. The real runs use the
 * reference client in mode `no-jitter`, which client/backoff fails with BACKOFF_UNSOUND.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { listScenarios } from '../../cli/list.js';
import { expectationsFor, selectClientForRun, selectForRun } from '../../cli/select.js';
import { ConfigError } from '../../harness/errors.js';
import type { RunResults } from '../../harness/results.js';
import { makeProject, runCli, type Project } from './project.js';

const BOTH = { 'client/backoff': 'BACKOFF_UNSOUND', 'conformance/handshake': 'HANDSHAKE_REJECTED' };

describe('the ids are checked over backend and client scenarios', () => {
  it('a misspelt client id: exit 2, did-you-mean the client scenario (in a client run and in a backend run)', () => {
    const bad = { expectedFailures: { 'client/bakoff': 'BACKOFF_UNSOUND' } };
    for (const select of [() => selectClientForRun(bad), () => selectForRun(bad)]) {
      expect(select).toThrow(ConfigError);
      expect(select).toThrow(/expectedFailures names "client\/bakoff", which is no scenario \(did you mean `client\/backoff`\?\)/);
    }
  });

  it('a misspelt backend id in a client run: exit 2, did-you-mean the backend scenario', () => {
    let err: unknown;
    try {
      selectClientForRun({ expectedFailures: { 'conformance/handshak': 'HANDSHAKE_REJECTED' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/did you mean `conformance\/handshake`/);
  });

  it('an entry of the other kind is not an error, and not handed to the run', () => {
    const clientPicked = selectClientForRun({ expectedFailures: BOTH });
    expect(expectationsFor(BOTH, clientPicked)).toEqual({ 'client/backoff': 'BACKOFF_UNSOUND' });
    const backendPicked = selectForRun({ expectedFailures: BOTH });
    expect(expectationsFor(BOTH, backendPicked)).toEqual({ 'conformance/handshake': 'HANDSHAKE_REJECTED' });
    expect(expectationsFor({ 'client/backoff': 'BACKOFF_UNSOUND' }, backendPicked)).toBeUndefined();
  });
});

describe('--list shows each expectation against its own scenario', () => {
  afterEach(() => vi.restoreAllMocks());
  const listed = (opts: Parameters<typeof listScenarios>[0]): string => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    listScenarios(opts);
    return out;
  };

  it('--list --client: the client entry on client/backoff, no backend entry', () => {
    const out = listed({ client: true, expectedFailures: BOTH });
    expect(out).toMatch(/^client\/backoff .*\(expected to fail: BACKOFF_UNSOUND\)$/m);
    expect(out).not.toContain('HANDSHAKE_REJECTED');
  });

  it('--list: the backend entry on conformance/handshake, no client entry', () => {
    const out = listed({ expectedFailures: BOTH });
    expect(out).toMatch(/^conformance\/handshake .*\(expected to fail: HANDSHAKE_REJECTED\)$/m);
    expect(out).not.toContain('BACKOFF_UNSOUND');
  });
});

describe('a real client run against the reference client without jitter', () => {
  const projects: Project[] = [];
  afterAll(() => projects.forEach((p) => p.remove()));

  const run = async (expectedFailures: Record<string, string>, grep = '^client/backoff$') => {
    // The backend entry is in the same file: not this run's, not an error.
    const p = makeProject({ 'ws-chaos.config.json': JSON.stringify({ client: true, clientMode: 'no-jitter', expectedFailures: { ...BOTH, ...expectedFailures } }) });
    projects.push(p);
    const r = await runCli(['--grep', grep, '--out', 'out'], p.dir);
    const dir = join(p.dir, 'out/latest');
    return { ...r, results: JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as RunResults, read: (f: string) => readFileSync(join(dir, f), 'utf8') };
  };

  it('failing with the expected code: exit 0, an expected failure in every report; a scenario that passes says to remove its entry', async () => {
    // No jitter does not break the retry limit: that entry is stale.
    const r = await run({ 'client/backoff': 'BACKOFF_UNSOUND', 'client/reconnect-limit': 'RECONNECT_UNBOUNDED' }, '^client/(backoff|reconnect-limit)$');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/✗ client\/backoff .* expected failure \(BACKOFF_UNSOUND\): BACKOFF_UNSOUND /);
    expect(r.stdout).toMatch(/✓ client\/reconnect-limit .* expected to fail with RECONNECT_UNBOUNDED but passed: remove the entry from expectedFailures/);
    expect(r.stdout).toContain('1 passed, 0 failed, 1 failed as expected');
    expect(r.results.target.kind).toBe('client');
    expect(r.results.totals).toEqual({ passed: 1, failed: 0, skipped: 0, errored: 0, expectedFailures: 1 });
    expect(r.results.scenarios.map((s) => [s.id, s.status, s.expected?.outcome])).toEqual([
      ['client/reconnect-limit', 'passed', 'passed-unexpectedly'],
      ['client/backoff', 'failed', 'failed-as-expected'],
    ]);
    expect(r.results.scenarios[1]).toMatchObject({ diagnosis: { code: 'BACKOFF_UNSOUND' }, expected: { code: 'BACKOFF_UNSOUND' } });
    expect(r.read('junit.xml')).toMatch(/<testsuites name="ws-chaos" tests="2" failures="0" errors="0"/);
    expect(r.read('junit.xml')).toContain('<system-out>expected failure (BACKOFF_UNSOUND): BACKOFF_UNSOUND:');
    expect(r.read('summary.md')).toContain('| `client/backoff` | 🟡 failed as expected | `BACKOFF_UNSOUND` |');
    expect(r.read('index.html')).toContain('<span class="status">failed as expected</span>');
  }, 100_000);

  it('failing with another code than the entry names: a real failure, exit 1', async () => {
    const r = await run({ 'client/backoff': 'BACKOFF_VIOLATION' });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('expected to fail with BACKOFF_VIOLATION, failed with BACKOFF_UNSOUND: a real failure');
    expect(r.results.totals).toEqual({ passed: 0, failed: 1, skipped: 0, errored: 0 });
    expect(r.results.scenarios[0]).toMatchObject({ status: 'failed', diagnosis: { code: 'BACKOFF_UNSOUND' }, expected: { code: 'BACKOFF_VIOLATION', outcome: 'failed-differently' } });
    expect(r.read('junit.xml')).toMatch(/<testsuites name="ws-chaos" tests="1" failures="1"/);
  }, 100_000);
});
