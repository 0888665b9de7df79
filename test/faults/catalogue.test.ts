/**
 * The catalogue says once which enactors cannot play a fault, and why: every such entry has a
 * reason per enactor it excludes, the reference backend plays every fault, and --list-faults
 * prints the reason (describeCannotPlay).
 */
import { expect, test } from 'vitest';
import { cannotPlayReason, describeCannotPlay, FAULTS } from '../../harness/faults/catalogue.js';

test('the reference backend plays every fault; an excluded enactor always has a reason', () => {
  expect(FAULTS.filter((f) => cannotPlayReason(f.name, 'backend') !== undefined).map((f) => f.name)).toEqual([]);
  for (const f of FAULTS) for (const reason of Object.values(f.cannotPlay ?? {})) expect(reason.length, f.name).toBeGreaterThan(20);
});

test('the faults a mocked socket cannot play are the ones without a client-visible effect there', () => {
  const mocked = FAULTS.filter((f) => cannotPlayReason(f.name, 'route') && cannotPlayReason(f.name, 'msw')).map((f) => f.name);
  expect(mocked.sort()).toEqual(['accepts-expired-token', 'auth-bypass', 'connection-leak', 'drop-on-client-close', 'no-protocol-pong', 'welcome-pool']);
});

test('--list-faults wording: enactors sharing a reason grouped, none for a fault every enactor plays', () => {
  const pong = FAULTS.find((f) => f.name === 'no-protocol-pong')!;
  expect(describeCannotPlay(pong)).toBe(`route, msw cannot play it: ${pong.cannotPlay!.route}`);
  expect(describeCannotPlay(FAULTS.find((f) => f.name === 'flap')!)).toBeUndefined();
});
