/**
 * The other kinds of `ws-chaos load` run from the config file, the profile and a scenario id
 * (issue 12 item 4): the `load:` section's storm / soak / workers fields take the flags' forms
 * and checks (exit 2 naming the file and the field, "did you mean" for a misspelt one) and a
 * flag overrides each; a profile's `restart` plays `--storm restart` against your backend unless
 * `--restart-command` is given; named load scenarios (load/ramp, load/deploy-storm, load/soak)
 * are listed, picked by id with their defaults under the flags, and recorded in load.json and as
 * the JUnit suite. In-process, reference backends on 127.0.0.1 port 0.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { resolveLoadFlags, runLoadCli, type LoadFlags } from '../../cli/load.js';
import { resolveLoadMode, type LoadModeFlags } from '../../cli/load-mode.js';
import { ConfigError } from '../../harness/errors.js';
import type { LoadResult } from '../../harness/load/result.js';
import { profileSchema } from '../../harness/profile/schema.js';
import { startReferenceTarget, type ReferenceTarget } from '../../mock-backend/target.js';

const base = mkdtempSync(join(tmpdir(), 'wsc-load-modes-'));
let target: ReferenceTarget | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await target?.close();
  target = undefined;
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const out = join(base, 'reports');
const flagsGiven = (flags: Partial<LoadFlags>, except: string[] = ['out', 'keep', 'config']) => (key: string) => key in flags && !except.includes(key);
let n = 0;
function configWith(load: Record<string, unknown>): string {
  const file = join(base, `ws-chaos.config.${++n}.json`);
  writeFileSync(file, JSON.stringify({ load }));
  return file;
}
async function modeOf(load: Record<string, unknown>, flags: Partial<LoadFlags> = {}) {
  const f: LoadFlags = { out, keep: 10, config: configWith(load), ...flags };
  const given = flagsGiven(flags);
  const r = await resolveLoadFlags(f, given);
  return resolveLoadMode(r.modeFlags, { external: false, given: r.set });
}
async function configError(load: Record<string, unknown>): Promise<string> {
  const err = await modeOf(load).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  expect((err as ConfigError).exitCode).toBe(2);
  return (err as Error).message;
}
const captureStdout = (): (() => string) => {
  let text = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((text += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return () => text;
};
const latest = (dir: string, file: string): string => readFileSync(join(dir, 'latest', file), 'utf8');

describe("the config file's load: section: storm, soak, workers", () => {
  test('the fields take the flags\' forms; a flag overrides its field', async () => {
    const storm = await modeOf({ storm: 'restart-1012', reconnectPolicy: 'no-jitter', herdBudget: '300/s', duration: '2s' });
    expect(storm).toMatchObject({ kind: 'storm', storm: 'restart-1012', herdBudgetPerS: 300, holdAfter: true });
    expect(storm.kind === 'storm' && storm.policy.name).toBe('no-jitter');
    const overridden = await modeOf({ storm: 'restart-1012', herdBudget: '300/s' }, { storm: 'crash', herdBudget: '40/s' });
    expect(overridden).toMatchObject({ kind: 'storm', storm: 'crash', herdBudgetPerS: 40, holdAfter: false });
    expect(await modeOf({ soak: true, churn: '20/s' })).toEqual({ kind: 'soak', churnPerS: 20 });
    expect(await modeOf({ workers: 4, processes: 2 })).toEqual({ kind: 'workers', workers: 4, processes: 2 });
    expect(await modeOf({ workers: 4, processes: 2 }, { workers: '6' })).toEqual({ kind: 'workers', workers: 6, processes: 2 });
  });

  test('a bad field is exit 2 naming the file and the field; a misspelt one gets a did-you-mean', async () => {
    expect(await configError({ storm: 'restrat' })).toMatch(/invalid config file .*ws-chaos\.config\.\d+\.json: config\.load\.storm: .*restart.*proxy-cut/);
    expect(await configError({ stormm: 'restart' })).toMatch(/config\.load\.stormm: unknown field \(did you mean `storm`\?\)/);
    expect(await configError({ churn: '5/s' })).toMatch(/config\.load\.churn: only applies to a soak: add soak: true, or remove churn/);
    expect(await configError({ storm: 'crash', soak: true })).toMatch(/config\.load\.soak: storm and soak cannot be combined/);
    expect(await configError({ herdBudget: 'fast' })).toMatch(/config\.load\.herdBudget: must be a rate per second above 0, e.g. "200\/s"/);
    expect(await configError({ storm: 'restart', reconnectPolicy: 'jitter' })).toMatch(/config\.load\.reconnectPolicy: must be jittered, no-jitter, immediate or the path of a client profile/);
    expect(await configError({ workers: 0 })).toMatch(/config\.load\.workers: /);
    expect(await configError({ workers: 1, processes: 3 })).toMatch(/config\.load\.workers: 1 is fewer than processes 3/);
  });

  test("a client-profile reconnectPolicy is a path relative to the config file", async () => {
    const f: LoadFlags = { out, keep: 10, config: configWith({ storm: 'restart', reconnectPolicy: 'clients/app.json' }) };
    const r = await resolveLoadFlags(f, flagsGiven({}));
    expect(r.modeFlags.reconnectPolicy).toBe(join(base, 'clients/app.json'));
  });
});

describe("the profile's restart for --storm restart", () => {
  const stormFlags: LoadModeFlags = { storm: 'restart' };
  const external = { external: true, given: () => false };

  test('the profile validates restart; --restart-command wins; neither is exit 2 naming both ways', () => {
    const parsed = profileSchema.parse({ name: 'api', url: 'ws://127.0.0.1:9/ws', restart: { command: 'systemctl restart api' } });
    expect(parsed.restart).toEqual({ command: 'systemctl restart api', healthTimeoutMs: 60_000 });
    expect(profileSchema.safeParse({ name: 'api', url: 'ws://127.0.0.1:9/ws', restart: { command: ' ' } }).success).toBe(false);
    expect(profileSchema.safeParse({ name: 'api', url: 'ws://127.0.0.1:9/ws', restart: { cmd: 'x' } }).success).toBe(false);

    const fromProfile = resolveLoadMode(stormFlags, { ...external, profileRestart: { command: 'systemctl restart api', healthTimeoutMs: 30_000 } });
    expect(fromProfile).toMatchObject({ kind: 'storm', restartCommand: 'systemctl restart api', restartTimeoutMs: 30_000 });
    const flagWins = resolveLoadMode({ ...stormFlags, restartCommand: './deploy.sh' }, { ...external, profileRestart: { command: 'systemctl restart api', healthTimeoutMs: 30_000 } });
    expect(flagWins).toMatchObject({ kind: 'storm', restartCommand: './deploy.sh', restartTimeoutMs: undefined });
    expect(() => resolveLoadMode(stormFlags, external)).toThrow(/--restart-command "<the shell command that restarts it>", or a restart in the profile \("restart": \{"command": "systemctl restart api", "healthTimeoutMs": 30000\}\)/);
  });

  test("load/deploy-storm against a profiled backend runs the profile's restart, or --restart-command instead", async () => {
    target = await startReferenceTarget({ logLevel: 'silent', keepalive: { intervalMs: 1000, timeoutMs: 2000 } });
    const profileMarker = join(base, 'profile-restart-ran');
    const flagMarker = join(base, 'flag-restart-ran');
    const profileFile = join(base, 'restart-profile.json');
    writeFileSync(profileFile, JSON.stringify({ ...target.profile, restart: { command: `touch '${profileMarker}'`, healthTimeoutMs: 10_000 } }));
    captureStdout();
    const dir = join(base, 'storm-profile');
    const f: LoadFlags = { profile: profileFile, connections: 4, arrivalRate: '100/s', out: dir, keep: 10 };
    expect(await runLoadCli(f, flagsGiven(f), 'load/deploy-storm')).toBe(0);
    expect(existsSync(profileMarker)).toBe(true);
    const r = JSON.parse(latest(dir, 'load.json')) as LoadResult & { storm: { trigger: string; policy: string } };
    expect(r.scenario).toBe('load/deploy-storm');
    expect(r.storm).toMatchObject({ trigger: 'restart', policy: 'jittered' });
    expect(latest(dir, 'junit.xml')).toMatch(/<testsuite name="load\/deploy-storm"/);

    rmSync(profileMarker);
    const g: LoadFlags = { ...f, out: join(base, 'storm-flag'), restartCommand: `touch '${flagMarker}'` };
    expect(await runLoadCli(g, flagsGiven(g), 'load/deploy-storm')).toBe(0);
    expect(existsSync(flagMarker)).toBe(true);
    expect(existsSync(profileMarker)).toBe(false);
  }, 60_000);
});

describe('named load scenarios', () => {
  test('--list names each; an unknown id is exit 2 with a did-you-mean; a flag of another kind is refused', async () => {
    const text = captureStdout();
    expect(await runLoadCli({ out, keep: 10, list: true }, () => false)).toBe(0);
    expect(text()).toMatch(/^load\/ramp +the plain run/m);
    expect(text()).toMatch(/^load\/deploy-storm +a deploy storm/m);
    expect(text()).toMatch(/^load\/soak +a soak/m);
    const unknown = await runLoadCli({ out, keep: 10 }, () => false, 'load/deploy-strom').catch((e: unknown) => e);
    expect((unknown as ConfigError).exitCode).toBe(2);
    expect((unknown as Error).message).toBe('"load/deploy-strom" is no load scenario (did you mean `load/deploy-storm`?): use load/ramp, load/deploy-storm, load/soak (ws-chaos load --list).');
    const f: LoadFlags = { out, keep: 10, soak: true };
    await expect(runLoadCli(f, flagsGiven(f), 'load/ramp')).rejects.toThrow('load/ramp is the plain run, but --soak (or config load.soak) makes a soak: run load/soak instead, or drop it.');
  });

  test("a scenario's defaults under the flags: load/soak holds 1m unless --duration says otherwise; load/deploy-storm takes --storm crash", async () => {
    const soak = await resolveLoadFlags({ out, keep: 10 }, () => false, 'load/soak');
    expect(soak.holdMs).toBe(60_000);
    expect(soak.modeFlags.soak).toBe(true);
    const short: LoadFlags = { out, keep: 10, duration: '2s' };
    expect((await resolveLoadFlags(short, flagsGiven(short), 'load/soak')).holdMs).toBe(2000);
    const crash: LoadFlags = { out, keep: 10, storm: 'crash', reconnectPolicy: 'immediate' };
    expect((await resolveLoadFlags(crash, flagsGiven(crash), 'load/deploy-storm')).modeFlags).toMatchObject({ storm: 'crash', reconnectPolicy: 'immediate' });
    expect((await resolveLoadFlags({ out, keep: 10 }, () => false, 'load/deploy-storm')).modeFlags).toMatchObject({ storm: 'restart', reconnectPolicy: 'jittered' });
  });
});
