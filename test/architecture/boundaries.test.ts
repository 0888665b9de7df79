/**
 * The import boundaries of docs/architecture.md, as `pnpm lint` checks them (dependency-cruiser
 * with .dependency-cruiser.cjs), inside `pnpm test` too: no cycle, the engine below its clients,
 * pure judges, a results contract without reporters, scenarios and the reference backend on the
 * public API. Every rule holds: any violation fails, named with its rule and edge.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string }>;
}

function cruise(): Promise<{ violations: Violation[]; modules: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [DEPCRUISE, '.', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'],
      { cwd: ROOT, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        // depcruise exits with the number of errors; the JSON is on stdout either way.
        if (!stdout.trim()) return reject(new Error(`depcruise printed nothing: ${err?.message ?? ''} ${stderr}`));
        const out = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
        resolve({ violations: out.summary.violations, modules: out.summary.totalCruised });
      },
    );
  });
}

const describeViolation = (v: Violation): string =>
  v.rule.name === 'no-circular' ? `no-circular: ${[v.from, ...(v.cycle ?? []).map((c) => c.name)].join(' → ')}` : `${v.rule.name}: ${v.from} → ${v.to}`;

describe('import boundaries (dependency-cruiser)', () => {
  it('no rule is broken, and there is no import cycle', async () => {
    const { violations, modules } = await cruise();
    expect(modules, 'depcruise saw the code').toBeGreaterThan(150);
    const seen = violations.map(describeViolation);
    expect(seen).toEqual([]);
  });
});
