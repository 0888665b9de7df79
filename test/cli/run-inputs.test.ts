/**
 * Issue 8 items 1, 2, 22, 23, 24 through the real CLI: usage errors that were ignored or mapped
 * to the wrong code, what --out may touch, a run config far past the environment's limit, and
 * relative paths resolved where the user ran pnpm.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { signToken } from '../../mock-backend/auth.js';
import { startReferenceBackend } from '../../mock-backend/server.js';
import type { RunResults } from '../../harness/results.js';
import { RUN_CONFIG_FILE, writeRunConfigFile, readRunConfig, RUN_ENV } from '../../harness/runner/run-config.js';
import { killAllClis, ROOT, runCli } from '../reports/helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wsc-run-inputs-'));
afterAll(() => {
  killAllClis();
  rmSync(dir, { recursive: true, force: true });
});

const ONE = ['--grep', '^conformance/handshake$'];
const noStack = (s: string): void => expect(s).not.toMatch(/^\s+at /m);

describe.concurrent('usage errors exit 2, environment errors 3, one clean line', () => {
  test('--client-mode without --client', async () => {
    const r = await runCli(['--client-mode', 'reset-on-open']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--client-mode .*needs --client/);
  });

  test("--fault ''", async () => {
    const r = await runCli(['--fault', '']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--fault is empty/);
  });

  test('an unknown Playwright option after -- (and the run leaves no empty run folder)', async () => {
    const out = join(dir, 'bad-pw-option');
    const r = await runCli([...ONE, '--out', out, '--', '--no-such-option']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/Playwright Test refused the options after --: unknown option '--no-such-option'/);
    noStack(r.stderr);
    expect(readdirSync(out)).toEqual([]);
  });

  test('--out pointing at a file', async () => {
    const file = join(dir, 'out-file');
    writeFileSync(file, 'x');
    const r = await runCli([...ONE, '--out', file]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--out is a file/);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  test('--out whose latest is a directory ws-chaos did not make: refused, naming it, and kept', async () => {
    const out = join(dir, 'user-latest');
    mkdirSync(join(out, 'latest'), { recursive: true });
    writeFileSync(join(out, 'latest', 'precious.txt'), 'mine');
    const r = await runCli([...ONE, '--out', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${join(out, 'latest')} exists and ws-chaos did not create it`);
    expect(readFileSync(join(out, 'latest', 'precious.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(out)).toEqual(['latest']);
  });

  test('an unreachable client page exits 3 with a plain message', async () => {
    const profile = join(dir, 'client-unreachable.json');
    const example = JSON.parse(readFileSync(join(ROOT, 'profiles', 'example-client.json'), 'utf8')) as Record<string, unknown>;
    delete example.$schema;
    writeFileSync(profile, JSON.stringify({ ...example, page: { ...(example.page as object), url: 'http://127.0.0.1:1/' } }));
    // Raw output (runCli strips ANSI), with colours forced: the message must still have none.
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '1' };
    delete env.NO_COLOR;
    const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--client', profile, '--out', join(dir, 'client-unreachable-out')], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) =>
        done({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(/cannot reach the client page \(profile page\.url\) at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    expect(r.stderr).not.toContain('\x1b');
    noStack(r.stderr);
  });
});

// Concurrent: each run has its own directory and --out.
describe.concurrent('paths and sizes', () => {
  test('relative --out and --profile resolve against INIT_CWD (where pnpm was run), not the package root', async () => {
    const userDir = join(dir, 'user-cwd');
    mkdirSync(userDir);
    writeFileSync(join(userDir, 'p.json'), JSON.stringify({ name: 'rel-profile', url: 'ws://127.0.0.1:1/ws' }));
    const list = await runCli(['--list', '--profile', 'p.json'], { env: { INIT_CWD: userDir } });
    expect(list.code, list.stderr).toBe(0);
    const run = await runCli([...ONE, '--out', 'rel-reports'], { env: { INIT_CWD: userDir }, timeoutMs: 90_000 });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(userDir, 'rel-reports', 'latest', 'results.json'), 'utf8')) as RunResults;
    expect(results.complete).toBe(true);
    expect(results.ran).toBe(1);
  }, 120_000);

  test('a profile holding a 200 KiB message runs (the run config is a file, not the environment) and the file is gone after', async () => {
    const backend = await startReferenceBackend();
    try {
      const token = await signToken(backend.config.jwtSecret);
      const file = join(dir, 'big.json');
      const big = 'x'.repeat(200 * 1024);
      writeFileSync(
        file,
        JSON.stringify({
          name: 'big',
          url: backend.wsUrl,
          auth: { mode: 'header', value: `Bearer ${token}` },
          welcome: { match: { type: 'connection_established' }, budgetMs: 2000 },
          provoke: { unknownType: { type: 'no-such-type', padding: big } },
        }),
      );
      const out = join(dir, 'big-run');
      const r = await runCli(['--profile', file, ...ONE, '--out', out], { timeoutMs: 90_000 });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stderr).not.toMatch(/E2BIG/);
      const runDir = readdirSync(out).find((n) => n !== 'latest')!;
      expect(readdirSync(join(out, runDir))).not.toContain(RUN_CONFIG_FILE);
      expect((JSON.parse(readFileSync(join(out, 'latest', 'results.json'), 'utf8')) as RunResults).scenarios[0]!.status).toBe('passed');
    } finally {
      await backend.close();
    }
  }, 120_000);

  test('the run config file is readable by its owner only, and WSC_RUN then holds just its path', () => {
    const outDir = join(dir, 'config-file');
    mkdirSync(outDir);
    const config = { target: { url: 'ws://x', profile: 'p', kind: 'reference' as const, faults: [] }, proxy: null, outDir, startedAt: 'now', quiet: false, verbose: false };
    const file = writeRunConfigFile(config);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readRunConfig({ [RUN_ENV]: file })).toEqual(config);
  });
});
