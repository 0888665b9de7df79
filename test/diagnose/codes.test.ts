import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { DIAGNOSES, DIAGNOSIS_CODES, diagnosis } from '../../harness/diagnose/codes';

describe('diagnosis catalogue', () => {
  test('codes are UPPER_SNAKE with a meaning and a hint', () => {
    for (const code of DIAGNOSIS_CODES) {
      expect(code).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
      expect(DIAGNOSES[code].meaning.length).toBeGreaterThan(20);
      expect(DIAGNOSES[code].hint.length).toBeGreaterThan(20);
    }
  });
  test('diagnosis() takes the catalogue hint unless given one', () => {
    expect(diagnosis('SILENT_SERVER', 's').hint).toBe(DIAGNOSES.SILENT_SERVER.hint);
    expect(diagnosis('SILENT_SERVER', 's', 'h').hint).toBe('h');
  });
  test('the README lists every code', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = DIAGNOSIS_CODES.filter((c) => !readme.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });
});
