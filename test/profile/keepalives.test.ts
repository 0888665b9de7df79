/**
 * Several keepalives in one profile (issue 13 item 6): the schema normalises one or many into
 * a list, the probe answers each, server-keepalive checks each arrives, and
 * dead-client-detected says which one closed the dead client.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { keepalivesOf, profileSchema, type Profile, type ProfileInput } from '../../harness/profile/schema.js';
import { startReferenceTarget, type ReferenceTarget } from '../../mock-backend/target.js';
import { runScenario } from '../../harness/run-scenario.js';
import deadClient from '../../scenarios/conformance/dead-client-detected.js';
import serverKeepalive from '../../scenarios/conformance/server-keepalive.js';
import staysOpen from '../../scenarios/conformance/stays-open.js';
import type { KeepaliveConfig } from '../../mock-backend/types.js';

const base = { name: 'p', url: 'ws://127.0.0.1:1/ws' };
const APP = { name: 'app ping', kind: 'app', match: { type: 'ping' }, intervalMs: 250, timeoutMs: 1000, toleranceMs: 1000 } as const;
const FRAMES = { name: 'ping frames', kind: 'protocol', intervalMs: 250, timeoutMs: 1000, toleranceMs: 1000 } as const;

describe('keepalive: one object or a list', () => {
  test('one object becomes a list of one, and stays profile.keepalive', () => {
    const p = profileSchema.parse({ ...base, keepalive: APP });
    expect(p.keepalives).toHaveLength(1);
    expect(p.keepalive?.name).toBe('app ping');
    expect(keepalivesOf(p).map((k) => k.name)).toEqual(['app ping']);
  });
  test('a list keeps its order; the first is the primary', () => {
    const p = profileSchema.parse({ ...base, keepalive: [FRAMES, APP] });
    expect(p.keepalive?.kind).toBe('protocol');
    expect(keepalivesOf(p).map((k) => k.name)).toEqual(['ping frames', 'app ping']);
  });
  test('an empty list and a misspelled field inside a list entry are refused', () => {
    expect(profileSchema.safeParse({ ...base, keepalive: [] }).success).toBe(false);
    expect(profileSchema.safeParse({ ...base, keepalive: [APP, { ...FRAMES, interval_ms: 1 }] }).success).toBe(false);
  });
  test('no keepalive: an empty list', () => {
    expect(keepalivesOf(profileSchema.parse(base))).toEqual([]);
  });
  test('a copy that replaces profile.keepalive replaces the primary of the list', () => {
    const p = profileSchema.parse({ ...base, keepalive: [APP, FRAMES] });
    const copy: Profile = { ...p, keepalive: { ...p.keepalive!, intervalMs: 5 } };
    expect(keepalivesOf(copy).map((k) => [k.name, k.intervalMs])).toEqual([['app ping', 5], ['ping frames', 250]]);
  });
});

describe('scenarios against the reference backend with several keepalives', () => {
  let target: ReferenceTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  async function start(kind: KeepaliveConfig['kind'], keepalive: ProfileInput['keepalive'], extra: Partial<Profile> = {}): Promise<Profile> {
    target = await startReferenceTarget({ keepalive: { intervalMs: 250, timeoutMs: 1000 }, backend: { keepalive: { kind } } });
    const ks = profileSchema.parse({ ...base, keepalive });
    return { ...target.profile, keepalive: ks.keepalive, keepalives: ks.keepalives, stayOpenMs: 2000, ...extra };
  }

  test('server-keepalive checks every declared keepalive and names the one that never came', async () => {
    const profile = await start('both', [APP, { ...APP, name: 'heartbeat', match: { type: 'heartbeat' } }]);
    const r = await runScenario(serverKeepalive, { profile });
    expect(r.status).toBe('failed');
    expect(r.diagnosis?.code).toBe('KEEPALIVE_MISSING');
    expect(r.diagnosis?.summary).toContain('"heartbeat"');
    expect(r.diagnosis?.summary).not.toContain('"app ping"');
  });

  test('server-keepalive passes when each declared keepalive arrives, with the time of each', async () => {
    const profile = await start('both', [APP, FRAMES]);
    const r = await runScenario(serverKeepalive, { profile });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    const seen = r.observations.keepalives as Array<{ name: string; firstMs: number | null }>;
    expect(seen.map((k) => k.name).sort()).toEqual(['app ping', 'ping frames']);
    expect(seen.every((k) => typeof k.firstMs === 'number')).toBe(true);
  });

  test('the probe answers a second, app keepalive too: a session stays open past its timeout', async () => {
    // The backend sends app pings only; the primary declared keepalive is ping frames.
    const profile = await start('app', [FRAMES, APP]);
    const r = await runScenario(staysOpen, { profile });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
  });

  test('dead-client-detected says which keepalive closed the dead client', async () => {
    // The backend pings with frames only: the app keepalive the profile also declares never comes.
    const profile = await start('protocol', [APP, FRAMES]);
    const r = await runScenario(deadClient, { profile });
    expect(r.status, r.diagnosis?.summary).toBe('passed');
    expect(r.observations.closedBy).toBe('ping frames');
    expect(r.observations.lastPingKind).toBe('protocol');
  });
});

describe('a parsed profile written out as JSON reads back the same', () => {
  test('the derived lists fold back into keepalive and invalidAuth', async () => {
    const { parseProfile } = await import('../../harness/profile/load.js');
    const p = parseProfile({ ...base, auth: { mode: 'query', token: 't' }, keepalive: [APP, FRAMES], invalidAuth: [{ name: 'a', token: 'x' }, { name: 'none' }] }, {});
    const again = parseProfile(JSON.parse(JSON.stringify(p)), {});
    expect(again).toEqual(p);
    expect(keepalivesOf(again).map((k) => k.name)).toEqual(['app ping', 'ping frames']);
  });
});
