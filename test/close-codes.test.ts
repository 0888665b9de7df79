import { expect, test } from 'vitest';
import { describeClose, isValidWireCloseCode } from '../harness/close-codes.js';

test('close codes valid on the wire follow Autobahn 7.7/7.9', () => {
  for (const ok of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4999]) expect(isValidWireCloseCode(ok), String(ok)).toBe(true);
  for (const bad of [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000]) expect(isValidWireCloseCode(bad), String(bad)).toBe(false);
});

test('describeClose names the code and quotes the reason', () => {
  expect(describeClose(1011, 'Service unavailable')).toBe('1011 (internal error) "Service unavailable"');
  expect(describeClose(4001)).toBe('4001 (application code)');
});
