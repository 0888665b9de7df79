/**
 * `pnpm mock-backend` — the reference backend on its own, for manual testing or other tools.
 * Prints its URLs and a valid token; faults chosen with --fault and switchable at run time
 * through the loopback-only admin endpoint.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { isWsChaosError } from '../harness/errors';
import { signToken } from './auth';
import { formatFault, parseFaultList } from './faults/spec';
import { startReferenceBackend } from './server';

const int = (name: string, min: number, max: number) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}.`);
  return n;
};

const program = new Command('mock-backend')
  .description('The ws-chaos reference backend (Fastify + @fastify/websocket).')
  .option('--port <n>', 'port to listen on (0 = any free port)', int('--port', 0, 65535), 8080)
  .option('--host <host>', 'address to bind', '127.0.0.1')
  .option('--fault <list>', 'faults to play: name[:param=value...][,name...]')
  .option('--keepalive-interval <ms>', 'server ping interval', int('--keepalive-interval', 10, 3_600_000), 25_000)
  .option('--keepalive-timeout <ms>', 'pong timeout', int('--keepalive-timeout', 10, 3_600_000), 20_000)
  .option('--keepalive-kind <kind>', 'app | protocol | both', 'both')
  .option('--auth-reject <mode>', 'close (1008 after open) | http (401 before upgrade)', 'close')
  .option('--secret <secret>', 'HS256 JWT secret (or WSC_JWT_SECRET)')
  .option('--log-level <level>', 'pino level', 'info')
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
    keepaliveKind: string;
    authReject: string;
    secret?: string;
    logLevel: string;
  }>();
  if (!['app', 'protocol', 'both'].includes(o.keepaliveKind)) throw usage('--keepalive-kind must be app, protocol or both.');
  if (!['close', 'http'].includes(o.authReject)) throw usage('--auth-reject must be close or http.');
  const faults = o.fault ? parseFaultList(o.fault) : [];
  const backend = await startReferenceBackend({
    host: o.host,
    port: o.port,
    faults,
    jwtSecret: o.secret ?? process.env.WSC_JWT_SECRET,
    logLevel: o.logLevel,
    auth: { reject: o.authReject as 'close' | 'http' },
    keepalive: { kind: o.keepaliveKind as 'app' | 'protocol' | 'both', intervalMs: o.keepaliveInterval, timeoutMs: o.keepaliveTimeout },
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

function usage(message: string): Error {
  process.stderr.write(`mock-backend: ${message}\n`);
  process.exit(2);
}

main().catch((e: unknown) => {
  process.stderr.write(`mock-backend: ${isWsChaosError(e) ? e.message : (e as Error).message}\n`);
  process.exit(isWsChaosError(e) ? e.exitCode : 3);
});
