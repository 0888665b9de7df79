/**
 * Which Chromium runs the browser client scenarios: $WSC_CHROMIUM, then $CHROMIUM_PATH, then
 * the system's /usr/bin/chromium (Debian) or /usr/bin/chromium-browser, then Playwright's own
 * download. None there → EnvironmentError WSC_ERR_BROWSER_MISSING (exit 3) naming the fix.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';
import { EnvironmentError } from '../errors';

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

/** Launch the chosen Chromium; a launch failure is an EnvironmentError naming the binary. */
export async function launchChromium(env: NodeJS.ProcessEnv = process.env): Promise<{ browser: Browser; choice: ChromiumChoice }> {
  const choice = findChromium(env);
  try {
    const browser = await chromium.launch(chromiumLaunchOptions(choice));
    return { browser, choice };
  } catch (e) {
    throw new EnvironmentError('WSC_ERR_BROWSER_MISSING', `${describeChromium(choice)} did not start: ${(e as Error).message.split('\n')[0]}. ${FIX}.`);
  }
}
