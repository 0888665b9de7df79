import { expect, test } from 'vitest';
import { matches, textMatches } from '../harness/match.js';

test('subset matching', () => {
  expect(matches({ type: 'pong', id: 1, extra: true }, { type: 'pong' })).toBe(true);
  expect(matches({ type: 'pong', id: 1 }, { type: 'pong', id: 2 })).toBe(false);
  expect(matches({ a: { b: 1, c: 2 } }, { a: { b: 1 } })).toBe(true);
  expect(matches([1, 2], [1, 2])).toBe(true);
  expect(matches({ type: 'pong' }, { type: 'ping' })).toBe(false);
  expect(matches('x', { type: 'x' })).toBe(false);
  expect(textMatches('not json', { type: 'x' })).toBe(false);
  expect(textMatches('{"type":"x"}', { type: 'x' })).toBe(true);
});
