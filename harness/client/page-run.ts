/**
 * One client scenario against a page in Chromium: a fresh context and page, a route enactor
 * on the profile's wsPattern, the page as the client under test; everything closed at the
 * end, also on failure. Used by the Playwright spec and by runClientScenarios.
 */
import type { Browser } from '@playwright/test';
import type { Logger } from 'pino';
import { ConfigError } from '../errors.js';
import type { ScenarioResult } from '../results.js';
import { installRouteEnactor } from './enactors/route.js';
import type { ClientProfile } from './profile.js';
import { runClientScenario } from './run-client-scenario.js';
import type { ClientScenario } from './scenario.js';
import { pageClient } from './subjects/page.js';
import type { Contract } from '../contract/validate.js';

export function requirePage(profile: ClientProfile): void {
  if (!profile.page) {
    throw new ConfigError(
      'WSC_ERR_PROFILE',
      `client profile "${profile.name}" has no page part: the browser run needs client.page.url and client.page.wsPattern. For a client module in Node, run the scenarios from vitest with ws-chaos/msw (docs/clients.md).`,
    );
  }
}

export async function runPageScenario(browser: Browser, profile: ClientProfile, scenario: ClientScenario, o: { label?: string; log?: Logger; contract?: Contract } = {}): Promise<ScenarioResult> {
  requirePage(profile);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const enactor = await installRouteEnactor(page, profile);
    try {
      return await runClientScenario(scenario, { profile, enactor, client: pageClient(page, profile, o.label), log: o.log, contract: o.contract });
    } finally {
      await enactor.close();
    }
  } finally {
    await context.close().catch(() => undefined);
  }
}
