/**
 * Loading ws-chaos.config.{ts,mts,js,mjs,json}: found in the user's directory or named, paths
 * relative to the file, scenario globs expanded; every bad input a ConfigError (exit 2) that
 * names the file and the field.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findConfigFile, loadConfigFile } from '../../harness/config/load.js';
import { loadScenarioFiles } from '../../harness/config/scenario-files.js';
import { ConfigError } from '../../harness/errors.js';
import { makeProject, type Project } from './project.js';

let project: Project | undefined;
afterEach(() => project?.remove());

async function configError(p: Promise<unknown>): Promise<ConfigError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConfigError);
  expect((e as ConfigError).exitCode).toBe(2);
  expect((e as ConfigError).code).toBe('WSC_ERR_CONFIG');
  return e as ConfigError;
}

const SCENARIO = `import { defineScenario, pass } from 'ws-chaos';
export default defineScenario({ id: 'acme/one', title: 'One', needs: [], timeoutMs: 1000, async run() { return pass(); } });
`;

describe('config file formats', () => {
  it('ts with defineConfig from ws-chaos: paths resolve against the file, globs expand', async () => {
    project = makeProject({
      'cfg/ws-chaos.config.ts': `import { defineConfig } from 'ws-chaos';
const keep: number = 3;
export default defineConfig({ profile: './p.json', out: '../reports', keep, scenarioFiles: ['./checks/*.ts'], expectedFailures: { 'acme/one': 'ACME_BROKEN' } });
`,
      'cfg/checks/a.ts': SCENARIO,
      'cfg/checks/b.ts': SCENARIO.replace('acme/one', 'acme/two'),
    });
    const c = await loadConfigFile(join(project.dir, 'cfg/ws-chaos.config.ts'));
    expect(c.profile).toBe(join(project.dir, 'cfg/p.json'));
    expect(c.out).toBe(join(project.dir, 'reports'));
    expect(c.keep).toBe(3);
    expect(c.scenarioFiles).toEqual([join(project.dir, 'cfg/checks/a.ts'), join(project.dir, 'cfg/checks/b.ts')]);
    expect(c.expectedFailures).toEqual({ 'acme/one': 'ACME_BROKEN' });
    const scenarios = await loadScenarioFiles(c.scenarioFiles);
    expect(scenarios.map((s) => s.id)).toEqual(['acme/one', 'acme/two']);
    expect(scenarios[0]!.timeoutMs({} as never)).toBe(1000);
  });

  it.each([
    ['ws-chaos.config.js', 'export default { target: "ws://127.0.0.1:9/ws", faults: ["flap", "no-keepalive"] };\n'],
    ['ws-chaos.config.mjs', 'export default { target: "ws://127.0.0.1:9/ws", faults: ["flap", "no-keepalive"] };\n'],
    ['ws-chaos.config.mts', 'const c: Record<string, unknown> = { target: "ws://127.0.0.1:9/ws", faults: ["flap", "no-keepalive"] };\nexport default c;\n'],
    ['ws-chaos.config.json', '{ "target": "ws://127.0.0.1:9/ws", "faults": ["flap", "no-keepalive"] }\n'],
  ])('%s is found in the directory and loaded', async (name, text) => {
    project = makeProject({ [name]: text });
    const file = findConfigFile(project.dir);
    expect(file).toBe(join(project.dir, name));
    const c = await loadConfigFile(file!);
    expect(c.target).toBe('ws://127.0.0.1:9/ws');
    expect(c.faults).toBe('flap,no-keepalive');
  });

  it('no config file: nothing found; two of them: an error naming both', () => {
    project = makeProject();
    expect(findConfigFile(project.dir)).toBeUndefined();
    project.write('ws-chaos.config.ts', 'export default {};\n');
    project.write('ws-chaos.config.json', '{}\n');
    expect(() => findConfigFile(project!.dir)).toThrow(/2 config files \(ws-chaos\.config\.ts, ws-chaos\.config\.json\)/);
  });
});

describe('config errors: exit 2, the file and the field named', () => {
  it('a missing file', async () => {
    project = makeProject();
    const e = await configError(loadConfigFile(join(project.dir, 'nope.config.ts')));
    expect(e.message).toContain(join(project.dir, 'nope.config.ts'));
    expect(e.message).toMatch(/does not exist/);
  });

  it('a TypeScript syntax error', async () => {
    project = makeProject({ 'ws-chaos.config.ts': 'export default { target: ;\n' });
    const e = await configError(loadConfigFile(join(project.dir, 'ws-chaos.config.ts')));
    expect(e.message).toContain(`cannot load config file ${join(project.dir, 'ws-chaos.config.ts')}`);
  });

  it('invalid JSON', async () => {
    project = makeProject({ 'ws-chaos.config.json': '{ "target": }' });
    const e = await configError(loadConfigFile(join(project.dir, 'ws-chaos.config.json')));
    expect(e.message).toMatch(/is not valid JSON/);
  });

  it('a misspelt field gets a did-you-mean, a bad value its field path', async () => {
    project = makeProject({ 'ws-chaos.config.json': JSON.stringify({ scenarioFile: ['x.ts'], keep: 0, target: 'http://x', expectedFailures: { 'acme/x': 'lower_case' } }) });
    const e = await configError(loadConfigFile(join(project.dir, 'ws-chaos.config.json')));
    expect(e.message).toContain('config.scenarioFile: unknown field (did you mean `scenarioFiles`?)');
    expect(e.message).toMatch(/config\.keep: /);
    expect(e.message).toMatch(/config\.target: must be a ws:\/\/ or wss:\/\/ URL/);
    expect(e.message).toMatch(/config\.expectedFailures\.acme\/x: must be a diagnosis code, UPPER_SNAKE/);
  });

  it('a scenario file that does not exist, a glob that matches nothing', async () => {
    project = makeProject({ 'ws-chaos.config.json': JSON.stringify({ scenarioFiles: ['./checks/missing.ts'] }) });
    let e = await configError(loadConfigFile(join(project.dir, 'ws-chaos.config.json')));
    expect(e.message).toMatch(/config\.scenarioFiles\[0\] "\.\/checks\/missing\.ts" does not exist/);
    project.write('ws-chaos.config.json', JSON.stringify({ scenarioFiles: ['./checks/*.ts'] }));
    e = await configError(loadConfigFile(join(project.dir, 'ws-chaos.config.json')));
    expect(e.message).toMatch(/"\.\/checks\/\*\.ts" matches no file/);
  });

  it('scenario files: a built-in group, a duplicate id, a bad export', async () => {
    project = makeProject({
      'builtin.ts': SCENARIO.replace('acme/one', 'conformance/mine'),
      'dup.ts': `import one from './one.ts';\nexport default [one];\n`,
      'one.ts': SCENARIO,
      'bad.ts': 'export default { id: "acme/x", title: "x" };\n',
    });
    let e = await configError(loadScenarioFiles([join(project.dir, 'builtin.ts')]));
    expect(e.message).toMatch(/uses the built-in group "conformance": put your scenarios in your own group \(e\.g\. acme\/mine\)/);
    e = await configError(loadScenarioFiles([join(project.dir, 'one.ts'), join(project.dir, 'dup.ts')]));
    expect(e.message).toMatch(/"acme\/one" is also defined in .*one\.ts/);
    e = await configError(loadScenarioFiles([join(project.dir, 'bad.ts')]));
    expect(e.message).toMatch(/bad\.ts: export default \(acme\/x\) needs a needs list/);
  });
});
