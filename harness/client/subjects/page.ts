/**
 * A page as the client under test: open it, read what it shows (profile.page.statusSelector)
 * and what it scheduled (the window global profile.page.scheduleGlobal, when the page's
 * client exposes one), navigate away to stop it. The page's sockets are faulted by a route
 * enactor installed on the same page before start().
 */
import type { Page } from '@playwright/test';
import { ConfigError } from '../../errors.js';
import type { ClientProfile } from '../profile.js';
import { defineClientUnderTest, type ClientUnderTest, type ScheduledRetry } from '../subject.js';

const NAV_TIMEOUT_MS = 15_000;
const READ_TIMEOUT_MS = 2_000;

export function pageClient(page: Page, profile: ClientProfile, label?: string): ClientUnderTest {
  const spec = profile.page;
  if (!spec) throw new ConfigError('WSC_ERR_PROFILE', 'a page client needs client.page (url and wsPattern) in the client profile.');
  let stopped = false;
  return defineClientUnderTest({
    label: label ?? `page ${new URL(spec.url).origin}${new URL(spec.url).pathname} (chromium)`,
    runtime: 'browser',
    start: async () => {
      // Started again after a stop (a scenario that restarts the client): stop must navigate away again.
      stopped = false;
      await page.goto(spec.url, { waitUntil: 'domcontentloaded', timeout: NAV_TIMEOUT_MS });
    },
    stop: async () => {
      if (stopped || page.isClosed()) return;
      stopped = true;
      await page.goto('about:blank', { timeout: READ_TIMEOUT_MS }).catch(() => undefined);
    },
    scheduled: async () => {
      if (page.isClosed()) return undefined;
      const raw = await page
        .evaluate((name) => (globalThis as unknown as Record<string, unknown>)[name], spec.scheduleGlobal)
        .catch(() => undefined);
      if (!Array.isArray(raw)) return undefined;
      return raw.filter((r): r is ScheduledRetry => !!r && typeof r.retry === 'number' && typeof r.delayMs === 'number');
    },
    shown: async () => {
      // A stopped page shows about:blank: no status element to wait READ_TIMEOUT_MS for.
      if (!spec.statusSelector || page.isClosed() || stopped) return undefined;
      const text = await page.locator(spec.statusSelector).first().textContent({ timeout: READ_TIMEOUT_MS }).catch(() => null);
      return text?.trim() ?? undefined;
    },
  });
}
