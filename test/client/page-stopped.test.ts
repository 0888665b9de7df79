/**
 * A page client that was stopped (navigated to about:blank, e.g. at the end of a scenario that
 * restarts the client per phase) has no status element: `shown()` answers at once instead of
 * waiting its read timeout for a selector that cannot appear (2 s per such scenario in
 * `pnpm scenarios --client`). A page that runs is still read.
 */
import type { Page } from '@playwright/test';
import { expect, test } from 'vitest';
import { pageClient } from '../../harness/client/subjects/page.js';
import { referenceClientProfile } from '../../harness/client/reference-profile.js';

function fakePage(): { page: Page; reads: string[] } {
  const reads: string[] = [];
  const page = {
    isClosed: () => false,
    goto: async () => null,
    evaluate: async () => undefined,
    locator: (selector: string) => ({
      first: () => ({
        textContent: async () => {
          reads.push(selector);
          return ' connected ';
        },
      }),
    }),
  } as unknown as Page;
  return { page, reads };
}

const profile = referenceClientProfile({ page: { url: 'http://127.0.0.1:1/', wsPattern: 'ws://x.test/**', statusSelector: '#status' } });

test('a running page is read; a stopped one is not waited for', async () => {
  const { page, reads } = fakePage();
  const c = pageClient(page, profile, 'fake page');
  await c.start();
  expect(await c.shown?.()).toBe('connected');
  await c.stop();
  expect(await c.shown?.()).toBeUndefined();
  expect(reads).toEqual(['#status']);
  await c.start();
  expect(await c.shown?.()).toBe('connected');
});
