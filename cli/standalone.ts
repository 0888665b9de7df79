/**
 * `ws-chaos mock-backend ...` and `ws-chaos toxiproxy ...`: the reference backend and the embedded
 * Toxiproxy on their own (what `pnpm mock-backend` / `pnpm toxiproxy` run in this repository), for
 * an installed package, where only the `ws-chaos` bin exists. Each hands its arguments unchanged
 * to that program (its own flags, help and exit codes). Also the package version for `--version`.
 */
import type { Command } from 'commander';
import { createRequire } from 'node:module';

/** The installed package's version (its own package.json, by the package's self-reference). */
export function packageVersion(): string {
  return (createRequire(import.meta.url)('ws-chaos/package.json') as { version: string }).version;
}

const STANDALONE = {
  'mock-backend': { description: 'the reference backend alone (its own flags: ws-chaos mock-backend --help)', load: () => import('../mock-backend/main.js') },
  toxiproxy: { description: 'the embedded Toxiproxy-compatible server alone (its own flags: ws-chaos toxiproxy --help)', load: () => import('../harness/proxy/main.js') },
} as const;

export function addStandaloneCommands(program: Command): void {
  for (const [name, { description, load }] of Object.entries(STANDALONE)) {
    program
      .command(name)
      .description(description)
      .helpOption(false)
      .allowUnknownOption()
      .allowExcessArguments()
      .argument('[args...]', `arguments for ${name}`)
      .action(async (args: string[]) => {
        // The program parses process.argv when it loads: give it exactly its own arguments.
        process.argv = [process.argv[0], `ws-chaos ${name}`, ...args];
        await load();
      });
  }
}
