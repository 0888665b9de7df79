import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderReadme } from '../scripts/readme-tables.js';

test('the README tables (faults, diagnosis codes, scenarios) match the code (run pnpm readme:tables)', () => {
  const readme = readFileSync('README.md', 'utf8');
  expect(readme).toBe(renderReadme(readme));
});

test('the README shows the two commands and CI runs its test command', () => {
  const readme = readFileSync('README.md', 'utf8');
  expect(readme).toContain('pnpm install && pnpm scenarios');
  expect(readme).toContain('pnpm test');
  expect(readFileSync('.ci/run', 'utf8')).toMatch(/^pnpm test$/m);
});
