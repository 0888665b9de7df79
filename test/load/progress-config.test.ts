/**
 * The live progress line of `ws-chaos load` (harness/load/progress.ts: drawn only on a TTY
 * outside CI) and the config file's `load:` section (harness/load/config.ts: the flags' forms,
 * checked with the flags' parsers, a bad value a config error naming the field).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfigFile } from '../../harness/config/load.js';
import { ConfigError } from '../../harness/errors.js';
import { progressLine, progressWriter } from '../../harness/load/progress.js';

const dir = mkdtempSync(join(tmpdir(), 'wsc-load-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('progress', () => {
  const p = { phase: 'arriving' as const, elapsedMs: 4200, open: 2300, target: 10_000, attempted: 2400, arrivalsPerS: 498, plannedPerS: 500, failures: [{ code: 'INTERNAL_ERROR_BEFORE_WELCOME', count: 312 }] };

  test('the line: phase, open / target, arrivals against the plan, failures by code', () => {
    expect(progressLine(p)).toBe('arriving 4.2 s · open 2 300/10 000 · 498/s (plan 500/s) · INTERNAL_ERROR_BEFORE_WELCOME 312');
    expect(progressLine({ ...p, phase: 'holding', failures: [] })).toBe('holding 4.2 s · open 2 300/10 000 · no failures');
  });

  test('drawn on a TTY, quiet when not a TTY or in CI', () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 200, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const w = progressWriter(tty, {});
    w?.update(p);
    w?.end();
    expect(written).toEqual([`\r\x1b[2K${progressLine(p)}`, '\r\x1b[2K']);
    expect(progressWriter(tty, { CI: 'true' })).toBeUndefined();
    expect(progressWriter({ ...tty, isTTY: false } as NodeJS.WriteStream, {})).toBeUndefined();
  });
});

describe('config load: section', () => {
  const write = (name: string, load: unknown): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ load }));
    return file;
  };

  test('read as given', async () => {
    const load = { connections: 500, ramp: '0:100/2s', duration: '30s', appPingEvery: '1s', thresholds: ['welcome.p99<500ms', 'failed<0.1%'] };
    expect((await loadConfigFile(write('good.json', load))).load).toEqual(load);
  });

  test.each([
    ['bad-threshold.json', { thresholds: ['welcome.p99<500'] }, /config\.load\.thresholds\.0: threshold "welcome\.p99<500": welcome\.p99 is a duration: give the value a unit/],
    ['bad-rate.json', { arrivalRate: 'fast' }, /config\.load\.arrivalRate.*is not a rate above 0/],
    ['bad-duration.json', { duration: '30' }, /config\.load\.duration.*must be a duration with a unit/],
    ['both.json', { arrivalRate: '5/s', ramp: '0:5/1s' }, /give arrivalRate or ramp, not both/],
    ['typo.json', { conections: 5 }, /conections/],
  ])('%s is a config error naming the field', async (name, load, message) => {
    const error = await loadConfigFile(write(name, load)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(2);
    expect((error as ConfigError).message).toMatch(message);
  });
});
