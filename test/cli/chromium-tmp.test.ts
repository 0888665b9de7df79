/**
 * Chromium's temp folders (issue 8 item 20): a SIGKILLed client run cannot remove its own, so
 * the next launch removes those ws-chaos made whose owner process is dead — and nothing else.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { CHROMIUM_TMP_PREFIX, cleanStaleChromiumDirs } from '../../harness/client/browser.js';

const root = mkdtempSync(join(tmpdir(), 'wsc-chromium-tmp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('removes only ws-chaos Chromium folders whose owner PID is dead', () => {
  const dead = `${CHROMIUM_TMP_PREFIX}4000001-AbC123`;
  const alive = `${CHROMIUM_TMP_PREFIX}${process.pid}-XyZ789`;
  const others = ['playwright_chromiumdev_profile-abc', `${CHROMIUM_TMP_PREFIX}notapid-abc`, 'ws-chaos-other-4000001-abc'];
  for (const n of [dead, alive, ...others]) mkdirSync(join(root, n, 'Default'), { recursive: true });
  expect(cleanStaleChromiumDirs(root, (pid) => pid === process.pid)).toEqual([dead]);
  expect(existsSync(join(root, dead))).toBe(false);
  for (const n of [alive, ...others]) expect(existsSync(join(root, n))).toBe(true);
});

test('a missing temp root is not an error', () => {
  expect(cleanStaleChromiumDirs(join(root, 'nope'))).toEqual([]);
});
