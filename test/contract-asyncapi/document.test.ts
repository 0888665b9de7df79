/**
 * Reading AsyncAPI documents: YAML and JSON, local $refs resolved to one object, references
 * outside the document, 2.x documents and unreadable files refused with a message (exit 2);
 * the discriminator found; violations quote the pointer and rule (required, type, format,
 * an undeclared type).
 */
import { describe, expect, test } from 'vitest';
import { contractFromText, loadContract } from '../../harness/contract/validate.js';
import { ConfigError } from '../../harness/errors.js';
import { REFERENCE_ASYNCAPI } from './reference-contract.js';

const doc = (payload: object, extra: object = {}) =>
  JSON.stringify({
    asyncapi: '3.0.0',
    info: { title: 't', version: '1' },
    channels: { c: { address: '/', messages: { event: { $ref: '#/components/messages/event' } } } },
    operations: { tell: { action: 'send', channel: { $ref: '#/channels/c' }, messages: [{ $ref: '#/channels/c/messages/event' }] } },
    components: { messages: { event: { payload } } },
    ...extra,
  });

const refused = (text: string): ConfigError => {
  try {
    contractFromText(text, 'api.yaml');
  } catch (e) {
    return e as ConfigError;
  }
  throw new Error('not refused');
};

describe('AsyncAPI documents', () => {
  test('JSON and YAML read alike; the discriminator is the field that is a constant', () => {
    const c = contractFromText(doc({ type: 'object', required: ['event', 'at'], properties: { event: { const: 'tick' }, at: { type: 'string', format: 'date-time' } } }));
    expect(c.model.discriminator).toBe('event');
    expect(c.model.messages.map((m) => [m.name, [...m.directions]])).toEqual([['event', ['in']]]);
    const yaml = loadContract(REFERENCE_ASYNCAPI);
    expect(yaml.model.discriminator).toBe('type');
    expect(yaml.model.operations.map((o) => o.id)).toEqual(['sendWelcome', 'answerPing', 'keepalive', 'chat', 'sendError']);
  });

  test('violations name the JSON pointer, the rule and what is wrong', () => {
    const c = contractFromText(doc({ type: 'object', required: ['event', 'at'], properties: { event: { const: 'tick' }, at: { type: 'string', format: 'date-time' }, n: { type: 'integer' } } }));
    expect(c.checkText('{"event":"tick","at":"2024-01-01T00:00:00Z"}', 'in')).toEqual({ ok: true, message: 'event' });
    expect(c.checkText('{"event":"tick"}', 'in')).toMatchObject({ ok: false, problem: { pointer: '/at', rule: 'required at #/required' } });
    expect(c.checkText('{"event":"tick","at":"yesterday"}', 'in')).toMatchObject({ ok: false, problem: { pointer: '/at', rule: 'format at #/properties/at/format' } });
    expect(c.checkText('{"event":"tick","at":"2024-01-01T00:00:00Z","n":"1"}', 'in')).toMatchObject({ ok: false, problem: { pointer: '/n', detail: 'must be integer' } });
    expect(c.checkText('{"event":"tock"}', 'in')).toMatchObject({ ok: false, message: undefined, problem: { pointer: '/event' } });
    // A message the client sends where the document declares none.
    expect(c.checkText('{"event":"tick"}', 'out')).toMatchObject({ ok: false, problem: { detail: 'event "tick" is no client → server message the document declares (declared: none)' } });
    expect(c.checkText('not json', 'in')).toMatchObject({ ok: false, problem: { rule: 'JSON' } });
  });

  test('bad documents are refused with what to do (ConfigError, exit 2)', () => {
    const external = refused(doc({ $ref: 'schemas.yaml#/Event' }));
    expect(external).toBeInstanceOf(ConfigError);
    expect(external.exitCode).toBe(2);
    expect(external.message).toContain('local references only: bundle the document first');
    expect(refused('asyncapi: 2.6.0\ninfo: {title: t, version: "1"}\n').message).toContain('"asyncapi" is "2.6.0", ws-chaos reads 3.x documents');
    expect(refused('asyncapi: [').message).toContain('not valid YAML or JSON');
    expect(refused(doc({ $ref: '#/components/schemas/nope' })).message).toContain('points at nothing');
    expect(() => loadContract('/nonexistent/api.yaml')).toThrow(/cannot read the file \(ENOENT\)/);
  });
});
