import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { LONG_FIRST, longFirst } from '../../vitest.config.js';

test('every file the sequencer starts first exists (a renamed file would silently lose its place)', () => {
  expect(LONG_FIRST.filter((p) => !existsSync(p))).toEqual([]);
  expect(new Set(LONG_FIRST).size).toBe(LONG_FIRST.length);
});

test('listed files come first in the listed order; the rest keep the order they had', () => {
  const given = ['test/a.test.ts', LONG_FIRST[2]!, 'test/b.test.ts', LONG_FIRST[0]!, 'test/c.test.ts'];
  expect(longFirst(given, (p) => p)).toEqual([LONG_FIRST[0], LONG_FIRST[2], 'test/a.test.ts', 'test/b.test.ts', 'test/c.test.ts']);
});
