/**
 * Flags over the config file (cli/options.ts applyConfigFile): a flag given on the command line
 * replaces the file's field, a flag's default does not; and the selection (cli/select.ts
 * selectForRun) over built-in and user scenarios: ids, group/*, include/exclude, grep,
 * expectedFailures naming no scenario.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigFile } from '../../harness/config/load.js';
import { ConfigError } from '../../harness/errors.js';
import { defineScenario, pass } from '../../harness/index.js';
import { applyConfigFile } from '../../cli/options.js';
import type { RunOptions } from '../../cli/run.js';
import { selectForRun } from '../../cli/select.js';
import { resolveTarget } from '../../cli/target.js';

const file: ConfigFile = {
  file: '/p/ws-chaos.config.ts',
  target: 'ws://127.0.0.1:9/ws',
  profile: '/p/profile.json',
  scenarios: ['acme/*'],
  scenarioFiles: ['/p/checks/a.ts'],
  expectedFailures: { 'acme/a': 'ACME_X' },
  out: '/p/ci-reports',
  keep: 3,
  toxiproxy: 'embedded',
  quiet: true,
};
const defaults: RunOptions = { out: 'reports', keep: 10, toxiproxy: 'auto' };
const sources = (cli: string[]) => (key: string) => (cli.includes(key) ? 'cli' : key in defaults ? 'default' : undefined);

describe('flags over the file', () => {
  it('without flags the file decides, also over the flags\' defaults', () => {
    const o = applyConfigFile(defaults, file, sources([]));
    expect(o).toMatchObject({ target: 'ws://127.0.0.1:9/ws', profile: '/p/profile.json', out: '/p/ci-reports', keep: 3, toxiproxy: 'embedded', quiet: true, selection: ['acme/*'] });
    expect(o.scenarioFiles).toEqual(['/p/checks/a.ts']);
    expect(o.expectedFailures).toEqual({ 'acme/a': 'ACME_X' });
  });

  it('a flag given on the command line wins, field by field', () => {
    const o = applyConfigFile({ ...defaults, out: 'mine', keep: 5, target: 'ws://127.0.0.1:1/x', grep: 'handshake', verbose: true }, file, sources(['out', 'keep', 'target', 'grep', 'verbose']));
    expect(o).toMatchObject({ out: 'mine', keep: 5, target: 'ws://127.0.0.1:1/x', grep: 'handshake', verbose: true, profile: '/p/profile.json', toxiproxy: 'embedded' });
    // --grep replaces the file's selection; --verbose replaces the file's quiet.
    expect(o.selection).toBeUndefined();
    expect(o.quiet).toBeUndefined();
  });

  it('an inline profile object travels as profileInline, named by the file', () => {
    const o = applyConfigFile(defaults, { ...file, profile: { name: 'x', url: 'ws://127.0.0.1:9/ws' } }, sources([]));
    expect(o.profile).toBeUndefined();
    expect(o.profileInline).toEqual({ name: 'x', url: 'ws://127.0.0.1:9/ws' });
    expect(o.profileSource).toBe('/p/ws-chaos.config.ts');
  });

  it('the inline profile is parsed like a profile file; a bad one names the config file and the field', () => {
    const { profile } = resolveTarget({ profileInline: { name: 'inline', url: 'ws://127.0.0.1:9/ws' }, profileSource: '/p/ws-chaos.config.ts' });
    expect(profile).toMatchObject({ name: 'inline', url: 'ws://127.0.0.1:9/ws' });
    expect(resolveTarget({ profileInline: { name: 'inline', url: 'ws://127.0.0.1:9/ws' }, target: 'ws://127.0.0.1:8/x' }).profile?.url).toBe('ws://127.0.0.1:8/x');
    expect(() => resolveTarget({ profileInline: { name: 'inline', url: 'ws://127.0.0.1:9/ws', welcom: {} }, profileSource: '/p/ws-chaos.config.ts' })).toThrow(
      /invalid profile in \/p\/ws-chaos\.config\.ts: profile\.welcom: unknown field \(did you mean `welcome`\?\)/,
    );
  });

  it("--target on the command line drops the file's faults (they are the reference backend's)", () => {
    const o = applyConfigFile({ ...defaults, target: 'ws://127.0.0.1:1/x' }, { ...file, target: undefined, profile: undefined, faults: 'flap' }, sources(['target']));
    expect(o.fault).toBeUndefined();
    expect(applyConfigFile(defaults, { ...file, target: undefined, profile: undefined, faults: 'flap' }, sources([])).fault).toBe('flap');
  });
});

const mine = [
  defineScenario({ id: 'acme/login-flow', title: 'Login flow', needs: [], timeoutMs: 1000, run: async () => pass() }),
  defineScenario({ id: 'acme/echo', title: 'Echo', needs: [], timeoutMs: 1000, run: async () => pass() }),
];

describe('selection over built-in and user scenarios', () => {
  const ids = (o: Parameters<typeof selectForRun>[0]): string[] => selectForRun(o).map((s) => s.id);

  it('every built-in then the user\'s, by default', () => {
    const all = ids({ userScenarios: mine });
    expect(all.slice(-2)).toEqual(['acme/login-flow', 'acme/echo']);
    expect(all).toContain('conformance/handshake');
    expect(all).toContain('chaos/jitter');
  });

  it('--grep and the file\'s grep pick from both', () => {
    expect(ids({ userScenarios: mine, grep: '^(acme/login-flow|conformance/handshake)$' })).toEqual(['conformance/handshake', 'acme/login-flow']);
    expect(ids({ userScenarios: mine, selection: 'echo' })).toEqual(['acme/echo']);
  });

  it('an id list with group/*, include/exclude', () => {
    expect(ids({ userScenarios: mine, selection: ['conformance/handshake', 'acme/*'] })).toEqual(['conformance/handshake', 'acme/login-flow', 'acme/echo']);
    const noChaos = ids({ userScenarios: mine, selection: { exclude: ['chaos/*', 'acme/echo'] } });
    expect(noChaos.some((id) => id.startsWith('chaos/'))).toBe(false);
    expect(noChaos).toContain('acme/login-flow');
    expect(noChaos).not.toContain('acme/echo');
    expect(ids({ userScenarios: mine, selection: { include: ['acme/*'], grep: 'Login' } })).toEqual(['acme/login-flow']);
  });

  it('unknown ids are exit-2 errors with a did-you-mean', () => {
    expect(() => selectForRun({ userScenarios: mine, selection: ['acme/login-flwo'] })).toThrow(/config scenarios "acme\/login-flwo" matches no scenario \(did you mean `acme\/login-flow`\?\)/);
    expect(() => selectForRun({ userScenarios: mine, expectedFailures: { 'conformance/handshak': 'HANDSHAKE_REJECTED' } })).toThrow(ConfigError);
    expect(() => selectForRun({ expectedFailures: { 'client/bakoff': 'BACKOFF_UNSOUND' } })).toThrow(/"client\/bakoff", which is no scenario \(did you mean `client\/backoff`\?\)/);
    expect(() => selectForRun({ userScenarios: mine, expectedFailures: { 'conformance/handshak': 'HANDSHAKE_REJECTED' } })).toThrow(/expectedFailures names "conformance\/handshak", which is no scenario \(did you mean `conformance\/handshake`\?\)/);
  });
});
