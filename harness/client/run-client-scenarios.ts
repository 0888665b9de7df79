/**
 * The client scenarios outside Playwright Test — for the CLI's non-Playwright paths, a
 * benchmark, or a script: launch the Chromium browser.ts finds, serve the reference page when
 * there is no profile, run the selected scenarios one by one, close everything. The scenarios
 * are the caller's (the built-in ones are scenarios/client/index.ts's CLIENT_SCENARIOS): the
 * engine never imports a scenario registry.
 */
import type { Logger } from 'pino';
import type { ClientMode } from '../../client/reference-client.js';
import { ConfigError } from '../errors.js';
import type { ScenarioResult } from '../results.js';
import { describeChromium, launchChromium } from './browser.js';
import { requirePage, runPageScenario } from './page-run.js';
import { startPageServer, type PageServer } from './page-server.js';
import type { ClientProfile } from './profile.js';
import type { ClientScenario } from './scenario.js';
import { referenceClientProfile } from './reference-profile.js';
import { withReferencePage } from './subjects/reference-page.js';

export interface RunClientScenariosOptions {
  /** The scenarios to choose from, in run order (the built-in ones: CLIENT_SCENARIOS of scenarios/client/index.ts). */
  scenarios: readonly ClientScenario[];
  /** The client under test (must have a page part); absent: the reference client page. */
  profile?: ClientProfile;
  /** Scenario ids to run (default: all of `scenarios`, in their order). Ids not in `scenarios` are a ConfigError. */
  ids?: readonly string[];
  /** The reference page's mode when there is no profile (default 'correct'). */
  referenceMode?: ClientMode;
  onResult?: (r: ScenarioResult) => void;
  log?: Logger;
}

export async function runClientScenarios(o: RunClientScenariosOptions): Promise<{ results: ScenarioResult[]; browser: string }> {
  const unknown = (o.ids ?? []).filter((id) => !o.scenarios.some((s) => s.id === id));
  if (unknown.length > 0) {
    throw new ConfigError('WSC_ERR_UNKNOWN_SCENARIO', `unknown client scenario(s) ${unknown.join(', ')}; known: ${o.scenarios.map((s) => s.id).join(', ')}.`);
  }
  if (o.profile) requirePage(o.profile);
  const ids = o.ids;
  const picked = ids ? o.scenarios.filter((s) => ids.includes(s.id)) : o.scenarios;
  let pages: PageServer | undefined;
  const { browser, choice } = await launchChromium();
  try {
    let profile = o.profile;
    if (!profile) {
      pages = await startPageServer();
      profile = withReferencePage(referenceClientProfile(), pages.url, o.referenceMode ?? 'correct');
    }
    const results: ScenarioResult[] = [];
    for (const scenario of picked) {
      const r = await runPageScenario(browser, profile, scenario, { log: o.log });
      results.push(r);
      o.onResult?.(r);
    }
    return { results, browser: describeChromium(choice) };
  } finally {
    await browser.close().catch(() => undefined);
    await pages?.close();
  }
}
