/**
 * Config `reporters`: which outputs a run writes besides results.json. The schema accepts exactly
 * the outputs the writer knows, and only the named ones are written.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../harness/config/schema.js';
import { RESULTS_SCHEMA, type RunResults } from '../../harness/results.js';
import { OUTPUT_NAMES, writeExtraOutputs } from '../../harness/reporters/outputs.js';

const run: RunResults = {
  schema: RESULTS_SCHEMA,
  tool: { name: 'ws-chaos', version: '0.1.0' },
  startedAt: '2026-12-02T00:00:00.000Z',
  durationMs: 1,
  target: { url: 'ws://127.0.0.1:1/ws', profile: 'reference', kind: 'reference', faults: [] },
  proxy: null,
  totals: { passed: 0, failed: 0, skipped: 0, errored: 0 },
  scenarios: [],
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('config reporters', () => {
  it('the schema takes every output the writer knows, and nothing else', () => {
    expect(configSchema.safeParse({ reporters: [...OUTPUT_NAMES] }).success).toBe(true);
    expect(configSchema.safeParse({ reporters: ['jnuit'] }).success).toBe(false);
  });

  it('only the named outputs are written', async () => {
    dir = mkdtempSync(join(tmpdir(), 'wsc-reporters-'));
    await writeExtraOutputs(run, { outDir: dir }, ['junit']);
    expect(['junit.xml', 'summary.md', 'index.html', 'timelines'].filter((f) => existsSync(join(dir!, f)))).toEqual(['junit.xml']);
    await writeExtraOutputs(run, { outDir: dir });
    expect(['junit.xml', 'summary.md', 'index.html', 'timelines'].filter((f) => existsSync(join(dir!, f)))).toEqual(['junit.xml', 'summary.md', 'index.html', 'timelines']);
  });
});
