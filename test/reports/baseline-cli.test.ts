/**
 * A bad --baseline (or --keep) is a usage error: exit 2 with a message that says what is
 * wrong, before anything runs — no backend started, no report directory created.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killAllClis, runCli } from './helpers/cli.js';

describe('ws-chaos --baseline / --keep with bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wsc-bad-baseline-'));
  const out = join(dir, 'reports');
  afterAll(() => {
    killAllClis();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 with a clear message for a missing, non-JSON or foreign baseline, and runs nothing', async () => {
    writeFileSync(join(dir, 'truncated.json'), '{"schema":"ws-chaos/results@1","scen');
    writeFileSync(join(dir, 'package.json'), '{"name":"not-results"}');
    const cases: Array<[string[], string]> = [
      [['--baseline', join(dir, 'missing.json')], `--baseline ${join(dir, 'missing.json')}: no such file.`],
      [['--baseline', join(dir, 'truncated.json')], 'truncated.json: is not JSON ('],
      [['--baseline', join(dir, 'package.json')], 'package.json: is not a ws-chaos results file (its "schema" is null, expected "ws-chaos/results@1")'],
      [['--keep', '0'], '--keep must be a whole number of runs to keep, at least 1 (got "0")'],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli([...args, '--out', out], { timeoutMs: 30_000 })));
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(cases[i]![1]);
      expect(r.stderr.startsWith('ws-chaos: ')).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
    expect(existsSync(out)).toBe(false);
  }, 40_000);
});
