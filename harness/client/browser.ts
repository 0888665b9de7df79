/**
 * Which Chromium runs the browser client scenarios: $WSC_CHROMIUM, then $CHROMIUM_PATH, then
 * the system's /usr/bin/chromium (Debian) or /usr/bin/chromium-browser, then Playwright's own
 * download. None there → EnvironmentError WSC_ERR_BROWSER_MISSING (exit 3) naming the fix.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';
import { EnvironmentError } from '../errors.js';

export type ChromiumSource = 'WSC_CHROMIUM' | 'CHROMIUM_PATH' | 'system' | 'playwright';

export interface ChromiumChoice {
  executablePath: string;
  source: ChromiumSource;
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] as const;

const SYSTEM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const FIX =
  'install one: `apt-get install chromium` (Debian, as root), or `pnpm exec playwright install chromium` elsewhere; or point WSC_CHROMIUM at a Chromium binary';

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync, playwrightPath = playwrightChromium): ChromiumChoice {
  for (const name of ['WSC_CHROMIUM', 'CHROMIUM_PATH'] as const) {
    const p = env[name];
    if (!p) continue;
    if (exists(p)) return { executablePath: p, source: name };
    throw new EnvironmentError('WSC_ERR_BROWSER_MISSING', `${name}=${p} but there is no file there: fix the path, unset it, or ${FIX}.`);
  }
  for (const p of SYSTEM_PATHS) if (exists(p)) return { executablePath: p, source: 'system' };
  const pw = playwrightPath();
  if (pw && exists(pw)) return { executablePath: pw, source: 'playwright' };
  throw new EnvironmentError('WSC_ERR_BROWSER_MISSING', `no Chromium found for the browser client scenarios (looked at $WSC_CHROMIUM, $CHROMIUM_PATH, ${SYSTEM_PATHS.join(', ')}, Playwright's download): ${FIX}.`);
}

export function chromiumLaunchOptions(choice: ChromiumChoice = findChromium()): LaunchOptions {
  return { executablePath: choice.executablePath, args: [...CHROMIUM_ARGS], headless: true };
}

export function describeChromium(choice: ChromiumChoice): string {
  return `Chromium ${choice.executablePath} (${choice.source === 'system' ? 'system' : choice.source === 'playwright' ? "Playwright's download" : `$${choice.source}`})`;
}

/**
 * Chromium's temporary files (Playwright's profile folder among them) go in a folder of ours,
 * `<tmp>/ws-chaos-chromium-<owner pid>-XXXXXX`, removed when the browser closes. A run killed
 * by SIGKILL cannot remove it: the next launch removes those whose owner process is dead.
 */
export const CHROMIUM_TMP_PREFIX = 'ws-chaos-chromium-';

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the Chromium temp folders of ws-chaos processes that are gone; returns their names. */
export function cleanStaleChromiumDirs(root: string = tmpdir(), alive: (pid: number) => boolean = pidAlive): string[] {
  const stale: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return stale;
  }
  for (const name of names) {
    const m = new RegExp(`^${CHROMIUM_TMP_PREFIX}(\\d+)-[A-Za-z0-9]+$`).exec(name);
    if (!m || alive(Number(m[1]))) continue;
    try {
      // A Chromium child of the dead owner may still be finishing its writes: retry ENOTEMPTY.
      rmSync(join(root, name), { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
      stale.push(name);
    } catch {
      // still busy: the next clean-up takes it
    }
  }
  return stale;
}

/** Launch the chosen Chromium; a launch failure is an EnvironmentError naming the binary. */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<{ browser: Browser; choice: ChromiumChoice }> {
  const choice = findChromium(env);
  cleanStaleChromiumDirs();
  const ownTmp = mkdtempSync(join(tmpdir(), `${CHROMIUM_TMP_PREFIX}${process.pid}-`));
  // Playwright makes its profile folder under os.tmpdir(), read from TMPDIR at launch time.
  const savedTmp = process.env.TMPDIR;
  process.env.TMPDIR = ownTmp;
  try {
    const browser = await chromium.launch({ ...chromiumLaunchOptions(choice), env: { ...process.env, TMPDIR: ownTmp } });
    // Chromium (and Playwright's own profile clean-up) may still be writing or deleting in it
    // when the browser reports it closed: retry ENOTEMPTY/EBUSY, and never throw from here. A
    // folder left over is removed by the next launch once this process is gone.
    const removeTmp = (): void => {
      try {
        rmSync(ownTmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
      } catch {
        // left for cleanStaleChromiumDirs()
      }
    };
    browser.on('disconnected', () => {
      removeTmp();
      process.off('exit', removeTmp);
    });
    // A worker ended by its runner exits before the browser reports it closed.
    process.once('exit', removeTmp);
    return { browser, choice };
  } catch (e) {
    rmSync(ownTmp, { recursive: true, force: true });
    throw new EnvironmentError('WSC_ERR_BROWSER_MISSING', `${describeChromium(choice)} did not start: ${(e as Error).message.split('\n')[0]}. ${FIX}.`);
  } finally {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
  }
}
