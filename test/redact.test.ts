import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactString } from '../harness/redact';
import { redactOptionsFor } from '../harness/reporters/redact-result';
import { profileSchema } from '../harness/profile/schema';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ3cy1jaGFvcyJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS0_';

describe('redactString', () => {
  it('redacts token and access_token query parameters, keeping the rest of the URL', () => {
    expect(redactString('ws://h:1/ws?token=abc123&room=7')).toBe(`ws://h:1/ws?token=${REDACTED}&room=7`);
    expect(redactString('wss://h/ws?x=1&access_token=s3cr3t#frag')).toBe(`wss://h/ws?x=1&access_token=${REDACTED}#frag`);
    expect(redactString('GET /ws?TOKEN=abc HTTP/1.1')).toBe(`GET /ws?TOKEN=${REDACTED} HTTP/1.1`);
  });

  it('redacts a parameter the profile names, and URL-encoded parameters', () => {
    expect(redactString('ws://h/ws?sid=abc123', { params: ['sid'] })).toBe(`ws://h/ws?sid=${REDACTED}`);
    expect(redactString('ws://h/ws?sid=abc123')).toBe('ws://h/ws?sid=abc123');
    expect(redactString('next=%2Fws%3Ftoken%3Dabc123')).toBe(`next=%2Fws%3Ftoken%3D${REDACTED}`);
  });

  it('redacts JWT-looking strings anywhere, whole', () => {
    const out = redactString(`got ${JWT}, then more`);
    expect(out).toBe(`got ${REDACTED}, then more`);
    expect(out).not.toContain('c2lnbmF0');
  });

  it('redacts Authorization and Cookie header lines and Bearer / Basic credentials', () => {
    expect(redactString('Authorization: Token abc.def')).toBe(`Authorization: ${REDACTED}`);
    expect(redactString('cookie: session=abc; theme=dark\nnext line')).toBe(`cookie: ${REDACTED}\nnext line`);
    expect(redactString('sent Bearer abc.def-123 to the server')).toBe(`sent Bearer ${REDACTED} to the server`);
    expect(redactString('Basic dXNlcjpwYXNz')).toBe(`Basic ${REDACTED}`);
  });

  it('redacts credential fields in JSON text and passwords in URL userinfo', () => {
    expect(redactString('{"type":"welcome","token":"abc\\"def","user":"ann"}')).toBe(`{"type":"welcome","token":"${REDACTED}","user":"ann"}`);
    expect(redactString('{"Authorization": "Bearer x"}')).toBe(`{"Authorization": "${REDACTED}"}`);
    expect(redactString('wss://ann:hunter22@h/ws')).toBe(`wss://ann:${REDACTED}@h/ws`);
  });

  it('redacts literal secrets (at least 4 characters) wherever they appear', () => {
    expect(redactString('the key is opensesame!', { secrets: ['opensesame'] })).toBe(`the key is ${REDACTED}!`);
    expect(redactString('abc abc', { secrets: ['abc'] })).toBe('abc abc');
  });

  it('leaves ordinary text alone', () => {
    const s = 'server closed 1011 (internal error) "Service unavailable" 53.6 ms after open, before the welcome';
    expect(redactString(s)).toBe(s);
    expect(redactString('{"type":"connection_established","user_id":"u1"}')).toBe('{"type":"connection_established","user_id":"u1"}');
  });
});

describe('redact (deep)', () => {
  it('replaces secret header fields whole and scrubs every string', () => {
    const value = {
      url: 'ws://h/ws?token=abc',
      headers: { Authorization: 'Bearer abc', Cookie: 'a=b', 'content-type': 'x' },
      events: [{ text: JWT }, 42, null],
    };
    expect(redact(value)).toEqual({
      url: `ws://h/ws?token=${REDACTED}`,
      headers: { Authorization: REDACTED, Cookie: REDACTED, 'content-type': 'x' },
      events: [{ text: REDACTED }, 42, null],
    });
  });
});

describe('redactOptionsFor', () => {
  it("collects the profile's token, auth parameter and credential headers", () => {
    const profile = profileSchema.parse({
      name: 'p',
      url: 'ws://h/ws',
      auth: { mode: 'query', param: 'sid', token: 'tok-1234567' },
      headers: { Cookie: 'session=cookie-secret-99; theme=dark', 'X-Trace': 'visible' },
    });
    const opts = redactOptionsFor(profile);
    expect(opts.params).toEqual(['sid']);
    expect(opts.secrets).toEqual(expect.arrayContaining(['tok-1234567', 'cookie-secret-99']));
    expect(opts.secrets).not.toContain('visible');
    expect(redactString('saw cookie-secret-99 and tok-1234567 and visible', opts)).toBe(`saw ${REDACTED} and ${REDACTED} and visible`);
  });

  it('covers header and subprotocol auth', () => {
    const header = profileSchema.parse({ name: 'p', url: 'ws://h/ws', auth: { mode: 'header', value: 'Bearer abcdefgh' } });
    expect(redactString('value abcdefgh', redactOptionsFor(header))).toBe(`value ${REDACTED}`);
    const proto = profileSchema.parse({ name: 'p', url: 'ws://h/ws', auth: { mode: 'subprotocol', protocol: 'auth.s3cret' } });
    expect(redactString('protocol auth.s3cret', redactOptionsFor(proto))).toBe(`protocol ${REDACTED}`);
  });
});
