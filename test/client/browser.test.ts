import { describe, expect, test } from 'vitest';
import { EnvironmentError } from '../../harness/errors.js';
import { chromiumLaunchOptions, CHROMIUM_ARGS, findChromium } from '../../harness/client/browser.js';

const only = (...paths: string[]) => (p: string) => paths.includes(p);

describe('findChromium', () => {
  test('WSC_CHROMIUM wins, then CHROMIUM_PATH, then the system binary, then Playwright\'s download', () => {
    const all = only('/opt/a', '/opt/b', '/usr/bin/chromium', '/pw/chrome');
    expect(findChromium({ WSC_CHROMIUM: '/opt/a', CHROMIUM_PATH: '/opt/b' }, all, () => '/pw/chrome')).toEqual({ executablePath: '/opt/a', source: 'WSC_CHROMIUM' });
    expect(findChromium({ CHROMIUM_PATH: '/opt/b' }, all, () => '/pw/chrome')).toEqual({ executablePath: '/opt/b', source: 'CHROMIUM_PATH' });
    expect(findChromium({}, all, () => '/pw/chrome')).toEqual({ executablePath: '/usr/bin/chromium', source: 'system' });
    expect(findChromium({}, only('/pw/chrome'), () => '/pw/chrome')).toEqual({ executablePath: '/pw/chrome', source: 'playwright' });
  });
  test('a variable pointing nowhere is an error, not a silent fallback', () => {
    expect(() => findChromium({ WSC_CHROMIUM: '/nope' }, only('/usr/bin/chromium'), () => undefined)).toThrow(/WSC_CHROMIUM=\/nope but there is no file there/);
  });
  test('no browser at all: EnvironmentError WSC_ERR_BROWSER_MISSING (exit 3) naming both fixes', () => {
    let err: unknown;
    try {
      findChromium({}, () => false, () => '/pw/chrome');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvironmentError);
    expect((err as EnvironmentError).code).toBe('WSC_ERR_BROWSER_MISSING');
    expect((err as EnvironmentError).exitCode).toBe(3);
    expect((err as Error).message).toContain('apt-get install chromium');
    expect((err as Error).message).toContain('pnpm exec playwright install chromium');
  });
  test('launch options carry the binary and the flags for a root, GPU-less box', () => {
    expect(chromiumLaunchOptions({ executablePath: '/usr/bin/chromium', source: 'system' })).toEqual({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS], headless: true });
    expect(CHROMIUM_ARGS).toContain('--no-sandbox');
  });
});
