/**
 * The heartbeat in clock.ts: `lateness()` is the busy stretch of the event loop ending now, both
 * while the loop is still blocked and just after the stall has ended (issue 13 item 1).
 */
import { afterAll, expect, test } from 'vitest';
import { lateness, unwatchLateness, watchLateness } from '../../harness/clock.js';

afterAll(() => unwatchLateness());

const busyWait = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    /* the injected stall */
  }
};
const turn = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

test('a stamp taken at the end of a 200 ms stall may be at least that late; one taken when the stall is long past carries less', async () => {
  watchLateness();
  await turn(20);
  busyWait(200);
  expect(lateness()).toBeGreaterThanOrEqual(190); // still inside the stall: the heartbeat is overdue
  await new Promise((r) => setImmediate(r)); // the next loop turn, right after the stall
  expect(lateness()).toBeGreaterThanOrEqual(190);
  await turn(300);
  expect(lateness()).toBeLessThan(190); // a noisy machine may add some, never the old stall
});

test('without the heartbeat nothing is claimed', () => {
  unwatchLateness();
  busyWait(50);
  expect(lateness()).toBe(0);
});
