/**
 * The `binary` provider: a `toxiproxy-server` found on PATH or named by TOXIPROXY_BIN, started on
 * a free loopback port with `-host 127.0.0.1 -port N`, waited for (GET /version, bounded), and
 * stopped by PID on close (SIGTERM, then SIGKILL after 3 s).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ToxiproxyBinaryNotFoundError, ToxiproxyStartFailedError } from './errors.js';
import { describeError, probeVersion } from './version-probe.js';

export const BINARY_NAME = 'toxiproxy-server';

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the binary is: TOXIPROXY_BIN if set (it must be an executable file), else the first
 * `toxiproxy-server` on PATH, else null.
 */
export function findToxiproxyBinary(env: NodeJS.ProcessEnv): string | null {
  const explicit = env.TOXIPROXY_BIN;
  if (explicit !== undefined && explicit !== '') {
    if (isExecutableFile(explicit)) return explicit;
    throw new ToxiproxyBinaryNotFoundError(
      `TOXIPROXY_BIN=${explicit} is not an executable file; point it at a toxiproxy-server binary or unset it`,
    );
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, BINARY_NAME);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface StartedBinary {
  url: string;
  version: string;
  pid: number;
  close(): Promise<void>;
}

export async function startToxiproxyBinary(binary: string, startTimeoutMs: number): Promise<StartedBinary> {
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['-host', '127.0.0.1', '-port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (data: Buffer): void => {
    output = (output + data.toString('utf8')).slice(-2000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ? `signal ${signal}` : `code ${String(code)}`;
      resolve();
    });
    child.once('error', (err) => {
      exited = `spawn error: ${err.message}`;
      resolve();
    });
  });

  const close = async (): Promise<void> => {
    if (exited !== null || child.pid === undefined) return;
    process.kill(child.pid, 'SIGTERM');
    const killTimer = setTimeout(() => {
      if (exited === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, 3_000);
    await exitPromise;
    clearTimeout(killTimer);
    child.stdout?.destroy();
    child.stderr?.destroy();
  };

  const deadline = performance.now() + startTimeoutMs;
  let lastError = 'not started';
  while (performance.now() < deadline) {
    if (exited !== null) {
      throw new ToxiproxyStartFailedError(`${binary} exited (${exited}) before answering on ${url}: ${output.trim() || 'no output'}`);
    }
    try {
      const version = await probeVersion(url, Math.min(1_000, Math.max(50, deadline - performance.now())));
      return { url, version, pid: child.pid!, close };
    } catch (err) {
      lastError = describeError(err);
    }
    await sleep(50);
  }
  await close();
  throw new ToxiproxyStartFailedError(
    `${binary} did not answer GET ${url}/version within ${startTimeoutMs} ms (last error: ${lastError}); output: ${output.trim() || 'none'}`,
  );
}
