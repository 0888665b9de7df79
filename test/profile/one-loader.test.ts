/**
 * One profile loader for both kinds (harness/profile/load.ts): the backend profile and the
 * client profile fail the same way — an unreadable file, bad JSON, an unset ${ENV}, an unknown
 * field with a "did you mean" — each a ConfigError (exit 2) in the kind's own words.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { CLIENT_PROFILE, loadClientProfile } from '../../harness/client/profile.js';
import { ConfigError } from '../../harness/errors.js';
import { BACKEND_PROFILE, loadProfile, loadProfileOf, type ProfileKind } from '../../harness/profile/load.js';
import type { z } from 'zod';

const dir = mkdtempSync(join(tmpdir(), 'wsc-one-loader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, body: unknown): string => {
  const p = join(dir, name);
  writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body));
  return p;
};

interface Case {
  kind: ProfileKind<z.ZodType>;
  load: (file: string, env?: NodeJS.ProcessEnv) => { url?: string };
  valid: Record<string, unknown>;
  secretAt: string;
  typo: string;
  meant: string;
}

const kinds: Case[] = [
  { kind: BACKEND_PROFILE, load: loadProfile, valid: { name: 'b', url: 'ws://127.0.0.1:9/ws' }, secretAt: 'url', typo: 'welcom', meant: 'welcome' },
  { kind: CLIENT_PROFILE, load: loadClientProfile, valid: { name: 'c', url: 'ws://127.0.0.1:9/ws' }, secretAt: 'url', typo: 'reconect', meant: 'reconnect' },
];

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe.each(kinds)('the one loader, $kind.what', ({ kind, load, valid, secretAt, typo, meant }) => {
  test('a valid file loads, with ${ENV} interpolated', () => {
    const p = file(`${kind.root}-ok.json`, { ...valid, [secretAt]: 'ws://127.0.0.1:9/ws?token=${WSC_TEST_TOKEN}' });
    const loaded = load(p, { WSC_TEST_TOKEN: 's3cret' });
    expect(loaded.url).toBe('ws://127.0.0.1:9/ws?token=s3cret');
    expect(loadProfileOf(kind, p, { WSC_TEST_TOKEN: 's3cret' })).toEqual(loaded);
  });

  test('an unreadable file, bad JSON, an unset ${ENV} and an unknown field: exit-2 errors naming the problem', () => {
    const missing = configError(() => load(join(dir, 'nope.json')));
    expect(missing.code).toBe('WSC_ERR_PROFILE');
    expect(missing.message).toBe(`cannot read ${kind.what} ${join(dir, 'nope.json')} (ENOENT): check the path.`);

    const badJson = file(`${kind.root}-bad.json`, '{ "name": ');
    expect(configError(() => load(badJson)).message).toMatch(new RegExp(`^${kind.what} .*-bad\\.json is not valid JSON: `));

    const unset = file(`${kind.root}-env.json`, { ...valid, name: '${WSC_TEST_UNSET}' });
    expect(configError(() => load(unset, {})).message).toBe(`${kind.root}.name uses \${WSC_TEST_UNSET}, which is not set: export WSC_TEST_UNSET=... before running.`);

    const typoed = file(`${kind.root}-typo.json`, { ...valid, [typo]: {} });
    const e = configError(() => load(typoed));
    expect(e.message).toContain(`invalid ${kind.what} ${typoed}: `);
    expect(e.message).toContain(`${kind.root}.${typo}`);
    expect(e.message).toContain(`unknown field (did you mean \`${meant}\`?)`);
    expect(e.message).toContain(`See ${kind.docs}.`);
  });
});
