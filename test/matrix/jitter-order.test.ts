/**
 * chaos/jitter checks reply order only through the profile's request.correlationField, and a
 * pass says so when the order could not be checked (no field named, or replies without it).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmbeddedToxiproxy, type EmbeddedToxiproxy } from '../../harness/proxy/embedded/index.js';
import { startReferenceTarget } from '../../mock-backend/target.js';
import { runScenario } from '../../harness/run-scenario.js';
import type { Profile } from '../../harness/profile/schema.js';
import { getScenario } from '../../scenarios/index.js';
import { MATRIX_KEEPALIVE, matrixProfile } from './matrix-profile.js';

let proxy: EmbeddedToxiproxy;
beforeAll(async () => {
  proxy = await startEmbeddedToxiproxy();
});
afterAll(async () => {
  await proxy?.stop();
});

async function jitter(correlationField: string | undefined, faults: string[] = []): Promise<{ status: string; code?: string; order: unknown; orderChecked: unknown }> {
  const target = await startReferenceTarget({ faults, keepalive: MATRIX_KEEPALIVE });
  try {
    const base = matrixProfile(target.profile);
    const profile: Profile = { ...base, request: { ...base.request!, correlationField } };
    const r = await runScenario(getScenario('chaos/jitter')!, { profile, toxiproxy: { provider: 'embedded', version: proxy.version, url: proxy.url } });
    return { status: r.status, code: r.diagnosis?.code, order: r.observations.order, orderChecked: r.observations.orderChecked };
  } finally {
    await target.close();
  }
}

test('with the correlation field the backend echoes, the order is checked', async () => {
  const r = await jitter('seq');
  expect(r).toMatchObject({ status: 'passed', orderChecked: true });
  expect(r.order).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
});

test('out-of-order replies are caught through the correlation field', async () => {
  expect(await jitter('seq', ['unordered-replies'])).toMatchObject({ status: 'failed', code: 'MESSAGE_ORDER_VIOLATED' });
});

test('replies that do not echo the named field: passed, but the verdict says the order was not checked', async () => {
  const r = await jitter('ref', ['unordered-replies']);
  expect(r).toMatchObject({ status: 'passed', orderChecked: false, order: 'order not checked: replies carry no correlation field "ref"' });
});

test('no correlation field in the profile: the order is not checked, and the verdict says so', async () => {
  const r = await jitter(undefined, ['unordered-replies']);
  expect(r).toMatchObject({ status: 'passed', orderChecked: false });
  expect(r.order).toMatch(/^order not checked: the profile names no request.correlationField/);
});
