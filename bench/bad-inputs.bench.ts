/**
 * `pnpm bench:bad-inputs`: hostile input, counted. Runs a list of bad flags, URLs, profiles and
 * mock-backend options through the real CLIs and prints, for each, the exit code and whether it
 * was handled cleanly: the documented exit code (2 bad usage or config, 3 environment), one
 * message on stderr, no stack trace, no raw ANSI escape, no secret echoed. A measurement, not a
 * test: the CLI tests (test/cli/) assert the important cases one by one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSX = createRequire(import.meta.url).resolve('tsx/cli');
const dir = mkdtempSync(join(tmpdir(), 'wsc-bad-inputs-'));
const SECRET = 'sekrit-token-4711';

interface Case {
  name: string;
  cli: 'ws-chaos' | 'mock-backend';
  args: string[];
  /** The documented exit code. */
  code: number;
}

const file = (name: string, body: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
  return p;
};
const base = { name: 'bad', url: 'ws://127.0.0.1:1/ws' };
const profile = (name: string, extra: Record<string, unknown>): string => file(`${name}.json`, { ...base, ...extra });
const client = (name: string, body: unknown): string => file(`client-${name}.json`, body);

const CASES: Case[] = [
  // flags
  { name: 'unknown flag', cli: 'ws-chaos', args: ['--bogus'], code: 2 },
  { name: 'stray argument', cli: 'ws-chaos', args: ['welcome-timing'], code: 2 },
  { name: 'unknown fault', cli: 'ws-chaos', args: ['--fault', 'nope'], code: 2 },
  { name: 'empty --fault', cli: 'ws-chaos', args: ['--fault', ''], code: 2 },
  { name: 'fault parameter out of range', cli: 'ws-chaos', args: ['--fault', 'flap:code=7'], code: 2 },
  { name: 'fault parameter not a number', cli: 'ws-chaos', args: ['--fault', 'flap:afterMs=soon'], code: 2 },
  { name: 'unknown fault parameter', cli: 'ws-chaos', args: ['--fault', 'flap:nosuch=1'], code: 2 },
  { name: '--grep not a regex', cli: 'ws-chaos', args: ['--grep', '('], code: 2 },
  { name: '--grep matching nothing', cli: 'ws-chaos', args: ['--grep', 'zzz-no-such'], code: 2 },
  { name: '--keep 0', cli: 'ws-chaos', args: ['--keep', '0'], code: 2 },
  { name: '--keep not a number', cli: 'ws-chaos', args: ['--keep', 'many'], code: 2 },
  { name: '--quiet with --verbose', cli: 'ws-chaos', args: ['--quiet', '--verbose'], code: 2 },
  { name: '--client-mode without --client', cli: 'ws-chaos', args: ['--client-mode', 'reset-on-open'], code: 2 },
  { name: 'unknown --client-mode', cli: 'ws-chaos', args: ['--client', '--client-mode', 'nope'], code: 2 },
  { name: '--client with --fault', cli: 'ws-chaos', args: ['--client', '--fault', 'flap'], code: 2 },
  { name: '--fault with --target', cli: 'ws-chaos', args: ['--fault', 'flap', '--target', 'ws://127.0.0.1:1/ws'], code: 2 },
  { name: 'unknown Playwright option after --', cli: 'ws-chaos', args: ['--grep', 'handshake', '--', '--no-such-pw-option'], code: 2 },
  { name: '--out is a file', cli: 'ws-chaos', args: ['--out', file('plain-file', 'x'), '--grep', 'handshake'], code: 2 },
  { name: '--toxiproxy nonsense', cli: 'ws-chaos', args: ['--toxiproxy', 'nonsense', '--grep', 'chaos/jitter'], code: 2 },
  { name: '--baseline missing file', cli: 'ws-chaos', args: ['--baseline', join(dir, 'nope.json')], code: 2 },
  { name: '--baseline not JSON', cli: 'ws-chaos', args: ['--baseline', file('not-json.json', '{')], code: 2 },
  // URLs
  { name: '--target http://', cli: 'ws-chaos', args: ['--target', 'http://127.0.0.1:1/'], code: 2 },
  { name: '--target garbage', cli: 'ws-chaos', args: ['--target', 'not a url'], code: 2 },
  { name: '--target with a secret, unreachable', cli: 'ws-chaos', args: ['--target', `ws://127.0.0.1:1/ws?api_key=${SECRET}`], code: 3 },
  { name: '--target with userinfo, unreachable', cli: 'ws-chaos', args: ['--target', `ws://me:${SECRET}@127.0.0.1:1/ws`], code: 3 },
  { name: '--target port 99999', cli: 'ws-chaos', args: ['--target', 'ws://127.0.0.1:99999/ws'], code: 2 },
  // profiles
  { name: 'profile file missing', cli: 'ws-chaos', args: ['--profile', join(dir, 'none.json')], code: 2 },
  { name: 'profile not JSON', cli: 'ws-chaos', args: ['--profile', file('p-not-json.json', '{"name":')], code: 2 },
  { name: 'profile is an array', cli: 'ws-chaos', args: ['--profile', file('p-array.json', [])], code: 2 },
  { name: 'profile without url', cli: 'ws-chaos', args: ['--profile', file('p-no-url.json', { name: 'x' })], code: 2 },
  { name: 'profile url http', cli: 'ws-chaos', args: ['--profile', profile('p-http', { url: 'http://x/' })], code: 2 },
  { name: 'profile top-level typo', cli: 'ws-chaos', args: ['--profile', profile('p-typo', { welcom: {} })], code: 2 },
  { name: 'profile nested typo welcome.budget_ms', cli: 'ws-chaos', args: ['--profile', profile('p-nested', { welcome: { match: { type: 'w' }, budget_ms: 5 } })], code: 2 },
  { name: 'profile nested typo keepalive.interval_ms', cli: 'ws-chaos', args: ['--profile', profile('p-ka', { keepalive: { kind: 'app', intervalMs: 1000, timeoutMs: 1000, interval_ms: 5 } })], code: 2 },
  { name: 'profile nested typo health.connections_field', cli: 'ws-chaos', args: ['--profile', profile('p-health', { health: { url: 'http://127.0.0.1:1/h', connections_field: 'n' } })], code: 2 },
  { name: 'profile duration 2^31 ms', cli: 'ws-chaos', args: ['--profile', profile('p-big', { timeouts: { handshakeMs: 2 ** 31 } })], code: 2 },
  { name: 'profile stayOpenMs 1e20', cli: 'ws-chaos', args: ['--profile', profile('p-huge', { stayOpenMs: 1e20 })], code: 2 },
  { name: 'profile negative budget', cli: 'ws-chaos', args: ['--profile', profile('p-neg', { welcome: { match: { type: 'w' }, budgetMs: -1 } })], code: 2 },
  { name: 'profile budget as string', cli: 'ws-chaos', args: ['--profile', profile('p-str', { welcome: { match: { type: 'w' }, budgetMs: 'soon' } })], code: 2 },
  { name: 'profile missing ${ENV}', cli: 'ws-chaos', args: ['--profile', profile('p-env', { auth: { mode: 'query', param: 'token', token: '${WSC_NO_SUCH_ENV_VAR}' } })], code: 2 },
  { name: 'profile unknown auth mode', cli: 'ws-chaos', args: ['--profile', profile('p-auth', { auth: { mode: 'kerberos' } })], code: 2 },
  { name: 'profile with a secret, unreachable', cli: 'ws-chaos', args: ['--profile', profile('p-secret', { auth: { mode: 'query', param: 'token', token: SECRET } })], code: 3 },
  // client profiles
  { name: 'client profile missing', cli: 'ws-chaos', args: ['--client', join(dir, 'none-client.json')], code: 2 },
  { name: 'client profile bad wsPattern regex', cli: 'ws-chaos', args: ['--client', client('re', { name: 'c', page: { url: 'http://127.0.0.1:1/', wsPattern: '/(/' } })], code: 2 },
  { name: 'client profile nested typo', cli: 'ws-chaos', args: ['--client', client('typo', { name: 'c', page: { url: 'http://127.0.0.1:1/', wsPattern: '**/ws', wait_ms: 1 } })], code: 2 },
  { name: 'client profile toleranceMs 2^31', cli: 'ws-chaos', args: ['--client', client('tol', { name: 'c', page: { url: 'http://127.0.0.1:1/', wsPattern: '**/ws' }, toleranceMs: 2 ** 31 })], code: 2 },
  { name: 'client page unreachable', cli: 'ws-chaos', args: ['--client', client('unreach', { name: 'c', page: { url: 'http://127.0.0.1:1/', wsPattern: '**/ws' } })], code: 3 },
  // the reference backend's CLI
  { name: 'mock-backend --log-level nosuch', cli: 'mock-backend', args: ['--port', '0', '--log-level', 'nosuch'], code: 2 },
  { name: "mock-backend --secret ''", cli: 'mock-backend', args: ['--port', '0', '--secret', ''], code: 2 },
  { name: 'mock-backend --port 70000', cli: 'mock-backend', args: ['--port', '70000'], code: 2 },
  { name: 'mock-backend --keepalive-kind nope', cli: 'mock-backend', args: ['--port', '0', '--keepalive-kind', 'nope'], code: 2 },
  { name: 'mock-backend --auth-reject nope', cli: 'mock-backend', args: ['--port', '0', '--auth-reject', 'nope'], code: 2 },
  { name: 'mock-backend unknown fault', cli: 'mock-backend', args: ['--port', '0', '--fault', 'nope'], code: 2 },
  { name: 'mock-backend --host 0.0.0.0 with the built-in secret', cli: 'mock-backend', args: ['--port', '0', '--host', '0.0.0.0'], code: 2 },
];

interface Outcome {
  code: number | null;
  stderr: string;
  stdout: string;
}

function run(c: Case, timeoutMs = 60_000): Promise<Outcome> {
  const entry = c.cli === 'ws-chaos' ? 'cli/main.ts' : 'mock-backend/main.ts';
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', INIT_CWD: ROOT };
  delete env.WSC_JWT_SECRET;
  delete env.WSC_RUN;
  // ws-chaos runs write their reports into the temporary folder, never into the repo's reports/.
  const out = c.cli === 'ws-chaos' && !c.args.includes('--out') ? ['--out', join(dir, 'reports')] : [];
  const child = spawn(process.execPath, [TSX, join(ROOT, entry), ...out, ...c.args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((done) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

function verdict(c: Case, o: Outcome): string[] {
  const problems: string[] = [];
  if (o.code !== c.code) problems.push(`exit ${o.code}, expected ${c.code}`);
  if (!o.stderr.trim()) problems.push('no message on stderr');
  if (/^\s+at .+:\d+:\d+\)?$/m.test(o.stderr)) problems.push('stack trace');
  // eslint-disable-next-line no-control-regex
  if (/\x1b\[/.test(o.stderr + o.stdout)) problems.push('raw ANSI escape');
  if ((o.stderr + o.stdout).includes(SECRET)) problems.push('secret echoed');
  return problems;
}

const results: Array<{ c: Case; o: Outcome; problems: string[] }> = [];
const queue = [...CASES];
await Promise.all(
  [0, 1].map(async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      const o = await run(c);
      results.push({ c, o, problems: verdict(c, o) });
    }
  }),
);
rmSync(dir, { recursive: true, force: true });

results.sort((a, b) => CASES.indexOf(a.c) - CASES.indexOf(b.c));
for (const { c, o, problems } of results) {
  const line = o.stderr.trim().split('\n')[0]?.slice(0, 110) ?? '';
  process.stdout.write(`${problems.length ? '✗' : '✓'} ${c.cli.padEnd(12)} ${c.name.padEnd(52)} exit ${String(o.code).padEnd(4)} ${problems.join('; ') || line}\n`);
}
const clean = results.filter((r) => r.problems.length === 0).length;
process.stdout.write(`\n${clean} of ${results.length} bad inputs handled cleanly (documented exit code, one message, no stack trace, no ANSI, no secret)\n`);
process.exitCode = clean === results.length ? 0 : 1;
