/**
 * The Playwright face of the backend scenarios: one test per scenario of the registry, run
 * with the `ws-chaos/test` fixtures (fixtures/): the worker starts what the run config says (the
 * reference backend with its faults, or nothing for an external profile; the Toxiproxy on the
 * first chaos scenario) and stops it when the worker ends. The verdict travels to the reporters
 * as the `ws-chaos-result` attachment, what the worker started as `ws-chaos-target`.
 */
import { test } from '../fixtures/index.js';
import { reportAnnotations, TIMELINE_ATTACHMENT } from '../harness/reporters/html-report.js';
import { redactOptionsFor, redactResult } from '../harness/reporters/redact-result.js';
import { renderTimelineSvg } from '../harness/reporters/timeline-svg.js';
import { redactString } from '../harness/redact.js';
import { readRunConfig, TARGET_ATTACHMENT, type TargetAttachment } from '../harness/runner/run-config.js';
import { playwrightImporter } from '../harness/config/load.js';
import { loadScenarioFiles } from '../harness/config/scenario-files.js';
import { withExpectation } from '../harness/expected-failures.js';
import { skipReason } from '../harness/run-scenario.js';
import { SCENARIOS } from './index.js';
import { endTestWith } from '../harness/runner/verdict.js';

export const RESULT_ATTACHMENT = 'ws-chaos-result';

/** Headroom over a scenario's own bound: starting the worker's Toxiproxy, attaching the result. */
const HARNESS_MARGIN_MS = 15_000;
/** For the skip check: the worker starts its Toxiproxy on demand, so a chaos scenario always has one (or fails saying why not). */
const PROXY_ON_DEMAND = { provider: 'on demand', version: '', url: '' };

/** The run config: the user's scenario files (imported here, run like built-ins) and expected failures. */
const RUN = readRunConfig();
const USER_SCENARIOS = await loadScenarioFiles(RUN?.scenarioFiles ?? [], playwrightImporter);

for (const scenario of [...SCENARIOS, ...USER_SCENARIOS]) {
  test(scenario.id, { annotation: { type: 'title', description: scenario.title } }, async ({ wsProfile, runScenario, wsToxiproxyServer }, testInfo) => {
    if (!skipReason(scenario, wsProfile, PROXY_ON_DEMAND)) {
      testInfo.setTimeout(scenario.timeoutMs(wsProfile) + HARNESS_MARGIN_MS);
    }
    const result = withExpectation(redactResult(await runScenario(scenario), wsProfile), RUN?.expectedFailures);
    const proxy = wsToxiproxyServer.current();
    const started: TargetAttachment = {
      url: redactString(wsProfile.url, redactOptionsFor(wsProfile)),
      proxy: proxy ? { provider: proxy.provider, version: proxy.version } : null,
    };
    await testInfo.attach(TARGET_ATTACHMENT, { body: JSON.stringify(started), contentType: 'application/json' });
    await testInfo.attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
    // For the HTML report: the diagnosis, hint and observations, and the timeline picture.
    testInfo.annotations.push(...reportAnnotations(result));
    await testInfo.attach(TIMELINE_ATTACHMENT, { body: renderTimelineSvg(result), contentType: 'image/svg+xml' });
    if (result.status === 'skipped') testInfo.skip(true, result.reason);
    endTestWith(result, testInfo);
  });
}
