import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { DIAGNOSES, DIAGNOSIS_CODES, diagnosis } from '../../harness/diagnose/codes.js';

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
  test('hints stand on their own: no incident numbers a user cannot look up', () => {
    for (const code of DIAGNOSIS_CODES) expect(DIAGNOSES[code].hint, code).not.toMatch(/incident/i);
  });
  test('hints name the mechanism to check, not a post-mortem\'s guess', () => {
    // A read loop failing at once (a deadline in the past), not "run the read pump in a goroutine".
    expect(DIAGNOSES.IMMEDIATE_DISCONNECT.hint).toMatch(/read deadline already in the past/);
    expect(DIAGNOSES.IMMEDIATE_DISCONNECT.hint).toMatch(/does not change this/);
    // The enum compared with an integer is the bug; client_state.value == 1 is the correct form.
    expect(DIAGNOSES.SILENT_SERVER.hint).toMatch(/`websocket\.client_state == 1`, which is always false/);
    expect(DIAGNOSES.SILENT_SERVER.hint).not.toMatch(/client_state\.value == 1 instead/);
  });
  test('the README lists every code', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = DIAGNOSIS_CODES.filter((c) => !readme.includes(`\`${c}\``));
    expect(missing).toEqual([]);
  });
});
