/**
 * `pnpm mock-backend` — the reference backend on its own, for manual testing or other tools.
 * Prints its URLs and a valid token; faults chosen with --fault and switchable at run time
 * through the loopback-only admin endpoint.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { ConfigError, isWsChaosError } from '../harness/index.js';
import { formatFault, parseFaultList } from '../harness/faults/spec.js';
import { parseBindHost } from './host.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Digits only: `Number()` would also take '', '0x50' and '1e3'. */
const int = (name: string, min: number, max: number) => (v: string): number => {
  const n = /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(v)}).`);
  return n;
};
const oneOf = <T extends string>(name: string, allowed: readonly T[]) => (v: string): T => {
  const value = v.trim().toLowerCase() as T;
  if (!allowed.includes(value)) throw new InvalidArgumentError(`${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)}).`);
  return value;
};
const nonEmpty = (name: string, what: string) => (v: string): string => {
  if (v.trim() === '') throw new InvalidArgumentError(`${name} is empty: give ${what}, or leave the flag out.`);
  return v;
};
const host = (v: string): string => {
  try {
    return parseBindHost(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
};

const program = new Command('mock-backend')
  .description('The ws-chaos reference backend (Fastify + @fastify/websocket).')
  .option('--port <n>', 'port to listen on (0 = any free port)', int('--port', 0, 65535), 8080)
  .option('--host <host>', 'address to bind (a non-loopback one needs --secret or WSC_JWT_SECRET)', host, '127.0.0.1')
  .option('--fault <list>', 'faults to play: name[:param=value...][,name...]', nonEmpty('--fault', 'a fault list such as flap or flap:afterMs=200,no-app-pong'))
  .option('--keepalive-interval <ms>', 'server ping interval', int('--keepalive-interval', 10, 3_600_000), 25_000)
  .option('--keepalive-timeout <ms>', 'pong timeout', int('--keepalive-timeout', 10, 3_600_000), 20_000)
  .option('--keepalive-kind <kind>', 'app | protocol | both', oneOf('--keepalive-kind', ['app', 'protocol', 'both'] as const), 'both')
  .option('--auth-reject <mode>', 'close (1008 after open) | http (401 before upgrade)', oneOf('--auth-reject', ['close', 'http'] as const), 'close')
  .option('--secret <secret>', 'HS256 JWT secret (or WSC_JWT_SECRET)', nonEmpty('--secret', 'the HS256 secret the tokens are signed with'))
  .option('--log-level <level>', LOG_LEVELS.join(' | '), oneOf('--log-level', LOG_LEVELS), 'info')
  .option('--processes <n>', 'run N reference backends in N processes, each on its own free 127.0.0.1 port (for load runs beyond one process)', int('--processes', 1, 64), 1)
  .allowExcessArguments(false)
  .showHelpAfterError('(pnpm mock-backend --help lists the options and their values)')
  .exitOverride();

async function main(): Promise<void> {
  try {
    program.parse();
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    throw e;
  }
  const o = program.opts<{
    port: number;
    host: string;
    fault?: string;
    keepaliveInterval: number;
    keepaliveTimeout: number;
    keepaliveKind: 'app' | 'protocol' | 'both';
    authReject: 'close' | 'http';
    secret?: string;
    logLevel: (typeof LOG_LEVELS)[number];
    processes: number;
  }>();
  const envSecret = process.env.WSC_JWT_SECRET;
  if (o.secret === undefined && envSecret !== undefined && envSecret.trim() === '') {
    throw new ConfigError('WSC_ERR_USAGE', 'WSC_JWT_SECRET is set but empty: set it to the HS256 secret the tokens are signed with, or unset it for the built-in one.');
  }
  const faults = o.fault === undefined ? [] : parseFaultList(o.fault);
  if (o.fault !== undefined && faults.length === 0) throw new ConfigError('WSC_ERR_USAGE', `--fault ${JSON.stringify(o.fault)} names no fault: give one such as flap or flap:afterMs=200, or leave the flag out.`);
  if (o.processes > 1) return runCluster(o.processes, faults, o);
  // Loaded once the flags are known to be good, so that bad input is answered at once.
  const [{ startReferenceBackend }, { signToken }] = await Promise.all([import('./server.js'), import('./auth.js')]);
  const backend = await startReferenceBackend({
    host: o.host,
    port: o.port,
    faults,
    jwtSecret: o.secret ?? envSecret,
    logLevel: o.logLevel,
    auth: { reject: o.authReject },
    keepalive: { kind: o.keepaliveKind, intervalMs: o.keepaliveInterval, timeoutMs: o.keepaliveTimeout },
  });
  const token = await signToken(backend.config.jwtSecret, 'manual-tester', '12h');
  process.stdout.write(
    [
      `reference backend listening`,
      `  websocket  ${backend.wsUrl}?token=<token>`,
      `  health     ${backend.healthUrl}`,
      `  admin      ${backend.adminUrl}   (loopback only; PUT {"faults":["flap"]})`,
      `  faults     ${faults.length ? faults.map(formatFault).join(', ') : 'none'}`,
      `  token      ${token}   (valid 12 h, HS256)`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void backend.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** --processes N: N backends on their own ports (mock-backend/cluster.ts), printed one per line. */
async function runCluster(processes: number, faults: ReturnType<typeof parseFaultList>, o: { port: number; host: string; logLevel: string; secret?: string }): Promise<void> {
  if (o.port !== 8080 && o.port !== 0) throw new ConfigError('WSC_ERR_USAGE', `--processes ${processes} gives every process its own free port: leave out --port ${o.port}.`);
  if (o.host !== '127.0.0.1') throw new ConfigError('WSC_ERR_USAGE', '--processes binds 127.0.0.1 only: leave out --host.');
  const { startBackendCluster } = await import('./cluster.js');
  const cluster = await startBackendCluster(processes, { faults, logLevel: o.logLevel, jwtSecret: o.secret ?? process.env.WSC_JWT_SECRET });
  process.stdout.write(
    [`reference backend in ${processes} processes`, ...cluster.members.map((m) => `  pid ${m.pid}  websocket ${m.wsUrl}?token=${m.token}  health ${m.healthUrl}`), ''].join('\n'),
  );
  const stop = (): void => {
    void cluster.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`mock-backend: ${isWsChaosError(e) ? e.message : (e as Error).message}\n`);
  process.exit(isWsChaosError(e) ? e.exitCode : 3);
});
