/**
 * `pnpm exec tsx bench/contract.bench.ts`: what the AsyncAPI contract costs.
 *
 * 1. Messages validated per second: the reference protocol's messages (a welcome, a chat reply,
 *    a keepalive ping, a client chat, an undeclared type, a broken welcome) through
 *    `checkText`, ajv-compiled schemas with formats, in a closed loop.
 * 2. The added time of the default suite with `--asyncapi` on: `pnpm scenarios` (the CLI end to
 *    end, every built-in backend scenario) with and without the reference document, alternated,
 *    BENCH_CLI_RUNS times each (default 3); medians. Each run writes to its own temp directory.
 *    The suite's time is dominated by its waits, so the difference is near the run-to-run noise:
 *    both spreads are printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContract } from '../harness/contract/validate.js';

const DOC = fileURLToPath(new URL('../profiles/reference.asyncapi.yaml', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI_RUNS = Number(process.env.BENCH_CLI_RUNS ?? 3);
const LOOP_MS = Number(process.env.BENCH_LOOP_MS ?? 2000);

const at = new Date().toISOString();
const MESSAGES: Array<[string, 'in' | 'out']> = [
  [JSON.stringify({ type: 'connection_established', connection_id: 'c-1', server_time: at }), 'in'],
  [JSON.stringify({ type: 'chat_response', message: 'echo: hello', seq: 3, connection_id: 'c-1', timestamp: at }), 'in'],
  [JSON.stringify({ type: 'ping', id: 7, server_time: at }), 'in'],
  [JSON.stringify({ type: 'chat', message: 'hello', seq: 3 }), 'out'],
  [JSON.stringify({ type: 'no_such_type' }), 'out'],
  [JSON.stringify({ type: 'connection_established', connectionId: 'c-1', server_time: at }), 'in'],
];

function validationRate(): { perSecond: number; n: number } {
  const contract = loadContract(DOC);
  for (let i = 0; i < 10_000; i++) contract.checkText(...MESSAGES[i % MESSAGES.length]!);
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < LOOP_MS) {
    for (let i = 0; i < 1000; i++) contract.checkText(...MESSAGES[(n + i) % MESSAGES.length]!);
    n += 1000;
  }
  return { perSecond: Math.round(n / ((performance.now() - start) / 1000)), n };
}

function suiteMs(withContract: boolean): number {
  const out = mkdtempSync(join(tmpdir(), 'ws-chaos-bench-'));
  try {
    const args = ['exec', 'tsx', 'cli/main.ts', '--quiet', '--out', out, ...(withContract ? ['--asyncapi', DOC] : [])];
    const start = performance.now();
    const r = spawnSync('pnpm', args, { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    const ms = performance.now() - start;
    if (r.status !== 0) throw new Error(`pnpm ${args.join(' ')} exited ${r.status}: ${(r.stdout + r.stderr).slice(-500)}`);
    return ms;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const spread = (xs: number[]): string => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))} ms`;

const rate = validationRate();
console.log(`validation: ${rate.perSecond.toLocaleString('en')} messages/s (${rate.n.toLocaleString('en')} messages in ${LOOP_MS} ms, a mix of ${MESSAGES.length} kinds, 2 of them violations)`);
if (process.env.BENCH_PART !== 'validate') {
  const off: number[] = [];
  const on: number[] = [];
  for (let i = 0; i < CLI_RUNS; i++) {
    off.push(suiteMs(false));
    on.push(suiteMs(true));
  }
  console.log(`default suite without --asyncapi: median ${Math.round(median(off))} ms (${spread(off)})`);
  console.log(`default suite with --asyncapi:    median ${Math.round(median(on))} ms (${spread(on)})`);
  console.log(`added: ${Math.round(median(on) - median(off))} ms (median difference over ${CLI_RUNS} alternated runs each)`);
}
