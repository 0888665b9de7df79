/**
 * The Playwright face of the backend scenarios: one test per scenario of the registry. The
 * run's profile comes from WSC_RUN (set by the CLI or the global setup); the verdict travels
 * to the reporters as the `ws-chaos-result` attachment.
 */
import { test } from '@playwright/test';
import { reportAnnotations, TIMELINE_ATTACHMENT } from '../harness/reporters/html-report.js';
import { redactResult } from '../harness/reporters/redact-result.js';
import { renderTimelineSvg } from '../harness/reporters/timeline-svg.js';
import { readRunConfig } from '../harness/runner/run-config.js';
import { runScenario, skipReason } from '../harness/run-scenario.js';
import { SCENARIOS } from './index.js';
import { endTestWith } from '../harness/runner/verdict.js';

export const RESULT_ATTACHMENT = 'ws-chaos-result';

for (const scenario of SCENARIOS.filter((s) => s.id.startsWith('conformance/') || s.id.startsWith('chaos/'))) {
  test(scenario.id, { annotation: { type: 'title', description: scenario.title } }, async ({}, testInfo) => {
    const run = readRunConfig();
    if (!run?.profile) throw new Error('WSC_RUN has no backend profile: start runs with `pnpm scenarios` (or let the global setup start the reference backend)');
    if (!skipReason(scenario, run.profile, run.proxy)) testInfo.setTimeout(scenario.timeoutMs(run.profile) + 15_000);
    const result = redactResult(await runScenario(scenario, { profile: run.profile, toxiproxy: run.proxy ?? undefined }), run.profile);
    await testInfo.attach(RESULT_ATTACHMENT, { body: JSON.stringify(result), contentType: 'application/json' });
    // For the HTML report: the diagnosis, hint and observations, and the timeline picture.
    testInfo.annotations.push(...reportAnnotations(result));
    await testInfo.attach(TIMELINE_ATTACHMENT, { body: renderTimelineSvg(result), contentType: 'image/svg+xml' });
    if (result.status === 'skipped') testInfo.skip(true, result.reason);
    endTestWith(result);
  });
}
