/**
 * `tsx harness/proxy/main.ts [--port 8474] [--host 127.0.0.1]` (pnpm toxiproxy): runs the embedded
 * Toxiproxy-compatible server alone until SIGINT/SIGTERM. Errors are one line on stderr with the
 * exit code of their kind (2 bad usage, 3 environment) — never a stack trace.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { isWsChaosError } from '../errors.js';
import { startEmbeddedToxiproxy, TOXIC_TYPES } from './embedded/index.js';

function parsePort(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('expected an integer from 0 to 65535');
  return Number(value);
}

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('toxiproxy')
    .description('Embedded Toxiproxy-compatible server (Toxiproxy 2.12.0 API + WebSocket-aware toxics)')
    .option('--port <port>', 'control API port (0 = a free port)', parsePort, 8474)
    .option('--host <host>', 'control API address', '127.0.0.1')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  try {
    program.parse(argv);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  const { port, host } = program.opts<{ port: number; host: string }>();
  const server = await startEmbeddedToxiproxy({ host, port });
  process.stdout.write(`toxiproxy (embedded) listening on ${server.url} — version ${server.version}\n`);
  process.stdout.write(`toxic types: ${TOXIC_TYPES.join(', ')}\n`);
  await new Promise<void>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.stdout.write(`${signal}: stopping\n`);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await server.stop();
  return 0;
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (isWsChaosError(err)) {
      process.stderr.write(`toxiproxy: ${err.message} [${err.code}]\n`);
      process.exitCode = err.exitCode;
    } else {
      process.stderr.write(`toxiproxy: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  },
);
