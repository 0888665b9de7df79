/**
 * AsyncAPI against a backend that is not the reference one (quotes-backend.ts, messages told
 * apart by `op`): a profile with only a name and a URL gets its welcome, app ping and request
 * from the document and passes with the contract on; a price sent as a string is
 * MESSAGE_CONTRACT_VIOLATION quoting /price; a crash on a long symbol is found by the random
 * search and shrunk to the shortest symbol that still crashes; a server gone silent after an
 * empty symbol is caught; the seed replays.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { profileSchema, type Profile } from '../../harness/profile/schema.js';
import { loadContract } from '../../harness/contract/validate.js';
import { withDerivedParts } from '../../harness/contract/derive.js';
import type { ContractReport } from '../../harness/contract/check.js';
import { runScenario } from '../../harness/run-scenario.js';
import { CONFORMANCE } from '../../scenarios/index.js';
import unexpectedInput from '../../scenarios/conformance/unexpected-input.js';
import { startQuotesBackend, type QuotesBackend, type QuotesBreakage } from './quotes-backend.js';

const QUOTES = fileURLToPath(new URL('./fixtures/quotes.asyncapi.yaml', import.meta.url));
const contract = loadContract(QUOTES);
const byId = (id: string) => CONFORMANCE.find((s) => s.id === id)!;

let backend: QuotesBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
  delete process.env.WS_CHAOS_SEED;
});

async function quotes(b: QuotesBreakage = {}): Promise<{ profile: Profile; derived: string[] }> {
  backend = await startQuotesBackend(b);
  const { profile, derived } = withDerivedParts(profileSchema.parse({ name: 'quotes', url: backend.url }), contract.model);
  // Short budgets: a silent answer costs one budget.
  return { profile: { ...profile, request: { ...profile.request!, budgetMs: 300 }, appPing: { ...profile.appPing!, budgetMs: 300 }, welcome: { ...profile.welcome!, budgetMs: 500 } }, derived };
}

describe('AsyncAPI with a foreign backend (op-typed quotes)', () => {
  test('the welcome, app ping and request come from the document, and the healthy backend passes with the contract on', async () => {
    const { profile, derived } = await quotes();
    expect(derived.sort()).toEqual(['appPing', 'request', 'welcome']);
    expect(profile.welcome?.match).toEqual({ op: 'hello' });
    expect(profile.appPing).toMatchObject({ request: { op: 'ping' }, response: { op: 'pong' }, idField: 'ref' });
    expect(profile.request).toMatchObject({ send: { op: 'quote', symbol: 'ACME' }, expect: { op: 'quote_result' }, correlationField: 'ref' });
    for (const id of ['conformance/welcome-timing', 'conformance/app-ping-pong', 'conformance/message-roundtrip', 'conformance/unexpected-input']) {
      const r = await runScenario(byId(id), { profile, contract });
      expect(`${id}: ${r.status} ${r.diagnosis?.summary ?? ''}`).toBe(`${id}: passed `);
      expect((r.observations.contract as ContractReport).checked, id).toBeGreaterThan(0);
    }
  });

  test('a price sent as a string breaks the contract: the pointer, the rule and the message are quoted', async () => {
    const { profile } = await quotes({ priceAsString: true });
    const r = await runScenario(byId('conformance/message-roundtrip'), { profile, contract });
    expect(r.status).toBe('failed');
    expect(r.diagnosis?.code).toBe('MESSAGE_CONTRACT_VIOLATION');
    expect(r.diagnosis?.summary).toContain('server → client "quoteResult"');
    expect(r.diagnosis?.summary).toContain('/price must be number (rule: type at #/properties/price/type)');
    expect(r.diagnosis?.summary).toContain('"price":"12.5"');
  });

  test('a crash on a long symbol is found and shrunk to the shortest symbol that crashes, with its seed', async () => {
    const { profile } = await quotes({ crashOnSymbolLongerThan: 8 });
    process.env.WS_CHAOS_SEED = '4242';
    const r = await runScenario(unexpectedInput, { profile, contract });
    expect(r.diagnosis?.code, r.diagnosis?.summary ?? JSON.stringify(r.observations)).toBe('BAD_INPUT_NOT_HANDLED');
    const smallest = (r.observations.smallest as { message: { symbol: string } }).message;
    expect(smallest.symbol).toHaveLength(9);
    expect(r.diagnosis?.summary).toContain('the connection was killed (1006');
    expect(r.diagnosis?.summary).toContain('WS_CHAOS_SEED=4242');
    expect(r.observations.seed).toBe(4242);
  });

  test('a server that goes silent after a bad message fails, quoting that message', async () => {
    const { profile } = await quotes({ silentAfterEmptySymbol: true });
    const r = await runScenario(unexpectedInput, { profile, contract });
    expect(r.diagnosis?.code).toBe('BAD_INPUT_NOT_HANDLED');
    expect(r.diagnosis?.summary).toContain('the server went silent');
    expect(r.diagnosis?.summary).toContain('"symbol":""');
  });

  test('without a contract the profile\'s shapes drive the search (and find the same crash)', async () => {
    const { profile } = await quotes({ crashOnSymbolLongerThan: 8 });
    process.env.WS_CHAOS_SEED = '4242';
    const r = await runScenario(unexpectedInput, { profile });
    expect(r.observations.shapesFrom).toBe('profile');
    expect(r.diagnosis?.code).toBe('BAD_INPUT_NOT_HANDLED');
  });
});
