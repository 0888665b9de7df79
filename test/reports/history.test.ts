import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../harness/errors.js';
import { checkReportsRoot, finishRunDir, isRunDirName, parseKeep, pruneRuns, RUN_MARKER, runDirName, runsToPrune, startRunDir, updateLatest } from '../../harness/reporters/history.js';

describe('run directory names', () => {
  it('are the start time, sortable and safe on every file system', () => {
    const name = runDirName(new Date('2026-11-21T22:53:24.607Z'));
    expect(name).toBe('2026-11-21T22-53-24-607Z');
    expect(isRunDirName(name)).toBe(true);
    expect(isRunDirName(`${name}-2`)).toBe(true);
    expect(['latest', 'README.md', 'html', '2026-11-21'].some(isRunDirName)).toBe(false);
  });
});

describe('runsToPrune', () => {
  const names = ['2026-01-03T00-00-00-000Z', 'latest', '2026-01-01T00-00-00-000Z', 'README.md', '2026-01-02T00-00-00-000Z', '2026-01-02T00-00-00-000Z-2'];

  it('keeps the newest runs and never touches anything that is not a run', () => {
    expect(runsToPrune(names, 2)).toEqual(['2026-01-01T00-00-00-000Z', '2026-01-02T00-00-00-000Z']);
    expect(runsToPrune(names, 10)).toEqual([]);
    expect(runsToPrune(names, 0)).toHaveLength(3);
  });

  it('never prunes a protected run (the current one, or the one latest points at)', () => {
    expect(runsToPrune(names, 1, ['2026-01-01T00-00-00-000Z'])).toEqual(['2026-01-02T00-00-00-000Z', '2026-01-02T00-00-00-000Z-2']);
  });
});

describe('parseKeep', () => {
  it('accepts whole numbers from 1 and refuses the rest with a ConfigError', () => {
    expect(parseKeep('3')).toBe(3);
    for (const bad of ['0', '-1', '2.5', 'ten', '']) expect(() => parseKeep(bad)).toThrow(ConfigError);
  });
});

describe('history on disk', () => {
  const root = mkdtempSync(join(tmpdir(), 'wsc-history-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const finishedRun = (at: string): ReturnType<typeof startRunDir> => {
    const run = startRunDir(root, new Date(at));
    writeFileSync(join(run.dir, 'results.json'), JSON.stringify({ startedAt: run.startedAt }));
    return run;
  };

  it('gives each run its own directory, even two in the same millisecond', () => {
    const a = startRunDir(root, new Date('2026-01-01T00:00:00.000Z'));
    const b = startRunDir(root, new Date('2026-01-01T00:00:00.000Z'));
    expect(a.name).toBe('2026-01-01T00-00-00-000Z');
    expect(b.name).toBe('2026-01-01T00-00-00-000Z-2');
    expect(a.startedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('points latest at the last finished run, prunes past --keep, and leaves other files alone', () => {
    writeFileSync(join(root, 'README.md'), 'keep me');
    for (let i = 2; i <= 5; i++) finishRunDir(finishedRun(`2026-01-0${i}T00:00:00.000Z`), 3);
    expect(lstatSync(join(root, 'latest')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'latest'))).toBe('2026-01-05T00-00-00-000Z');
    expect(JSON.parse(readFileSync(join(root, 'latest', 'results.json'), 'utf8')).startedAt).toBe('2026-01-05T00:00:00.000Z');
    // The two runs of the test above have no results.json: not counted, not pruned.
    expect(readdirSync(root).sort()).toEqual(['2026-01-01T00-00-00-000Z', '2026-01-01T00-00-00-000Z-2', '2026-01-03T00-00-00-000Z', '2026-01-04T00-00-00-000Z', '2026-01-05T00-00-00-000Z', 'README.md', 'latest']);
  });

  it('does not move latest to a run that wrote no results, nor prune what latest points at', () => {
    const broken = startRunDir(root, new Date('2026-01-06T00:00:00.000Z'));
    finishRunDir(broken, 1);
    expect(readlinkSync(join(root, 'latest'))).toBe('2026-01-05T00-00-00-000Z');
    expect(existsSync(join(root, '2026-01-05T00-00-00-000Z'))).toBe(true);
    // A run that produced nothing leaves no empty directory behind.
    expect(existsSync(join(root, broken.name))).toBe(false);
    expect(existsSync(join(root, '2026-01-04T00-00-00-000Z'))).toBe(false);
  });

  it('replaces a copied latest directory it made (marked) with a link', () => {
    rmSync(join(root, 'latest'));
    mkdirSync(join(root, 'latest'));
    writeFileSync(join(root, 'latest', 'results.json'), '{}');
    writeFileSync(join(root, 'latest', RUN_MARKER), '');
    expect(updateLatest(root, '2026-01-05T00-00-00-000Z')).toBe('symlink');
    expect(readlinkSync(join(root, 'latest'))).toBe('2026-01-05T00-00-00-000Z');
    expect(pruneRuns(root, 100)).toEqual([]);
  });
});

describe('what ws-chaos did not create is never deleted (issue 8 items 1, 2)', () => {
  const base = mkdtempSync(join(tmpdir(), 'wsc-history-own-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  let n = 0;
  const freshRoot = (): string => {
    const root = join(base, `root-${++n}`);
    mkdirSync(root);
    return root;
  };
  const finished = (root: string, at: string): ReturnType<typeof startRunDir> => {
    const run = startRunDir(root, new Date(at));
    writeFileSync(join(run.dir, 'results.json'), JSON.stringify({ startedAt: run.startedAt }));
    return run;
  };

  it('refuses a latest directory the user made (naming it) and leaves it and its files in place', () => {
    const root = freshRoot();
    mkdirSync(join(root, 'latest'));
    writeFileSync(join(root, 'latest', 'notes.txt'), 'mine');
    expect(() => checkReportsRoot(root)).toThrow(ConfigError);
    expect(() => checkReportsRoot(root)).toThrow(new RegExp(`${join(root, 'latest').replace(/[/.]/g, '\\$&')} exists and ws-chaos did not create it`));
    expect(() => startRunDir(root, new Date('2026-02-01T00:00:00.000Z'))).toThrow(ConfigError);
    expect(() => updateLatest(root, '2026-02-01T00-00-00-000Z')).toThrow(ConfigError);
    expect(readFileSync(join(root, 'latest', 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('refuses a file named latest, and an --out that is a file', () => {
    const root = freshRoot();
    writeFileSync(join(root, 'latest'), 'mine');
    expect(() => checkReportsRoot(root)).toThrow(/did not create it \(it is a file\)/);
    expect(readFileSync(join(root, 'latest'), 'utf8')).toBe('mine');
    const file = join(base, 'a-file');
    writeFileSync(file, 'x');
    expect(() => checkReportsRoot(file)).toThrow(/--out is a file/);
  });

  it('marks each run directory, and prunes only complete marked runs: incomplete ones never count against --keep', () => {
    const root = freshRoot();
    const good = finished(root, '2026-03-01T00:00:00.000Z');
    expect(existsSync(join(good.dir, RUN_MARKER))).toBe(true);
    // Three runs that ended without results.json (they hold something, so they stay), then a good one.
    for (let i = 2; i <= 4; i++) {
      const r = startRunDir(root, new Date(`2026-03-0${i}T00:00:00.000Z`));
      mkdirSync(join(r.dir, 'test-results'));
      finishRunDir(r, 3);
    }
    // A folder named like a run that ws-chaos did not mark: never pruned.
    mkdirSync(join(root, '2026-01-01T00-00-00-000Z'));
    writeFileSync(join(root, '2026-01-01T00-00-00-000Z', 'results.json'), '{}');
    finishRunDir(finished(root, '2026-03-05T00:00:00.000Z'), 3);
    expect(existsSync(good.dir)).toBe(true);
    expect(existsSync(join(root, '2026-01-01T00-00-00-000Z'))).toBe(true);
    finishRunDir(finished(root, '2026-03-06T00:00:00.000Z'), 2);
    // Complete runs: 03-01, 03-05, 03-06 → keep 2 prunes 03-01 only.
    expect(existsSync(good.dir)).toBe(false);
    expect(readdirSync(root).filter(isRunDirName).sort()).toEqual([
      '2026-01-01T00-00-00-000Z',
      '2026-03-02T00-00-00-000Z',
      '2026-03-03T00-00-00-000Z',
      '2026-03-04T00-00-00-000Z',
      '2026-03-05T00-00-00-000Z',
      '2026-03-06T00-00-00-000Z',
    ]);
  });
});
