/**
 * How the document reaches a run: `asyncapi:` in a config file resolves against the file,
 * `--asyncapi` against the user's directory, and the file beats nothing a flag gives; a bad
 * document stops the CLI before anything runs (exit 2, one line, no stack trace).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { loadConfigFile } from '../../harness/config/load.js';
import { applyConfigFile, normaliseOptions } from '../../cli/options.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'ws-chaos-asyncapi-'));
  dirs.push(d);
  return d;
};

test('config asyncapi resolves against the config file; a --asyncapi flag wins', async () => {
  const dir = tempDir();
  const file = join(dir, 'ws-chaos.config.json');
  writeFileSync(file, JSON.stringify({ asyncapi: 'api/quotes.yaml' }));
  const config = await loadConfigFile(file);
  expect(config.asyncapi).toBe(join(dir, 'api/quotes.yaml'));
  const fromFile = applyConfigFile({ out: 'reports' }, config, () => undefined);
  expect(fromFile.asyncapi).toBe(join(dir, 'api/quotes.yaml'));
  const flagged = applyConfigFile({ out: 'reports', asyncapi: 'mine.yaml' }, config, (k) => (k === 'asyncapi' ? 'cli' : undefined));
  expect(normaliseOptions(flagged, { INIT_CWD: '/home/me' }).asyncapi).toBe('/home/me/mine.yaml');
});

test('a 2.x document stops the run with exit 2 and a one-line message', () => {
  const dir = tempDir();
  const doc = join(dir, 'api.yaml');
  writeFileSync(doc, 'asyncapi: 2.6.0\ninfo: { title: t, version: "1" }\n');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--asyncapi', doc, '--out', join(dir, 'reports')], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(2);
  expect(r.stderr.trim()).toBe(`ws-chaos: ${doc}: "asyncapi" is "2.6.0", ws-chaos reads 3.x documents (convert a 2.x one with \`asyncapi convert\`)`);
});
