/**
 * The Playwright runner must not outlive the CLI that started it. The CLI spawns it with an IPC
 * channel (and IPC_ENV set); when the CLI dies, even by SIGKILL, the channel disconnects and the
 * runner stops the way Ctrl-C stops it (Playwright ends its workers, and they close Chromium),
 * with a hard exit as the bound. An orphaned runner never writes results.json: nobody asked for
 * them, and they would be verdicts against a target that died with the CLI. It deletes the run
 * config file, which the dead CLI no longer can.
 */
import { cleanStaleChromiumDirs } from '../client/browser.js';
import { IPC_ENV, removeRunConfigFile, RUN_ENV } from './run-config.js';

/** How long the orphaned runner may take to stop its workers before it exits regardless. */
export const ORPHAN_EXIT_MS = 5_000;

const isRunnerMain = (): boolean => process.env[IPC_ENV] === '1' && process.env.TEST_WORKER_INDEX === undefined;

/** True in the runner when the CLI that started it is gone. */
export function isOrphaned(): boolean {
  return isRunnerMain() && !process.connected;
}

let installed = false;

/** Called from playwright.config.ts; does something only in the runner's main process under the CLI. */
export function endWhenOrphaned(): void {
  if (installed || !isRunnerMain() || !process.channel) return;
  installed = true;
  process.once('disconnect', () => {
    setTimeout(() => process.exit(1), ORPHAN_EXIT_MS).unref();
    // The CLI cannot delete the run config file (it may hold secrets) any more: do it here.
    const file = process.env[RUN_ENV];
    if (file) removeRunConfigFile(file);
    // Its workers are gone by the time the runner exits; a worker's own removal of its Chromium
    // temp folder can lose the race with Chromium's last writes, so sweep the dead owners' ones.
    process.once('exit', () => void cleanStaleChromiumDirs());
    process.kill(process.pid, 'SIGINT');
  });
  // A 'disconnect' listener refs the channel; the runner must still end when its work is done.
  process.channel.unref();
  // The CLI is gone before the listener was added: stop at once.
  if (!process.connected) process.emit('disconnect');
}
