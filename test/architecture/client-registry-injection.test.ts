/**
 * The engine takes its client scenarios as a parameter (it never imports the registry):
 * runClientScenarios chooses only from the list its caller passes. Checked before any browser
 * starts, through the unknown-id error, which names the ids it knows.
 */
import { describe, expect, it } from 'vitest';
import { runClientScenarios } from '../../harness/client/run-client-scenarios.js';
import { ConfigError } from '../../harness/errors.js';
import { CLIENT_SCENARIOS } from '../../scenarios/client/index.js';

describe('runClientScenarios: the scenarios are the caller\'s', () => {
  it('knows only the scenarios it was given', async () => {
    const [only, notGiven] = CLIENT_SCENARIOS;
    expect(only).toBeDefined();
    expect(notGiven).toBeDefined();
    const run = runClientScenarios({ scenarios: [only], ids: [notGiven.id] });
    await expect(run).rejects.toBeInstanceOf(ConfigError);
    await expect(run).rejects.toMatchObject({
      code: 'WSC_ERR_UNKNOWN_SCENARIO',
      message: `unknown client scenario(s) ${notGiven.id}; known: ${only.id}.`,
    });
  });
});
