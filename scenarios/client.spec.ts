/**
 * The Playwright face of the client scenarios: one test per client scenario, each against a
 * page in Chromium whose sockets are played by routeWebSocket. The client comes from the run
 * config file (WSC_RUN names it; the CLI's --client writes it); without one, the built-in
 * reference client page. The Chromium is a worker-scoped fixture, the one
 * harness/client/browser.ts finds (never Playwright's `browser` fixture, which wants its own
 * download); the verdict travels to the reporters as the `ws-chaos-result` attachment.
 */
import { test as base, type Browser } from '@playwright/test';
import { describeChromium, launchChromium } from '../harness/client/browser.js';
import { runPageScenario } from '../harness/client/page-run.js';
import { startPageServer } from '../harness/client/page-server.js';
import { scaledPolicy } from '../harness/client/policy.js';
import { parseClientProfile, type ClientProfile } from '../harness/client/profile.js';
import { referenceClientProfile } from '../harness/client/reference-profile.js';
import { clientSkipReason } from '../harness/client/run-client-scenario.js';
import { withReferencePage } from '../harness/client/subjects/reference-page.js';
import { withExpectation } from '../harness/expected-failures.js';
import { redact } from '../harness/redact.js';
import { readRunConfig } from '../harness/runner/run-config.js';
import { CLIENT_SCENARIOS } from './client/index.js';
import { endTestWith } from '../harness/runner/verdict.js';
import { cachedContract } from '../harness/contract/validate.js';

/** The run config: --asyncapi (what the user's client sends is validated against the document) and config expectedFailures. */
const RUN = readRunConfig();
const ASYNCAPI = RUN?.asyncapi;
const CONTRACT = ASYNCAPI ? cachedContract(ASYNCAPI) : undefined;

export const RESULT_ATTACHMENT = 'ws-chaos-result';

const test = base.extend<object, { wsChromium: { browser: Browser; shown: string }; clientProfile: ClientProfile }>({
  wsChromium: [
    async ({}, use) => {
      const { browser, choice } = await launchChromium();
      try {
        await use({ browser, shown: describeChromium(choice) });
      } finally {
        await browser.close().catch(() => undefined);
      }
    },
    { scope: 'worker' },
  ],
  clientProfile: [
    async ({}, use) => {
      // The client config is in the run config file (none: the reference page, mode correct).
      const run = RUN?.client ?? {};
      if (run.profile) return use(parseClientProfile(run.profile, process.env, 'from the run config file'));
      const pages = await startPageServer();
      try {
        await use(withReferencePage(referenceClientProfile(), pages.url, run.referenceMode ?? 'correct'));
      } finally {
        await pages.close();
      }
    },
    { scope: 'worker' },
  ],
});

for (const scenario of CLIENT_SCENARIOS) {
  test(scenario.id, { annotation: { type: 'title', description: scenario.title } }, async ({ wsChromium, clientProfile }, testInfo) => {
    testInfo.annotations.push({ type: 'browser', description: wsChromium.shown });
    // A scenario the profile skips has no bound of its own (its parts are missing).
    testInfo.setTimeout((clientSkipReason(scenario, clientProfile) ? 0 : scenario.timeoutMs(scaledPolicy(clientProfile))) + 15_000);
    const raw = await runPageScenario(wsChromium.browser, clientProfile, scenario, { contract: CONTRACT });
    const result = withExpectation(redact({ ...raw, observations: { browser: wsChromium.shown, ...raw.observations } }), RUN?.expectedFailures);
    await testInfo.attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
    // A scenario the profile cannot run (no `ping`, say) is recorded as skipped in results.json
    // through the attachment; the Playwright test itself just ends.
    if (result.status === 'skipped') testInfo.annotations.push({ type: 'ws-chaos skipped', description: result.reason });
    // A failure the config expects ends the test passing, with an expected-failure annotation.
    endTestWith(result, testInfo);
  });
}
